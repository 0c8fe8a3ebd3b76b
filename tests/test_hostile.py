"""Hostile input, generated: the parsers, the query path and the renderers never raise, always render valid
Block Kit within Slack's limits, and never let user or article text ping, link or format."""
from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import make_answerer, make_matcher
from core.config import Settings
from core.digest import Digest, Source, Story
from core.limits import clean_input
from core.schedules_service import SchedulesService
from core.watch_delivery import Alert
from core.watches import WatchService
from handlers import blocks, grammar
from handlers.schedules import reply as schedule_reply
from handlers.watches import reply as watch_reply
from store import Store
from store.schedules import Schedules
from store.watches import Hit, Watch, Watches
from testkit.hostile import NASTY

hostile_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(NASTY) | st.text(max_size=12), max_size=40).map(" ".join),
    st.lists(st.sampled_from(NASTY), min_size=1, max_size=5).map(lambda parts: "".join(parts) * 600),  # 10k+
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def assert_safe_blocks(payload_blocks: list[dict], allowed_links: set[str] = frozenset()) -> None:
    """Within Slack's limits, JSON-serialisable, and every '<' is one of our own links."""
    assert 0 < len(payload_blocks) <= 50
    text = json.dumps(payload_blocks, ensure_ascii=False)
    text.encode("utf-8")  # no lone surrogates left to break the request
    for block in payload_blocks:
        if block["type"] == "section":
            assert 0 < len(block["text"]["text"]) <= 3000
        if block["type"] == "header":
            assert 0 < len(block["text"]["text"]) <= 150
        for element in block.get("elements", []):
            if element.get("type") == "button":
                assert len(element.get("value", "")) <= 2000 and 0 < len(element["text"]["text"]) <= 75
    for match in re.finditer(r"<([^>]*)>?", text):
        target = match.group(1).split("|")[0]
        assert target in allowed_links, f"raw <…> in blocks: {match.group(0)[:80]!r}"


@given(hostile_text)
@settings(max_examples=300, deadline=None)
def test_command_parsers_never_raise(text):
    cleaned = clean_input(text)
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]", cleaned)
    if grammar.is_schedule_command(cleaned):
        grammar.parse_schedule(cleaned)
    grammar.parse_source(cleaned)
    grammar.links_in(text)
    if grammar.is_watch_command(cleaned):
        grammar.parse_watch(cleaned)


@pytest.fixture(scope="module")
def schedules(tmp_path_factory) -> SchedulesService:
    return SchedulesService(Schedules(Store(tmp_path_factory.mktemp("hostile") / "s.db")), "UTC")


@given(hostile_text)
@SETTINGS
def test_schedule_replies_escape_whatever_they_echo(schedules, text):
    reply = schedule_reply(clean_input("schedule daily 09:00 " + text), {"channel_id": "C1", "user_id": "U1"},
                           Settings(), schedules)
    for echoed in re.findall(r"<([^>]*)>", reply):
        assert echoed == "#C1", reply  # the channel link the bot makes itself, nothing else
    assert not re.search(r"[\ud800-\udfff]", reply)


@given(hostile_text)
@SETTINGS
def test_any_query_is_answered_with_safe_blocks(seeded_store, embedder, text):
    answer = make_answerer(seeded_store, embedder).answer(text)
    links = {r["url"] for r in seeded_store.db.query("SELECT url FROM articles WHERE url IS NOT NULL")}
    assert_safe_blocks(blocks.answer_blocks(answer), links)
    assert_safe_blocks(blocks.answer_blocks(answer, shared_by="U1"), links | {"@U1"})
    assert "<" not in blocks.answer_text(answer)


@given(hostile_text, st.lists(hostile_text, max_size=4), hostile_text, st.integers(0, 40))
@settings(max_examples=150, deadline=None)
def test_any_digest_renders_safe_blocks(title, sentences, outlet, more):
    story = Story(title or "x", outlet, "https://www.state.gov/a", "2023-01-01", sentences, [outlet, title],
                  [Source(title, outlet, "https://evil.example/<!channel>", None)])
    now = datetime.now(UTC)
    digest = Digest(title, now - timedelta(days=1), now, "UTC", [story] * 10, more)
    assert_safe_blocks(blocks.digest_blocks(digest), {"https://www.state.gov/a"})
    assert "<" not in blocks.digest_text(digest)


@pytest.fixture(scope="module")
def watches(seeded_db, tmp_path_factory, embedder) -> WatchService:
    store = Store(seeded_db)
    return WatchService(Watches(Store(tmp_path_factory.mktemp("hostile-watch") / "w.db")),
                        make_matcher(Settings(), make_answerer(store, embedder)))


@given(hostile_text)
@SETTINGS
def test_watch_replies_escape_whatever_they_echo(watches, text):
    for command in ("watch " + text, "unwatch " + text, "watch list"):
        reply = watch_reply(clean_input(command), "T1", "C1", "U1", "/us-china", Settings(), watches)
        assert "<" not in reply and not re.search(r"[\ud800-\udfff]", reply), reply


@given(hostile_text, hostile_text, hostile_text, st.integers(0, 40))
@settings(max_examples=150, deadline=None)
def test_any_watch_alert_renders_safe_blocks(subject, title, sentence, more):
    watch = Watch(3, "T1", "C1", "topic", subject or "x", "U1", "2026-12-01T00:00:00+00:00",
                  "2026-12-01T00:00:00+00:00", None)
    hits = [Hit(1, title or "x", "https://www.state.gov/a", title, "2023-01-01", sentence or "x"),
            Hit(2, title or "x", "https://evil.example/<!channel>", None, None, sentence or "x")] * 5
    alert = Alert(watch, hits, more)
    assert_safe_blocks(blocks.alert_blocks(alert, "/us-china"), {"https://www.state.gov/a"})
    assert "<" not in blocks.alert_text(alert)
