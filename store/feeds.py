"""Feeds, the entries already seen, and the channels whose shared links are indexed."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from store import Store
from store.timestamps import iso

MAX_ATTEMPTS = 3


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
    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, url: str, title: str | None, added_by: str | None, now: datetime) -> tuple[Feed, bool]:
        """(the feed, whether it is new): adding a URL twice returns the first."""
        with self.store.write_lock, self.store.db.atomic() as db:
            created = db.execute("INSERT OR IGNORE INTO feeds (url, title, added_by, added_at) VALUES (?, ?, ?, ?)",
                                 [url, title, added_by, iso(now)]).rowcount == 1
        return self.by_url(url), created

    def by_url(self, url: str) -> Feed:
        return Feed(**next(self.store.db.query("SELECT * FROM feeds WHERE url = ?", [url])))

    def get(self, feed_id: int) -> Feed | None:
        row = next(self.store.db.query("SELECT * FROM feeds WHERE id = ?", [feed_id]), None)
        return Feed(**row) if row else None

    def all(self) -> list[Feed]:
        return [Feed(**r) for r in self.store.db.query("SELECT * FROM feeds ORDER BY id")]

    def remove(self, feed_id: int) -> bool:
        with self.store.write_lock, self.store.db.atomic() as db:
            db.execute("DELETE FROM feed_entries WHERE feed_id = ?", [feed_id])
            return db.execute("DELETE FROM feeds WHERE id = ?", [feed_id]).rowcount == 1

    def done_entries(self, feed_id: int) -> set[str]:
        """Entries not to fetch again: indexed, or failed for good, or failed MAX_ATTEMPTS times."""
        return {r["entry_key"] for r in self.store.db.query(
            "SELECT entry_key FROM feed_entries WHERE feed_id = ? AND (outcome NOT LIKE 'retry:%' OR attempts >= ?)",
            [feed_id, MAX_ATTEMPTS])}

    def record_entry(self, feed_id: int, key: str, url: str | None, outcome: str, now: datetime) -> None:
        with self.store.write_lock, self.store.db.atomic() as db:
            db.execute(
                "INSERT INTO feed_entries (feed_id, entry_key, url, outcome, seen_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (feed_id, entry_key) DO UPDATE SET outcome = excluded.outcome,"
                " attempts = attempts + 1, seen_at = excluded.seen_at", [feed_id, key, url, outcome, iso(now)])

    def finish_poll(self, feed_id: int, now: datetime, *, new: int | None = None, error: str | None = None,
                    etag: str | None = None, last_modified: str | None = None, title: str | None = None) -> None:
        with self.store.write_lock, self.store.db.atomic() as db:
            db.execute(
                "UPDATE feeds SET last_fetched = ?, last_new = coalesce(?, last_new), last_error = ?,"
                " etag = coalesce(?, etag), last_modified = coalesce(?, last_modified), title = coalesce(?, title)"
                " WHERE id = ?", [iso(now), new, error, etag, last_modified, title, feed_id])

    # -- shared links ------------------------------------------------------------------------

    def set_links(self, channel_id: str, on: bool, user: str | None, now: datetime) -> None:
        with self.store.write_lock, self.store.db.atomic() as db:
            if on:
                db.execute("INSERT OR REPLACE INTO link_channels (channel_id, enabled_by, enabled_at) VALUES (?, ?, ?)",
                           [channel_id, user, iso(now)])
            else:
                db.execute("DELETE FROM link_channels WHERE channel_id = ?", [channel_id])

    def links_on(self, channel_id: str) -> bool:
        return next(self.store.db.query("SELECT count(*) AS n FROM link_channels WHERE channel_id = ?",
                                        [channel_id]))["n"] > 0
