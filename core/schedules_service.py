"""Channel digest schedules: create and cancel them in the database and in the running scheduler at once,
list them with their last result. The one service Slack listeners call for schedules."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from core.clock import utc_now
from core.cron import DigestScheduler
from store.schedules import Run, Schedule, Schedules

__all__ = ["Run", "Schedule", "SchedulesService"]  # the records listeners render come from here


class SchedulesService:
    def __init__(self, schedules: Schedules, timezone: str, scheduler: DigestScheduler | None = None,
                 clock: Callable[[], datetime] = utc_now) -> None:
        self.schedules = schedules
        self.timezone = timezone
        self.scheduler = scheduler  # None where no scheduler runs (the CLI): the next `serve` picks them up
        self.clock = clock

    def create(self, channel_id: str, cadence: str, weekday: int | None, hour: int, minute: int,
               topic: str | None, user: str | None) -> Schedule:
        schedule = self.schedules.create(channel_id, cadence, weekday, hour, minute, self.timezone, topic, user,
                                         self.clock())
        if self.scheduler is not None:
            self.scheduler.add(schedule)
        return schedule

    def cancel(self, schedule_id: int, channel_id: str) -> Schedule | None:
        """The schedule cancelled, or None if this channel has no such schedule."""
        schedule = self.schedules.get(schedule_id)
        if schedule is None or schedule.channel_id != channel_id or not self.schedules.cancel(
                schedule.id, channel_id, self.clock()):
            return None
        if self.scheduler is not None:
            self.scheduler.remove(schedule.id)
        return schedule

    def active(self, channel_id: str | None = None) -> list[Schedule]:
        """A channel's live schedules, or every channel's with None."""
        return self.schedules.active(channel_id)

    def last_run(self, schedule_id: int) -> Run | None:
        return self.schedules.last_run(schedule_id)
