"""Abuse limits: questions per user per minute, and the longest question read."""
from __future__ import annotations

import re
import time
from collections.abc import Callable

from store import Storage
from store.coordination import QuestionLog

MAX_QUERY_CHARS = 1000


class RateLimiter:
    """A sliding one-minute window per user, counted in the database, so replicas behind a balancer share each
    user's limit (two replicas checking the same user in the same instant may both let a question through);
    0 a minute means no limit."""

    def __init__(self, per_minute: int, store: Storage, clock: Callable[[], float] = time.time) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self.log = QuestionLog(store)

    def wait_seconds(self, user: str) -> float:
        """0 if the user may ask now (and counts the question), else how long until they may."""
        if self.per_minute <= 0:
            return 0.0
        now = self.clock()
        asked = self.log.asked_since(user, now - 60)
        if len(asked) >= self.per_minute:
            return max(0.1, asked[0] + 60 - now)
        self.log.record(user, now)
        return 0.0

    def message(self, wait: float) -> str:
        return (f"You have asked {self.per_minute} questions in the last minute, the most I answer for one person. "
                f"Please ask again in {int(wait) + 1} s.")


def over_limit(limiter: RateLimiter, text: str, team_id: str, user: str) -> str | None:
    """Why this question is not answered (too long, or the user asks too fast), or None to answer it. Each
    workspace's users are counted apart."""
    if message := too_long(text):
        return message
    wait = limiter.wait_seconds(f"{team_id}:{user}")
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
