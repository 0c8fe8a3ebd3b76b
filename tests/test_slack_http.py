"""End to end: `us-china serve` as a real subprocess in HTTP mode, signed requests, a local Slack stand-in."""
from __future__ import annotations

import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from core.ingest import ingest
from store import Store
from testkit.hostile import NASTY
from testkit.page_server import seed
from testkit.ports import free_port
from testkit.slack_requests import FORM, JSON, SECRET, action_body, command_body, event_body, post
from tests.conftest import ROOT
from tests.test_cli import run as run_cli

HOSTILE = ("Hostile notice about the Taiwan Strait\n\n"
           "An attacker wrote <!channel> and <@U0ADMIN> and <https://evil.example|x> into a story about "
           "the Taiwan Strait transit by the destroyer Zebrafish. The destroyer Zebrafish sailed on.")


# two people of one surname, so that `who is Marsh` answers one and offers the other
NAMESAKES = ("Two Marshes on opposite sides of the harbour bill\n\n"
             "Senator Alan Marsh said on Monday that the harbour bill would pass the state senate this week. Governor "
             "Betty Marsh, his cousin, said she would veto the bill if it reached her desk. Mr Marsh said the veto "
             "threat changed nothing. Ms Marsh said the harbour needed a plan, not a bill.")


WITHHELD_SEED = "2023-10-25-statement-by-nsc-spokesperson"
BOT_TOKEN = "xoxb-test-token-1234567890"
SERVER_LOG: list = []


@pytest.fixture(scope="module")
def server(slack, seeded_db, tmp_path_factory, embedder):
    folder = tmp_path_factory.mktemp("server")
    db = folder / "server.db"
    shutil.copy(seeded_db, db)
    (folder / "hostile.txt").write_text(HOSTILE)
    (folder / "namesakes.txt").write_text(NAMESAKES)
    store = Store(db)
    assert ingest(store, embedder, [str(folder / "hostile.txt"), str(folder / "namesakes.txt")]).ok
    withheld = next(r["id"] for r in store.db.query("SELECT id FROM articles WHERE path LIKE ?",
                                                       [f"%{WITHHELD_SEED}%"]))
    store.delete_article(withheld)  # so that `add URL` has a real article to index for the first time
    store.close()
    port = free_port()
    env = {**os.environ, "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SECRET,
           "SLACK_API_URL": slack.api_url, "PORT": str(port), "DATABASE_PATH": str(db), "HF_HUB_OFFLINE": "1",
           "ALLOW_PRIVATE_URLS": "1", "FEED_INTERVAL_MINUTES": "1"}
    env.pop("SLACK_APP_TOKEN", None)
    log = open(folder / "server.log", "w")
    # -v: debug logging, so the no-secrets-in-logs test reads everything the libraries would log
    proc = subprocess.Popen([sys.executable, "-m", "bot", "-v", "serve"], cwd=ROOT, env=env, stdout=log, stderr=log)
    SERVER_LOG.append(folder / "server.log")
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        raise AssertionError((folder / "server.log").read_text())
    yield base + "/slack/events"
    proc.terminate()
    proc.wait(10)
    log.close()


def all_text(payload: dict) -> str:
    return json.dumps(payload, ensure_ascii=False)


def assert_within_limits(payload: dict) -> None:
    blocks = payload.get("blocks") or []
    assert payload.get("text"), "every message has a text fallback"
    assert len(blocks) <= 50
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= 150


def test_auth_test_went_to_the_configured_api_url(server, slack):
    assert slack.received("/api/auth.test")


def test_url_verification(server):
    status, body = post(server, json.dumps({"type": "url_verification", "challenge": "c-123", "token": "x"}), JSON)
    assert status == 200 and "c-123" in body


@pytest.fixture(scope="module")
def scheduled(server, slack) -> dict:
    """A daily schedule for the next minute, made through the slash command (its digest is checked later)."""
    now = datetime.now(UTC)
    at = (now + timedelta(minutes=2 if now.second > 45 else 1)).replace(second=0, microsecond=0)
    post(server, command_body(f"schedule daily {at:%H:%M}", slack.response_url("sched"), channel="CSCHED"), FORM)
    [reply] = slack.wait_for("/respond/sched")
    match = re.match(rf"Scheduled #(\d+): daily at {at:%H:%M} UTC in <#CSCHED>\. Next: .+ {at:%H:%M} UTC\.$",
                     reply["text"])
    return {"id": int(match.group(1)) if match else None, "at": at, "reply": reply}


def test_schedule_daily_for_the_next_minute_is_confirmed_with_its_id(scheduled):
    assert scheduled["id"] is not None, scheduled["reply"]["text"]
    assert scheduled["reply"]["response_type"] == "ephemeral"


