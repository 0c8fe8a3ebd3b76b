"""Digest delivery, exactly once per (schedule, period): claim the run in the database, then post.

DigestRunner decides and posts (clock injected, so tests run a week in a second). core/cron.py calls
its run_due() from a cron job per schedule and from a minute-by-minute sweep; the claim (the primary
key of digest_runs) is taken before posting, so two callers can never both post one period, and a claim
left by a dead process is resumed by looking for the post before posting again.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from core.cadence import last_period, period_length
from core.clock import utc_now
from core.digest import Digest, Digester
from store.schedules import Run, Schedule, Schedules, owner_is_dead
from store.timestamps import iso

logger = logging.getLogger(__name__)

MISSED_GRACE = timedelta(hours=1)  # a run missed by less than this is posted late; older ones are skipped
POST_LEASE = timedelta(minutes=10)  # a claim older than this, still 'posting', belonged to a process that died


class DeliveryError(Exception):
    """The chat service refused the post; code is its error name (e.g. not_in_channel)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class Outbox(Protocol):
    """Where digests go; team_id names the workspace whose channel (and token) it is."""

    def post_digest(self, team_id: str, channel_id: str, digest: Digest, marker: dict) -> str: ...

    def find_digest(self, team_id: str, channel_id: str, marker: dict, since: datetime) -> str | None: ...

    def tell(self, team_id: str, user_id: str, text: str) -> None: ...


@dataclass(frozen=True)
class Outcome:
    status: str  # posted | failed | missed | not-due | done-before | in-progress
    period: datetime | None = None
    detail: str | None = None


class DigestRunner:
    def __init__(self, schedules: Schedules, digester: Digester, outbox: Outbox,
                 clock: Callable[[], datetime] = utc_now, invite_hint: str = "") -> None:
        self.schedules = schedules
        self.digester = digester
        self.outbox = outbox
        self.clock = clock
        self.invite_hint = invite_hint

    def run_all_due(self) -> list[Outcome]:
        return [self.run_due(s) for s in self.schedules.all_active()]

    def run_due(self, schedule: Schedule) -> Outcome:
        """Post this schedule's digest for the current period unless some process already has."""
        now = self.clock()
        period = last_period(schedule, now)
        if iso(period) <= schedule.created_at:
            return Outcome("not-due", period)
        key = iso(period)
        existing = self.schedules.run(schedule.id, key)
        if existing is not None:
            return self._resume(schedule, existing, now)
        if now - period > MISSED_GRACE:
            self.schedules.claim(schedule.id, key, now, status="missed",
                                 error="missed: the bot was not running at that time")
            return Outcome("missed", period)
        if not self.schedules.claim(schedule.id, key, now):
            return Outcome("done-before", period)
        return self._post(schedule, key, now)

    def _resume(self, schedule: Schedule, run: Run, now: datetime) -> Outcome:
        """A run stuck in 'posting' whose poster died (gone from this host, or silent past its lease):
        post it unless the post went out."""
        claimed = datetime.fromisoformat(run.claimed_at)
        if run.status != "posting" or (now - claimed < POST_LEASE and not owner_is_dead(run.owner)):
            return Outcome("done-before" if run.status != "posting" else "in-progress",
                           datetime.fromisoformat(run.period))
        if not self.schedules.reclaim(run, now):
            return Outcome("in-progress", datetime.fromisoformat(run.period))
        try:
            ts = self.outbox.find_digest(schedule.team_id, schedule.channel_id, self._marker(schedule, run.period),
                                         claimed)
        except DeliveryError as e:
            ts = None
            logger.warning("schedule %s: could not look for an earlier post (%s)", schedule.id, e.code)
        if ts:
            self.schedules.finish(schedule.id, run.period, "posted", now, covered_from=run.covered_from,
                                  covered_until=run.covered_until, message_ts=ts)
            return Outcome("posted", datetime.fromisoformat(run.period), "found the post of a process that died")
        return self._post(schedule, run.period, now, run)

    def _window(self, schedule: Schedule, period: str, now: datetime) -> tuple[datetime, datetime]:
        """From where the last posted digest stopped (first: one period back) until now."""
        previous = self.schedules.last_run(schedule.id, "posted")
        if previous and previous.covered_until:
            return datetime.fromisoformat(previous.covered_until), now
        return datetime.fromisoformat(period) - period_length(schedule), now

    @staticmethod
    def _marker(schedule: Schedule, period: str) -> dict:
        return {"schedule_id": schedule.id, "period": period}

    def _post(self, schedule: Schedule, period: str, now: datetime, resumed: Run | None = None) -> Outcome:
        if resumed and resumed.covered_from and resumed.covered_until:
            since, until = datetime.fromisoformat(resumed.covered_from), datetime.fromisoformat(resumed.covered_until)
        else:
            since, until = self._window(schedule, period, now)
            self.schedules.finish(schedule.id, period, "posting", now, covered_from=iso(since),
                                  covered_until=iso(until))
        covered = {"covered_from": iso(since), "covered_until": iso(until)}
        try:
            digest = self.digester.build(since, until, schedule.topic, schedule.timezone)
            ts = self.outbox.post_digest(schedule.team_id, schedule.channel_id, digest, self._marker(schedule, period))
        except DeliveryError as e:
            self.schedules.finish(schedule.id, period, "failed", self.clock(), error=e.code, **covered)
            logger.warning("schedule %s: digest for %s not posted: %s", schedule.id, period, e.code)
            if e.code in {"not_in_channel", "channel_not_found"} and schedule.created_by:
                self._tell_creator(schedule)
            return Outcome("failed", datetime.fromisoformat(period), e.code)
        except Exception as e:  # never let one schedule stop the scheduler
            logger.exception("schedule %s: digest for %s failed", schedule.id, period)
            self.schedules.finish(schedule.id, period, "failed", self.clock(), error=type(e).__name__, **covered)
            return Outcome("failed", datetime.fromisoformat(period), type(e).__name__)
        self.schedules.finish(schedule.id, period, "posted", self.clock(), message_ts=ts, **covered)
        return Outcome("posted", datetime.fromisoformat(period))

    def _tell_creator(self, schedule: Schedule) -> None:
        try:
            self.outbox.tell(schedule.team_id, schedule.created_by, f"Schedule #{schedule.id} could not post its "
                             f"digest in <#{schedule.channel_id}>. {self.invite_hint}")
        except Exception:
            logger.exception("schedule %s: could not tell its creator either", schedule.id)
