"""Schedules and their runs. The (schedule, period) primary key of digest_runs is the exactly-once claim."""
from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from store.interface import Storage
from store.sql import first
from store.timestamps import iso


def _start_ticks(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (Linux), which tells a pid reused by another process."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


PROCESS = f"{socket.gethostname()}:{os.getpid()}:{_start_ticks(os.getpid()) or '?'}"


def owner_is_dead(owner: str | None) -> bool:
    """True only when we can tell: the owner ran on this host and that process is gone (or its pid reused)."""
    if not owner or owner.count(":") < 2:
        return False
    host, pid, ticks = owner.rsplit(":", 2)
    if host != socket.gethostname() or ticks == "?" or not pid.isdigit():
        return False
    return _start_ticks(int(pid)) != ticks


@dataclass(frozen=True)
class Schedule:
    id: int
    team_id: str  # the workspace's key (core.workspaces): '' with a single workspace
    channel_id: str
    cadence: str  # daily | weekly
    weekday: int | None  # Monday 0
    hour: int
    minute: int
    timezone: str
    topic: str | None
    created_by: str | None
    created_at: str


@dataclass(frozen=True)
class Run:
    schedule_id: int
    period: str
    status: str  # posting | posted | failed | missed
    claimed_at: str
    finished_at: str | None
    covered_from: str | None
    covered_until: str | None
    message_ts: str | None
    error: str | None
    owner: str | None = None


COLUMNS = "id, team_id, channel_id, cadence, weekday, hour, minute, timezone, topic, created_by, created_at"
RUN_COLUMNS = ("schedule_id, period, status, claimed_at, finished_at, covered_from, covered_until, message_ts, error,"
               " owner")


class Schedules:
    def __init__(self, store: Storage) -> None:
        self.sql = store.sql

    def create(self, team_id: str, channel_id: str, cadence: str, weekday: int | None, hour: int, minute: int,
               tz: str, topic: str | None, created_by: str | None, now: datetime) -> Schedule:
        with self.sql.transaction():
            schedule_id = first(self.sql,
                "INSERT INTO schedules (team_id, channel_id, cadence, weekday, hour, minute, timezone, topic,"
                " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                [team_id, channel_id, cadence, weekday, hour, minute, tz, topic, created_by, iso(now)])["id"]
        return self.get(int(schedule_id))

    def get(self, schedule_id: int) -> Schedule | None:
        row = first(self.sql, f"SELECT {COLUMNS} FROM schedules WHERE id = ? AND cancelled_at IS NULL", [schedule_id])
        return Schedule(**row) if row else None

    def all_active(self) -> list[Schedule]:
        """Every workspace's live schedules: what the scheduler runs."""
        return [Schedule(**r) for r in self.sql.query(
            f"SELECT {COLUMNS} FROM schedules WHERE cancelled_at IS NULL ORDER BY id")]

    def active(self, team_id: str, channel_id: str | None = None) -> list[Schedule]:
        """One workspace's live schedules, in one channel or (None) in all its channels."""
        where, params = ("AND channel_id = ?", [team_id, channel_id]) if channel_id else ("", [team_id])
        return [Schedule(**r) for r in self.sql.query(
            f"SELECT {COLUMNS} FROM schedules WHERE cancelled_at IS NULL AND team_id = ? {where} ORDER BY id",
            params)]

    def cancel(self, schedule_id: int, now: datetime) -> bool:
        """False when there is no such active schedule (callers check it is the asker's workspace and channel)."""
        return self.sql.execute("UPDATE schedules SET cancelled_at = ? WHERE id = ? AND cancelled_at IS NULL",
                                [iso(now), schedule_id]) == 1

    # -- runs ------------------------------------------------------------------------------

    def run(self, schedule_id: int, period: str) -> Run | None:
        row = first(self.sql, f"SELECT {RUN_COLUMNS} FROM digest_runs WHERE schedule_id = ? AND period = ?",
                    [schedule_id, period])
        return Run(**row) if row else None

    def last_run(self, schedule_id: int, status: str | None = None) -> Run | None:
        where, params = ("AND status = ?", [status]) if status else ("", [])
        row = first(self.sql, f"SELECT {RUN_COLUMNS} FROM digest_runs WHERE schedule_id = ? {where}"
                    " ORDER BY period DESC LIMIT 1", [schedule_id, *params])
        return Run(**row) if row else None

    def runs(self, schedule_id: int) -> list[Run]:
        return [Run(**r) for r in self.sql.query(
            f"SELECT {RUN_COLUMNS} FROM digest_runs WHERE schedule_id = ? ORDER BY period", [schedule_id])]

    def claim(self, schedule_id: int, period: str, now: datetime, status: str = "posting",
              error: str | None = None) -> bool:
        """Record the run of this period; True for exactly one caller however many processes try."""
        return self.sql.execute(
            "INSERT INTO digest_runs (schedule_id, period, status, claimed_at, error, owner)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [schedule_id, period, status, iso(now), error, PROCESS]) == 1

    def reclaim(self, run: Run, now: datetime) -> bool:
        """Take over a run whose poster died mid-post; True for exactly one caller."""
        return self.sql.execute(
            "UPDATE digest_runs SET claimed_at = ?, owner = ? WHERE schedule_id = ? AND period = ?"
            " AND status = 'posting' AND claimed_at = ?",
            [iso(now), PROCESS, run.schedule_id, run.period, run.claimed_at]) == 1

    def finish(self, schedule_id: int, period: str, status: str, now: datetime, *, covered_from: str | None = None,
               covered_until: str | None = None, message_ts: str | None = None, error: str | None = None) -> None:
        self.sql.execute(
            "UPDATE digest_runs SET status = ?, finished_at = ?, covered_from = ?, covered_until = ?,"
            " message_ts = ?, error = ? WHERE schedule_id = ? AND period = ?",
            [status, iso(now), covered_from, covered_until, message_ts, error, schedule_id, period])
