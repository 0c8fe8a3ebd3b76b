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
