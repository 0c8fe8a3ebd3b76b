"""Scheduled digests with an injected clock: real SQLite, the real model, posts through the local Slack stand-in."""
from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta, timezone

import pytest
from slack_sdk import WebClient

from bot.app import make_client
from core.config import Settings
from core.digest import Digester
from core.digest_delivery import POST_LEASE, DigestRunner
from handlers.digest_outbox import MARKER_EVENT, SlackOutbox
from handlers.replies import invite_hint
from handlers.schedules import list_text
from handlers.workspaces import OneWorkspace
from store import Store
from store.schedules import Schedules
from store.timestamps import iso

MONDAY = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)  # a Monday
# seeds about Taiwan, and three without it (investment order, AUKUS statement, aerial objects), by file name
G7_TAIWAN, TAIWAN_ACT = "g7-foreign-ministers-statement", "united-states-taiwan-initiative"
NOT_TAIWAN = ("executive-order-on-addressing", "joint-leaders-statement-on-aukus", "response-to-recent-aerial-objects")


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def store(seeded_copy) -> Store:
    store = Store(seeded_copy)
    indexed_at(store, all_ids(store), MONDAY - timedelta(days=30))  # nothing new unless a test says so
    return store


def ids_of(store: Store, *seed_names: str) -> list[int]:
    """The ids of the seeds whose file names contain these words, in that order (ids depend on ingest order)."""
    found = []
    for name in seed_names:
        [row] = store.db.query("SELECT id FROM articles WHERE path LIKE ?", [f"%{name}%"])
        found.append(row["id"])
    return found


def all_ids(store: Store) -> list[int]:
    return [r["id"] for r in store.db.query("SELECT id FROM articles ORDER BY id")]


def indexed_at(store: Store, ids, when: datetime) -> None:
    """Test data: pretend these articles were indexed at `when`."""
    with store.db.conn:
        store.db.conn.executemany("UPDATE articles SET indexed_at = ? WHERE id = ?", [(iso(when), i) for i in ids])


def runner(store: Store, embedder, slack, clock: Clock) -> DigestRunner:
    client = make_client(Settings(slack_bot_token="xoxb-test", slack_api_url=slack.api_url))
    return DigestRunner(Schedules(store), Digester(store, embedder), SlackOutbox(OneWorkspace(client)), clock,
                        invite_hint())


def digests_to(slack, channel: str) -> list[dict]:
    return [m for m in slack.delivered(channel) if m.get("metadata")]


def tick(runners: list[DigestRunner], clock: Clock, until: datetime, step=timedelta(minutes=10)) -> None:
    while clock.now < until:
        clock.now += step
        for r in runners:
            r.run_all_due()


def test_daily_posts_once_a_day_for_a_week_and_covers_each_article_once(store, embedder, slack):
    clock = Clock(MONDAY)
    ids = all_ids(store)
    indexed_at(store, ids[:40], MONDAY - timedelta(hours=2))
    indexed_at(store, ids[40:], MONDAY + timedelta(days=2, hours=3))  # Wednesday 10:00, after that day's digest
    schedule = Schedules(store).create("", "CWEEK", "daily", None, 9, 0, "UTC", None, "UCREATOR", MONDAY)
    tick([runner(store, embedder, slack, clock)], clock, MONDAY + timedelta(days=7))

    posts = digests_to(slack, "CWEEK")
    assert len(posts) == 7
    assert [p["metadata"]["event_payload"]["period"][:16] for p in posts] == [
        f"2026-{d.month:02d}-{d.day:02d}T09:00" for d in (MONDAY + timedelta(days=n) for n in range(7))]
    assert all(p["metadata"]["event_type"] == MARKER_EVENT for p in posts)
    assert posts[0]["text"] == "40 new stories since Sun 29 Nov 09:00 UTC."
    assert "…and 30 more." in str(posts[0]["blocks"])  # at most 10 stories shown
    assert posts[1]["text"] == "Nothing new since Mon 30 Nov 09:00 UTC."
    assert posts[3]["text"] == "3 new stories since Wed 02 Dec 09:00 UTC."
    assert [p["text"].startswith("Nothing new") for p in posts] == [False, True, True, False, True, True, True]
    runs = Schedules(store).runs(schedule.id)
    assert [r.status for r in runs] == ["posted"] * 7
    assert all(a.covered_until == b.covered_from for a, b in zip(runs, runs[1:])), "windows neither gap nor overlap"


