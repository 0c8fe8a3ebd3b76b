"""What the index holds and how it grows: add a URL, index links shared in a channel, follow feeds, and
the figures people ask for. The one service Slack listeners and the CLI call for sources."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.feeds import FeedPoller, PollResult
from core.ingest import IngestReport, ItemResult, ingest
from sources.errors import FetchError
from store.feeds import Feed


class NotAFeed(Exception):
    """The address could not be fetched as an RSS or Atom feed; the message says why, in words for people."""


@dataclass(frozen=True)
class IndexStats:
    articles: int
    chunks: int
    people: int
    db_bytes: int
    outlets: list[tuple[str, int]]


class SourcesService:
    def __init__(self, poller: FeedPoller) -> None:
        self.poller = poller
        self.store = poller.store

    def _ingest(self, inputs: Sequence[str]) -> IngestReport:
        return ingest(self.store, self.poller.embedder, list(inputs), fetcher=self.poller.fetcher)

    def add_url(self, url: str) -> ItemResult:
        """Fetch one page and index it (or say it is already indexed, or repeats a stored story)."""
        return self._ingest([url]).items[0]

    def index_links(self, links: Sequence[str]) -> IngestReport:
        return self._ingest(links)

    def links_on(self, workspace: str, channel_id: str) -> bool:
        return self.poller.feeds.links_on(workspace, channel_id)

    def set_links(self, workspace: str, channel_id: str, on: bool, user: str | None) -> None:
        self.poller.feeds.set_links(workspace, channel_id, on, user, self.poller.clock())

    def subscribe(self, url: str, user: str | None) -> tuple[Feed, bool]:
        """Store the feed: (feed, newly added). Raises NotAFeed with the reason when the URL cannot be one."""
        try:
            return self.poller.subscribe(url, user)
        except FetchError as e:
            raise NotAFeed(str(e)) from e

    def poll(self, feed: Feed) -> PollResult:
        return self.poller.poll(feed)

    def feeds(self) -> list[Feed]:
        return self.poller.feeds.all()

    def remove_feed(self, feed_id: int) -> Feed | None:
        """The feed removed, or None if there was none with that id (its articles stay indexed)."""
        feed = self.poller.feeds.get(feed_id)
        return feed if feed is not None and self.poller.feeds.remove(feed.id) else None

    def stats(self) -> IndexStats:
        s = self.store.stats()
        return IndexStats(s["articles"], s["chunks"], s["people"], s["db_bytes"], self.store.outlets())
