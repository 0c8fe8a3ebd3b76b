"""Slow work (answers) runs here, off Bolt's listener threads, so acks never queue behind answers."""
from __future__ import annotations

import logging
import os
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from store import StoreUnavailable

logger = logging.getLogger(__name__)


ANSWER_NICENESS = 10


def yield_cpu() -> None:
    """Lower this thread's CPU priority (Linux schedules threads, so it is per thread): answers, and the
    encoder and cross-encoder threads they start (which inherit it), give way to the threads acking Slack,
    which must answer within 3 seconds. Elsewhere, or without permission, nothing changes."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), ANSWER_NICENESS)
    except (AttributeError, OSError):
        pass


def new_error_id() -> str:
    return uuid.uuid4().hex[:8]


UNAVAILABLE = "The news index is temporarily unavailable. Please try again in a minute."


def failure_message(error: BaseException, error_id: str) -> str:
    """What the asker is told when answering failed: a database that is away for now, or an error id to quote."""
    if isinstance(error, StoreUnavailable):
        return UNAVAILABLE
    return f"Sorry, something went wrong while answering (error id `{error_id}`). Please try again."


class Worker:
    def __init__(self, threads: int = 2) -> None:
        """As many threads as cores: more took the CPU from the threads acking Slack, one queued every
        answer behind a slow `add URL` (bench/slack_burst.py; README "Benchmarks")."""
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="answer", initializer=yield_cpu)

    def submit(self, job: Callable[[], None], on_error: Callable[[str], None]) -> Future:
        """Run job; if it raises, log the traceback under an error id and give on_error the message for the user."""

        def run() -> None:
            try:
                job()
            except Exception as error:
                error_id = new_error_id()
                if isinstance(error, StoreUnavailable):
                    logger.warning("error %s: the database is unavailable: %s", error_id, error)
                else:
                    logger.exception("error %s while answering", error_id)
                try:
                    on_error(failure_message(error, error_id))
                except Exception:
                    logger.exception("error %s: could not tell the user either", error_id)

        return self.pool.submit(run)
