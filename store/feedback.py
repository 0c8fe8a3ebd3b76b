"""Feedback on answers (issue #20): one row per person per message, 👍 or 👎 with a reason."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from store.interface import Storage
from store.sql import first
from store.timestamps import iso


@dataclass(frozen=True)
class Feedback:
    id: int
    team_id: str | None
    user_id: str
    channel_id: str | None
    message_ts: str | None
    vote: str  # up | down
    reason: str | None
    question: str
    shown: list[dict]  # the excerpts the answer showed: text, title, source, published
    created_at: str


COLUMNS = "id, team_id, user_id, channel_id, message_ts, vote, reason, question, shown, created_at"


def _feedback(row: dict) -> Feedback:
    return Feedback(**{**row, "shown": json.loads(row["shown"])})


class FeedbackTable:
    def __init__(self, store: Storage) -> None:
        self.sql = store.sql

    def add(self, vote: str, team_id: str | None, user_id: str, channel_id: str | None, message_ts: str | None,
            question: str, shown: list[dict], now: datetime) -> int | None:
        """Store a vote; None when this person already voted on this message (a second click, a double click)."""
        row = first(self.sql,
            "INSERT INTO feedback (team_id, user_id, channel_id, message_ts, vote, question, shown, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (team_id, channel_id, message_ts, user_id) DO NOTHING RETURNING id",
            [team_id, user_id, channel_id, message_ts, vote, question, json.dumps(shown, ensure_ascii=False),
             iso(now)])
        return int(row["id"]) if row else None

    def give_reason(self, feedback_id: int, user_id: str, reason: str) -> bool:
        """The reason for a 👎, given once, by the person who gave it."""
        return self.sql.execute("UPDATE feedback SET reason = ? WHERE id = ? AND user_id = ? AND vote = 'down'"
                                " AND reason IS NULL", [reason, feedback_id, user_id]) == 1

    def get(self, feedback_id: int) -> Feedback | None:
        row = first(self.sql, f"SELECT {COLUMNS} FROM feedback WHERE id = ?", [feedback_id])
        return _feedback(row) if row else None

    def since(self, moment: datetime, vote: str | None = None) -> list[Feedback]:
        """Feedback given since `moment`, oldest first (only 👎 with vote='down')."""
        where, params = ("AND vote = ?", [vote]) if vote else ("", [])
        return [_feedback(r) for r in self.sql.query(
            f"SELECT {COLUMNS} FROM feedback WHERE created_at >= ? {where} ORDER BY created_at, id",
            [iso(moment), *params])]

    def counts(self, moment: datetime, team_id: str | None = None) -> dict[str, int]:
        """{'up': n, 'down': n} since `moment` (in one workspace, if given)."""
        where, params = ("AND team_id = ?", [team_id]) if team_id else ("", [])
        rows = self.sql.query(f"SELECT vote, count(*) AS n FROM feedback WHERE created_at >= ? {where} GROUP BY vote",
                              [iso(moment), *params])
        return {"up": 0, "down": 0} | {r["vote"]: int(r["n"]) for r in rows}
