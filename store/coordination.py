"""What processes sharing one database agree on through it: Slack deliveries already taken, answer jobs and
their leases, and named leases. Times are Unix seconds from the caller's clock."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from store.interface import Storage
from store.sql import first, marks


class SeenEventsTable:
    def __init__(self, store: Storage) -> None:
        self.sql = store.sql

    def first_time(self, keys: tuple[str, ...], now: float) -> bool:
        """Record every key; True only if none was recorded before (a unique key decides between processes)."""
        if not keys:
            return True
        with self.sql.transaction():
            added = sum(self.sql.execute("INSERT INTO seen_events (key, seen_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                                         [key, now]) for key in keys)
        return added == len(keys)

    def forget_before(self, when: float) -> int:
        return self.sql.execute("DELETE FROM seen_events WHERE seen_at < ?", [when])


@dataclass(frozen=True)
class Job:
    id: int
    kind: str
    payload: dict[str, Any]
    attempts: int


class JobsTable:
    """queued -> running (an owner and a lease) -> posting -> done | failed. A job is posted only by the owner that
    moved it to `posting`, so however many processes run it, its answer goes out once."""

    def __init__(self, store: Storage) -> None:
        self.sql = store.sql

    def enqueue(self, kind: str, payload: dict[str, Any], now: float, owner: str) -> int:
        return int(first(self.sql, "INSERT INTO answer_jobs (kind, payload, status, created_at, owner)"
                                   " VALUES (?, ?, 'queued', ?, ?) RETURNING id",
                         [kind, json.dumps(payload), now, owner])["id"])

    def claim(self, job_id: int, owner: str, lease_until: float) -> bool:
        """Start a queued job; False if another process took it first."""
        return self.sql.execute("UPDATE answer_jobs SET status = 'running', owner = ?, lease_until = ?,"
                                " attempts = attempts + 1 WHERE id = ? AND status = 'queued'",
                                [owner, lease_until, job_id]) == 1

    def claim_due(self, owner: str, now: float, queued_before: float, lease_until: float, limit: int,
                  max_attempts: int, created_after: float = 0.0, others_only: bool = False) -> list[Job]:
        """Take jobs nobody is answering: queued too long (their process died before starting them) or running
        past their lease (it died mid-answer), and asked after `created_after` (older ones are past helping).
        With `others_only`, not the jobs `owner` holds already: a busy process's own jobs are waiting in its own
        worker, and taking them again would only queue them twice. SKIP LOCKED: processes polling together take
        different jobs."""
        lock = " FOR UPDATE SKIP LOCKED" if self.sql.dialect == "postgresql" else ""
        with self.sql.transaction():
            due = ("((status = 'queued' AND created_at < ?) OR (status = 'running' AND lease_until < ?))"
                   " AND attempts < ? AND created_at > ?")
            args = [queued_before, now, max_attempts, created_after]
            if others_only:
                due += " AND (owner IS NULL OR owner <> ?)"
                args.append(owner)
            rows = self.sql.query(f"SELECT id FROM answer_jobs WHERE {due} ORDER BY id LIMIT ?{lock}", [*args, limit])
            if not rows:
                return []
            ids = [r["id"] for r in rows]
            taken = self.sql.query(  # the condition again: a process that raced us to a row takes it, not both
                f"UPDATE answer_jobs SET status = 'running', owner = ?, lease_until = ?, attempts = attempts + 1"
                f" WHERE id IN ({marks(ids)}) AND {due} RETURNING id, kind, payload, attempts",
                [owner, lease_until, *ids, *args])
        return sorted((Job(r["id"], r["kind"], json.loads(r["payload"]), r["attempts"]) for r in taken),
                      key=lambda job: job.id)

    def give_up(self, now: float, max_attempts: int) -> int:
        """Jobs that failed every attempt (a question that crashes whoever answers it) stop being retried."""
        return self.sql.execute("UPDATE answer_jobs SET status = 'failed', finished_at = ? WHERE status = 'running'"
                                " AND lease_until < ? AND attempts >= ?", [now, now, max_attempts])

    def start_posting(self, job_id: int, owner: str) -> bool:
        """The last step before the answer goes out: only the job's current owner passes, once."""
        return self.sql.execute("UPDATE answer_jobs SET status = 'posting' WHERE id = ? AND owner = ?"
                                " AND status = 'running'", [job_id, owner]) == 1

    def finish(self, job_id: int, owner: str, status: str, now: float) -> None:
        self.sql.execute("UPDATE answer_jobs SET status = ?, finished_at = ? WHERE id = ? AND owner = ?",
                         [status, now, job_id, owner])

    def forget_before(self, when: float) -> int:
        return self.sql.execute("DELETE FROM answer_jobs WHERE created_at < ?", [when])

    def status(self, job_id: int) -> str | None:
        row = first(self.sql, "SELECT status FROM answer_jobs WHERE id = ?", [job_id])
        return row["status"] if row else None


class Leases:
    """A named lease held by one process until it lapses: one feed poller among replicas."""

    def __init__(self, store: Storage) -> None:
        self.sql = store.sql

    def acquire(self, name: str, owner: str, now: float, seconds: float) -> bool:
        """Take or renew the lease; False while another owner holds it."""
        return self.sql.execute(
            "INSERT INTO leases (name, owner, until) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE"
            " SET owner = excluded.owner, until = excluded.until WHERE leases.until < ? OR leases.owner = ?",
            [name, owner, now + seconds, now, owner]) == 1

    def release(self, name: str, owner: str) -> None:
        self.sql.execute("DELETE FROM leases WHERE name = ? AND owner = ?", [name, owner])


class QuestionLog:
    """Who asked when, for a per-user rate limit that holds across processes."""

    def __init__(self, store: Storage) -> None:
        self.sql = store.sql

    def record(self, user: str, now: float) -> None:
        self.sql.execute("INSERT INTO question_log (user_id, asked_at) VALUES (?, ?)", [user, now])

    def asked_since(self, user: str, since: float) -> list[float]:
        """When this user asked after `since`, oldest first."""
        return [r["asked_at"] for r in self.sql.query(
            "SELECT asked_at FROM question_log WHERE user_id = ? AND asked_at > ? ORDER BY asked_at", [user, since])]

    def forget_before(self, when: float) -> int:
        return self.sql.execute("DELETE FROM question_log WHERE asked_at < ?", [when])
