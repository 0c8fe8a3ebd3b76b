"""Do digests quote what a story says about the beat? Measured on the seeds' 19 transcripts.

A helper session that saw neither the code nor the bot's output labelled, in each transcript, every sentence
that says something substantive about US–China relations, and up to three an analyst would most want quoted
(`testkit/labels/beat_sentences_seeds.jsonl`). For each transcript the digest's story sentences are graded:
on-beat precision (quoted sentences that are labelled on the beat) and best@2 (one of the "best" quoted).
A transcript is held out when the CRC-32 of its file name is odd; BEAT_WEIGHT was chosen on the tune half.
`--scorers` compares the bi-encoder alone ("bi") with the cross-encoder reranking each story's shortlist by
logit + w × the bi-encoder score (a number: w), and times a digest of all the seeds with each.

Run: .venv/bin/python bench/digest_beat.py [--weights 0,0.5,1,2,4] [--scorers bi,0,2,4,8,16]
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
    parser.add_argument("--scorers", default="bi", help="bi: the bi-encoder alone; a number w: the cross-encoder"
                        " on each story's shortlist, logit + w × the bi-encoder score")
    parser.add_argument("--runs", type=int, default=3, help="digests of all the seeds built to time each scorer")
    parser.add_argument("--misses", action="store_true", help="print the held-out sentences graded wrong")
    args = parser.parse_args()
    from core.config import DEFAULT_BEAT
    from core.digest import Digester
    from core.ingest import ingest
    from model.embeddings import make_embedder
    from model.reranker import Reranker
    from store import open_store

    labels = [json.loads(line) for line in LABELS.read_text().splitlines() if line.strip()]
    embedder = make_embedder()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'seeds.db'}")
        assert ingest(store, embedder, [str(ROOT / "seeds")]).ok
        ids = {Path(r["path"]).name: r["id"] for r in store.sql.query("SELECT id, path FROM articles")}
        reranker = Reranker()
        timings = {}
        print("| beat weight | scorer | half | transcripts | on-beat precision | best@2 |\n|---|---|---|---|---|---|")
        for weight, scorer in ((float(w), s) for w in args.weights.split(",") for s in args.scorers.split(",")):
            digester = Digester(store, embedder, beat=DEFAULT_BEAT if weight else None, beat_weight=weight,
                                **({} if scorer == "bi" else {"reranker": reranker, "rerank_cosine": float(scorer)}))
            name = "bi-encoder" if scorer == "bi" else f"cross-encoder + {float(scorer):g}×bi"
            if weight and args.runs and not any(s == scorer for _, s in timings):
                timings[weight, scorer] = timed(digester, args.runs)
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
                print(f"| {weight:g} | {name} | {half} | {len(chosen)} |"
                      f" {right / max(shown, 1):.0%} ({right}/{shown}) |"
                      f" {best / max(len(chosen), 1):.0%} ({best}/{len(chosen)}) |", flush=True)
                if args.misses and half == "held-out":
                    for file, sentence in misses:
                        print(f"    miss {file[:60]}: {sentence[:160]}")
        for (weight, scorer), seconds in timings.items():
            print(f"digest of all the seeds, scorer {scorer}, beat weight {weight:g}:"
                  f" median {statistics.median(seconds):.2f} s of {args.runs}"
                  f" ({', '.join(f'{t:.2f}' for t in seconds)})")


def timed(digester, runs: int) -> list[float]:
    """Seconds to build the digest of everything indexed (its 10 stories), once to warm up, then `runs` times."""
    since, until = datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC)
    digester.build(since, until)
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        digest = digester.build(since, until)
        seconds.append(time.perf_counter() - start)
        assert len(digest.stories) == 10
    return seconds


if __name__ == "__main__":
    main()