def test_bad_schedule_commands_answer_with_usage_and_store_nothing(server, slack):
    bad = ["schedule daily 25:00", "schedule weekly funday 09:00", "schedule daily", "schedule weekly mon",
           "schedule daily 9am taiwan", "schedule cancel x"]
    for n, text in enumerate(bad):
        post(server, command_body(text, slack.response_url(f"bad{n}"), channel="CBAD"), FORM)
    for n, text in enumerate(bad):
        [reply] = slack.wait_for(f"/respond/bad{n}")
        assert "Usage:" in reply["text"] and "schedule daily 09:00" in reply["text"], (text, reply["text"])
    post(server, command_body("schedule list", slack.response_url("badlist"), channel="CBAD"), FORM)
    assert slack.wait_for("/respond/badlist")[0]["text"] == "No schedules in this channel."


def test_slash_command_who_is(server, slack):
    status, body = post(server, command_body("who is Kurt Campbell", slack.response_url("who")), FORM)
    assert status == 200 and body == ""
    [reply] = slack.wait_for("/respond/who")
    assert reply["response_type"] == "ephemeral"
    assert_within_limits(reply)
    text = all_text(reply)
    assert "Indo-Pacific Coordinator" in text and "who is Kurt Campbell" in text
    assert "bidenwhitehouse.archives.gov" in text and "2023-11-01" in text
    actions = [b for b in reply["blocks"] if b["type"] == "actions"][0]["elements"]
    assert {a["action_id"] for a in actions} == {"share_answer", "more_excerpts"}


def test_a_surname_two_people_share_offers_the_other_one(server, slack):
    """`who is Marsh`: Alan Marsh's profile, naming Betty Marsh, with a button that asks for hers, to the asker."""
    post(server, command_body("who is Marsh", slack.response_url("marsh")), FORM)
    [reply] = slack.wait_for("/respond/marsh")
    assert_within_limits(reply)
    assert [b["text"]["text"] for b in reply["blocks"] if b["type"] == "header"] == ["Alan Marsh"]
    assert "(also named Marsh: Betty Marsh)" in all_text(reply)
    [ask] = [a for b in reply["blocks"] if b["type"] == "actions" for a in b["elements"]
             if a["action_id"].startswith("ask_about")]
    assert ask["text"]["text"] == "Who is Betty Marsh?"
    status, _ = post(server, action_body(ask["action_id"], ask["value"], slack.response_url("marsh-betty")), FORM)
    assert status == 200
    [other] = slack.wait_for("/respond/marsh-betty")
    assert other["response_type"] == "ephemeral" and other["replace_original"] is False
    assert [b["text"]["text"] for b in other["blocks"] if b["type"] == "header"] == ["Betty Marsh"]
    assert "Governor" in all_text(other) and "also named" not in all_text(other)


def test_share_and_more_buttons(server, slack):
    post(server, command_body("tensions taiwan", slack.response_url("taiwan")), FORM)
    [reply] = slack.wait_for("/respond/taiwan")
    buttons = {a["action_id"]: a["value"]
               for b in reply["blocks"] if b["type"] == "actions" for a in b["elements"]}
    status, _ = post(server, action_body("share_answer", buttons["share_answer"], slack.response_url("share"),
                                         user="U777"), FORM)
    assert status == 200
    [shared] = slack.wait_for("/respond/share")
    assert shared["response_type"] == "in_channel" and "<@U777>" in shared["text"]
    assert "Taiwan" in all_text(shared)
    shared_buttons = {a["action_id"] for b in shared["blocks"] if b["type"] == "actions" for a in b["elements"]}
    assert shared_buttons == {"feedback_up", "feedback_down"}, "no Share or More on a shared answer; feedback, yes"
    post(server, action_body("more_excerpts", buttons["more_excerpts"], slack.response_url("more")), FORM)
    [more] = slack.wait_for("/respond/more")
    first, later = ({q for b in message["blocks"] if b["type"] == "section"
                     for q in re.findall(r"^> (.+)$", b["text"]["text"], re.M)} for message in (reply, more))
    assert later and not (first & later), "More shows the next excerpts"


def test_the_word_payload_in_a_command_its_channel_name_or_a_shared_answer_reaches_the_bot(server, slack):
    status, _ = post(server, command_body("how heavy was the balloon payload", slack.response_url("payload")), FORM)
    assert status == 200
    status, _ = post(server, command_body("spy balloon", slack.response_url("payload-ops"), channel="CPAYLOAD",
                                          channel_name="payload-ops"), FORM)
    assert status == 200
    [reply] = slack.wait_for("/respond/payload")
    assert "balloon payload" in reply["text"] and "balloon" in all_text(reply["blocks"]).lower()
    [from_channel] = slack.wait_for("/respond/payload-ops")
    assert "spy balloon" in from_channel["text"]
    share = next(a["value"] for b in reply["blocks"] if b["type"] == "actions" for a in b["elements"]
                 if a["action_id"] == "share_answer")
    assert "payload" in share
    assert post(server, action_body("share_answer", share, slack.response_url("payload-share"), user="U778"),
                FORM)[0] == 200
    [shared] = slack.wait_for("/respond/payload-share")
    assert shared["response_type"] == "in_channel" and "<@U778>" in shared["text"]
    # answered once: a sentinel sent after all three is answered, and still one reply each
    post(server, command_body("help", slack.response_url("payload-sentinel")), FORM)
    slack.wait_for("/respond/payload-sentinel")
    for name in ("payload", "payload-ops", "payload-share"):
        assert len(slack.received(f"/respond/{name}")) == 1, name


