"""Three `us-china serve` processes on one real PostgreSQL, requests spread round-robin as a load balancer would:
every acked question is answered once, one replica SIGKILLed mid-burst included; a digest due during the run is
posted once; a Slack retry reaching another replica is not answered again; an article one replica indexes is
answerable from the others; PostgreSQL restarted mid-traffic costs a "try again" and nothing more."""
from __future__ import annotations

import os
import re
import signal
import time
from datetime import UTC, datetime, timedelta

import pytest

from core.ingest import ingest
from store import open_store
from testkit.page_server import PageServer, seed
from testkit.replicas import Replica, balanced, wait_healthy
from testkit.slack_requests import FORM, JSON, SECRET, command_body, event_body, post
from tests.conftest import SEEDS

QUESTIONS = ["tensions taiwan", "who is Kurt Campbell", "which three countries are in AUKUS?",
             "what did Biden say about Xi", "export controls on semiconductors", "who is Jake Sullivan"]
SEED_FILES = ["joint-leaders-statement-on-aukus", "g7-foreign-ministers-statement", "kurt-campbell-as-nominee",
              "remarks-by-president-biden-in-a-press-conference-woodside", "renewing-american-economic-leadership",
              "2023-06-05-press-briefing"]


@pytest.fixture(scope="module")
def replicas(postgres, slack, embedder, tmp_path_factory):
    folder = tmp_path_factory.mktemp("replicas")
    url = postgres.create_database("replicas")
    store = open_store(url)
    files = [str(next(SEEDS.glob(f"*{part}*.txt"))) for part in SEED_FILES]
    assert ingest(store, embedder, files).ok
    store.close()
    env = {**os.environ, "DATABASE_URL": url, "SLACK_BOT_TOKEN": "xoxb-replicas", "SLACK_SIGNING_SECRET": SECRET,
           "SLACK_API_URL": slack.api_url, "HF_HUB_OFFLINE": "1", "ALLOW_PRIVATE_URLS": "1",
           "RATE_LIMIT_PER_MINUTE": "0"}
    env.pop("SLACK_APP_TOKEN", None)
    running = [Replica(f"replica{i}", env, folder) for i in range(3)]
    wait_healthy(running)
    yield running
    for replica in running:
        replica.stop()


def replies(slack, name: str) -> list[dict]:
    return slack.received(f"/respond/{name}")


def test_a_burst_round_robin_with_a_replica_killed_mid_run_answers_every_acked_question_once(replicas, slack):
    send = balanced(replicas)
    victim = replicas[1]
    acked, statuses = [], []
    start = time.time()
    for i in range(90):  # 90 commands over about 18 s
        status, replica = send(command_body(QUESTIONS[i % len(QUESTIONS)], slack.response_url(f"burst{i}")))
        statuses.append(status)
        if status == 200:
            acked.append(f"burst{i}")
        if i == 40:  # right after acking a question of its own, which it has had no time to answer
            victim.proc.send_signal(signal.SIGKILL)
            killed_at = time.perf_counter()
            victim.proc.wait(10)
        time.sleep(max(0.0, start + 0.2 * (i + 1) - time.time()))
    assert statuses.count(200) == len(statuses), statuses
    deadline = time.time() + 60
    while time.time() < deadline and any(not replies(slack, name) for name in acked):
        time.sleep(0.5)
    time.sleep(3)  # room for a second answer to show up, if one were coming
    counts = {name: len(replies(slack, name)) for name in acked}
    assert all(n == 1 for n in counts.values()), {k: v for k, v in counts.items() if v != 1}
    for name in acked:
        [reply] = replies(slack, name)
        assert reply["response_type"] == "ephemeral" and "Sorry" not in reply["text"], reply["text"]
    last_reply = max(slack.times[f"/respond/{name}"] for name in acked)
    assert last_reply - killed_at <= 30, "what the killed replica acked was answered within 30 s"
    survivors = "".join(r.log_path.read_text() for r in replicas if r is not victim)
    assert "that another process left" in survivors, "the killed replica's questions were answered by the others"


