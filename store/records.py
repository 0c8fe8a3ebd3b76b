"""What the store writes and reads back: plain records, no SQL."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    id: int
    title: str
    outlet: str | None
    url: str | None
    path: str | None
    published: str | None
    indexed_at: str
    story_id: int | None = None  # set when this article repeats an earlier one's story

    @property
    def link(self) -> str | None:
        return self.url or None

    @property
    def story(self) -> int:
        return self.story_id or self.id


@dataclass(frozen=True)
class NewArticle:
    source_key: str
    title: str
    body: str
    content_hash: str
    outlet: str | None = None
    url: str | None = None
    path: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class ArticleMention:
    """A person named in an article, with the role the sentence gives (offsets of that sentence)."""
    name: str
    role: str | None
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True)
class ArticleToCheck:
    """An article claimed for the people check, with the names stored for it and those it gives a role."""
    id: int
    title: str
    body: str
    names: tuple[str, ...]
    with_role: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PersonCheck:
    """One name checked in one article: how often it was read, how often as a person, and the verdict; its first
    word when that may be a given name; `thing` when its usage there says it is no person at all ("film Vera
    Drake"), which outweighs the verdicts of every other article (stored as is_person -1)."""
    name: str
    occurrences: int
    as_person: int
    is_person: bool
    given: str | None = None
    thing: bool = False


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk, with its sentences as (start, end, text) in article offsets."""
    chunk_id: int
    article: Article
    text: str
    start: int
    sentences: tuple[tuple[int, int, str], ...]


@dataclass(frozen=True)
class QuotedMention:
    """A stored mention read back with its sentence and article: what who-is quotes."""
    name: str
    role: str | None
    sentence: str
    sentence_start: int
    article: Article


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles a search may return (core.filters parses it from a query): published on or after `since`
    and before `before` (ISO dates; an undated article never matches a date), from a web domain `source` or one
    of its subdomains, from an outlet whose name holds `outlet` (case-insensitive)."""
    since: str | None = None
    before: str | None = None
    source: str | None = None
    outlet: str | None = None
