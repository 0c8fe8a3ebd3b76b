"""`us-china serve` processes sharing one database, and a round-robin balancer in front of them: for
tests/test_replicas.py and bench/replicas.py."""
from __future__ import annotations

import itertools
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from testkit.ports import free_port
from testkit.slack_requests import FORM, post

ROOT = Path(__file__).resolve().parent.parent


class Replica:
    def __init__(self, name: str, env: dict, folder: Path) -> None:
        self.name, self.port = name, free_port()
        self.log_path = folder / f"{name}.log"
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen([sys.executable, "-m", "bot", "serve"], cwd=ROOT, stdout=self.log,
                                     stderr=self.log, env={**env, "PORT": str(self.port)})
        self.url = f"http://127.0.0.1:{self.port}/slack/events"

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=1) as r:
                return r.status == 200
        except OSError:
            return False

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(15)
        self.log.close()


def wait_healthy(replicas: list[Replica], timeout: float = 120) -> None:
    deadline = time.time() + timeout
    while not all(r.healthy() for r in replicas):
        assert time.time() < deadline and all(r.proc.poll() is None for r in replicas), \
            "\n".join(r.log_path.read_text()[-2000:] for r in replicas)
        time.sleep(0.3)


def balanced(replicas: list[Replica]) -> Callable[..., tuple[int, Replica]]:
    """Round-robin over the replicas still up, as a load balancer with health checks does."""
    turn = itertools.cycle(range(len(replicas)))

    def send(body: str, content_type: str = FORM, headers: dict | None = None) -> tuple[int, Replica]:
        for _ in range(len(replicas)):
            replica = replicas[next(turn)]
            if replica.proc.poll() is not None:
                continue
            try:
                status, _ = post(replica.url, body, content_type, headers=headers)
                return status, replica
            except OSError:
                continue  # refused: the balancer tries the next one
        raise AssertionError("no replica is up")

    return send
