"""Filtered questions at scale (issue #20): answer latency with each filter beside the same questions unfiltered.

The indexes are bench/scale.py's (seeds/ + BBC repeated as distinct articles), built there first when missing.
Each filter is applied inside the search (FTS5 joined with the articles; the vector matrix scored over the
allowed rows only), so a filter's cost is finding the allowed chunks.

Run: .venv/bin/python bench/filters.py [--sizes 100000,1000000] [--runs 3] [--workdir /tmp/scale]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scale import NEWS_QUERIES, build_base, grow, pct

FILTERS = ["", "since:2023-06-01", "before:2023-01", "source:state.gov", "outlet:BBC", "latest"]


def one_run(db: Path) -> dict[str, tuple[float, float]]:
    """filter -> (p50 ms, p95 ms) over the question set, after a warm-up pass."""
    from bot.app import make_answerer
    from model.embeddings import make_embedder
    from store import Store

    answerer = make_answerer(Store(db), make_embedder())
    queries = list(NEWS_QUERIES)
    for q in queries:
        answerer.answer(q)
    result = {}
    for f in FILTERS:
        times = []
        for q in queries:
            text = f"latest {q}" if f == "latest" else f"{q} {f}".strip()
            start = time.perf_counter()
            answerer.answer(text)
            times.append((time.perf_counter() - start) * 1000)
        result[f or "(none)"] = (pct(times, 50), pct(times, 95))
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir", default="/tmp/scale", help="bench/scale.py's databases (built if missing)")
    args = parser.parse_args()
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    base = work / "base.db"
    if not base.exists():
        build_base(base)
    print(f"# {os.cpu_count()} cores; {len(NEWS_QUERIES)} questions a filter; median of {args.runs} runs (min–max)")
    print("| chunks | filter | p50 ms | p95 ms |")
    print("|---|---|---|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        db = work / f"scale-{size}.db"
        if not db.exists():
            partial = db.with_suffix(".partial")
            grow(base, partial, size)
            partial.rename(db)
        runs = [one_run(db) for _ in range(args.runs)]
        for name in runs[0]:
            p50s, p95s = [r[name][0] for r in runs], [r[name][1] for r in runs]
            print(f"| {size:,} | {name} | {statistics.median(p50s):.0f} ({min(p50s):.0f}–{max(p50s):.0f}) | "
                  f"{statistics.median(p95s):.0f} ({min(p95s):.0f}–{max(p95s):.0f}) |", flush=True)


if __name__ == "__main__":
    main()
