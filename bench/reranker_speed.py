"""How long the cross-encoder takes to rerank a 60-sentence shortlist, and what padding costs and changes.

Query: the title of the AUKUS seed article. Passages: 60 sentences spread over all the seed articles (split on
'. '), each with its neighbouring sentences as context for the second timing. Every figure is the median of
--runs calls after one warm-up call, wall clock and the process's CPU time. Compared with the shipped
tokenizer.json as it is (every pair padded to 512 tokens) and with padded batches of 16, whose scores move with
their batch neighbours (see model/reranker.py).

Run: .venv/bin/python -m model.reranker_install && .venv/bin/python bench/reranker_speed.py
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from model.reranker import Reranker

SEEDS = ROOT / "seeds"
QUERY_SEED = "2022-02-19-state-secretary-blinkens-trilateral-meeting-*.txt"  # Blinken, Payne and Truss on AUKUS


def shortlist(count: int = 60) -> tuple[str, list[str], list[str]]:
    """(query, sentences, contexts): sentences taken evenly over every seed article, context = the sentences
    just before and after it in its article."""
    query = next(SEEDS.glob(QUERY_SEED)).read_text().splitlines()[0].strip()
    candidates = []
    for path in sorted(SEEDS.glob("*.txt")):
        body = " ".join(path.read_text().split("\n", 1)[-1].split())  # the title line is not body text
        sentences = [s.strip() for s in body.split(". ") if len(s.split()) >= 6]
        for i, sentence in enumerate(sentences):
            context = " ".join(sentences[max(0, i - 1):i] + sentences[i + 1:i + 2])
            candidates.append((sentence, context))
    step = len(candidates) / count
    chosen = [candidates[int(i * step)] for i in range(count)]
    return query, [s for s, _ in chosen], [c for _, c in chosen]


def timed(calls: list[Callable[[], object]], runs: int) -> list[tuple[float, float]]:
    """(median wall ms, median CPU ms of the whole process) per call. The calls take turns within each run, so
    load from anything else on the machine falls on all of them alike."""
    for call in calls:
        call()  # warm-up: loads the model, first-run allocations
    wall: list[list[float]] = [[] for _ in calls]
    cpu: list[list[float]] = [[] for _ in calls]
    for _ in range(runs):
        for i, call in enumerate(calls):
            start, start_cpu = time.perf_counter(), time.process_time()
            call()
            wall[i].append(time.perf_counter() - start)
            cpu[i].append(time.process_time() - start_cpu)
    return [(statistics.median(w) * 1000, statistics.median(c) * 1000) for w, c in zip(wall, cpu, strict=True)]


def naive_512(reranker: Reranker, query: str, passages: list[str]) -> np.ndarray:
    """The shipped tokenizer.json as it is: both segments truncated longest-first, every pair padded to 512,
    batches of 16 on the same session and threads."""
    from tokenizers import Tokenizer

    session, _ = reranker._load()
    tokenizer = Tokenizer.from_file(str(reranker.folder / "tokenizer.json"))
    encodings = tokenizer.encode_batch([(query, p) for p in passages])

    def run(start: int) -> np.ndarray:
        batch = encodings[start:start + 16]
        feeds = {"input_ids": np.array([e.ids for e in batch], dtype=np.int64),
                 "attention_mask": np.array([e.attention_mask for e in batch], dtype=np.int64),
                 "token_type_ids": np.array([e.type_ids for e in batch], dtype=np.int64)}
        return session.run(["logits"], feeds)[0][:, 0]

    assert reranker._pool is not None
    return np.concatenate(list(reranker._pool.map(run, range(0, len(encodings), 16))))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    reranker = Reranker()
    if not (reranker.folder / "model.onnx").is_file():
        print(f"no model in {reranker.folder}: run `python -m model.reranker_install` first", file=sys.stderr)
        return 1
    query, passages, contexts = shortlist()
    plain_lengths = [len(ids) for ids, _ in reranker.encode(query, passages)]
    context_lengths = [len(ids) for ids, _ in reranker.encode(query, passages, contexts)]
    print(f"query: {query!r}")
    print(f"{len(passages)} pairs; tokens per pair: median {statistics.median(plain_lengths):.0f}, "
          f"max {max(plain_lengths)}; with context median {statistics.median(context_lengths):.0f}, "
          f"max {max(context_lengths)}")
    print(f"load average before: {os.getloadavg()[0]:.2f}")

    batched = Reranker(reranker.folder, batch_size=16)
    reference = reranker.score(query, passages)
    rows = [
        ("unpadded, batch 1, 2 threads (default)", lambda: reranker.score(query, passages)),
        ("  same, with context", lambda: reranker.score(query, passages, contexts)),
        ("padded to longest, batch 16, 2 threads", lambda: batched.score(query, passages)),
        ("  same, with context", lambda: batched.score(query, passages, contexts)),
        ("naive: tokenizer.json as shipped, pad 512, batch 16", lambda: naive_512(reranker, query, passages)),
    ]
    print(f"{'':<54} {'wall':>8}    {'CPU':>8}")
    for (label, _), (wall, cpu) in zip(rows, timed([call for _, call in rows], args.runs), strict=True):
        print(f"{label:<54} {wall:8.0f} ms {cpu:8.0f} ms")

    drift16 = np.abs(batched.score(query, passages) - reference).max()
    drift512 = np.abs(naive_512(reranker, query, passages) - reference).max()
    print(f"largest score change against the default: batch 16 {drift16:.3f}, naive 512 {drift512:.3f} (logits)")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
