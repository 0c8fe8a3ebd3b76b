"""Several processes on one database answer every question once: Slack deliveries are taken once, an acked
question is a job row any process can answer, and named leases elect one feed poller.

On SQLite this is one machine's processes (a restart answers what the crash left); on PostgreSQL, replicas
behind a load balancer (README "Scaling out").
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.worker import UNAVAILABLE, Worker
from store import Storage, StoreUnavailable
from store.coordination import Job, JobsTable, Leases, QuestionLog, SeenEventsTable
from store.schedules import PROCESS

logger = logging.getLogger(__name__)

LEASE_SECONDS = 15.0  # an answer takes seconds; past this its process is taken for dead and another answers
QUEUED_SECONDS = 10.0  # a job nobody started by then (its process died, or is swamped) is anyone's
POLL_SECONDS = 3.0
MAX_AGE_SECONDS = 25 * 60.0  # a response_url works for 30 minutes; an older question is past helping
MAX_ATTEMPTS = 3
KEEP_SECONDS = 86_400.0


class SeenEvents:
    """Event ids and message timestamps already taken, so Slack's retries and paired deliveries get one answer,
    whichever process each delivery reaches."""

    def __init__(self, store: Storage, clock: Callable[[], float] = time.time) -> None:
        self.table = SeenEventsTable(store)
        self.clock = clock

    def first_time(self, *keys: str) -> bool:
        """True if none of the keys was seen before; records them all either way."""
        return self.table.first_time(tuple(k for k in keys if k), self.clock())



def forget_old(store: Storage, now: float) -> None:
    """Drop what no process needs any more: deliveries, finished jobs and questions asked over a day ago."""
    SeenEventsTable(store).forget_before(now - KEEP_SECONDS)
    JobsTable(store).forget_before(now - KEEP_SECONDS)
    QuestionLog(store).forget_before(now - KEEP_SECONDS)


@dataclass(frozen=True)
class Delivery:
    """What a job's runner is given: its payload, and the gate to pass once, right before it posts."""
    job_id: int
    payload: dict[str, Any]
    may_post: Callable[[], bool]


Runner = Callable[[Delivery], None]
ErrorReply = Callable[[Delivery, str], None]


class AnswerQueue:
    """Questions as job rows. The process that acked a question answers it at once; if that process dies, or
    cannot start it in QUEUED_SECONDS, any other process polling `run_due` answers it instead, never twice (a
    restarted process is another process: PROCESS names it by its pid and start time)."""

    def __init__(self, store: Storage, worker: Worker, clock: Callable[[], float] = time.time,
                 owner: str = PROCESS) -> None:
        self.jobs = JobsTable(store)
        self.worker = worker
        self.clock = clock
        self.owner = owner
        self.runners: dict[str, tuple[Runner, ErrorReply]] = {}

    def register(self, kind: str, runner: Runner, on_error: ErrorReply) -> None:
        self.runners[kind] = (runner, on_error)

    def submit(self, kind: str, payload: dict[str, Any]) -> int | None:
        """Write the job (the question is safe from here on), then answer it on this process's worker. With the
        database away, the asker is told to try again in a minute."""
        try:
            job_id = self.jobs.enqueue(kind, payload, self.clock(), self.owner)
        except StoreUnavailable as e:
            logger.warning("a %s was not queued: the database is unavailable: %s", kind, e)
            on_error = self.runners[kind][1]
            self.worker.submit(lambda: on_error(Delivery(0, payload, lambda: True), UNAVAILABLE),
                               on_error=lambda message: None)
            return None
        self._start(Job(job_id, kind, payload, 0), claimed=False)
        return job_id

    def run_due(self, limit: int = 4) -> int:
        """Take and answer jobs other processes left; the number taken."""
        now = self.clock()
        try:
            self.jobs.give_up(now, MAX_ATTEMPTS)
            # never its own: under a burst they wait in this process's worker, and taking them again queued a second
            # copy each lease until MAX_ATTEMPTS gave them up unanswered (README "Reliability")
            due = self.jobs.claim_due(self.owner, now, now - QUEUED_SECONDS, now + LEASE_SECONDS, limit,
                                      MAX_ATTEMPTS, created_after=now - MAX_AGE_SECONDS, others_only=True)
        except StoreUnavailable as e:
            logger.warning("cannot look for left-over questions: the database is unavailable: %s", e)
            return 0
        for job in due:
            logger.warning("answering job %s (%s) that another process left, attempt %s", job.id, job.kind,
                           job.attempts)
            self._start(job, claimed=True)
        return len(due)

    def _start(self, job: Job, claimed: bool) -> None:
        runner, on_error = self.runners[job.kind]
        passed = False

        def may_post() -> bool:
            nonlocal passed
            if not passed:
                passed = self.jobs.start_posting(job.id, self.owner)
                if not passed:
                    logger.warning("job %s is another process's now; not posting", job.id)
            return passed

        delivery = Delivery(job.id, job.payload, may_post)

        def run() -> None:
            if not claimed and not self.jobs.claim(job.id, self.owner, self.clock() + LEASE_SECONDS):
                return  # another process took it while it waited here
            runner(delivery)  # an exception goes to `failed`, through the worker
            self.jobs.finish(job.id, self.owner, "done", self.clock())

        def failed(message: str) -> None:
            try:
                if may_post():
                    on_error(delivery, message)
            finally:
                self.jobs.finish(job.id, self.owner, "failed", self.clock())

        self.worker.submit(run, on_error=failed)


class Leader:
    """One process at a time does a named job (polling feeds): the holder renews its lease each round."""

    def __init__(self, store: Storage, name: str, seconds: float, clock: Callable[[], float] = time.time,
                 owner: str = PROCESS) -> None:
        self.leases = Leases(store)
        self.name, self.seconds, self.clock, self.owner = name, seconds, clock, owner

    def run_if_leader(self, work: Callable[[], Any]) -> bool:
        """Do the work if this process holds (or can take) the lease; False if another holds it."""
        if not self.leases.acquire(self.name, self.owner, self.clock(), self.seconds):
            return False
        work()
        return True
