"""Watch alerts with an injected clock: real SQLite copies of the seeds, the real model, posts through the local
Slack stand-in. Articles "arrive" by getting an indexed_at after the watch was made (as test_digests.py does)."""
from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk import WebClient

from bot.app import make_answerer, make_matcher
from core.config import Settings
from core.digest_delivery import POST_LEASE
from core.watch_delivery import BATCH, WatchRunner
from core.watches import WatchService
from handlers.grammar import Invalid, Unwatch, WatchAdd, WatchList, is_watch_command, parse_watch
from handlers.replies import invite_hint
from handlers.watch_outbox import MARKER_EVENT, SlackWatchOutbox
from handlers.watches import reply
from handlers.workspaces import OneWorkspace
from store import Store
from store.watches import Watches
from tests.test_digests import G7_TAIWAN, MONDAY, NOT_TAIWAN, TAIWAN_ACT, Clock, all_ids, ids_of, indexed_at

CAMPBELL_NOMINATION = "president-biden-announces-kurt-campbell"
CAMPBELL_TRAVEL = "readout-of-senior-administration-official-travel-to-the-indo"


@pytest.fixture
def store(seeded_copy) -> Store:
    store = Store(seeded_copy)
    indexed_at(store, all_ids(store), MONDAY - timedelta(days=30))  # nothing is new unless a test says so
    return store


def service(store: Store, embedder, clock: Clock) -> WatchService:
    answerer = make_answerer(store, embedder)
    return WatchService(Watches(store), make_matcher(Settings(), answerer), clock)


def runner(store: Store, embedder, slack, clock: Clock) -> WatchRunner:
    """What `serve` runs, on its own connections: a new one is a restarted (or a second) process."""
    client = WebClient(token="xoxb-test", base_url=slack.api_url)
    return WatchRunner(store, make_matcher(Settings(), make_answerer(store, embedder)),
                       SlackWatchOutbox(OneWorkspace(client), "/us-china"), clock, invite_hint())


def alerts_to(slack, channel: str) -> list[dict]:
    return [m for m in slack.delivered(channel) if (m.get("metadata") or {}).get("event_type") == MARKER_EVENT]


def statuses(outcomes) -> list[str]:
    return [o.status for o in outcomes]


# -- grammar -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, parsed", [
    ("watch Kurt Campbell", WatchAdd("Kurt Campbell")),
    ("Watch taiwan strait", WatchAdd("taiwan strait")),
    ("watch list", WatchList()),
    ("unwatch 3", Unwatch(3)),
    ("unwatch #12", Unwatch(12)),
])
def test_watch_commands(text, parsed):
    assert is_watch_command(text) and parse_watch(text) == parsed


@pytest.mark.parametrize("text", ["watch", "watch help", "unwatch", "unwatch three", "unwatch 3 4", "watch --- !!",
                                  "watch " + "x" * 201])
def test_bad_watch_commands_are_explained(text):
    assert is_watch_command(text) and isinstance(parse_watch(text), Invalid)


def test_a_question_starting_with_watch_stays_a_query():
    assert not is_watch_command("watch out for what in the Taiwan Strait?")
    assert not is_watch_command("watch " + " ".join(["word"] * 13))
    assert not is_watch_command("watchdog reports on fentanyl")


# -- what a watch is, and what it matches ------------------------------------------------------------------

@pytest.mark.parametrize("typed, kind, subject", [
    ("Kurt Campbell", "person", "Kurt Campbell"),
    ("campbell", "person", "Kurt Campbell"),
    ("Secretary Blinken", "person", "Antony Blinken"),
    ("Xi", "person", "Xi Jinping"),
    ("taiwan strait", "topic", "taiwan strait"),
    ("China", "topic", "China"),
    ("Rahm Emanuel", "topic", "Rahm Emanuel"),  # a name the index has never seen is watched as words
])
def test_a_watch_is_a_person_when_the_who_is_resolver_knows_the_name(seeded_store, embedder, typed, kind, subject):
    matcher = make_matcher(Settings(), make_answerer(seeded_store, embedder))
    assert matcher.kind_of(typed) == (kind, subject)


