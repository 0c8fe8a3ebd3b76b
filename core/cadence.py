"""The calendar of a schedule: when its runs fall, how it reads. Pure functions, no I/O."""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from store.schedules import Schedule

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


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


def describe_cadence(schedule: Schedule) -> str:
    """'daily at 09:00 UTC' or 'weekly on Monday at 08:30 Europe/London'."""
    when = f"{schedule.hour:02d}:{schedule.minute:02d} {schedule.timezone}"
    if schedule.weekday is None:
        return f"daily at {when}"
    return f"weekly on {DAY_NAMES[schedule.weekday]} at {when}"


def format_time(moment: datetime, tz: str) -> str:
    local = moment.astimezone(ZoneInfo(tz))
    return local.strftime("%a %d %b %Y %H:%M ") + tz
