"""`/us-china schedule ...`: create, list and cancel a channel's digests. Replies are ephemeral."""
from __future__ import annotations

from datetime import UTC, datetime

from core.admins import is_admin
from core.cadence import describe_cadence, format_time, next_period
from core.config import Settings
from core.schedules_service import Schedule, SchedulesService
from core.workspaces import workspace_key
from handlers.blocks import clean, escape
from handlers.grammar import Cancel, Create, Invalid, ListSchedules, parse_schedule, schedule_usage
from handlers.replies import admins_only


def reply(text: str, command: dict, settings: Settings, schedules: SchedulesService) -> str:
    """The mrkdwn reply to one schedule command; stores or cancels as a side effect."""
    name = escape(command.get("command") or settings.slash_command)
    request = parse_schedule(text)
    channel, user, team = command.get("channel_id", ""), command.get("user_id", ""), command.get("team_id", "")
    workspace = workspace_key(settings, team)
    now = datetime.now(UTC)
    if isinstance(request, Invalid):
        return "\n".join(x for x in [clean(request.problem), "Usage:", schedule_usage(name)] if x)
    if isinstance(request, ListSchedules):
        return list_text(schedules, workspace, channel, now)
    if not is_admin(settings, user, team):
        refused = admins_only(settings, team, "create or cancel schedules")
        return f"{refused} `{name} schedule list` shows this channel's."
    if isinstance(request, Create):
        schedule = schedules.create(workspace, channel, request.cadence, request.weekday, request.hour, request.minute,
                                    request.topic, user)
        topic = f" (topic: {clean(schedule.topic)})" if schedule.topic else ""
        return (f"Scheduled #{schedule.id}: {describe_cadence(schedule)} in <#{clean(channel)}>{topic}. "
                f"Next: {format_time(next_period(schedule, now), schedule.timezone)}.")
    assert isinstance(request, Cancel)
    schedule = schedules.cancel(request.schedule_id, workspace, channel)
    if schedule is None:
        return f"There is no schedule #{request.schedule_id} in this channel. `{name} schedule list` shows them."
    return f"Cancelled #{schedule.id}: {describe_cadence(schedule)}{_topic(schedule)}. No more digests from it."


def list_text(schedules: SchedulesService, workspace: str, channel: str | None, now: datetime) -> str:
    active = schedules.active(workspace, channel)
    if not active:
        return "No schedules in this channel." if channel else "No channel schedules yet."
    return "\n".join(schedule_line(schedules, s, now, show_channel=channel is None) for s in active)


def schedule_line(schedules: SchedulesService, schedule: Schedule, now: datetime, show_channel: bool = False) -> str:
    where = f" in <#{clean(schedule.channel_id)}>" if show_channel else ""
    return (f"#{schedule.id} {describe_cadence(schedule)}{where}{_topic(schedule)} · next: "
            f"{format_time(next_period(schedule, now), schedule.timezone)} · last: {_last_result(schedules, schedule)}")


def _topic(schedule: Schedule) -> str:
    return f" (topic: {clean(schedule.topic)})" if schedule.topic else ""


def _last_result(schedules: SchedulesService, schedule: Schedule) -> str:
    run = schedules.last_run(schedule.id)
    if run is None:
        return "none yet"
    when = format_time(datetime.fromisoformat(run.period), schedule.timezone)
    if run.status == "posted":
        return f"posted {when}"
    if run.status == "missed":
        return f"missed {when} (the bot was not running)"
    if run.status == "posting":
        return f"posting {when}"
    return f"failed {when} ({clean(run.error or 'error')})"
