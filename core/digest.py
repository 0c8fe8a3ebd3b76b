"""What is new since a time, as a short brief: stories, their most central sentences (verbatim), people.

No Slack here: build() returns a Digest dataclass; handlers/ renders it, the CLI prints it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np

from core.candidates import gather
from core.config import DEFAULT_BEAT
from core.passages import vector_key
from model.embeddings import Embedder
from store import Article, Storage
from store.timestamps import iso

MAX_STORIES = 10
SENTENCES_PER_STORY = 2
# Topic relevance, picked on seeds/ (topics such as "taiwan", "fentanyl", "human rights in Xinjiang",
# "football"): an article is on the topic when one of its passages is this close to the topic ...
TOPIC_SEMANTIC = 0.45
# ... or when its words (stemmed, via FTS5) occur in two passages that are at least loosely related.
TOPIC_LEXICAL_HITS = 2
TOPIC_LEXICAL_FLOOR = 0.25
MIN_SENTENCE_WORDS = 10
BEAT_WEIGHT = 1.0  # how far the team's beat pulls a story's quoted sentences from its centre (bench/digest_beat.py)


@dataclass(frozen=True)
class Source:
    title: str
    outlet: str | None
    link: str | None
    published: str | None


@dataclass(frozen=True)
class Story:
    title: str
    outlet: str | None
    link: str | None
    published: str | None
    sentences: list[str]
    people: list[str]
    also: list[Source] = field(default_factory=list)


@dataclass(frozen=True)
class Digest:
    topic: str | None
    since: datetime
    until: datetime
    timezone: str
    stories: list[Story]
    more: int = 0

    @property
    def empty(self) -> bool:
        return not self.stories

    def since_text(self) -> str:
        local = self.since.astimezone(ZoneInfo(self.timezone))
        return local.strftime("%a %d %b %H:%M ") + local.strftime("%Z")

    def headline(self) -> str:
        about = f" on {self.topic}" if self.topic else ""
        if self.empty:
            return f"Nothing new{about} since {self.since_text()}."
        n = len(self.stories) + self.more
        return f"{n} new {'story' if n == 1 else 'stories'}{about} since {self.since_text()}."


class Digester:
    def __init__(self, store: Storage, embedder: Embedder, beat: str | None = DEFAULT_BEAT,
                 beat_weight: float = BEAT_WEIGHT) -> None:
        """beat: what the team follows (the BEAT setting); a story's quoted sentences lean towards what it
        says about the beat, so a press conference that also covers other news is quoted on the beat."""
        self.store = store
        self.embedder = embedder
        self.beat = beat
        self.beat_weight = beat_weight
        self._beat_vector: np.ndarray | None = None

    def build(self, since: datetime, until: datetime, topic: str | None = None, tz: str = "UTC") -> Digest:
        """The articles indexed in [since, until), on the topic if one is given, same stories merged."""
        leads = self._stories(self.store.articles_indexed(iso(since), iso(until)))
        topic = " ".join((topic or "").split())[:200] or None
        topic_vector = self.embedder.embed([topic])[0] if topic and leads else None
        # a topic needs every article's vectors to filter; without one, only the stories shown need them
        vectors = {a.id: self.store.article_vectors(a.id, vector_key(self.embedder))
                   for a in (leads if topic_vector is not None else leads[:MAX_STORIES])}
        if topic_vector is not None:
            lexical = self._lexical_hits(topic)
            leads = [a for a in leads if self._on_topic(vectors[a.id], topic_vector, lexical)]
        also = self.store.also_in([a.id for a in leads[:MAX_STORIES]])
        stories = [self._story(a, also.get(a.id, []), vectors[a.id], topic_vector) for a in leads[:MAX_STORIES]]
        return Digest(topic, since, until, tz, stories, more=max(0, len(leads) - MAX_STORIES))

    def on_topic(self, articles: list[Article], topic: str) -> list[tuple[Article, str]]:
        """The articles on the topic by the rule a topic digest uses, each with its sentence closest to the
        topic (verbatim): what a topic watch alerts."""
        articles = [a for a in articles if a.story_id is None]  # a repeat has no passages of its own
        if not articles:
            return []
        topic_vector = self.embedder.embed([topic])[0]
        lexical = self._lexical_hits(topic)
        found = []
        for article in articles:
            vectors = self.store.article_vectors(article.id, vector_key(self.embedder))
            if self._on_topic(vectors, topic_vector, lexical) and (sentence := self._closest(vectors, topic_vector)):
                found.append((article, sentence))
        return found

    def _closest(self, chunk_vectors: tuple[list[int], np.ndarray], topic: np.ndarray) -> str | None:
        """The quotable sentence closest to the topic, among the article's passages closest to it."""
        ids, matrix = chunk_vectors
        best_chunks = [ids[i] for i in np.argsort(-(matrix @ topic))[:3]]
        gathered = gather(self.store, [(c, 1.0) for c in best_chunks], self.store.passages(best_chunks))
        candidates = [c for c in gathered if _quotable(c.text)] or gathered  # a short article: its short lines
        if not candidates:
            return None
        sims = self.embedder.embed([c.text for c in candidates]) @ topic
        return candidates[int(np.argmax(sims))].text.strip()

    def _stories(self, articles: list[Article]) -> list[Article]:
        """One lead article per story: a new source of an older story brings that story back."""
        leads: dict[int, Article] = {}
        for article in articles:
            if article.story not in leads:
                leads[article.story] = article if article.story_id is None else self.store.get_article(article.story)
        return list(leads.values())

    def _lexical_hits(self, topic: str) -> set[int]:
        return {chunk_id for chunk_id, _ in self.store.fts_search(topic, 5000)}

    @staticmethod
    def _on_topic(chunk_vectors: tuple[list[int], np.ndarray], topic: np.ndarray, lexical: set[int]) -> bool:
        ids, matrix = chunk_vectors
        if not ids:
            return False
        sims = matrix @ topic
        if float(sims.max()) >= TOPIC_SEMANTIC:
            return True
        hits = [s for chunk_id, s in zip(ids, sims) if chunk_id in lexical]
        return len(hits) >= TOPIC_LEXICAL_HITS and max(hits) >= TOPIC_LEXICAL_FLOOR

    def _story(self, lead: Article, others: list[Article], chunk_vectors: tuple[list[int], np.ndarray],
               topic: np.ndarray | None) -> Story:
        also = [Source(a.title, a.outlet, a.link, a.published) for a in others]
        return Story(lead.title, lead.outlet, lead.link, lead.published,
                     self._quoted(chunk_vectors, topic), self.store.people_in(lead.id), also)

    def story_sentences(self, article: Article) -> list[str]:
        """The sentences a digest quotes for this article (no topic)."""
        return self._quoted(self.store.article_vectors(article.id, vector_key(self.embedder)), None)

    def _focus(self, topic: np.ndarray | None) -> tuple[np.ndarray | None, float]:
        """What the quoted sentences lean towards: the asked topic, else the team's beat."""
        if topic is not None:
            return topic, 2.0
        if not self.beat or not self.beat_weight:
            return None, 0.0
        if self._beat_vector is None:
            self._beat_vector = self.embedder.embed([self.beat])[0]
        return self._beat_vector, self.beat_weight

    def _quoted(self, chunk_vectors: tuple[list[int], np.ndarray], topic: np.ndarray | None) -> list[str]:
        """The sentences closest to what the article is about, leaning towards the topic or the beat, in reading
        order. Candidates are gathered as an answer's are: no reporter's question (its reply instead), no
        boilerplate, no speaker label."""
        ids, matrix = chunk_vectors
        if not ids:
            return []
        target = _normalise(matrix.mean(axis=0))
        focus, weight = self._focus(topic)
        if focus is not None:
            target = _normalise(target + weight * focus)
        best_chunks = [ids[i] for i in np.argsort(-(matrix @ target))[:3]]
        passages = self.store.passages(best_chunks)
        candidates = [c for c in gather(self.store, [(c, 1.0) for c in best_chunks], passages) if _quotable(c.text)]
        if not candidates:
            return []
        sims = self.embedder.embed([c.text for c in candidates]) @ target
        top = sorted(np.argsort(-sims)[:SENTENCES_PER_STORY], key=lambda i: candidates[i].position)
        return [candidates[i].text.strip() for i in top]


def _normalise(v: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(v))
    return v / norm if norm else v


def _quotable(sentence: str) -> bool:
    """A sentence worth quoting alone: long enough, not a reporter's question or a speaker tag."""
    text = sentence.strip()
    return (len(text.split()) >= MIN_SENTENCE_WORDS and not text.endswith("?")
            and not re.match(r"^(Q\b|[A-Z][A-Z .'-]+:)", text))
