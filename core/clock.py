"""The one clock the core reads (aware UTC); services take it as a parameter so tests can move time."""
from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)
