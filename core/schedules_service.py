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

    def create(self, workspace: str, channel_id: str, cadence: str, weekday: int | None, hour: int, minute: int,
               topic: str | None, user: str | None) -> Schedule:
        schedule = self.schedules.create(workspace, channel_id, cadence, weekday, hour, minute, self.timezone, topic,
                                         user, self.clock())
        if self.scheduler is not None:
            self.scheduler.add(schedule)
        return schedule

    def cancel(self, schedule_id: int, workspace: str, channel_id: str) -> Schedule | None:
        """The schedule cancelled, or None if this workspace's channel has no such schedule."""
        schedule = self.schedules.get(schedule_id)
        if schedule is None or (schedule.team_id, schedule.channel_id) != (workspace, channel_id) or \
                not self.schedules.cancel(schedule.id, self.clock()):
            return None
        if self.scheduler is not None:
            self.scheduler.remove(schedule.id)
        return schedule

    def cancel_workspace(self, workspace: str) -> list[Schedule]:
        """Stop every schedule of a workspace that removed the bot; the schedules stopped."""
        stopped = [s for s in self.schedules.active(workspace) if self.schedules.cancel(s.id, self.clock())]
        for schedule in stopped:
            if self.scheduler is not None:
                self.scheduler.remove(schedule.id)
        return stopped

    def active(self, workspace: str, channel_id: str | None = None) -> list[Schedule]:
        """A workspace's live schedules in one channel, or in all its channels with None."""
        return self.schedules.active(workspace, channel_id)

    def last_run(self, schedule_id: int) -> Run | None:
        return self.schedules.last_run(schedule_id)
