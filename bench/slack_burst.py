"""Slack round trip: N concurrent signed slash commands against `us-china serve` (HTTP mode) and a local
Slack stand-in; prints p50/p95/max ack time and time to the answer at the response_url.

Run: .venv/bin/python bench/slack_burst.py [--n 40] [--runs 3]   (needs seeds indexed in DATABASE_PATH)
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from testkit.fake_slack import FakeSlack
from testkit.slack_requests import FORM, SECRET, command_body, post

QUERIES = ["tensions taiwan", "who is Kurt Campbell", "spy balloon", "AUKUS submarines", "fentanyl cooperation"]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def burst(url: str, slack: FakeSlack, n: int, tag: str) -> tuple[list[float], list[float]]:
    sent: dict[int, float] = {}

    def send(i: int) -> float:
        sent[i] = time.perf_counter()
        status, _ = post(url, command_body(QUERIES[i % len(QUERIES)], slack.response_url(f"{tag}-{i}"),
                                        user=f"UBENCH{i % 20}"), FORM)
        assert status == 200
        return time.perf_counter() - sent[i]

    with ThreadPoolExecutor(n) as pool:
        acks = list(pool.map(send, range(n)))
    answers = []
    for i in range(n):
        slack.wait_for(f"/respond/{tag}-{i}", timeout=300)
    done = {path.rsplit("-", 1)[1]: t for path, t in slack.times.items() if path.startswith(f"/respond/{tag}-")}
    answers = [done[str(i)] - sent[i] for i in range(n)]
    return acks, answers


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    slack = FakeSlack()
    db = os.environ.get("DATABASE_PATH", str(ROOT / "data/us-china.db"))
    with tempfile.TemporaryDirectory() as tmp:
        port = 3900 + os.getpid() % 1000
        env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-bench", "SLACK_SIGNING_SECRET": SECRET,
               "SLACK_API_URL": slack.api_url, "PORT": str(port), "DATABASE_PATH": db, "HF_HUB_OFFLINE": "1"}
        env.pop("SLACK_APP_TOKEN", None)
        log = open(Path(tmp) / "server.log", "w")
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "bot", "serve"], cwd=ROOT, env=env, stdout=log, stderr=log)
        base = f"http://127.0.0.1:{port}"
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.05)
        healthy = time.perf_counter() - start
        time.sleep(8)  # let the background warm-up finish, as it would before real traffic
        try:
            rows = []
            for r in range(args.runs):
                rows.append(burst(base + "/slack/events", slack, args.n, f"r{r}"))
                print(f"run {r + 1}: ack p99 {pct(rows[-1][0], 99) * 1000:.0f} ms, "
                      f"answer p95 {pct(rows[-1][1], 95) * 1000:.0f} ms", flush=True)
        finally:
            proc.terminate()
    print(f"# {args.n} concurrent slash commands, {args.runs} runs, {os.cpu_count()} cores; median (min–max) of runs")
    print(f"# serve -> /healthz 200: {healthy:.2f} s")
    print("| figure | ms |\n|---|---|")
    for name, pick in [("ack p50", lambda a, b: pct(a, 50)), ("ack p95", lambda a, b: pct(a, 95)),
                       ("ack p99", lambda a, b: pct(a, 99)), ("ack max", lambda a, b: max(a)),
                       ("answer p50", lambda a, b: pct(b, 50)), ("answer p95", lambda a, b: pct(b, 95)),
                       ("answer max", lambda a, b: max(b))]:
        values = [pick(a, b) * 1000 for a, b in rows]
        print(f"| {name} | {statistics.median(values):.0f} ({min(values):.0f}–{max(values):.0f}) |")


if __name__ == "__main__":
    main()