def test_a_digest_story_is_verbatim_with_title_date_link_and_people(store, embedder, slack):
    clock = Clock(MONDAY + timedelta(hours=2, minutes=1))
    indexed_at(store, ids_of(store, G7_TAIWAN), MONDAY)
    Schedules(store).create("", "CSTORY", "daily", None, 9, 0, "UTC", None, "U1", MONDAY)
    assert runner(store, embedder, slack, clock).run_all_due()[0].status == "posted"
    post = digests_to(slack, "CSTORY")[0]
    blocks = post["blocks"]
    body = next(r["body"] for r in store.db.query("SELECT body FROM articles WHERE id = ?", ids_of(store, G7_TAIWAN)))
    quotes = [line[2:] for line in blocks[1]["text"]["text"].split("\n")[1:]]
    assert 1 <= len(quotes) <= 2 and all(q.replace("&amp;", "&") in body for q in quotes)
    assert blocks[1]["text"]["text"].startswith("<https://")
    assert "2022-08-03" in blocks[2]["elements"][0]["text"]


def test_weekly_posts_on_its_day_and_time_in_its_zone(store, embedder, slack):
    clock = Clock(MONDAY)
    Schedules(store).create("", "CWEEKLY", "weekly", 2, 8, 30, "America/New_York", "taiwan", "U1", MONDAY)
    tick([runner(store, embedder, slack, clock)], clock, MONDAY + timedelta(days=15))
    periods = [datetime.fromisoformat(p["metadata"]["event_payload"]["period"]) for p in digests_to(slack, "CWEEKLY")]
    assert [p.astimezone(timezone(timedelta(hours=-5))).strftime("%a %H:%M %d") for p in periods] == [
        "Wed 08:30 02", "Wed 08:30 09"]
    assert digests_to(slack, "CWEEKLY")[0]["text"] == "Nothing new on taiwan since Wed 25 Nov 08:30 EST."


def test_a_restart_neither_duplicates_nor_loses_a_digest(store, embedder, slack, seeded_copy):
    clock = Clock(MONDAY)
    schedule = Schedules(store).create("", "CRESTART", "daily", None, 9, 0, "UTC", None, "U1", MONDAY)
    tick([runner(store, embedder, slack, clock)], clock, MONDAY + timedelta(hours=2, minutes=30))  # Mon 09:00 posted
    # restart in the middle of the period: a new process (new connections, new runner) at 09:30
    restarted = runner(Store(seeded_copy), embedder, slack, clock)
    assert [o.status for o in restarted.run_all_due()] == ["done-before"]
    # down from Tue 08:50 to 09:40: the missed run is under an hour old, so it is posted once at start
    clock.now = MONDAY + timedelta(days=1, hours=2, minutes=40)
    assert [o.status for o in runner(Store(seeded_copy), embedder, slack, clock).run_all_due()] == ["posted"]
    # down from Wed 08:50 to 11:00: skipped, shown in `schedule list`; Thursday's covers what Wednesday missed
    indexed_at(store, ids_of(store, G7_TAIWAN), MONDAY + timedelta(days=2, hours=1))
    clock.now = MONDAY + timedelta(days=2, hours=4)
    assert [o.status for o in runner(Store(seeded_copy), embedder, slack, clock).run_all_due()] == ["missed"]
    assert "missed Wed 02 Dec 2026 09:00 UTC (the bot was not running)" in list_text(Schedules(store), "", "CRESTART",
                                                                                      clock.now)
    tick([runner(Store(seeded_copy), embedder, slack, clock)], clock, MONDAY + timedelta(days=3, hours=3))
    posts = digests_to(slack, "CRESTART")
    assert len(posts) == 3
    assert posts[-1]["text"] == "1 new story since Tue 01 Dec 09:40 UTC." and "Taiwan Strait" in str(posts[-1])
    assert [r.status for r in Schedules(store).runs(schedule.id)] == ["posted", "posted", "missed", "posted"]


