"""Feeds, the entries already seen, and the channels whose shared links are indexed."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from store.interface import Storage
from store.sql import first
from store.timestamps import iso

MAX_ATTEMPTS = 3
COLUMNS = "id, url, title, added_by, added_at, etag, last_modified, last_fetched, last_new, last_error"


@dataclass(frozen=True)
class Feed:
    id: int
    url: str
    title: str | None
    added_by: str | None
    added_at: str
    etag: str | None
    last_modified: str | None
    last_fetched: str | None
    last_new: int | None
    last_error: str | None


class Feeds:
    def __init__(self, store: Storage) -> None:
        self.sql = store.sql

    def add(self, url: str, title: str | None, added_by: str | None, now: datetime) -> tuple[Feed, bool]:
        """(the feed, whether it is new): adding a URL twice returns the first."""
        created = self.sql.execute("INSERT INTO feeds (url, title, added_by, added_at) VALUES (?, ?, ?, ?)"
                                   " ON CONFLICT (url) DO NOTHING", [url, title, added_by, iso(now)]) == 1
        return self.by_url(url), created

    def by_url(self, url: str) -> Feed:
        return Feed(**first(self.sql, f"SELECT {COLUMNS} FROM feeds WHERE url = ?", [url]))

    def get(self, feed_id: int) -> Feed | None:
        row = first(self.sql, f"SELECT {COLUMNS} FROM feeds WHERE id = ?", [feed_id])
        return Feed(**row) if row else None

    def all(self) -> list[Feed]:
        return [Feed(**r) for r in self.sql.query(f"SELECT {COLUMNS} FROM feeds ORDER BY id")]

    def remove(self, feed_id: int) -> bool:
        with self.sql.transaction():
            self.sql.execute("DELETE FROM feed_entries WHERE feed_id = ?", [feed_id])
            return self.sql.execute("DELETE FROM feeds WHERE id = ?", [feed_id]) == 1

    def done_entries(self, feed_id: int) -> set[str]:
        """Entries not to fetch again: indexed, or failed for good, or failed MAX_ATTEMPTS times."""
        return {r["entry_key"] for r in self.sql.query(
            "SELECT entry_key FROM feed_entries WHERE feed_id = ? AND (outcome NOT LIKE 'retry:%' OR attempts >= ?)",
            [feed_id, MAX_ATTEMPTS])}

    def record_entry(self, feed_id: int, key: str, url: str | None, outcome: str, now: datetime) -> None:
        self.sql.execute(
            "INSERT INTO feed_entries (feed_id, entry_key, url, outcome, seen_at) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (feed_id, entry_key) DO UPDATE SET outcome = excluded.outcome,"
            " attempts = feed_entries.attempts + 1, seen_at = excluded.seen_at", [feed_id, key, url, outcome, iso(now)])

    def finish_poll(self, feed_id: int, now: datetime, *, new: int | None = None, error: str | None = None,
                    etag: str | None = None, last_modified: str | None = None, title: str | None = None) -> None:
        self.sql.execute(
            "UPDATE feeds SET last_fetched = ?, last_new = coalesce(?, last_new), last_error = ?,"
            " etag = coalesce(?, etag), last_modified = coalesce(?, last_modified), title = coalesce(?, title)"
            " WHERE id = ?", [iso(now), new, error, etag, last_modified, title, feed_id])

    # -- shared links ------------------------------------------------------------------------

    def set_links(self, team_id: str, channel_id: str, on: bool, user: str | None, now: datetime) -> None:
        if on:
            self.sql.execute("INSERT INTO link_channels (team_id, channel_id, enabled_by, enabled_at)"
                             " VALUES (?, ?, ?, ?) ON CONFLICT (team_id, channel_id) DO UPDATE"
                             " SET enabled_by = excluded.enabled_by, enabled_at = excluded.enabled_at",
                             [team_id, channel_id, user, iso(now)])
        else:
            self.sql.execute("DELETE FROM link_channels WHERE team_id = ? AND channel_id = ?", [team_id, channel_id])

    def links_on(self, team_id: str, channel_id: str) -> bool:
        return first(self.sql, "SELECT count(*) AS n FROM link_channels WHERE team_id = ? AND channel_id = ?",
                     [team_id, channel_id])["n"] > 0
