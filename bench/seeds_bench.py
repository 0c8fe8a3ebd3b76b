"""Core benchmark: ingest time for seeds/, warm answer() latency over the dev set, RSS, cold start,
with the bot's embedding engine (EMBEDDING_ENGINE, default onnx-int8).

Run: make bench   (or .venv/bin/python bench/core.py --runs 3)
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot.app import make_answerer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def one_run(workdir: Path) -> dict[str, float]:
    from core.ingest import ingest
    from model.embeddings import make_embedder
    from store import Store
    from testkit.dev_questions import DEV_SET

    db = workdir / f"bench-{time.time_ns()}.db"
    embedder = make_embedder()
    embedder.load()
    store = Store(db)
    start = time.perf_counter()
    report = ingest(store, embedder, [str(ROOT / "seeds")])
    ingest_s = time.perf_counter() - start
    answerer = make_answerer(store, embedder)
    answerer.answer("warm up")
    latencies = []
    for _ in range(3):
        for case in DEV_SET:
            t = time.perf_counter()
            answerer.answer(case.query)
            latencies.append((time.perf_counter() - t) * 1000)
    env = {**os.environ, "DATABASE_PATH": str(db)}
    t = time.perf_counter()
    subprocess.run([str(ROOT / ".venv/bin/us-china"), "ask", "tensions taiwan"], env=env, check=True,
                   capture_output=True)
    cold_s = time.perf_counter() - t
    t = time.perf_counter()
    subprocess.run([str(ROOT / ".venv/bin/us-china"), "stats"], env=env, check=True, capture_output=True)
    stats_s = time.perf_counter() - t
    return {
        "ingest_s": ingest_s, "chunks": report.chunks, "chunks_per_s": report.chunks / ingest_s,
        "p50_ms": pct(latencies, 50), "p95_ms": pct(latencies, 95),
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "cold_ask_s": cold_s, "stats_s": stats_s, "db_mb": store.stats()["db_bytes"] / 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        runs = [one_run(Path(tmp)) for _ in range(args.runs)]
    print(f"# {os.cpu_count()} cores, {args.runs} runs; median (min–max)")
    print("| figure | value |\n|---|---|")
    for key in runs[0]:
        values = [r[key] for r in runs]
        print(f"| {key} | {statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f}) |")


if __name__ == "__main__":
    main()
