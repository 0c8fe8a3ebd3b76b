"""The schedule grammar, the calendar, and who may change schedules. Real SQLite, no model."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.cadence import last_period, next_period
from core.config import Settings
from core.schedules_service import SchedulesService
from handlers.grammar import Cancel, Create, Invalid, ListSchedules, is_schedule_command
from handlers.grammar import parse_schedule as parse
from handlers.schedules import reply
from store import Store
from store.schedules import Schedule, Schedules


@pytest.mark.parametrize("text, parsed", [
    ("schedule daily 09:00", Create("daily", None, 9, 0, None)),
    ("schedule daily 7:05 taiwan strait", Create("daily", None, 7, 5, "taiwan strait")),
    ("Schedule WEEKLY Mon 08:30 taiwan", Create("weekly", 0, 8, 30, "taiwan")),
    ("schedule weekly sunday 23:59", Create("weekly", 6, 23, 59, None)),
    ("schedule list", ListSchedules()),
    ("schedule cancel 3", Cancel(3)),
    ("schedule cancel #12", Cancel(12)),
])
def test_valid_commands(text, parsed):
    assert is_schedule_command(text) and parse(text) == parsed


@pytest.mark.parametrize("text", ["schedule daily 25:00", "schedule daily 09:60", "schedule daily", "schedule daily x",
                                  "schedule weekly funday 09:00", "schedule weekly mon", "schedule weekly",
                                  "schedule cancel", "schedule cancel three", "schedule list all", "schedule"])
def test_invalid_commands_are_explained(text):
    assert is_schedule_command(text) and isinstance(parse(text), Invalid)


def test_schedule_as_an_ordinary_word_stays_a_query():
    assert not is_schedule_command("schedule of the Biden Xi summit")
    assert not is_schedule_command("what is the schedule daily")


def schedule(cadence="daily", weekday=None, hour=9, minute=0, tz="UTC") -> Schedule:
    return Schedule(1, "", "C1", cadence, weekday, hour, minute, tz, None, "U1", "2026-01-01T00:00:00+00:00")


def test_calendar_daily_weekly_and_zones():
    now = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)  # a Saturday
    assert last_period(schedule(), now).isoformat() == "2026-11-28T09:00:00+00:00"
    assert next_period(schedule(), now).isoformat() == "2026-11-29T09:00:00+00:00"
    assert next_period(schedule(hour=12), now).isoformat() == "2026-11-29T12:00:00+00:00", "now itself is past"
    monday = schedule("weekly", 0, 8, 30)
    assert last_period(monday, now).isoformat() == "2026-11-23T08:30:00+00:00"
    assert next_period(monday, now).isoformat() == "2026-11-30T08:30:00+00:00"
    tokyo = schedule(hour=9, tz="Asia/Tokyo")
    assert last_period(tokyo, now).astimezone(UTC).isoformat() == "2026-11-28T00:00:00+00:00"
    # across a daylight-saving change the local time stays 09:00
    london = schedule(tz="Europe/London")
    assert next_period(london, datetime(2026, 3, 28, 12, tzinfo=UTC)).isoformat() == \
        "2026-03-29T09:00:00+01:00"


@pytest.fixture
def schedules(tmp_path) -> SchedulesService:
    return SchedulesService(Schedules(Store(tmp_path / "s.db")), "UTC")


def command(user="U1", channel="C1") -> dict:
    return {"command": "/us-china", "user_id": user, "channel_id": channel}


def test_create_list_cancel(schedules):
    settings = Settings(timezone="Europe/Paris")
    schedules = SchedulesService(schedules.schedules, settings.timezone)
    text = reply("schedule weekly fri 17:00 export controls", command(), settings, schedules)
    assert text.startswith("Scheduled #1: weekly on Friday at 17:00 Europe/Paris in <#C1> (topic: export controls).")
    assert "Next: Fri " in text and "17:00 Europe/Paris" in text
    listed = reply("schedule list", command(), settings, schedules)
    assert listed.startswith("#1 weekly on Friday at 17:00 Europe/Paris (topic: export controls) · next: ")
    assert listed.endswith("last: none yet")
    assert reply("schedule list", command(channel="C2"), settings, schedules) == "No schedules in this channel."
    assert reply("schedule cancel 1", command(channel="C2"), settings, schedules).startswith(
        "There is no schedule #1 in this channel."), "a schedule is cancelled from its own channel"
    assert reply("schedule cancel 1", command(), settings, schedules).startswith("Cancelled #1: weekly")
    assert schedules.active("") == []


def test_only_admins_create_or_cancel_when_admins_are_set(schedules):
    settings = Settings(admin_user_ids=frozenset({"UADMIN"}))
    refused = reply("schedule daily 09:00", command(user="UOTHER"), settings, schedules)
    assert refused.startswith("Only <@UADMIN> can create or cancel schedules") and schedules.active("") == []
    assert reply("schedule daily 09:00", command(user="UADMIN"), settings, schedules).startswith("Scheduled #1")
    assert reply("schedule cancel 1", command(user="UOTHER"), settings, schedules).startswith("Only <@UADMIN>")
    assert reply("schedule list", command(user="UOTHER"), settings, schedules).startswith("#1 daily at 09:00")
    assert len(schedules.active("")) == 1


def test_bad_input_stores_nothing(schedules):
    for text in ["schedule daily 24:00", "schedule weekly someday 09:00", "schedule daily"]:
        assert "Usage:" in reply(text, command(), Settings(), schedules)
    stored = schedules.schedules.sql.query("SELECT count(*) AS n FROM schedules")[0]["n"]
    assert schedules.active("") == [] and stored == 0