def test_a_slack_retry_reaching_another_replica_is_not_answered_again(replicas, slack):
    live = [r for r in replicas if r.proc.poll() is None]
    event = {"type": "app_mention", "user": "U123", "text": "<@UBOT> tensions taiwan", "ts": "1700000000.000100",
             "channel": "CRETRY", "event_ts": "1700000000.000100"}
    assert post(live[0].url, event_body(event, "EvRetry1"), JSON)[0] == 200
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    assert post(live[1].url, event_body(event, "EvRetry1"), JSON, headers=retry)[0] == 200
    dm = {**event, "type": "message", "channel_type": "im", "channel": "DRETRY", "ts": "1700000000.000200"}
    mention = {**dm, "type": "app_mention"}  # a DM that mentions the bot arrives twice, as two events
    assert post(live[0].url, event_body(dm, "EvDm"), JSON)[0] == 200
    assert post(live[1].url, event_body(mention, "EvDmMention"), JSON)[0] == 200
    deadline = time.time() + 30
    while time.time() < deadline and not (slack.delivered("CRETRY") and slack.delivered("DRETRY")):
        time.sleep(0.2)
    time.sleep(3)
    assert len(slack.delivered("CRETRY")) == 1 and len(slack.delivered("DRETRY")) == 1


def test_an_article_one_replica_indexes_is_answerable_from_the_others_at_once(replicas, slack):
    live = [r for r in replicas if r.proc.poll() is None]
    pages = PageServer()
    try:
        watson = seed("statement-by-nsc-spokesperson-adrienne-watson")
        url = pages.page("/briefing/watson", watson, "The White House")
        post(live[0].url, command_body(f"add {url}", slack.response_url("rep-add")), FORM)
        assert slack.wait_for("/respond/rep-add", timeout=60)[0]["text"].startswith("Indexed:")
        post(live[1].url, command_body("who is Adrienne Watson", slack.response_url("rep-watson")), FORM)
        assert "NSC Spokesperson" in str(slack.wait_for("/respond/rep-watson", timeout=30)[0])
    finally:
        pages.close()


def test_a_digest_due_during_the_run_is_posted_once(replicas, slack):
    live = [r for r in replicas if r.proc.poll() is None]
    now = datetime.now(UTC)
    at = (now + timedelta(minutes=2 if now.second > 40 else 1)).replace(second=0, microsecond=0)
    post(live[0].url, command_body(f"schedule daily {at:%H:%M}", slack.response_url("rep-sched"),
                                   channel="CDIGEST"), FORM)
    assert slack.wait_for("/respond/rep-sched")[0]["text"].startswith("Scheduled #")
    send = balanced(live)
    while datetime.now(UTC) < at + timedelta(seconds=20):  # traffic while it falls due
        send(command_body("tensions taiwan", slack.response_url("during-digest")))
        time.sleep(1)
    deadline = time.time() + 90
    while time.time() < deadline and not slack.delivered("CDIGEST"):
        time.sleep(0.5)
    time.sleep(5)
    digests = slack.delivered("CDIGEST")
    assert len(digests) == 1, [d["text"] for d in digests]


def test_postgres_restarted_mid_traffic_is_a_try_again_then_recovers_by_itself(replicas, slack, postgres):
    live = [r for r in replicas if r.proc.poll() is None]
    postgres.stop_server()
    try:
        status, _ = post(live[0].url, command_body("tensions taiwan", slack.response_url("pg-down")), FORM)
        assert status == 200
        [reply] = slack.wait_for("/respond/pg-down", timeout=30)
        assert re.search(r"temporarily unavailable\. Please try again in a minute", reply["text"]), reply["text"]
        assert all(r.healthy() for r in live), "no replica crashed"
    finally:
        postgres.start_server()
    for i, replica in enumerate(live):
        post(replica.url, command_body("who is Kurt Campbell", slack.response_url(f"pg-back{i}")), FORM)
        [reply] = slack.wait_for(f"/respond/pg-back{i}", timeout=30)
        assert "Campbell" in reply["text"] and "unavailable" not in reply["text"]
