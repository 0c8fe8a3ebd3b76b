"""The worker that runs answers off Bolt's threads: a failure is logged with an id the user is told."""
from __future__ import annotations

import logging

from core.worker import Worker


def test_a_failing_job_logs_the_traceback_and_tells_the_user_the_same_id(caplog):
    told = []

    def job():
        raise RuntimeError("boom")

    with caplog.at_level(logging.ERROR):
        Worker(1).submit(job, told.append).result(timeout=5)
    assert len(told) == 1 and told[0] in caplog.text and "RuntimeError: boom" in caplog.text


def test_answer_threads_give_way_to_the_threads_acking_slack():
    import os
    import threading

    from core.worker import ANSWER_NICENESS

    niceness = Worker(1).pool.submit(lambda: os.getpriority(os.PRIO_PROCESS, threading.get_native_id())).result(5)
    assert niceness >= ANSWER_NICENESS
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) < ANSWER_NICENESS, "only the worker's"