def test_help_lists_every_subcommand(server, slack):
    post(server, command_body("help", slack.response_url("help")), FORM)
    post(server, command_body("", slack.response_url("empty")), FORM)
    for name in ("help", "empty"):
        [reply] = slack.wait_for(f"/respond/{name}")
        for word in ("who is", "schedule daily", "schedule weekly", "schedule list", "schedule cancel", "add URL",
                     "feed add", "feed list", "feed remove", "watch Kurt Campbell", "watch list", "unwatch ID",
                     "stats", "help"):
            assert word in reply["text"]


def test_mention_is_answered_once_in_its_thread(server, slack):
    event = {"type": "app_mention", "user": "U1", "text": "<@UBOT> tensions taiwan", "ts": "1700000000.000100",
             "channel": "CMENTION", "event_ts": "1700000000.000100"}
    assert post(server, event_body(event, "EvMention1"), JSON)[0] == 200
    [reply] = slack.wait_for("/chat.postMessage", timeout=30) and [
        b for b in slack.wait_for("/chat.postMessage") if b["channel"] == "CMENTION"]
    assert reply["thread_ts"] == "1700000000.000100"
    assert_within_limits(reply)
    assert "Taiwan" in all_text(reply)


def test_follow_up_mention_in_a_thread_stays_in_that_thread(server, slack):
    event = {"type": "app_mention", "user": "U1", "text": "<@UBOT> who is Qin Gang", "ts": "1700000001.000200",
             "thread_ts": "1700000000.000100", "channel": "CTHREAD", "event_ts": "1700000001.000200"}
    post(server, event_body(event, "EvThread1"), JSON)
    reply = wait_channel(slack, "CTHREAD")
    assert reply["thread_ts"] == "1700000000.000100" and "Foreign Minister" in all_text(reply)


def wait_channel(slack, channel: str, count: int = 1, timeout: float = 30) -> dict:
    deadline = time.time() + timeout
    while time.time() < deadline:
        found = [b for b in slack.received("/chat.postMessage") if b.get("channel") == channel]
        if len(found) >= count:
            return found[-1]
        time.sleep(0.05)
    raise AssertionError(f"no reply in {channel}")


def replies_in(slack, channel: str) -> list[dict]:
    return [b for b in slack.received("/chat.postMessage") if b.get("channel") == channel]


def sentinel(server, slack, channel: str) -> None:
    """A question sent to `channel` after everything the test sent before, waited for. Events are handled
    in order, and a duplicate or a retry would be answered before it: once the sentinel's answer is in, a
    count of the channel's replies is final, without sleeping."""
    before = len(replies_in(slack, channel))
    ts = f"{time.time():.6f}"
    event = {"type": "message", "channel_type": "im", "user": "USENTINEL", "text": "who is Qin Gang", "ts": ts,
             "channel": channel, "event_ts": ts}
    post(server, event_body(event, f"EvSentinel-{channel}-{ts}"), JSON)
    last = wait_channel(slack, channel, count=before + 1)
    assert "Qin Gang" in all_text(last)


def test_dm_is_answered_in_the_conversation(server, slack):
    event = {"type": "message", "channel_type": "im", "user": "U1", "text": "who is Jake Sullivan",
             "ts": "1700000002.000300", "channel": "DIM1", "event_ts": "1700000002.000300"}
    post(server, event_body(event, "EvDm1"), JSON)
    reply = wait_channel(slack, "DIM1")
    assert reply.get("thread_ts") in (None, "") and "National Security Advis" in all_text(reply)