def test_a_digest_interrupted_mid_post_is_finished_once_after_its_lease(store, embedder, slack):
    # real time here: Slack's message timestamps are real, and the runner looks for its post after the claim
    clock = Clock(datetime.now(UTC).replace(microsecond=0))
    at = clock.now - timedelta(minutes=10)
    schedules = Schedules(store)
    sent = schedules.create("", "CCRASH1", "daily", None, at.hour, at.minute, "UTC", None, "U1", at - timedelta(days=1))
    lost = schedules.create("", "CCRASH2", "daily", None, at.hour, at.minute, "UTC", None, "U1", at - timedelta(days=1))
    period = iso(at.replace(second=0))
    # what a process killed mid-post leaves: two claims still 'posting'; one of the posts had gone out
    for schedule in (sent, lost):
        assert schedules.claim(schedule.id, period, clock.now)
    client = WebClient(token="xoxb-test", base_url=slack.api_url)
    client.chat_postMessage(channel="CCRASH1", text="digest", metadata={
        "event_type": MARKER_EVENT, "event_payload": {"schedule_id": sent.id, "period": period}})
    fresh = runner(store, embedder, slack, clock)
    assert {o.status for o in fresh.run_all_due()} == {"in-progress"}, "inside the lease: the poster may be alive"
    clock.now += POST_LEASE
    assert [o.status for o in fresh.run_all_due()] == ["posted", "posted"]
    assert len(digests_to(slack, "CCRASH1")) == 1 and len(digests_to(slack, "CCRASH2")) == 1
    assert {r.status for s in (sent, lost) for r in schedules.runs(s.id)} == {"posted"}
    assert [o.status for o in fresh.run_all_due()] == ["done-before", "done-before"]


def test_two_schedulers_on_one_database_post_once(store, embedder, slack, seeded_copy):
    clock = Clock(MONDAY)
    Schedules(store).create("", "CTWO", "daily", None, 9, 0, "UTC", None, "U1", MONDAY)
    a, b = runner(Store(seeded_copy), embedder, slack, clock), runner(Store(seeded_copy), embedder, slack, clock)
    for day in range(3):
        clock.now = MONDAY + timedelta(days=day, hours=2, minutes=1)
        barrier = threading.Barrier(2)
        outcomes = []

        def run(r: DigestRunner, barrier: threading.Barrier = barrier, outcomes: list = outcomes) -> None:
            barrier.wait()
            outcomes.extend(o.status for o in r.run_all_due())

        threads = [threading.Thread(target=run, args=(r,)) for r in (a, b)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes) == ["done-before", "posted"] or sorted(outcomes) == ["in-progress", "posted"]
    assert len(digests_to(slack, "CTWO")) == 3


def test_a_topic_schedule_shows_matching_stories_only(store, embedder, slack):
    clock = Clock(MONDAY + timedelta(hours=2, minutes=5))
    indexed_at(store, ids_of(store, G7_TAIWAN, TAIWAN_ACT, *NOT_TAIWAN), MONDAY)
    Schedules(store).create("", "CTOPIC", "daily", None, 9, 0, "UTC", "taiwan", "U1", MONDAY)
    runner(store, embedder, slack, clock).run_all_due()
    post = digests_to(slack, "CTOPIC")[0]
    assert post["text"] == "2 new stories on taiwan since Sun 29 Nov 09:00 UTC."
    titles = [b["text"]["text"].split("\n")[0] for b in post["blocks"][1:] if b["type"] == "section"]
    assert len(titles) == 2 and "Taiwan Strait" in titles[1] and "Taiwan Initiative" in titles[0]


