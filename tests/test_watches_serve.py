"""Watch alerts end to end: `us-china serve` as a real subprocess (restarted once), signed requests, the Slack
stand-in, pages and a feed on a local web server. Each watch fires once for its new article, whether the article
came by `add URL`, by the scheduler's feed poll or by a separate `us-china ingest`, stays quiet across the
restart, and a stopped watch is quiet."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import pytest

from handlers.watch_outbox import MARKER_EVENT
from store import Store
from testkit.page_server import seed
from testkit.ports import free_port
from testkit.slack_requests import FORM, JSON, SECRET, command_body, event_body, post
from tests.conftest import ROOT, SEEDS

NOMINATION = "president-biden-announces-kurt-campbell"  # names Kurt Campbell
G7_TAIWAN = "g7-foreign-ministers-statement"  # on the Taiwan Strait
AUKUS = "joint-leaders-statement-on-aukus-2"
FIRST_FEED_ITEM = "quad-leaders-joint-statement"
WITHHELD = (NOMINATION, G7_TAIWAN, AUKUS)  # taken out of this server's index, so that each arrives new


class Served:
    """A `us-china serve` process on one database, which the test can stop and start again."""

    def __init__(self, db: Path, slack, folder: Path) -> None:
        self.db, self.folder, self.port = db, folder, free_port()
        self.env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-test-token", "SLACK_SIGNING_SECRET": SECRET,
                    "SLACK_API_URL": slack.api_url, "PORT": str(self.port), "DATABASE_PATH": str(db),
                    "HF_HUB_OFFLINE": "1", "ALLOW_PRIVATE_URLS": "1", "FEED_INTERVAL_MINUTES": "1",
                    "WATCH_INTERVAL_SECONDS": "3"}
        self.env.pop("SLACK_APP_TOKEN", None)
        self.url = f"http://127.0.0.1:{self.port}/slack/events"
        self.proc: subprocess.Popen | None = None
        self.starts = 0

    def start(self) -> None:
        self.starts += 1
        log = open(self.folder / f"server-{self.starts}.log", "w")
        self.proc = subprocess.Popen([sys.executable, "-m", "bot", "serve"], cwd=ROOT, env=self.env, stdout=log,
                                     stderr=log)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=1) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise AssertionError((self.folder / f"server-{self.starts}.log").read_text())

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(15)
            self.proc = None


@pytest.fixture(scope="module")
def served(slack, seeded_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("watch-serve")
    db = folder / "server.db"
    shutil.copy(seeded_db, db)
    store = Store(db)
    for name in WITHHELD:
        [row] = store.db.query("SELECT id FROM articles WHERE path LIKE ?", [f"%{name}%"])
        store.delete_article(row["id"])
    store.close()
    server = Served(db, slack, folder)
    server.start()
    yield server
    server.stop()


def command(served: Served, slack, text: str, channel: str, name: str) -> str:
    assert post(served.url, command_body(text, slack.response_url(name), channel=channel), FORM)[0] == 200
    [reply] = slack.wait_for(f"/respond/{name}", timeout=60)
    assert reply["response_type"] == "ephemeral"
    return reply["text"]


def dm(served: Served, slack, text: str, channel: str) -> str:
    """A DM to the bot; the bot's reply in that conversation."""
    before = len([m for m in slack.delivered(channel) if not m.get("metadata")])
    ts = f"{time.time():.6f}"
    event = {"type": "message", "channel_type": "im", "user": "U123", "text": text, "ts": ts, "channel": channel,
             "event_ts": ts}
    assert post(served.url, event_body(event, f"EvWatch{ts}"), JSON)[0] == 200
    deadline = time.time() + 30
    while time.time() < deadline:
        replies = [m for m in slack.delivered(channel) if not m.get("metadata")]
        if len(replies) > before:
            return replies[-1]["text"]
        time.sleep(0.1)
    raise AssertionError(f"no reply to {text!r} in {channel}")


def alerts(slack, channel: str) -> list[dict]:
    return [m for m in slack.delivered(channel) if (m.get("metadata") or {}).get("event_type") == MARKER_EVENT]


def wait_alerts(slack, channel: str, count: int, timeout: float) -> list[dict]:
    deadline = time.time() + timeout
    while time.time() < deadline and len(alerts(slack, channel)) < count:
        time.sleep(0.5)
    found = alerts(slack, channel)
    assert len(found) >= count, f"{channel}: {len(found)} alerts, wanted {count}"
    return found