def test_retries_and_paired_deliveries_get_one_answer(server, slack):
    event = {"type": "app_mention", "user": "U1", "text": "<@UBOT> spy balloon", "ts": "1700000003.000400",
             "channel": "DPAIR", "channel_type": "im", "event_ts": "1700000003.000400"}
    body = event_body(event, "EvRetry1")
    post(server, body, JSON)
    post(server, body, JSON, headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    post(server, body, JSON, headers={"X-Slack-Retry-Num": "2", "X-Slack-Retry-Reason": "http_timeout"})
    paired = {**event, "type": "message", "text": "<@UBOT> spy balloon"}
    post(server, event_body(paired, "EvPaired1"), JSON)
    wait_channel(slack, "DPAIR")
    sentinel(server, slack, "DPAIR")
    assert len(replies_in(slack, "DPAIR")) == 2, "one answer, then the sentinel's"


def test_own_and_bot_messages_and_edits_are_ignored(server, slack):
    base = {"type": "message", "channel_type": "im", "channel": "DIGNORE", "text": "who is Kurt Campbell"}
    post(server, event_body({**base, "user": "UBOT", "ts": "1.1"}, "EvOwn"), JSON)
    post(server, event_body({**base, "bot_id": "B2", "user": "U9", "ts": "1.2"}, "EvBot"), JSON)
    post(server, event_body({**base, "subtype": "message_changed", "ts": "1.3",
                             "message": {"text": "edited"}}, "EvEdit"), JSON)
    sentinel(server, slack, "DIGNORE")
    assert len(replies_in(slack, "DIGNORE")) == 1, "only the sentinel was answered"


def test_bad_or_stale_signatures_get_401_and_do_nothing(server, slack):
    body = command_body("who is Kurt Campbell", slack.response_url("forged"))
    assert post(server, body, FORM, signature="v0=bad")[0] == 401
    assert post(server, body, FORM, timestamp=int(time.time()) - 600)[0] == 401
    assert post(server, body, FORM, secret="another-secret")[0] == 401
    sentinel(server, slack, "DFORGED")
    assert slack.received("/respond/forged") == []


def test_article_text_never_pings_or_links(server, slack):
    post(server, command_body("destroyer Zebrafish Taiwan Strait transit", slack.response_url("hostile")), FORM)
    [reply] = slack.wait_for("/respond/hostile")
    text = all_text(reply)
    assert "Zebrafish" in text, "the hostile article was found"
    for raw in ("<!channel>", "<@U0ADMIN>", "<https://evil.example|x>"):
        assert raw not in text
    assert "&lt;!channel&gt;" in text


def test_forty_concurrent_commands_are_all_acked_and_answered(server, slack):
    queries = ["tensions taiwan", "who is Kurt Campbell", "spy balloon", "AUKUS submarines", "fentanyl"] * 8

    def send(i: int) -> tuple[int, float]:
        start = time.perf_counter()
        status, _ = post(server, command_body(queries[i], slack.response_url(f"burst-{i}"), user=f"UBURST{i % 10}"),
                         FORM)
        return status, time.perf_counter() - start

    with ThreadPoolExecutor(40) as pool:
        results = list(pool.map(send, range(40)))
    assert all(status == 200 for status, _ in results)
    assert max(t for _, t in results) < 3.0, "Slack gives 3 seconds"
    for i in range(40):
        [reply] = slack.wait_for(f"/respond/burst-{i}", timeout=120)
        assert "questions in the last minute" not in reply["text"], "4 each from 10 people: under the limit"


def test_more_than_the_rate_limit_gets_a_friendly_message(server, slack):
    for i in range(22):
        post(server, command_body("AUKUS submarines", slack.response_url(f"rate-{i}"), user="UEAGER"), FORM)
    replies = [slack.wait_for(f"/respond/rate-{i}", timeout=120)[0]["text"] for i in range(22)]
    limited = [r for r in replies if r.startswith("You have asked 20 questions in the last minute")]
    assert len(limited) == 2 and "Please ask again in " in limited[0]
    post(server, command_body("help", slack.response_url("rate-help"), user="UEAGER"), FORM)
    assert "schedule daily" in slack.wait_for("/respond/rate-help")[0]["text"], "help is never limited"


def test_an_over_long_question_is_refused_kindly(server, slack):
    post(server, command_body("taiwan " * 2000, slack.response_url("long")), FORM)
    assert slack.wait_for("/respond/long")[0]["text"].startswith(
        "That question is 13,999 characters long; I read questions of up to 1,000.")


def test_rate_limited_post_is_retried_and_arrives_once(server, slack):
    slack.fail("/api/chat.postMessage", 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "1"}, times=2,
               channel="C429")
    event = {"type": "app_mention", "user": "U1", "text": "<@UBOT> who is Qin Gang", "ts": "1700000004.000500",
             "channel": "C429", "event_ts": "1700000004.000500"}
    post(server, event_body(event, "Ev429"), JSON)
    wait_channel(slack, "C429", count=3, timeout=40)
    sentinel(server, slack, "C429")
    assert len(replies_in(slack, "C429")) == 4 and not slack.failures["/api/chat.postMessage"], "3 tries, 1 sentinel"


def test_app_home_shows_what_is_indexed(server, slack, scheduled):
    post(server, event_body({"type": "app_home_opened", "user": "U1", "channel": "DH", "tab": "home"}, "EvHome"),
         JSON)
    [view] = slack.wait_for("/views.publish")
    assert view["user_id"] == "U1" and "44 articles" in all_text(view)
    assert f"#{scheduled['id']} daily at {scheduled['at']:%H:%M} UTC in <#CSCHED>" in all_text(view)


def test_a_slack_500_is_retried_and_the_answer_arrives_once(server, slack):
    slack.fail("/api/chat.postMessage", 500, {"ok": False, "error": "internal_error"}, channel="C500")
    event = {"type": "app_mention", "user": "U1", "text": "<@UBOT> who is Qin Gang", "ts": "1700000006.000700",
             "channel": "C500", "event_ts": "1700000006.000700"}
    post(server, event_body(event, "Ev500"), JSON)
    wait_channel(slack, "C500", count=2, timeout=60)
    sentinel(server, slack, "C500")
    answer, _ = slack.delivered("C500")  # the answer once, then the sentinel's
    assert answer["metadata"]["event_payload"] == {"question": "Ev500"} and "Qin Gang" in answer["text"]