def test_a_person_watch_fires_for_a_new_article_naming_them_with_the_sentence_verbatim(store, embedder, slack):
    clock = Clock(MONDAY)
    watch = service(store, embedder, clock).create("T1", "CPERSON", "Kurt Campbell", "U1")
    nomination, travel = ids_of(store, CAMPBELL_NOMINATION, CAMPBELL_TRAVEL)
    indexed_at(store, [nomination] + ids_of(store, G7_TAIWAN), MONDAY + timedelta(minutes=3))
    clock.now = MONDAY + timedelta(minutes=4)
    assert [(o.status, o.articles) for o in runner(store, embedder, slack, clock).run()] == [("posted", 1)]
    [post] = alerts_to(slack, "CPERSON")
    assert post["text"] == f"Watch #{watch.id}: 1 new article naming Kurt Campbell"
    heading, sentence = post["blocks"][1]["text"]["text"].split("\n> ")
    assert heading.startswith("<https://") and "Kurt Campbell" in heading
    body = store.db.execute("SELECT body FROM articles WHERE id = ?", [nomination]).fetchone()[0]
    assert "Campbell" in sentence and sentence in " ".join(body.split()), "the sentence that names him, verbatim"
    assert post["blocks"][2]["elements"][0]["text"].startswith("2023-11-01")
    assert post["blocks"][-1]["elements"][0]["text"] == f"`/us-china unwatch {watch.id}` stops this watch."
    assert post["metadata"]["event_payload"] == {"watch_id": watch.id, "post_id": 1}


def test_a_topic_watch_fires_for_articles_on_the_topic_only(store, embedder, slack):
    clock = Clock(MONDAY)
    service(store, embedder, clock).create("T1", "CTOPIC", "taiwan", "U1")
    indexed_at(store, ids_of(store, G7_TAIWAN, TAIWAN_ACT, *NOT_TAIWAN), MONDAY + timedelta(minutes=1))
    clock.now = MONDAY + timedelta(minutes=2)
    assert [(o.status, o.articles) for o in runner(store, embedder, slack, clock).run()] == [("posted", 2)]
    [post] = alerts_to(slack, "CTOPIC")
    assert post["text"].endswith("2 new articles on taiwan"), "two articles that arrived together: one post"
    sections = [b["text"]["text"] for b in post["blocks"][1:] if b["type"] == "section"]
    assert len(sections) == 2 and all("Taiwan" in s.split("\n> ")[1] for s in sections)


def test_articles_indexed_before_the_watch_never_fire(store, embedder, slack):
    indexed_at(store, ids_of(store, G7_TAIWAN), MONDAY - timedelta(minutes=1))
    clock = Clock(MONDAY)
    service(store, embedder, clock).create("T1", "CBEFORE", "taiwan", "U1")
    clock.now = MONDAY + timedelta(minutes=30)
    assert statuses(runner(store, embedder, slack, clock).run()) == ["nothing"]
    assert not alerts_to(slack, "CBEFORE")


# -- exactly once, batching -------------------------------------------------------------------------------

def test_each_article_is_alerted_once_across_rounds_and_restarts(store, embedder, slack, seeded_copy):
    clock = Clock(MONDAY)
    service(store, embedder, clock).create("T1", "CONCE", "taiwan", "U1")
    indexed_at(store, ids_of(store, G7_TAIWAN), MONDAY + timedelta(seconds=30))
    first = runner(store, embedder, slack, clock)
    for minute in range(1, 40):  # a round a minute for 40 minutes: the article is re-read (overlap), not re-sent
        clock.now = MONDAY + timedelta(minutes=minute)
        first.run()
    # restarts: new processes on the same file, inside the batch window and long after it
    for later in (timedelta(minutes=41), timedelta(hours=5)):
        clock.now = MONDAY + later
        assert statuses(runner(Store(seeded_copy), embedder, slack, clock).run()) == ["nothing"]
    assert len(alerts_to(slack, "CONCE")) == 1


def test_one_post_per_watch_per_ten_minutes_and_what_waits_comes_together(store, embedder, slack):
    clock = Clock(MONDAY)
    watch = service(store, embedder, clock).create("T1", "CBATCH", "taiwan", "U1")
    g7, act = ids_of(store, G7_TAIWAN, TAIWAN_ACT)
    run = runner(store, embedder, slack, clock)
    indexed_at(store, [g7], MONDAY + timedelta(seconds=10))
    clock.now = MONDAY + timedelta(minutes=1)
    assert statuses(run.run()) == ["posted"], "the first alert goes at once"
    indexed_at(store, [act], MONDAY + timedelta(minutes=2))
    clock.now = MONDAY + timedelta(minutes=3)
    assert statuses(run.run()) == ["waiting"]
    clock.now = MONDAY + timedelta(minutes=10, seconds=59)
    assert statuses(run.run()) == ["waiting"], "ten minutes after the first post, not before"
    clock.now = MONDAY + timedelta(minutes=11)
    assert [(o.status, o.articles) for o in run.run()] == [("posted", 1)]
    posts = alerts_to(slack, "CBATCH")
    assert len(posts) == 2 and "United States-Taiwan Initiative" in str(posts[1]["blocks"])
    times = [datetime.fromisoformat(p.claimed_at) for p in Watches(store).posts(watch.id)]
    assert times[1] - times[0] == BATCH


