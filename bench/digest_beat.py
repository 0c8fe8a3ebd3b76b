"""Do digests quote what a story says about the beat? Measured on the seeds' 19 transcripts.

A helper session that saw neither the code nor the bot's output labelled, in each transcript, every sentence
that says something substantive about US–China relations, and up to three an analyst would most want quoted
(`testkit/labels/beat_sentences_seeds.jsonl`). For each transcript the digest's story sentences are graded:
on-beat precision (quoted sentences that are labelled on the beat) and best@2 (one of the "best" quoted).
A transcript is held out when the CRC-32 of its file name is odd; BEAT_WEIGHT was chosen on the tune half.
It also times the digest of all the seeds (its 10 stories) as the bot builds it.

Run: .venv/bin/python bench/digest_beat.py [--weights 0,0.5,1,2,4] [--runs 3]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import zlib
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

LABELS = ROOT / "testkit" / "labels" / "beat_sentences_seeds.jsonl"


def norm(text: str) -> str:
    return " ".join(text.lower().split())


def matches(sentence: str, labelled: list[str]) -> bool:
    s = norm(sentence)
    return any(norm(label) in s or s in norm(label) for label in labelled)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", default="0,0.5,1,2,4", help="beat weights to compare (0: no beat)")
    parser.add_argument("--misses", action="store_true", help="print the held-out sentences graded wrong")
    parser.add_argument("--runs", type=int, default=3, help="digests of all the seeds built to time one (0: none)")
    args = parser.parse_args()
    from core.config import DEFAULT_BEAT
    from core.digest import Digester
    from core.ingest import ingest
    from model.embeddings import make_embedder
    from store import open_store

    labels = [json.loads(line) for line in LABELS.read_text().splitlines() if line.strip()]
    embedder = make_embedder()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'seeds.db'}")
        assert ingest(store, embedder, [str(ROOT / "seeds")]).ok
        ids = {Path(r["path"]).name: r["id"] for r in store.sql.query("SELECT id, path FROM articles")}
        print("| beat weight | half | transcripts | on-beat precision | best@2 |\n|---|---|---|---|---|")
        for weight in (float(w) for w in args.weights.split(",")):
            digester = Digester(store, embedder, beat=DEFAULT_BEAT if weight else None, beat_weight=weight)
            for half in ("tune", "held-out"):
                chosen = [lab for lab in labels if (zlib.crc32(lab["file"].encode()) % 2 == 1) == (half == "held-out")
                          and lab["on_beat"]]
                right = shown = best = 0
                misses = []
                for lab in chosen:
                    article = store.get_article(ids[lab["file"]])
                    sentences = digester.story_sentences(article)
                    shown += len(sentences)
                    hits = [matches(s, lab["on_beat"]) for s in sentences]
                    right += sum(hits)
                    best += any(matches(s, lab["best"]) for s in sentences)
                    misses += [(lab["file"], s) for s, hit in zip(sentences, hits) if not hit]
                print(f"| {weight:g} | {half} | {len(chosen)} | {right / max(shown, 1):.0%} ({right}/{shown}) |"
                      f" {best / max(len(chosen), 1):.0%} ({best}/{len(chosen)}) |", flush=True)
                if args.misses and half == "held-out":
                    for file, sentence in misses:
                        print(f"    miss {file[:60]}: {sentence[:160]}")
        if args.runs:
            seconds = timed(Digester(store, embedder), args.runs)
            print(f"digest of all the seeds (10 stories, BEAT_WEIGHT): median {statistics.median(seconds):.2f} s"
                  f" of {args.runs} ({', '.join(f'{t:.2f}' for t in seconds)})")


def timed(digester, runs: int) -> list[float]:
    """Seconds to build the digest of everything indexed, once to warm up, then `runs` times."""
    since, until = datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC)
    digester.build(since, until)
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        assert len(digester.build(since, until).stories) == 10
        seconds.append(time.perf_counter() - start)
    return seconds


if __name__ == "__main__":
    main()