def test_a_slack_timeout_after_the_post_landed_does_not_post_it_twice(server, slack):
    slack.stall("/api/chat.postMessage", 17, channel="CSLOW")  # the bot's client gives up after 15 s
    event = {"type": "app_mention", "user": "U1", "text": "<@UBOT> who is Jake Sullivan", "ts": "1700000007.000800",
             "channel": "CSLOW", "event_ts": "1700000007.000800"}
    post(server, event_body(event, "EvSlow"), JSON)
    deadline = time.time() + 45
    while time.time() < deadline and not slack.received("/conversations.replies"):
        time.sleep(0.5)
    sentinel(server, slack, "CSLOW")
    answer, _ = slack.delivered("CSLOW")  # the answer once, then the sentinel's
    assert answer["metadata"]["event_payload"] == {"question": "EvSlow"} and "Jake Sullivan" in answer["text"]
    assert len(replies_in(slack, "CSLOW")) == 2, "checked the thread instead of posting again or apologising"
    assert slack.received("/conversations.replies")[0]["ts"] == "1700000007.000800"


def test_a_response_url_answering_500_is_retried_and_the_reply_arrives_once(server, slack):
    slack.fail("/respond/r500", 500, {"error": "internal"})
    post(server, command_body("who is Kurt Campbell", slack.response_url("r500")), FORM)
    first, second = slack.wait_for("/respond/r500", count=2, timeout=60)
    assert first == second and "Kurt Campbell" in second["text"]
    time.sleep(1.5)
    assert len(slack.received("/respond/r500")) == 2, "retried once, not again"


def test_not_in_channel_tells_the_asker_how_to_invite_the_bot(server, slack):
    slack.fail("/api/chat.postMessage", 200, {"ok": False, "error": "not_in_channel"}, channel="CNOTIN")
    event = {"type": "app_mention", "user": "UASKER", "text": "<@UBOT> who is Qin Gang", "ts": "1700000005.000600",
             "channel": "CNOTIN", "event_ts": "1700000005.000600"}
    post(server, event_body(event, "EvNotIn"), JSON)
    hint = wait_channel(slack, "UASKER")
    assert "/invite @us-china" in hint["text"]


# -- filters in a query (issue #20) ------------------------------------------------------------------------

def excerpt_dates(reply: dict) -> list[str]:
    """The publication date each cited article's context line gives, in the order shown."""
    return [m for b in reply["blocks"] if b["type"] == "context" and "You asked" not in all_text(b)
            for m in re.findall(r" · (\d{4}-\d{2}-\d{2})", all_text(b))[:1]]


def buttons_of(message: dict) -> dict[str, str]:
    return {a["action_id"]: a.get("value", "") for b in message["blocks"] if b["type"] == "actions"
            for a in b["elements"]}


def test_each_filter_end_to_end(server, slack):
    asked = {"f-since": "taiwan since:2023-06-01", "f-before": "taiwan before:2023-01",
             "f-source": "taiwan source:state.gov", "f-outlet": 'AUKUS outlet:"White House"',
             "f-latest": "latest taiwan", "f-none": "taiwan since:2026-11-01", "f-bad": "taiwan since:yesterday"}
    for name, text in asked.items():
        post(server, command_body(text, slack.response_url(name), user="UFILTER"), FORM)
    replies = {name: slack.wait_for(f"/respond/{name}")[0] for name in asked}
    for reply in replies.values():
        assert_within_limits(reply)
    since = replies["f-since"]
    assert "filters: since 1 Jun 2023" in all_text(since["blocks"][0])
    assert excerpt_dates(since) and all(d >= "2023-06-01" for d in excerpt_dates(since))
    assert excerpt_dates(replies["f-before"]) and all(d < "2023-01-01" for d in excerpt_dates(replies["f-before"]))
    source = all_text(replies["f-source"]["blocks"])
    assert "filters: from state.gov" in source and "<https://www.state.gov/" in source
    assert "bidenwhitehouse" not in source
    assert "The White House" in all_text(replies["f-outlet"]) and "U.S. Department of State" not in all_text(
        replies["f-outlet"])
    latest = excerpt_dates(replies["f-latest"])
    assert len(latest) >= 3 and latest == sorted(latest, reverse=True) and latest[0] == "2023-11-16"
    assert "newest first" in replies["f-latest"]["text"]
    assert ("Nothing on taiwan since 1 Nov 2026; the newest article is from 16 Nov 2023."
            in replies["f-none"]["text"])
    bad = replies["f-bad"]
    assert "`since:yesterday` is not a date I read" in bad["text"] and "For example: `taiwan since:2023-06-01" in (
        bad["text"])
    assert not buttons_of(bad), "the grammar is not an answer: no feedback buttons"


def test_a_filter_in_a_mention_where_slack_links_the_domain(server, slack):
    event = {"type": "app_mention", "user": "U1", "text": "<@UBOT> taiwan source:<http://state.gov|state.gov>",
             "ts": "1700000010.000100", "channel": "CFILTER", "event_ts": "1700000010.000100"}
    post(server, event_body(event, "EvFilter1"), JSON)
    reply = wait_channel(slack, "CFILTER")
    assert "filters: from state.gov" in all_text(reply) and "<https://www.state.gov/" in all_text(reply)
    assert "bidenwhitehouse" not in all_text(reply["blocks"])


# -- feedback on answers (issue #20) ------------------------------------------------------------------------

