"""The worker that runs answers off Bolt's threads: a failure is logged with an id the user is told."""
from __future__ import annotations

import logging
import re

from core.worker import UNAVAILABLE, Worker
from store import StoreUnavailable


def test_a_failing_job_logs_the_traceback_and_tells_the_user_the_same_id(caplog):
    told = []

    def job():
        raise RuntimeError("boom")

    with caplog.at_level(logging.ERROR):
        Worker(1).submit(job, told.append).result(timeout=5)
    [message] = told
    error_id = re.search(r"error id `(\w+)`", message).group(1)
    assert f"error {error_id}" in caplog.text and "RuntimeError: boom" in caplog.text


def test_a_database_that_is_away_is_a_try_again_message_not_an_error_id():
    told = []

    def job():
        raise StoreUnavailable("connection refused")

    Worker(1).submit(job, told.append).result(timeout=5)
    assert told == [UNAVAILABLE] and "try again in a minute" in UNAVAILABLE


def test_answer_threads_give_way_to_the_threads_acking_slack():
    import os
    import threading

    from core.worker import ANSWER_NICENESS

    niceness = Worker(1).pool.submit(lambda: os.getpriority(os.PRIO_PROCESS, threading.get_native_id())).result(5)
    assert niceness >= ANSWER_NICENESS
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) < ANSWER_NICENESS, "only the worker's"
