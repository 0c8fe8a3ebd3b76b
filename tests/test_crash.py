"""Crash and restart: `us-china serve` SIGKILLed while a digest is posting and while answering; after a
restart no digest is lost or posted twice, and the database passes its integrity check."""
from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime, timedelta

import pytest

from store import Store
from store.schedules import Schedules
from testkit.ports import free_port
from testkit.slack_requests import FORM, SECRET, command_body, post
from tests.conftest import ROOT


def start(db, slack, log_path):
    port = free_port()
    env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": slack.api_url,
           "PORT": str(port), "DATABASE_PATH": str(db), "HF_HUB_OFFLINE": "1"}
    log = open(log_path, "a")
    proc = subprocess.Popen([sys.executable, "-m", "bot", "serve"], cwd=ROOT, env=env, stdout=log, stderr=log)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return proc, f"http://127.0.0.1:{port}/slack/events"
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise AssertionError(log_path.read_text())


def kill(proc) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)


def integrity(db) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def due_now(db, channel: str) -> int:
    """A daily schedule whose time is this minute, made yesterday: due the moment a server starts."""
    now = datetime.now(UTC)
    return Schedules(Store(db)).create("", channel, "daily", None, now.hour, now.minute, "UTC", None, "U1",
                                       now - timedelta(days=1)).id


def wait_until(check, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline and not check():
        time.sleep(0.2)
    assert check()


@pytest.mark.parametrize("landed", [True, False], ids=["post-landed", "post-lost"])
def test_sigkill_while_a_digest_is_posting(slack, seeded_db, tmp_path, landed):
    db = tmp_path / "crash.db"
    shutil.copy(seeded_db, db)
    channel = f"CCRASH{int(landed)}"
    schedule_id = due_now(db, channel)
    slack.stall("/api/chat.postMessage", 30, channel=channel, deliver=landed)
    first, _ = start(db, slack, tmp_path / "server.log")
    wait_until(lambda: any(b.get("channel") == channel for b in slack.received("/chat.postMessage")))
    kill(first)  # mid-post: Slack has (or has not) taken the digest, the bot never heard back
    assert integrity(db) == "ok"
    assert [r.status for r in Schedules(Store(db)).runs(schedule_id)] == ["posting"]
    second, _ = start(db, slack, tmp_path / "server.log")
    try:
        wait_until(lambda: [r.status for r in Schedules(Store(db)).runs(schedule_id)] == ["posted"])
        time.sleep(2)
        assert len(slack.delivered(channel)) == 1, "posted exactly once across the crash"
        assert bool(slack.received("/conversations.history")), "looked before posting again"
    finally:
        kill(second)
    assert integrity(db) == "ok"


def test_sigkill_while_answering_leaves_a_sound_database_and_the_restart_answers(slack, seeded_db, tmp_path):
    db = tmp_path / "answering.db"
    shutil.copy(seeded_db, db)
    first, url = start(db, slack, tmp_path / "server.log")
    for i in range(8):
        post(url, command_body("tensions taiwan", slack.response_url(f"killed-{i}"), user=f"UK{i}"), FORM)
    kill(first)
    assert integrity(db) == "ok"
    second, url = start(db, slack, tmp_path / "server.log")
    try:
        post(url, command_body("who is Kurt Campbell", slack.response_url("after-restart")), FORM)
        assert "Indo-Pacific" in str(slack.wait_for("/respond/after-restart", timeout=60)[0])
    finally:
        kill(second)
    assert integrity(db) == "ok"