def server_db() -> str:
    return str(SERVER_LOG[0].parent / "server.db")


def test_thumbs_down_with_a_reason_is_stored_and_exported(server, slack, tmp_path):
    post(server, command_body("who is Kurt Campbell", slack.response_url("fb-ask"), user="UFEEDBACK"), FORM)
    [answer] = slack.wait_for("/respond/fb-ask")
    down = buttons_of(answer)["feedback_down"]
    post(server, action_body("feedback_down", down, slack.response_url("fb-down"), user="UFEEDBACK",
                             message_ts="1700000020.000100"), FORM)
    [asked_why] = slack.wait_for("/respond/fb-down")
    assert asked_why["replace_original"] is True and asked_why["response_type"] == "ephemeral"
    assert "Indo-Pacific Coordinator" in all_text(asked_why), "the answer stays; only its feedback row changes"
    assert "What was wrong?" in all_text(asked_why)
    reasons = buttons_of(asked_why)
    assert {"feedback_reason_wrong-person", "feedback_reason_not-an-answer", "feedback_reason_missing",
            "share_answer", "more_excerpts"} == set(reasons)
    post(server, action_body("feedback_reason_wrong-person", reasons["feedback_reason_wrong-person"],
                             slack.response_url("fb-reason"), user="UFEEDBACK", message_ts="1700000020.000100"), FORM)
    [thanked] = slack.wait_for("/respond/fb-reason")
    assert "Thanks for the feedback: “wrong person” noted." in all_text(thanked)
    assert not {k for k in buttons_of(thanked) if k.startswith("feedback")}, "thanked once: no more buttons"
    # a second click on the old buttons changes nothing and thanks no one again
    post(server, action_body("feedback_down", down, slack.response_url("fb-again"), user="UFEEDBACK",
                             message_ts="1700000020.000100"), FORM)
    post(server, command_body("help", slack.response_url("fb-sentinel")), FORM)
    slack.wait_for("/respond/fb-sentinel")
    time.sleep(1.5)
    assert slack.received("/respond/fb-again") == []

    table = run_cli(["feedback", "--since", "1d"], server_db())
    assert table.returncode == 0, table.stderr
    row = next(line for line in table.stdout.splitlines() if "UFEEDBACK" in line)
    assert "T1" in row and "👎" in row and "wrong person" in row and "who is Kurt Campbell" in row
    out = tmp_path / "down.jsonl"
    exported = run_cli(["feedback", "--export", str(out)], server_db())
    assert exported.returncode == 0, exported.stderr
    [line] = [json.loads(x) for x in out.read_text().splitlines() if "UFEEDBACK" in x]
    assert {k: line[k] for k in ("file", "question", "kind", "sentence", "answer")} == {
        "file": "", "question": "who is Kurt Campbell", "kind": "who", "sentence": "", "answer": ""}
    assert line["feedback"]["reason"] == "wrong person" and line["feedback"]["team_id"] == "T1"
    assert "Indo-Pacific Coordinator" in json.dumps(line["feedback"]["shown"])


def test_thumbs_up_on_a_posted_answer_updates_it_with_chat_update(server, slack):
    event = {"type": "app_mention", "user": "U1", "text": "<@UBOT> spy balloon", "ts": "1700000030.000100",
             "channel": "CFEEDBACK", "event_ts": "1700000030.000100"}
    post(server, event_body(event, "EvFeedback1"), JSON)
    reply = wait_channel(slack, "CFEEDBACK")
    [posted] = slack.delivered("CFEEDBACK")
    message = {"type": "message", "ts": posted["ts"], "text": reply["text"], "blocks": reply["blocks"]}
    up = buttons_of(reply)["feedback_up"]
    post(server, action_body("feedback_up", up, slack.response_url("fb-up"), user="UVOTER", channel="CFEEDBACK",
                             message_ts=posted["ts"], message=message), FORM)
    [update] = slack.wait_for("/chat.update")
    assert update["channel"] == "CFEEDBACK" and update["ts"] == posted["ts"]
    assert "👍 Thanks for the feedback." in all_text(update["blocks"])
    assert [b for b in update["blocks"] if b.get("block_id") != "feedback"] == [
        b for b in reply["blocks"] if b.get("block_id") != "feedback"], "the answer itself is unchanged"
    assert slack.received("/respond/fb-up") == []


def test_feedback_on_a_shared_answer_chat_update_refuses_goes_through_the_response_url(server, slack):
    post(server, command_body("AUKUS submarines", slack.response_url("fb-toshare"), user="USHARER"), FORM)
    [answer] = slack.wait_for("/respond/fb-toshare")
    post(server, action_body("share_answer", buttons_of(answer)["share_answer"], slack.response_url("fb-shared"),
                             user="USHARER"), FORM)
    [shared] = slack.wait_for("/respond/fb-shared")
    message = {"type": "message", "ts": "1700000040.000100", "text": shared["text"], "blocks": shared["blocks"]}
    slack.fail("/api/chat.update", 200, {"ok": False, "error": "cant_update_message"}, channel="CSHARED")
    post(server, action_body("feedback_down", buttons_of(shared)["feedback_down"], slack.response_url("fb-sdown"),
                             user="UREADER", channel="CSHARED", message_ts="1700000040.000100", message=message), FORM)
    [replaced] = slack.wait_for("/respond/fb-sdown")
    assert replaced["replace_original"] is True and "What was wrong?" in all_text(replaced)
    assert "shared:" in all_text(replaced["blocks"][0]), "the shared answer, with its feedback row swapped"


