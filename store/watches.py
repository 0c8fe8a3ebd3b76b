"""Watches, what they matched, and their posts. A (watch, article) row is written once and taken into one post
before anything is posted, so an article is alerted once per watch, whichever process (or restart) gets there."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from store.interface import Storage
from store.schedules import PROCESS
from store.sql import first
from store.timestamps import iso

COLUMNS = "id, team_id, channel_id, kind, subject, created_by, created_at, checked_until, last_post_at"
POST_COLUMNS = "id, watch_id, status, claimed_at, owner, attempts, finished_at, message_ts, error"
HIT_COLUMNS = "watch_id, article_id, title, link, outlet, published, sentence, found_at, post_id"


@dataclass(frozen=True)
class Watch:
    id: int
    team_id: str
    channel_id: str
    kind: str  # person | topic
    subject: str
    created_by: str | None
    created_at: str
    checked_until: str
    last_post_at: str | None


@dataclass(frozen=True)
class Hit:
    """A new article a watch matched, with the sentence that matched (as it read when found)."""
    article_id: int
    title: str
    link: str | None
    outlet: str | None
    published: str | None
    sentence: str
    watch_id: int = 0
    found_at: str = ""
    post_id: int | None = None


@dataclass(frozen=True)
class Post:
    id: int
    watch_id: int
    status: str  # posting | posted | failed
    claimed_at: str
    owner: str | None
    attempts: int
    finished_at: str | None
    message_ts: str | None
    error: str | None


class _NothingToPost(Exception):
    """Rolls back a post claim that found no hits left (another process took them)."""


class Watches:
    def __init__(self, store: Storage) -> None:
        self.sql = store.sql

    def create(self, team_id: str, channel_id: str, kind: str, subject: str, created_by: str | None,
               now: datetime) -> Watch:
        with self.sql.transaction():
            watch_id = first(self.sql,
                "INSERT INTO watches (team_id, channel_id, kind, subject, created_by, created_at, checked_until)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                [team_id, channel_id, kind, subject, created_by, iso(now), iso(now)])["id"]
        return self.get(int(watch_id))

    def get(self, watch_id: int) -> Watch | None:
        row = first(self.sql, f"SELECT {COLUMNS} FROM watches WHERE id = ? AND cancelled_at IS NULL", [watch_id])
        return Watch(**row) if row else None

    def active(self, team_id: str | None = None, channel_id: str | None = None) -> list[Watch]:
        """Live watches: every one (the scheduler), one workspace's, or one workspace's channel's (a listener)."""
        where, params = "", []
        if team_id is not None:
            where, params = " AND team_id = ?", [team_id]
        if channel_id is not None:
            where, params = where + " AND channel_id = ?", params + [channel_id]
        return [Watch(**r) for r in self.sql.query(
            f"SELECT {COLUMNS} FROM watches WHERE cancelled_at IS NULL{where} ORDER BY id", params)]

    def count(self, team_id: str, channel_id: str) -> int:
        return int(first(self.sql, "SELECT count(*) AS n FROM watches WHERE team_id = ? AND channel_id = ?"
                                   " AND cancelled_at IS NULL", [team_id, channel_id])["n"])

    def cancel(self, watch_id: int, team_id: str, channel_id: str, now: datetime) -> bool:
        """Cancel a watch of this workspace's channel; False when there is no such live watch there."""
        return self.sql.execute(
            "UPDATE watches SET cancelled_at = ? WHERE id = ? AND team_id = ? AND channel_id = ?"
            " AND cancelled_at IS NULL", [iso(now), watch_id, team_id, channel_id]) == 1

    # -- matching ----------------------------------------------------------------------------

    def add_hits(self, watch_id: int, hits: Sequence[Hit], now: datetime) -> int:
        """Record matches; a (watch, article) already recorded is left as it is. The number new."""
        added = 0
        with self.sql.transaction():
            for h in hits:
                added += self.sql.execute(
                    f"INSERT INTO watch_hits ({HIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)"
                    " ON CONFLICT DO NOTHING",
                    [watch_id, h.article_id, h.title, h.link, h.outlet, h.published, h.sentence, iso(now)])
        return added

    def checked(self, watch_id: int, until: str) -> None:
        """Move the watch's cursor forward (never back: two processes may check at once)."""
        self.sql.execute("UPDATE watches SET checked_until = ? WHERE id = ? AND checked_until < ?",
                         [until, watch_id, until])

    def hits(self, watch_id: int) -> list[Hit]:
        return [Hit(**r) for r in self.sql.query(
            f"SELECT {HIT_COLUMNS} FROM watch_hits WHERE watch_id = ? ORDER BY found_at, article_id", [watch_id])]

    def pending(self, watch_id: int) -> int:
        return int(first(self.sql, "SELECT count(*) AS n FROM watch_hits WHERE watch_id = ? AND post_id IS NULL",
                         [watch_id])["n"])

    # -- posts -------------------------------------------------------------------------------

    def claim_post(self, watch_id: int, now: datetime, not_before: datetime) -> int | None:
        """Take every waiting hit into a new post, unless this watch had a post claimed after `not_before`;
        the post's id, for exactly one caller however many processes try, or None."""
        try:
            with self.sql.transaction():
                # the compare-and-set on the watch row is the gate: concurrent claimers wait on it, then fail it
                if self.sql.execute(
                        "UPDATE watches SET last_post_at = ? WHERE id = ? AND cancelled_at IS NULL"
                        " AND (last_post_at IS NULL OR last_post_at <= ?)",
                        [iso(now), watch_id, iso(not_before)]) != 1:
                    return None
                post_id = int(first(self.sql,
                    "INSERT INTO watch_posts (watch_id, status, claimed_at, owner) VALUES (?, 'posting', ?, ?)"
                    " RETURNING id", [watch_id, iso(now), PROCESS])["id"])
                if not self.sql.execute("UPDATE watch_hits SET post_id = ? WHERE watch_id = ? AND post_id IS NULL",
                                        [post_id, watch_id]):
                    raise _NothingToPost
                return post_id
        except _NothingToPost:
            return None

    def post_hits(self, post_id: int) -> list[Hit]:
        return [Hit(**r) for r in self.sql.query(
            f"SELECT {HIT_COLUMNS} FROM watch_hits WHERE post_id = ?"
            " ORDER BY published DESC NULLS LAST, article_id DESC", [post_id])]

    def post(self, post_id: int) -> Post | None:
        row = first(self.sql, f"SELECT {POST_COLUMNS} FROM watch_posts WHERE id = ?", [post_id])
        return Post(**row) if row else None

    def posts(self, watch_id: int) -> list[Post]:
        return [Post(**r) for r in self.sql.query(
            f"SELECT {POST_COLUMNS} FROM watch_posts WHERE watch_id = ? ORDER BY id", [watch_id])]

    def previous_post(self, post: Post) -> Post | None:
        row = first(self.sql, f"SELECT {POST_COLUMNS} FROM watch_posts WHERE watch_id = ? AND id < ?"
                              " ORDER BY id DESC LIMIT 1", [post.watch_id, post.id])
        return Post(**row) if row else None

    def posting(self) -> list[Post]:
        """Posts claimed and not finished: in progress, or left by a process that died."""
        return [Post(**r) for r in self.sql.query(
            f"SELECT {POST_COLUMNS} FROM watch_posts WHERE status = 'posting' ORDER BY id")]

    def reclaim(self, post: Post, now: datetime) -> bool:
        """Take over a post whose poster died or gave up mid-post; True for exactly one caller."""
        return self.sql.execute(
            "UPDATE watch_posts SET claimed_at = ?, owner = ?, attempts = attempts + 1 WHERE id = ?"
            " AND status = 'posting' AND claimed_at = ?", [iso(now), PROCESS, post.id, post.claimed_at]) == 1

    def finish(self, post_id: int, status: str, now: datetime, message_ts: str | None = None,
               error: str | None = None) -> None:
        self.sql.execute("UPDATE watch_posts SET status = ?, finished_at = ?, message_ts = ?, error = ? WHERE id = ?",
                         [status, iso(now), message_ts, error, post_id])
