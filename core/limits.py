"""Abuse limits: questions per user per minute, and the longest question read."""
from __future__ import annotations

import re
import threading
import time
from collections import deque
from collections.abc import Callable

from store import Storage
from store.coordination import QuestionLog

MAX_QUERY_CHARS = 1000


class RateLimiter:
    """A sliding one-minute window per user; 0 a minute means no limit."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self._asked: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def wait_seconds(self, user: str) -> float:
        """0 if the user may ask now (and counts the question), else how long until they may."""
        if self.per_minute <= 0:
            return 0.0
        now = self.clock()
        with self._lock:
            asked = self._asked.setdefault(user, deque())
            while asked and asked[0] <= now - 60:
                asked.popleft()
            if len(asked) >= self.per_minute:
                return max(0.1, asked[0] + 60 - now)
            asked.append(now)
            if len(self._asked) > 10_000:  # forget idle users
                for idle in [u for u, q in self._asked.items() if not q or q[-1] <= now - 60][:5000]:
                    del self._asked[idle]
            return 0.0

    def message(self, wait: float) -> str:
        return (f"You have asked {self.per_minute} questions in the last minute, the most I answer for one person. "
                f"Please ask again in {int(wait) + 1} s.")


class SharedRateLimiter(RateLimiter):
    """The same sliding minute, counted in the database: replicas behind a balancer share each user's limit.
    Two replicas checking the same user in the same instant may both let a question through."""

    def __init__(self, per_minute: int, store: Storage, clock: Callable[[], float] = time.time) -> None:
        super().__init__(per_minute, clock)
        self.log = QuestionLog(store)

    def wait_seconds(self, user: str) -> float:
        if self.per_minute <= 0:
            return 0.0
        now = self.clock()
        asked = self.log.asked_since(user, now - 60)
        if len(asked) >= self.per_minute:
            return max(0.1, asked[0] + 60 - now)
        self.log.record(user, now)
        return 0.0


def over_limit(limiter: RateLimiter, text: str, user: str) -> str | None:
    """Why this question is not answered (too long, or the user asks too fast), or None to answer it."""
    if message := too_long(text):
        return message
    wait = limiter.wait_seconds(user)
    return limiter.message(wait) if wait else None


def too_long(text: str) -> str | None:
    """A friendly refusal for an over-long question, or None."""
    if len(text) <= MAX_QUERY_CHARS:
        return None
    return (f"That question is {len(text):,} characters long; I read questions of up to {MAX_QUERY_CHARS:,}. "
            "Please shorten it to the words that matter.")


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def clean_input(text: str | None) -> str:
    """User text as the bot reads it: no control characters or lone surrogates, whitespace collapsed."""
    return " ".join(CONTROL.sub(" ", text or "").split())