def test_app_home_shows_the_weeks_feedback(server, slack):
    post(server, command_body("fentanyl", slack.response_url("fb-home"), user="UHOME"), FORM)
    [answer] = slack.wait_for("/respond/fb-home")
    post(server, action_body("feedback_up", buttons_of(answer)["feedback_up"], slack.response_url("fb-home-up"),
                             user="UHOME", message_ts="1700000050.000100"), FORM)
    slack.wait_for("/respond/fb-home-up")
    with sqlite3.connect(server_db()) as db:
        counts = dict(db.execute("SELECT vote, count(*) FROM feedback WHERE team_id = 'T1' GROUP BY vote").fetchall())
    assert counts.get("up", 0) >= 1
    before = len(slack.received("/views.publish"))
    post(server, event_body({"type": "app_home_opened", "user": "U2", "channel": "DH2", "tab": "home"}, "EvHome2"),
         JSON)
    view = slack.wait_for("/views.publish", count=before + 1)[-1]
    assert (f"Feedback on answers this week:* 👍 {counts.get('up', 0)} · 👎 {counts.get('down', 0)}"
            in all_text(view)), all_text(view)


# -- sources from the web ----------------------------------------------------------------------------

def test_add_url_answers_with_the_indexed_title(server, slack, web):
    watson = seed(WITHHELD_SEED)  # not in this server's index
    url = web.page("/briefing/watson", watson, "The White House")
    post(server, command_body(f"add <{url}>", slack.response_url("addnew"), user="UANALYST"), FORM)
    [reply] = slack.wait_for("/respond/addnew", timeout=60)
    assert reply["response_type"] == "ephemeral"
    assert re.match(rf"Indexed: \*{re.escape(watson['title'])}\* \(2023-10-25, \d+ sentences\) from "
                    + re.escape(url), reply["text"]), reply["text"]
    post(server, command_body(f"add {url}", slack.response_url("again")), FORM)
    assert slack.wait_for("/respond/again")[0]["text"] == f"Already indexed: *{watson['title']}* ({url})."
    g7 = seed("g7-foreign-ministers-statement")
    post(server, command_body(f"add {web.page('/wire/g7', g7, 'Asia Wire')}", slack.response_url("same")), FORM)
    assert slack.wait_for("/respond/same", timeout=60)[0]["text"].startswith(f"Same story as *{g7['title']}*")
    post(server, command_body(f"add {web.url}/news/missing", slack.response_url("add404")), FORM)
    assert slack.wait_for("/respond/add404")[0]["text"] == (
        f"Could not add {web.url}/news/missing: the server answered 404 Not Found.")
    post(server, command_body("who is Adrienne Watson", slack.response_url("watson")), FORM)
    assert "NSC Spokesperson" in all_text(slack.wait_for("/respond/watson")[0]), "the new article answers"


def test_feed_add_list_then_the_scheduler_polls_it_then_remove(server, slack, web):
    articles = [seed("joint-leaders-statement-on-aukus"), seed("quad-leaders-joint-statement"),
                seed("readout-of-senior-administration-official-travel")]
    items = [(a["title"], web.page(f"/feed/{n}", a, "State"), a["date"]) for n, a in enumerate(articles)]
    url = web.feed("/feeds/state.xml", "State: East Asia and the Pacific", items[:2], etag='"1"')
    post(server, command_body(f"feed add {url}", slack.response_url("feedadd")), FORM)
    added, done = slack.wait_for("/respond/feedadd", count=2, timeout=60)
    assert added["text"].startswith("Added feed #1: State: East Asia and the Pacific.")
    assert done["text"] == "Feed #1: 2 new articles indexed.", "same stories as seeds count as new sources"
    # a new entry appears; the scheduler in `serve` polls every FEED_INTERVAL_MINUTES (1 here)
    web.feed("/feeds/state.xml", "State: East Asia and the Pacific", items, etag='"2"')
    deadline, listed = time.time() + 100, ""
    while time.time() < deadline and "1 new last time" not in listed:
        time.sleep(5)
        name = f"feedlist{int(time.time())}"
        post(server, command_body("feed list", slack.response_url(name)), FORM)
        listed = slack.wait_for(f"/respond/{name}")[0]["text"]
    assert listed.startswith(f"#1 State: East Asia and the Pacific — {url} · last fetched ")
    assert "1 new last time" in listed and web.hits["/feed/2"] == 1
    post(server, command_body("feed remove 1", slack.response_url("feedrm")), FORM)
    assert slack.wait_for("/respond/feedrm")[0]["text"].startswith("Removed feed #1")
    post(server, command_body("feed add", slack.response_url("feedbad")), FORM)
    assert "Usage:" in slack.wait_for("/respond/feedbad")[0]["text"]


