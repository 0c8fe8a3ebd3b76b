"""The running scheduler: APScheduler in the serving process, one cron job per digest schedule plus a
sweep (schedules made by another process, runs a job missed), and the feed polls."""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from core.clock import utc_now
from core.digest_delivery import MISSED_GRACE, DigestRunner
from store.schedules import Schedule

logger = logging.getLogger(__name__)


class DigestScheduler:
    """APScheduler in the serving process: one cron job per schedule, changed live, plus a sweep."""

    SWEEP_SECONDS = 60

    def __init__(self, runner: DigestRunner) -> None:
        from apscheduler.schedulers.background import BackgroundScheduler

        self.runner = runner
        self.scheduler = BackgroundScheduler(timezone="UTC", job_defaults={
            "coalesce": True, "max_instances": 1, "misfire_grace_time": int(MISSED_GRACE.total_seconds())})

    def start(self) -> None:
        self.scheduler.start()
        self.scheduler.add_job(self.sweep, "interval", seconds=self.SWEEP_SECONDS, id="sweep",
                               next_run_time=utc_now())  # at once: posts a run missed less than an hour ago

    def every(self, seconds: int, func: Callable[[], object], job_id: str) -> None:
        """A periodic job (feed polling); the first run a minute after start, so restarts never starve it."""
        self.scheduler.add_job(func, "interval", seconds=seconds, id=job_id, replace_existing=True,
                               next_run_time=utc_now() + timedelta(seconds=min(60, seconds)))

    def sweep(self) -> None:
        """Sync jobs with the table (other processes add and cancel too) and post anything due."""
        active = {s.id: s for s in self.runner.schedules.all_active()}
        for job in self.scheduler.get_jobs():
            if job.id.startswith("digest-") and int(job.id.split("-")[1]) not in active:
                job.remove()
        for schedule in active.values():
            if self.scheduler.get_job(f"digest-{schedule.id}") is None:
                self.add(schedule)
            self._run(schedule.id)

    def add(self, schedule: Schedule) -> None:
        from apscheduler.triggers.cron import CronTrigger

        trigger = CronTrigger(day_of_week=schedule.weekday if schedule.weekday is not None else "*",
                              hour=schedule.hour, minute=schedule.minute, timezone=schedule.timezone)
        self.scheduler.add_job(self._run, trigger, args=[schedule.id], id=f"digest-{schedule.id}",
                               replace_existing=True)

    def remove(self, schedule_id: int) -> None:
        if self.scheduler.get_job(f"digest-{schedule_id}") is not None:
            self.scheduler.remove_job(f"digest-{schedule_id}")

    def _run(self, schedule_id: int) -> None:
        schedule = self.runner.schedules.get(schedule_id)
        if schedule is None:
            return
        try:
            self.runner.run_due(schedule)
        except Exception:
            logger.exception("schedule %s: run failed", schedule_id)

    def shutdown(self) -> None:
        self.scheduler.shutdown(wait=False)
