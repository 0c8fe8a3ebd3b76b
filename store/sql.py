"""One way to run SQL on either backend: `?` placeholders, rows as dicts, writes in transactions.

Schedules, feeds, jobs, seen events and leases are written once, in SQL both SQLite and PostgreSQL
accept (ON CONFLICT, RETURNING), and run on whichever store the settings chose.
"""
from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol


class StoreUnavailable(Exception):
    """The database cannot be reached now (a restart, a network cut): try again in a minute."""


class Sql(Protocol):
    dialect: str  # "sqlite" or "postgresql": for the few statements the two spell differently

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]: ...

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run a write (in its own transaction unless inside `transaction()`); the rows it changed."""
        ...

    def transaction(self) -> AbstractContextManager[None]: ...


def first(sql: Sql, statement: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
    rows = sql.query(statement, params)
    return rows[0] if rows else None


def marks(values: Sequence[Any]) -> str:
    """`?, ?, ?` for an IN list."""
    return ",".join("?" * len(values))
