"""One text form for every stored time (UTC ISO 8601 to the second), so SQL compares them as strings."""
from __future__ import annotations

from datetime import UTC, datetime


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def now_iso() -> str:
    return iso(datetime.now(UTC))
