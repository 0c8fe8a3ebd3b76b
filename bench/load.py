"""Load with concurrent writes: slash commands at a steady rate while a folder ingest of the BBC corpus
(../shared/data/bbc-fulltext, read in place) runs in the SAME process as the Slack server.

One process holds the Bolt app served by uvicorn (signed requests, as Slack sends them), the local Slack
stand-in, and an ingest thread writing articles; commands arrive evenly over the window. Reports ack and
answer percentiles, errors, and any "database is locked" logged anywhere.

Run: .venv/bin/python bench/load.py [--commands 300] [--seconds 60]
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from bench.slack_burst import QUERIES, pct
from testkit.fake_slack import FakeSlack
from testkit.slack_requests import FORM, SECRET, command_body, post

BBC = ROOT.parent / "shared" / "data" / "bbc-fulltext"


class LockWatch(logging.Handler):
    """Counts log records that mention a locked database, from any logger in the process."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.locked = 0
        self.errors = 0

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage() + (logging.Formatter().formatException(record.exc_info) if record.exc_info else "")
        self.locked += "database is locked" in text
        self.errors += record.levelno >= logging.ERROR


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--commands", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()

    import uvicorn

    from bot.app import create_app, make_answerer
    from bot.http import http_app
    from core.config import Settings
    from core.ingest import ingest
    from model.embeddings import make_embedder
    from store import Store
    from testkit.ports import free_port

    watch = LockWatch()
    logging.getLogger().addHandler(watch)
    slack = FakeSlack()
    folder = Path(tempfile.mkdtemp())
    store, embedder = Store(folder / "load.db"), make_embedder()
    t = time.perf_counter()
    ingest(store, embedder, [str(ROOT / "seeds")])
    print(f"seeds indexed in {time.perf_counter() - t:.0f} s; starting the server and the BBC ingest")
    port = free_port()
    settings = Settings.from_env({"SLACK_BOT_TOKEN": "xoxb-load", "SLACK_SIGNING_SECRET": SECRET,
                                  "SLACK_API_URL": slack.api_url, "PORT": str(port), "RATE_LIMIT_PER_MINUTE": "0"})
    app = create_app(settings, make_answerer(store, embedder))
    server = uvicorn.Server(uvicorn.Config(http_app(app), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}/slack/events"

    ingest_report = {}

    def write() -> None:
        start = time.perf_counter()
        report = ingest(store, embedder, [str(BBC)])
        ingest_report.update(seconds=time.perf_counter() - start, added=len(report.added), chunks=report.chunks,
                             failed=len(report.failed))

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    time.sleep(5)  # the ingest is under way
    chunks_before = store.stats()["chunks"]
    sent: dict[int, float] = {}
    acks: dict[int, float] = {}
    statuses: dict[int, int] = {}

    def send(i: int) -> None:
        sent[i] = time.perf_counter()
        statuses[i], _ = post(url, command_body(QUERIES[i % len(QUERIES)], slack.response_url(f"load-{i}"),
                                                user=f"ULOAD{i % 50}"), FORM)
        acks[i] = time.perf_counter() - sent[i]

    interval = args.seconds / args.commands
    with ThreadPoolExecutor(32) as pool:
        begin = time.perf_counter()
        for i in range(args.commands):
            time.sleep(max(0.0, begin + i * interval - time.perf_counter()))
            pool.submit(send, i)
    answers = []
    for i in range(args.commands):
        slack.wait_for(f"/respond/load-{i}", timeout=600)
        answers.append(slack.times[f"/respond/load-{i}"] - sent[i])
    chunks_during = store.stats()["chunks"] - chunks_before
    still_ingesting = writer.is_alive()
    ack = list(acks.values())
    print(f"\n{args.commands} slash commands over {args.seconds:.0f} s while ingesting {BBC.name} in the same process"
          f" ({chunks_during:,} chunks written during the window; ingest still running at the end: {still_ingesting})")
    print(f"HTTP statuses: {sorted(set(statuses.values()))}; acked within 3 s: {sum(a < 3 for a in ack)}/{len(ack)};"
          f" answered: {len(answers)}/{args.commands}")
    print(f"ack ms p50 / p95 / p99 / max: {pct(ack, 50) * 1000:.0f} / {pct(ack, 95) * 1000:.0f} / "
          f"{pct(ack, 99) * 1000:.0f} / {max(ack) * 1000:.0f}")
    print(f"answer s p50 / p95 / p99 / max: {pct(answers, 50):.2f} / {pct(answers, 95):.2f} / "
          f"{pct(answers, 99):.2f} / {max(answers):.2f}")
    print(f"'database is locked' in logs: {watch.locked}; error log records: {watch.errors}")
    writer.join()
    print(f"BBC ingest: {ingest_report}")


if __name__ == "__main__":
    main()
