"""Watches: `watch Kurt Campbell` or `watch taiwan strait` in a channel or DM, and what counts as a match.

A person is whoever the who-is resolver takes the words for, and an article names them when one of its stored
mentions is one of the names the resolver gives that person; a topic matches by the rule topic digests use. The
one service Slack listeners call for watches; core/watch_delivery.py posts what they match.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from core.answer import Answerer, is_title
from core.clock import utc_now
from core.digest import Digester
from store import Article, QuotedMention
from store.watches import Hit, Post, Watch, Watches

__all__ = ["Hit", "Post", "Watch", "WatchService", "Matcher", "TooManyWatches"]

MAX_SUBJECT = 200
MAX_PER_CHANNEL = 25  # a channel that wants more is better served by a schedule with a topic


class TooManyWatches(Exception):
    """The channel has MAX_PER_CHANNEL live watches already."""


@dataclass(frozen=True)
class WatchRecord:
    """A watch as `watch list` shows it: how many articles it has found, and its last post."""
    watch: Watch
    articles: int
    last_post: Post | None


class Matcher:
    """Which of some newly indexed articles a watch matches, each with the sentence that matched."""

    def __init__(self, answerer: Answerer, digester: Digester) -> None:
        self.answerer = answerer
        self.digester = digester

    def kind_of(self, subject: str) -> tuple[str, str]:
        """('person', the name as the articles give it) when the who-is resolver takes the words for a person
        the articles name, else ('topic', the words). A name the index has never seen is watched as words."""
        person = self.answerer.resolve(subject)
        if person and _names_the_person(subject, person):
            return "person", person
        return "topic", subject

    def match(self, watch: Watch, articles: Sequence[Article]) -> list[Hit]:
        articles = [a for a in articles if a.story_id is None]  # a repeated story has no text of its own
        if not articles:
            return []
        if watch.kind == "person":
            return self._naming(watch.subject, articles)
        return [_hit(a, sentence) for a, sentence in self.digester.on_topic(articles, watch.subject)]

    def _naming(self, person: str, articles: Sequence[Article]) -> list[Hit]:
        names = list(dict.fromkeys([person, *self.answerer.aliases(person)]))
        by_article: dict[int, list[QuotedMention]] = {}
        for m in self.answerer.store.mentions_in(names, [a.id for a in articles]):
            if m.sentence.strip():
                by_article.setdefault(m.article.id, []).append(m)
        hits = []
        for mentions in by_article.values():  # a sentence that gives a role first, then in reading order
            # the extractor also ties "He was previously ..." to the person: quote a sentence with the name in it
            named = next((m for m in mentions if any(n in m.sentence for n in names)), mentions[0])
            hits.append(_hit(named.article, " ".join(named.sentence.split())))
        return hits


def _hit(article: Article, sentence: str) -> Hit:
    return Hit(article.id, article.title, article.link, article.outlet, article.published, sentence)


def _names_the_person(subject: str, person: str) -> bool:
    """'Kurt Campbell', 'Campbell', 'Secretary Blinken', 'Xi' name the person resolved; words that only share
    one word with a stored name ('taiwan strait' and someone called Strait) do not."""
    typed = [w.lower() for w in re.findall(r"[\w’'\-]+", subject) if not is_title(w)]
    stored = [w.lower() for w in person.split()]
    if not typed:
        return False
    if len(stored) == 1:  # the articles give only the surname: 'Janet Yellen' -> 'Yellen'
        return typed[-1] == stored[0]
    return set(typed) <= set(stored)


class WatchService:
    def __init__(self, watches: Watches, matcher: Matcher, clock: Callable[[], datetime] = utc_now) -> None:
        self.watches = watches
        self.matcher = matcher
        self.clock = clock

    def create(self, team_id: str, channel_id: str, subject: str, user: str | None) -> Watch:
        """Raises TooManyWatches when the channel is full."""
        subject = " ".join(subject.split())[:MAX_SUBJECT]
        if self.watches.count(team_id, channel_id) >= MAX_PER_CHANNEL:
            raise TooManyWatches
        kind, subject = self.matcher.kind_of(subject)
        return self.watches.create(team_id, channel_id, kind, subject, user, self.clock())

    def cancel(self, watch_id: int, team_id: str, channel_id: str) -> Watch | None:
        """The watch stopped, or None if this workspace's channel has no such watch."""
        watch = self.watches.get(watch_id)
        if watch is None or not self.watches.cancel(watch_id, team_id, channel_id, self.clock()):
            return None
        return watch

    def cancel_workspace(self, team_id: str) -> list[Watch]:
        """Stop every watch of a workspace that removed the bot; the watches stopped."""
        return [w for w in self.watches.active(team_id)
                if self.watches.cancel(w.id, w.team_id, w.channel_id, self.clock())]

    def listed(self, team_id: str, channel_id: str) -> list[WatchRecord]:
        """This workspace's channel's live watches, oldest first."""
        records = []
        for watch in self.watches.active(team_id, channel_id):
            posts = self.watches.posts(watch.id)
            records.append(WatchRecord(watch, len(self.watches.hits(watch.id)), posts[-1] if posts else None))
        return records
