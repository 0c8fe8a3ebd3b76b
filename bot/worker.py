"""Slow work (answers) runs here, off Bolt's listener threads, so acks never queue behind answers."""
from __future__ import annotations

import logging
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

logger = logging.getLogger(__name__)


def new_error_id() -> str:
    return uuid.uuid4().hex[:8]


class Worker:
    def __init__(self, threads: int = 2) -> None:
        """Two threads, as many as cores: measured with bench/slack_burst.py (40 concurrent commands), 4
        threads took the CPU from the acks (ack p99 98 ms, answers p95 1.0 s), 2 gave 40 ms and 1.06 s,
        1 gave 26 ms but 1.19 s — and would queue every answer behind one slow `add URL`."""
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="answer")

    def submit(self, job: Callable[[], None], on_error: Callable[[str], None]) -> Future:
        """Run job; if it raises, log the traceback under an error id and tell the user that id."""

        def run() -> None:
            try:
                job()
            except Exception:
                error_id = new_error_id()
                logger.exception("error %s while answering", error_id)
                try:
                    on_error(error_id)
                except Exception:
                    logger.exception("error %s: could not tell the user either", error_id)

        return self.pool.submit(run)

    def shutdown(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


class SeenEvents:
    """Event ids and message timestamps already answered, so Slack's retries get one answer."""

    def __init__(self, size: int = 5000) -> None:
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()
        self.size = size

    def first_time(self, *keys: str) -> bool:
        """True if none of the keys was seen before; records them all either way."""
        keys = tuple(k for k in keys if k)
        with self._lock:
            new = not any(k in self._seen for k in keys)
            for k in keys:
                self._seen[k] = None
                self._seen.move_to_end(k)
            while len(self._seen) > self.size:
                self._seen.popitem(last=False)
            return new
