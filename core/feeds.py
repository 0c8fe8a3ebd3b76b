"""RSS and Atom feeds: subscribe, poll (ETag / Last-Modified), index each new entry's page.

One failing feed or entry never stops the others: each poll records its own result, and each
entry its own outcome (passing failures — timeouts, 5xx — are retried on later polls).
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import feedparser

from core.clock import utc_now
from core.ingest import IngestReport, ItemResult, ingest
from model.embeddings import Embedder
from sources.web import FEED_TYPES, Fetcher, FetchError, normalise_url
from store import Store
from store.feeds import Feed, Feeds

logger = logging.getLogger(__name__)
MAX_NEW_PER_POLL = 50
PASSING = ("timed out", "the server answered 5", "could not fetch")


@dataclass(frozen=True)
class PollResult:
    feed: Feed
    new: int = 0
    failed: int = 0
    error: str | None = None
    report: IngestReport | None = None


def parse_feed(body: bytes) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(body)
    if not parsed.entries and (parsed.bozo or not parsed.feed.get("title")):
        raise FetchError("not an RSS or Atom feed (no entries could be read)")
    return parsed


def _entry_key(entry) -> str | None:
    return entry.get("id") or entry.get("link")


class FeedPoller:
    def __init__(self, store: Store, embedder: Embedder, fetcher: Fetcher,
                 clock: Callable[[], datetime] = utc_now) -> None:
        self.store = store
        self.feeds = Feeds(store)
        self.embedder = embedder
        self.fetcher = fetcher
        self.clock = clock
        self.lock = threading.Lock()  # one poll at a time in this process: the scheduler and `feed add` share it

    def subscribe(self, url: str, user: str | None) -> tuple[Feed, bool]:
        """Check that the URL is a feed, then store it. Raises FetchError with the reason if not."""
        url = normalise_url(url)
        page = self.fetcher.fetch(url, accept=FEED_TYPES)
        parsed = parse_feed(page.body)
        return self.feeds.add(url, parsed.feed.get("title") or url, user, self.clock())

    def poll_all(self) -> list[PollResult]:
        return [self.poll(feed) for feed in self.feeds.all()]

    def poll(self, feed: Feed) -> PollResult:
        with self.lock:
            try:
                return self._poll(feed)
            except Exception as e:  # never let one feed stop the others
                error = str(e) if isinstance(e, FetchError) else f"{type(e).__name__}: {e}"
                logger.warning("feed %s (%s): %s", feed.id, feed.url, error)
                self.feeds.finish_poll(feed.id, self.clock(), new=0, error=error)
                return PollResult(feed, error=error)

    def _poll(self, feed: Feed) -> PollResult:
        page = self.fetcher.fetch(feed.url, accept=FEED_TYPES, etag=feed.etag, last_modified=feed.last_modified)
        if page.status == 304:
            self.feeds.finish_poll(feed.id, self.clock(), new=0)
            return PollResult(feed)
        parsed = parse_feed(page.body)
        done = self.feeds.done_entries(feed.id)
        entries = [(key, e.get("link")) for e in parsed.entries if (key := _entry_key(e)) and key not in done]
        entries = entries[:MAX_NEW_PER_POLL]
        links = [link for _, link in entries if link]
        report = ingest(self.store, self.embedder, links, fetcher=self.fetcher) if links else IngestReport()
        by_source = {item.source: item for item in report.items}
        new = failed = 0
        for key, link in entries:
            item = by_source.get(link) if link else None
            outcome = self._outcome(item)
            new += item is not None and item.status in {"added", "updated", "same-story"}
            failed += outcome.startswith(("failed", "retry"))
            self.feeds.record_entry(feed.id, key, link, outcome, self.clock())
        self.feeds.finish_poll(feed.id, self.clock(), new=new, error=None, etag=page.etag,
                               last_modified=page.last_modified, title=parsed.feed.get("title"))
        return PollResult(feed, new=new, failed=failed, report=report)

    @staticmethod
    def _outcome(item: ItemResult | None) -> str:
        if item is None:
            return "failed: the entry has no link"
        if item.status != "failed":
            return item.status
        reason = item.reason or "failed"
        return ("retry: " if reason.startswith(PASSING) else "failed: ") + reason