def test_two_processes_checking_at_once_post_once(store, embedder, slack, seeded_copy):
    clock = Clock(MONDAY)
    service(store, embedder, clock).create("T1", "CTWO", "taiwan", "U1")
    indexed_at(store, ids_of(store, G7_TAIWAN, TAIWAN_ACT), MONDAY + timedelta(seconds=5))
    a, b = runner(Store(seeded_copy), embedder, slack, clock), runner(Store(seeded_copy), embedder, slack, clock)
    clock.now = MONDAY + timedelta(minutes=1)
    barrier, outcomes = threading.Barrier(2), []

    def run(r: WatchRunner) -> None:
        barrier.wait()
        outcomes.extend(r.run())

    threads = [threading.Thread(target=run, args=(r,)) for r in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # the other found the claim taken, or nothing left; had it started after the claim, it also saw the post
    # 'posting' (in-progress): three outcomes, not two
    found = statuses(outcomes)
    assert found.count("posted") == 1 and set(found) - {"posted"} <= {"waiting", "nothing", "in-progress"}, found
    [post] = alerts_to(slack, "CTWO")
    assert post["text"].endswith("2 new articles on taiwan")


def test_an_alert_interrupted_mid_post_is_finished_once_after_its_lease(store, embedder, slack):
    # real time here: Slack's message timestamps are real, and the runner looks for its post after the claim
    start = datetime.now(UTC).replace(microsecond=0)
    clock = Clock(start)
    watches = Watches(store)
    make = service(store, embedder, clock)
    sent, lost = make.create("T1", "CCRASH1", "taiwan", "U1"), make.create("T1", "CCRASH2", "taiwan", "U1")
    indexed_at(store, ids_of(store, G7_TAIWAN), start + timedelta(seconds=1))
    clock.now = start + timedelta(minutes=1)
    # what a process killed mid-post leaves: both posts claimed and 'posting'; one of them had gone out
    for watch in (sent, lost):
        runner(store, embedder, slack, clock).check(watches.get(watch.id), clock.now)
        assert watches.claim_post(watch.id, clock.now, clock.now - BATCH)
    [landed] = watches.posts(sent.id)
    WebClient(token="xoxb-test", base_url=slack.api_url).chat_postMessage(
        channel="CCRASH1", text="alert", metadata={"event_type": MARKER_EVENT,
                                                   "event_payload": {"watch_id": sent.id, "post_id": landed.id}})
    fresh = runner(store, embedder, slack, clock)
    assert set(statuses(fresh.run())) == {"in-progress", "nothing"}, "inside the lease: the poster may be alive"
    clock.now += POST_LEASE
    assert statuses(fresh.run())[:2] == ["posted", "posted"]
    assert len(alerts_to(slack, "CCRASH1")) == 1 and len(alerts_to(slack, "CCRASH2")) == 1
    assert {p.status for w in (sent, lost) for p in watches.posts(w.id)} == {"posted"}


# -- delivery failures ------------------------------------------------------------------------------------

def test_not_in_channel_tells_the_creator_once_and_shows_in_the_list(store, embedder, slack):
    clock = Clock(MONDAY)
    make = service(store, embedder, clock)
    watch = make.create("", "CNOTMEMBER", "taiwan", "UCREATOR2")  # a single workspace's key is ''
    g7, act = ids_of(store, G7_TAIWAN, TAIWAN_ACT)
    slack.fail("/api/chat.postMessage", 200, {"ok": False, "error": "not_in_channel"}, channel="CNOTMEMBER", times=2)
    run = runner(store, embedder, slack, clock)
    for n, article in enumerate((g7, act)):
        indexed_at(store, [article], MONDAY + timedelta(minutes=20 * n, seconds=1))
        clock.now = MONDAY + timedelta(minutes=20 * n + 1)
        assert [(o.status, o.detail) for o in run.run()] == [("failed", "not_in_channel")]
    dms = [b for b in slack.received("/chat.postMessage") if b.get("channel") == "UCREATOR2"]
    assert len(dms) == 1 and "/invite @us-china" in dms[0]["text"] and "<#CNOTMEMBER>" in dms[0]["text"]
    listed = reply("watch list", "T1", "CNOTMEMBER", "U1", "/us-china", Settings(), make)
    assert listed.startswith(f"#{watch.id} topic: taiwan · since Mon 30 Nov 2026 07:00 UTC · 2 articles found")
    assert listed.endswith("last alert: failed (not_in_channel)")


# -- the commands: workspaces, admins, unwatch, hostile words ----------------------------------------------

def test_watch_list_unwatch_and_workspaces_never_see_each_others(store, embedder, slack):
    clock = Clock(MONDAY)
    make, settings = service(store, embedder, clock), Settings(slack_client_id="1111.2222")  # many workspaces
    created = reply("watch Kurt Campbell", "T1", "CDESK", "U1", "/us-china", settings, make)
    assert created == ("Watching #1: new articles naming *Kurt Campbell* will be posted here with the sentence that "
                       "names them, at most one post every 10 minutes. `/us-china unwatch 1` stops it.")
    topic = reply("watch taiwan strait", "T1", "CDESK", "U1", "/us-china", settings, make)
    assert topic.startswith("Watching #2: new articles on *taiwan strait* (the rule topic digests use)")
    assert reply("watch list", "T1", "CDESK", "U1", "/us-china", settings, make).splitlines() == [
        "#1 person: Kurt Campbell · since Mon 30 Nov 2026 07:00 UTC · 0 articles found · last alert: none yet",
        "#2 topic: taiwan strait · since Mon 30 Nov 2026 07:00 UTC · 0 articles found · last alert: none yet"]
    # another workspace, even with the same channel id, neither sees nor stops them
    assert reply("watch list", "T2", "CDESK", "U9", "/us-china", settings, make) == "No watches here."
    assert reply("unwatch 1", "T2", "CDESK", "U9", "/us-china", settings, make) == (
        "There is no watch #1 here. `/us-china watch list` shows them.")
    assert reply("unwatch 1", "T1", "COTHER", "U1", "/us-china", settings, make).startswith("There is no watch #1")
    assert reply("unwatch 1", "T1", "CDESK", "U1", "/us-china", settings, make) == (
        "Stopped watch #1 (person: Kurt Campbell). No more alerts from it.")
    # stopped: a new article naming him is not posted
    indexed_at(store, ids_of(store, CAMPBELL_NOMINATION), MONDAY + timedelta(minutes=1))
    clock.now = MONDAY + timedelta(minutes=2)
    runner(store, embedder, slack, clock).run()
    assert not [p for p in alerts_to(slack, "CDESK") if "Campbell" in p["text"]]


def test_only_admins_start_or_stop_watches_when_admins_are_set(store, embedder):
    make, settings = service(store, embedder, Clock(MONDAY)), Settings(admin_user_ids=frozenset({"UADMIN"}))
    refused = reply("watch taiwan", "T1", "CADM", "UOTHER", "/us-china", settings, make)
    assert refused == "Only <@UADMIN> can start or stop watches here. `/us-china watch list` shows this conversation's."
    assert reply("watch taiwan", "T1", "CADM", "UADMIN", "/us-china", settings, make).startswith("Watching #1")
    assert reply("unwatch 1", "T1", "CADM", "UOTHER", "/us-china", settings, make).startswith("Only <@UADMIN>")
    assert reply("watch list", "T1", "CADM", "UOTHER", "/us-china", settings, make).startswith("#1 topic: taiwan")


def test_hostile_watch_words_never_ping_in_the_reply_or_the_alert(store, embedder, slack):
    clock = Clock(MONDAY)
    make = service(store, embedder, clock)
    said = reply("watch <!channel> taiwan <@U0ADMIN>", "T1", "CHOSTILE", "U1", "/us-china", Settings(), make)
    assert "<!channel>" not in said and "&lt;!channel&gt;" in said and "<@U0ADMIN>" not in said
    indexed_at(store, ids_of(store, G7_TAIWAN), MONDAY + timedelta(seconds=1))
    clock.now = MONDAY + timedelta(minutes=1)
    runner(store, embedder, slack, clock).run()
    [post] = alerts_to(slack, "CHOSTILE")
    assert "<!channel>" not in str(post) and "<@U0ADMIN>" not in str(post)


def test_bad_watch_commands_get_the_usage(store, embedder):
    make = service(store, embedder, Clock(MONDAY))
    said = reply("unwatch three", "T1", "CBAD", "U1", "/us-china", Settings(), make)
    assert said.startswith("`unwatch` needs the watch's number, e.g. `unwatch 3`") and "Usage:" in said
    assert "`/us-china watch Kurt Campbell`" in reply("watch", "T1", "CBAD", "U1", "/us-china", Settings(), make)
    assert not Watches(store).active()
