"""The `schedule ...` sub-command grammar and the calendar of a schedule. Pure functions, no I/O.

    schedule daily HH:MM [topic]
    schedule weekly DAY HH:MM [topic]
    schedule list
    schedule cancel ID
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from store.schedules import Schedule

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
MAX_TOPIC = 200


@dataclass(frozen=True)
class Create:
    cadence: str
    weekday: int | None
    hour: int
    minute: int
    topic: str | None


@dataclass(frozen=True)
class ListSchedules:
    pass


@dataclass(frozen=True)
class Cancel:
    schedule_id: int


@dataclass(frozen=True)
class Invalid:
    problem: str


def is_schedule_command(text: str) -> bool:
    """`schedule` alone or followed by a sub-command word; 'schedule of the summit' stays a query."""
    words = text.split()
    return bool(words) and words[0].lower() == "schedule" and (
        len(words) == 1 or words[1].lower() in {"daily", "weekly", "list", "cancel", "help"})


def parse(text: str) -> Create | ListSchedules | Cancel | Invalid:
    words = text.split()[1:]
    verb = words[0].lower() if words else ""
    rest = words[1:]
    if verb == "list" and not rest:
        return ListSchedules()
    if verb == "cancel":
        if len(rest) == 1 and re.fullmatch(r"#?\d{1,9}", rest[0]):
            return Cancel(int(rest[0].lstrip("#")))
        return Invalid("`schedule cancel` needs the schedule's number, e.g. `schedule cancel 3`.")
    if verb == "daily":
        return _create("daily", None, rest)
    if verb == "weekly":
        if not rest:
            return Invalid("A weekly schedule needs a day and a time, e.g. `schedule weekly mon 08:30`.")
        day = rest[0].lower()[:3]
        if rest[0].lower() not in {DAYS[i] for i in range(7)} | {n.lower() for n in DAY_NAMES}:
            return Invalid(f"`{rest[0]}` is not a day: use mon, tue, wed, thu, fri, sat or sun.")
        return _create("weekly", DAYS.index(day), rest[1:])
    return Invalid("")


def _create(cadence: str, weekday: int | None, rest: list[str]) -> Create | Invalid:
    match = TIME.match(rest[0]) if rest else None
    if not match:
        got = f"`{rest[0]}` is not a time" if rest else "The time is missing"
        return Invalid(f"{got}: use 24-hour HH:MM, e.g. 09:00.")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        return Invalid(f"`{rest[0]}` is not a time of day: hours 00–23, minutes 00–59.")
    topic = " ".join(rest[1:])[:MAX_TOPIC].strip() or None
    return Create(cadence, weekday, hour, minute, topic)


def usage(command: str) -> str:
    return "\n".join([
        f"`{command} schedule daily 09:00 [topic]` — a digest of what is new, every day at 09:00",
        f"`{command} schedule weekly mon 08:30 [topic]` — every Monday at 08:30",
        f"`{command} schedule list` — this channel's schedules",
        f"`{command} schedule cancel 3` — stop schedule #3",
    ])


# -- the calendar -------------------------------------------------------------------------------

def last_period(schedule: Schedule, now: datetime) -> datetime:
    """The latest scheduled time at or before now (aware, in the schedule's zone)."""
    zone = ZoneInfo(schedule.timezone)
    local = now.astimezone(zone)
    day = local.date()
    for back in range(8):
        candidate_day = day - timedelta(days=back)
        if schedule.weekday is not None and candidate_day.weekday() != schedule.weekday:
            continue
        candidate = datetime(candidate_day.year, candidate_day.month, candidate_day.day,
                             schedule.hour, schedule.minute, tzinfo=zone)
        if candidate <= local:
            return candidate
    raise AssertionError("a daily or weekly calendar always has a time in the last 8 days")


def next_period(schedule: Schedule, now: datetime) -> datetime:
    """The first scheduled time after now."""
    step = timedelta(days=1 if schedule.weekday is None else 7)
    return last_period(schedule, now + step)


def period_length(schedule: Schedule) -> timedelta:
    return timedelta(days=1 if schedule.cadence == "daily" else 7)


def describe(schedule: Schedule) -> str:
    """'daily at 09:00 UTC' or 'weekly on Monday at 08:30 Europe/London'."""
    when = f"{schedule.hour:02d}:{schedule.minute:02d} {schedule.timezone}"
    if schedule.weekday is None:
        return f"daily at {when}"
    return f"weekly on {DAY_NAMES[schedule.weekday]} at {when}"


def format_time(moment: datetime, tz: str) -> str:
    local = moment.astimezone(ZoneInfo(tz))
    return local.strftime("%a %d %b %Y %H:%M ") + tz
