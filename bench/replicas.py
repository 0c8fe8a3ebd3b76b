"""Three `us-china serve` replicas on one PostgreSQL, 300 slash commands over 60 s spread round-robin, one
replica SIGKILLed half-way, a digest falling due mid-run.

Reports: ack latency (the signed POST's round trip) p50/p99/max, the share acked within 3 s, time from the
command to its reply at the response_url p50/p95/max, questions answered once / twice / never, how many the
survivors took over from the killed replica, and the digest posts in the channel.

Run: .venv/bin/python bench/replicas.py [--commands 300] [--seconds 60]
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from bench.scale import pct

QUESTIONS = ["tensions taiwan", "who is Kurt Campbell", "which three countries are in AUKUS?",
             "what did Biden say about Xi", "export controls on semiconductors", "who is Jake Sullivan",
             "when did Biden meet Xi in Woodside?", "what is the Quad", "fentanyl cooperation", "who is Wang Yi"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--commands", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    from core.ingest import ingest
    from model.embeddings import make_embedder
    from store import open_store
    from testkit.fake_slack import FakeSlack
    from testkit.postgres import PostgresServer
    from testkit.replicas import Replica, balanced, wait_healthy
    from testkit.slack_requests import FORM, SECRET, command_body, post

    with tempfile.TemporaryDirectory() as tmp, PostgresServer() as server:
        store = open_store(server.url)
        assert ingest(store, make_embedder(), [str(ROOT / "seeds")]).ok
        store.close()
        slack = FakeSlack()
        env = {**os.environ, "DATABASE_URL": server.url, "SLACK_BOT_TOKEN": "xoxb-bench",
               "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": slack.api_url, "HF_HUB_OFFLINE": "1",
               "RATE_LIMIT_PER_MINUTE": "0", "SLACK_APP_TOKEN": ""}
        replicas = [Replica(f"replica{i}", env, Path(tmp)) for i in range(3)]
        try:
            wait_healthy(replicas)
            time.sleep(5)  # warm-up answers
            while datetime.now(UTC).second not in range(20, 30):  # the digest falls due ~35 s into the run
                time.sleep(0.5)
            due = (datetime.now(UTC) + timedelta(minutes=1)).replace(second=0, microsecond=0)
            post(replicas[0].url, command_body(f"schedule daily {due:%H:%M}", slack.response_url("schedule"),
                                               channel="CDIGEST"), FORM)
            slack.wait_for("/respond/schedule")
            send = balanced(replicas)
            sent_at, acks = {}, {}
            kill_at = args.commands // 2
            start = time.perf_counter()

            def one(i: int) -> None:
                name = f"q{i}"
                sent_at[name] = time.perf_counter()
                t = time.perf_counter()
                status, _ = send(command_body(QUESTIONS[i % len(QUESTIONS)], slack.response_url(name)))
                acks[name] = (status, time.perf_counter() - t)

            victim = replicas[1]

            def one_then_kill(i: int) -> None:
                """The victim acks a question, and is killed before it can have answered it."""
                name = f"q{i}"
                sent_at[name] = time.perf_counter()
                status, _ = post(victim.url, command_body(QUESTIONS[i % len(QUESTIONS)], slack.response_url(name)),
                                 FORM)
                victim.proc.send_signal(signal.SIGKILL)
                acks[name] = (status, time.perf_counter() - sent_at[name])

            with ThreadPoolExecutor(16) as pool:
                for i in range(args.commands):
                    time.sleep(max(0.0, start + i * args.seconds / args.commands - time.perf_counter()))
                    if i == kill_at:
                        one_then_kill(i)
                    else:
                        pool.submit(one, i)
            acked = [name for name, (status, _) in acks.items() if status == 200]
            deadline = time.time() + 90
            while time.time() < deadline and any(not slack.received(f"/respond/{n}") for n in acked):
                time.sleep(0.5)
            time.sleep(5)
            while datetime.now(UTC) < due + timedelta(seconds=70) and not slack.delivered("CDIGEST"):
                time.sleep(1)
            counts = [len(slack.received(f"/respond/{n}")) for n in acked]
            replied = [slack.times[f"/respond/{n}"] - sent_at[n] for n in acked if f"/respond/{n}" in slack.times]
            ack_s = [seconds for _, seconds in acks.values()]
            took_over = sum(r.log_path.read_text().count("that another process left") for r in replicas)
            print(f"\n# 3 replicas, 2 cores, PostgreSQL 18.3; {args.commands} commands over {args.seconds:.0f} s,"
                  " replica1 SIGKILLed half-way")
            print("| figure | value |\n|---|---|")
            print(f"| acked (HTTP 200) | {len(acked)}/{args.commands} |")
            print(f"| acked within 3 s | {sum(s <= 3 for s in ack_s) / len(ack_s):.1%} |")
            print(f"| ack p50 / p99 / max ms | {pct(ack_s, 50) * 1000:.0f} / {pct(ack_s, 99) * 1000:.0f} /"
                  f" {max(ack_s) * 1000:.0f} |")
            print(f"| reply p50 / p95 / max s | {pct(replied, 50):.2f} / {pct(replied, 95):.2f} /"
                  f" {max(replied):.2f} |")
            print(f"| answered once / twice or more / never | {counts.count(1)} / {sum(c > 1 for c in counts)} /"
                  f" {counts.count(0)} |")
            print(f"| taken over from the killed replica | {took_over} |")
            print(f"| digest posts in the channel | {len(slack.delivered('CDIGEST'))} |")
        finally:
            for replica in replicas:
                replica.stop()
            slack.close()


if __name__ == "__main__":
    main()