def test_not_in_channel_tells_the_creator_and_is_shown_as_the_last_result(store, embedder, slack):
    clock = Clock(MONDAY + timedelta(hours=2, minutes=1))
    Schedules(store).create("", "CNOTIN", "daily", None, 9, 0, "UTC", None, "UCREATOR", MONDAY)
    slack.fail("/api/chat.postMessage", 200, {"ok": False, "error": "not_in_channel"}, channel="CNOTIN")
    assert [o.status for o in runner(store, embedder, slack, clock).run_all_due()] == ["failed"]
    dm = [b for b in slack.received("/chat.postMessage") if b.get("channel") == "UCREATOR"]
    assert len(dm) == 1 and "/invite @us-china" in dm[0]["text"] and "<#CNOTIN>" in dm[0]["text"]
    assert "failed Mon 30 Nov 2026 09:00 UTC (not_in_channel)" in list_text(Schedules(store), "", "CNOTIN", clock.now)


def test_rate_limited_post_is_retried_after_retry_after_and_posted_once(store, embedder, slack):
    clock = Clock(MONDAY + timedelta(hours=2, minutes=1))
    Schedules(store).create("", "CLIMIT", "daily", None, 9, 0, "UTC", None, "U1", MONDAY)
    slack.fail("/api/chat.postMessage", 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "1"},
               channel="CLIMIT")
    assert [o.status for o in runner(store, embedder, slack, clock).run_all_due()] == ["posted"]
    assert len(digests_to(slack, "CLIMIT")) == 1


def test_a_failing_schedule_does_not_stop_the_others(store, embedder, slack):
    clock = Clock(MONDAY + timedelta(hours=2, minutes=1))
    schedules = Schedules(store)
    schedules.create("", "CBROKEN", "daily", None, 9, 0, "UTC", None, "U1", MONDAY)
    schedules.create("", "CFINE", "daily", None, 9, 0, "UTC", None, "U1", MONDAY)
    slack.fail("/api/chat.postMessage", 500, {"ok": False, "error": "internal_error"}, times=4, channel="CBROKEN")
    assert [o.status for o in runner(store, embedder, slack, clock).run_all_due()] == ["failed", "posted"]
    assert len(digests_to(slack, "CFINE")) == 1


def test_the_same_story_from_two_outlets_is_shown_once_with_both_sources(store, embedder, slack, tmp_path):
    from core.ingest import ingest
    from tests.conftest import SEEDS

    original = next(SEEDS.glob("2022-08-03-*taiwan-strait.txt")).read_text()
    title, _, body = original.partition("\n\n")
    # the same statement as a wire service would carry it: its own title and dateline, the text unchanged
    (tmp_path / "wire.txt").write_text(f"G7 ministers issue statement on Taiwan Strait\n\nLONDON (Wire) - {body}")
    assert ingest(store, embedder, [str(tmp_path / "wire.txt")]).ok
    wire_id = next(store.db.query("SELECT max(id) AS id FROM articles"))["id"]
    g7, taiwan_act = ids_of(store, G7_TAIWAN, TAIWAN_ACT)
    indexed_at(store, [g7, wire_id, taiwan_act], MONDAY)
    clock = Clock(MONDAY + timedelta(hours=2, minutes=1))
    Schedules(store).create("", "CDUP", "daily", None, 9, 0, "UTC", None, "U1", MONDAY)
    runner(store, embedder, slack, clock).run_all_due()
    post = digests_to(slack, "CDUP")[0]
    assert post["text"] == "2 new stories since Sun 29 Nov 09:00 UTC."
    assert sum("Also in: " in str(b) for b in post["blocks"]) == 1


def test_a_press_conference_is_quoted_on_the_beat_not_on_the_other_news_it_covers(seeded_store, embedder):
    """Biden's Woodside press conference also covers hostage talks in Israel; with the BEAT setting's default
    the digest quotes what it says about US–China relations (sentences a helper labelled on the beat)."""
    import json

    from tests.conftest import ROOT

    [labels] = [json.loads(line) for line in (ROOT / "testkit/labels/beat_sentences_seeds.jsonl").open()
                if "woodside" in line]
    [row] = seeded_store.sql.query("SELECT id FROM articles WHERE path LIKE '%woodside%'")
    quoted = Digester(seeded_store, embedder).story_sentences(seeded_store.get_article(row["id"]))
    assert len(quoted) == 2
    for sentence in quoted:
        assert "hostage" not in sentence.lower()
        assert any(" ".join(sentence.split()) in " ".join(label.split()) for label in labels["on_beat"]), sentence