def rounds_since(db: Path, moment: datetime) -> bool:
    """Whether a serving process has checked every live watch since `moment` (each check moves its cursor)."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT checked_until FROM watches WHERE cancelled_at IS NULL").fetchall()
    return bool(rows) and all(datetime.fromisoformat(r[0]) > moment for r in rows)


def test_watches_fire_once_by_add_url_a_feed_poll_or_ingest_stay_quiet_on_a_restart_and_stop(served, slack, web):
    # a feed followed before the watch: its first entry is old news; the scheduler's poll brings the next one
    quad, g7 = seed(FIRST_FEED_ITEM), seed(G7_TAIWAN)
    items = [(a["title"], web.page(f"/state/{n}", a, "U.S. Department of State"), a["date"])
             for n, a in enumerate((quad, g7))]
    feed = web.feed("/state.xml", "State: East Asia and the Pacific", items[:1], etag='"1"')
    assert command(served, slack, f"feed add {feed}", "CFEEDS", "feedadd").startswith("Added feed #1")

    # a person watch by the slash command in a channel; a topic watch by DM
    said = command(served, slack, "watch Kurt Campbell", "CWATCHP", "watchp")
    assert said == ("Watching #1: new articles naming *Kurt Campbell* will be posted here with the sentence that "
                    "names them, at most one post every 10 minutes. `/us-china unwatch 1` stops it.")
    said = dm(served, slack, "watch taiwan strait", "DWATCH")
    assert said.startswith("Watching #2: new articles on *taiwan strait* (the rule topic digests use)")
    web.feed("/state.xml", "State: East Asia and the Pacific", items, etag='"2"')  # polled within a minute or two

    # `add URL` brings an article that names him
    nomination = seed(NOMINATION)
    url = web.page("/briefing/campbell", nomination, "The White House")
    assert command(served, slack, f"add <{url}>", "CADD", "addurl").startswith(f"Indexed: *{nomination['title']}*")
    [person_alert] = wait_alerts(slack, "CWATCHP", 1, timeout=30)
    assert person_alert["text"] == "Watch #1: 1 new article naming Kurt Campbell"
    heading, quoted = person_alert["blocks"][1]["text"]["text"].split("\n> ")
    assert heading == f"<{url}|{nomination['title']}>"
    assert "Campbell" in quoted and quoted in " ".join(nomination["body"].split()), "verbatim, with his name"
    assert person_alert["blocks"][2]["elements"][0]["text"] == f"{nomination['date']} · The White House"

    # the feed poll brings the G7 statement: the DM's topic watch posts it there
    [topic_alert] = wait_alerts(slack, "DWATCH", 1, timeout=150)
    assert topic_alert["text"] == "Watch #2: 1 new article on taiwan strait"
    heading, quoted = topic_alert["blocks"][1]["text"]["text"].split("\n> ")
    assert heading == f"<{items[1][1]}|{g7['title']}>" and "Taiwan" in quoted
    assert quoted in " ".join(g7["body"].split())
    listed = command(served, slack, "watch list", "CWATCHP", "listp")
    assert listed.startswith("#1 person: Kurt Campbell · since ") and "· 1 article found · last alert: posted " \
        in listed, listed

    # restart: the new process checks every watch again (cursors moved past the restart), and posts nothing
    served.stop()
    restarted = datetime.now(UTC)
    served.start()
    deadline = time.time() + 90
    while time.time() < deadline and not rounds_since(served.db, restarted):
        time.sleep(1)
    assert rounds_since(served.db, restarted), "the restarted process ran its watch rounds"
    time.sleep(4)  # and one more round
    assert len(alerts(slack, "CWATCHP")) == 1 and len(alerts(slack, "DWATCH")) == 1

    # unwatch: a stopped watch is quiet; the same watch made afterwards in another channel fires
    assert command(served, slack, "watch AUKUS", "CSTOPPED", "stopw").startswith("Watching #3: new articles on *AUKUS*")
    assert command(served, slack, "unwatch 3", "CSTOPPED", "stop3") == (
        "Stopped watch #3 (topic: AUKUS). No more alerts from it.")
    assert command(served, slack, "watch list", "CSTOPPED", "stoplist") == "No watches here."
    assert dm(served, slack, "unwatch 2", "DWATCH") == (
        "Stopped watch #2 (topic: taiwan strait). No more alerts from it.")
    assert command(served, slack, "watch AUKUS", "CLIVE", "livew").startswith("Watching #4")
    # this one arrives by `us-china ingest`, a separate process on the same database
    ingested = subprocess.run([sys.executable, "-m", "bot", "ingest", str(next(SEEDS.glob(f"*{AUKUS}*.txt")))],
                              cwd=ROOT, env=served.env, capture_output=True, text=True, timeout=120)
    assert ingested.returncode == 0 and "1 added" in ingested.stdout + ingested.stderr, ingested.stderr
    [live] = wait_alerts(slack, "CLIVE", 1, timeout=60)
    assert live["text"] == "Watch #4: 1 new article on AUKUS" and "AUKUS" in live["blocks"][1]["text"]["text"]
    time.sleep(4)
    assert not alerts(slack, "CSTOPPED")
    assert len(alerts(slack, "CWATCHP")) == 1 and len(alerts(slack, "DWATCH")) == 1
