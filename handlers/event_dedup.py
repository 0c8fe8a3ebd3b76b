"""Slack retry dedup: Slack re-sends an event it thinks was not acked (X-Slack-Retry-Num), and delivers a
DM that mentions the bot twice (app_mention and message.im). Each question is answered once."""
from __future__ import annotations

import threading
from collections import OrderedDict


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