def test_links_on_indexes_links_shared_in_the_channel_with_a_reaction(server, slack, web):
    url = web.page("/shared/aukus", seed("joint-leader-statement-to-mark-the-second-anniversary"), "The White House")
    post(server, command_body("links on", slack.response_url("linkson"), channel="CLINKS"), FORM)
    assert slack.wait_for("/respond/linkson")[0]["text"].startswith("Links posted in <#CLINKS> will be indexed")
    for channel, event_id in (("COTHER", "EvLinkOff"), ("CLINKS", "EvLinkOn")):
        event = {"type": "message", "channel_type": "channel", "user": "U5", "text": f"worth a read <{url}>",
                 "ts": "1700000100.000100", "channel": channel, "event_ts": "1700000100.000100"}
        assert post(server, event_body(event, event_id), JSON)[0] == 200
    [reaction] = slack.wait_for("/reactions.add", timeout=60)
    assert {k: reaction[k] for k in ("channel", "timestamp", "name")} == {
        "channel": "CLINKS", "timestamp": "1700000100.000100", "name": "white_check_mark"}
    time.sleep(1)
    assert len(slack.received("/reactions.add")) == 1, "links in a channel without `links on` are left alone"
    assert not [b for b in slack.received("/chat.postMessage") if b.get("channel") in {"CLINKS", "COTHER"}]


def test_the_scheduled_digest_is_posted_within_a_minute_then_listed_and_cancelled(server, slack, scheduled):
    at, schedule_id = scheduled["at"], scheduled["id"]
    deadline = time.time() + max(0.0, at.timestamp() + 75 - time.time())
    while time.time() < deadline and not slack.delivered("CSCHED"):
        time.sleep(0.5)
    [digest] = slack.delivered("CSCHED")
    assert 0 <= float(digest["ts"]) - at.timestamp() <= 60, "posted within a minute of its time"
    assert digest["metadata"]["event_payload"] == {"schedule_id": schedule_id, "period": at.isoformat()}
    assert re.match(r"\d+ new stories since ", digest["text"])
    assert_within_limits(digest)
    post(server, command_body("schedule list", slack.response_url("list"), channel="CSCHED"), FORM)
    [listed] = slack.wait_for("/respond/list")
    assert listed["text"].startswith(f"#{schedule_id} daily at {at:%H:%M} UTC · next: ")
    assert f"last: posted {at:%a %d %b %Y %H:%M} UTC" in listed["text"]
    post(server, command_body(f"schedule cancel {schedule_id}", slack.response_url("cancel"), channel="CSCHED"), FORM)
    assert slack.wait_for("/respond/cancel")[0]["text"].startswith(f"Cancelled #{schedule_id}: daily at")
    post(server, command_body("schedule list", slack.response_url("list2"), channel="CSCHED"), FORM)
    assert slack.wait_for("/respond/list2")[0]["text"] == "No schedules in this channel."


def test_no_token_or_signing_secret_in_any_log_line(server, slack):
    log = SERVER_LOG[0].read_text()
    assert "DEBUG" in log and "chat.postMessage" in log, "debug logging was on"
    for secret in (BOT_TOKEN, SECRET, BOT_TOKEN[5:]):
        assert secret not in log


def hostile_commands(n: int) -> list[str]:
    """Deterministic hostile slash-command texts built from testkit.hostile's fragments."""
    rng = random.Random(500)
    fragments = [f for f in NASTY if "169.254" not in f] + ["taiwan", "Kurt Campbell", "schedule daily 09:00",
                                                            "feed add", "feed remove 1", "links", "stats"]
    texts = []
    for i in range(n):
        parts = rng.choices(fragments, k=rng.randint(1, 8))
        text = "".join(parts) if i % 7 else "".join(parts) * 400  # every 7th is thousands of characters
        texts.append(text.replace("\ud800", "").replace("\udfff", ""))  # form encoding carries UTF-8 only
    return texts


def test_five_hundred_hostile_commands_are_all_acked_and_answered_and_none_pings(server, slack):
    texts = hostile_commands(500)

    def send(i: int) -> tuple[int, float]:
        start = time.perf_counter()
        status, _ = post(server, command_body(texts[i], slack.response_url(f"hostile-{i}"), user=f"UH{i % 50}"), FORM)
        return status, time.perf_counter() - start

    with ThreadPoolExecutor(10) as pool:
        results = list(pool.map(send, range(500)))
    assert {status for status, _ in results} == {200}, "never a 500"
    assert max(t for _, t in results) < 3.0, f"slowest ack {max(t for _, t in results):.2f} s"
    for i in range(500):
        [reply] = slack.wait_for(f"/respond/hostile-{i}", timeout=300)
        assert reply["text"] and reply.get("response_type") == "ephemeral"
        assert_within_limits(reply) if reply.get("blocks") else None
        raw = all_text(reply)
        assert "<!" not in raw and "<@U0ADMIN" not in raw and "<https://evil" not in raw, (texts[i][:80], raw[:300])
        assert "something went wrong" not in reply["text"], (texts[i][:80], reply["text"])
