"""The ingest pipeline: sources -> sentences -> chunks -> embeddings (batched) -> atomic articles, one commit
per batch."""
from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import numpy as np

from core.passages import passage_text, vector_key
from model.embeddings import Embedder
from nlp.people import find_mentions, find_mentions_in
from nlp.same_person import full_names
from nlp.same_story import same_story, samples_overlap, shingle_hashes, shingle_sample, shingles
from nlp.sentences import Chunk, make_chunks, split_sentences
from nlp.transcript import Turn, parse_turns
from sources.errors import BadSource
from sources.files import expand, load_file, read_sources_csv
from sources.web import Fetcher, is_url, load_url
from store import ArticleMention, NewArticle, Storage

logger = logging.getLogger(__name__)
EMBED_BATCH_CHUNKS = 256


@dataclass(frozen=True)
class ItemResult:
    """What happened to one input, in words a Slack reply can use."""
    source: str
    status: str  # added | updated | unchanged | same-story | failed
    title: str | None = None
    published: str | None = None
    sentences: int = 0
    same_as: str | None = None  # the title of the story this one repeats
    reason: str | None = None


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (source, title of the story it repeats)
    failed: list[tuple[str, str]] = field(default_factory=list)
    chunks: int = 0
    items: list[ItemResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        parts = [f"{len(self.added)} added", f"{len(self.updated)} updated", f"{self.unchanged} unchanged",
                 f"{len(self.duplicates)} same story as one indexed (kept as another source)",
                 f"{len(self.failed)} failed", f"{self.chunks} chunks embedded"]
        return ", ".join(parts)

    def record(self, item: ItemResult) -> None:
        self.items.append(item)
        if item.status == "added":
            self.added.append(item.title or item.source)
        elif item.status == "updated":
            self.updated.append(item.title or item.source)
        elif item.status == "unchanged":
            self.unchanged += 1
        elif item.status == "same-story":
            self.duplicates.append((item.source, item.same_as or ""))
        else:
            self.failed.append((item.source, item.reason or "failed"))


@dataclass
class Prepared:
    article: NewArticle
    chunks: list[Chunk]
    mentions: list[ArticleMention]
    replaces: int | None  # the id of the older version of this source, if any
    source: str = ""
    sentences: int = 0
    shingles: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    repeats: Prepared | None = None  # an article earlier in this batch, not yet written, that this one repeats
    turns: list[Turn] = field(default_factory=list)  # a transcript's speaker turns
    article_id: int | None = None  # once written

    @cached_property
    def sample(self) -> set[int]:
        return shingle_sample(self.shingles)

    @cached_property
    def shingle_set(self) -> set[int]:
        return set(self.shingles.tolist())


def prepare(article: NewArticle) -> Prepared:
    """Split into sentences and chunks, and find the people named, before any write."""
    body = article.body
    sentences = split_sentences(body)
    if not sentences:
        raise BadSource("no sentences in the text")
    chunks = make_chunks(body, sentences)
    # Offsets -1 mean the title: headlines name people ("Statement by NSC Spokesperson Adrienne Watson").
    mentions = [ArticleMention(m.name, m.role, -1, -1) for m in find_mentions(article.title) if m.role]
    mentions += [
        ArticleMention(m.name, m.role, s.start, s.end)
        for s, found in zip(sentences, find_mentions_in([body[s.start:s.end] for s in sentences]))
        for m in found
    ]
    links = full_names((m.name, m.role) for m in mentions)  # "Mr Howard" is the article's Michael Howard
    mentions = [replace(m, name=links.get(m.name, m.name)) for m in mentions]
    return Prepared(article, chunks, mentions, replaces=None, sentences=len(sentences),
                    shingles=shingle_hashes(body), turns=parse_turns(body, article.title))


def reembed_stale(store: Storage, embedder: Embedder) -> int:
    """Embed chunks that have no vector from this model (a model change re-embeds, never mixes)."""
    done = 0
    key = vector_key(embedder)
    while batch := store.chunks_without_vectors(key, EMBED_BATCH_CHUNKS):
        ids, headings, texts = zip(*batch)
        store.set_vectors(key, ids, embedder.embed([passage_text(h, t) for h, t in zip(headings, texts)]))
        done += len(ids)
    return done


WRITE_ERRORS = (sqlite3.Error, OSError)


def write_failure(source: str, title: str | None, error: Exception) -> ItemResult:
    logger.error("could not write %s: %s", source, error)
    return ItemResult(source, "failed", title, reason=f"could not be written to the database ({error})")


def names_new_to(prepared: Prepared, story_body: str) -> list[ArticleMention]:
    """The mentions of a repeat of a story in sentences the story does not hold (an update's "Assistant information
    commissioner Phil Jones said …"): kept with the source; the rest the story holds already."""
    body = prepared.article.body
    return [m for m in prepared.mentions
            if m.sentence_start >= 0 and body[m.sentence_start:m.sentence_end] not in story_body]


def stored_story_repeated(store: Storage, prepared: Prepared) -> tuple[int, str, str] | None:
    """(id, title, body) of a stored story this article repeats: candidates by the shingles they share (or the
    same title), confirmed by containment — measured on real pairs in bench/near_duplicates.py. Runs before the
    article is embedded: a repeat is stored as a source and never encoded."""
    for story_id, title, body in store.story_candidates(prepared.sample, prepared.article.title):
        if story_id != prepared.replaces and same_story(prepared.shingle_set, shingles(body)):
            return story_id, title, body
    return None


def repeated_in_flight(prepared: Prepared, in_flight: list[Prepared]) -> Prepared | None:
    """An article read earlier in this batch, not written yet, that this one repeats."""
    for other in in_flight:
        if other.repeats is not None:
            continue
        shared = len(prepared.sample & other.sample)
        if (other.article.title == prepared.article.title
                or samples_overlap(shared, len(prepared.sample), len(other.sample))) \
                and same_story(prepared.shingle_set, other.shingle_set):
            return other
    return None


def ingest(
    store: Storage,
    embedder: Embedder,
    inputs: list[str],
    on_progress: Callable[[int, int], None] | None = None,
    fetcher: Fetcher | None = None,
) -> IngestReport:
    """Index files, folders and URLs. Bad sources are reported and skipped; the rest of the batch goes on."""
    report = IngestReport()
    urls = [i for i in inputs if is_url(i)]
    files, missing = expand([i for i in inputs if not is_url(i)])
    for name, reason in missing:
        report.record(ItemResult(name, "failed", reason=reason))
    metas: dict[Path, dict] = {}
    pending: list[Prepared] = []
    # Encoding runs in the background while the next articles are read, prepared and the last batch is
    # written: their Python work and the encoder's share the cores instead of taking turns
    # (bench/ingest_throughput.py). At most two batches: one encoding, the next queued behind it.
    encoding: list[tuple[list[Prepared], Future]] = []
    background = ThreadPoolExecutor(1, thread_name_prefix="encode")

    def write_one(p: Prepared, vectors: np.ndarray) -> ItemResult:
        """Store one prepared article (or a repeat of an earlier one as its source): raises WRITE_ERRORS."""
        if p.repeats is not None:
            lead = p.repeats
            if lead.article_id is None:
                return ItemResult(p.source, "failed", p.article.title,
                                  reason=f"not written: it repeats {lead.article.title!r}, which could not be written")
            store.add_source(p.article, lead.article_id, names_new_to(p, lead.article.body))
            return ItemResult(p.source, "same-story", p.article.title, p.article.published, p.sentences,
                              same_as=lead.article.title)
        p.article_id = store.add_article(p.article, p.chunks, vectors, vector_key(embedder), p.mentions, p.sample,
                                         p.turns)
        return ItemResult(p.source, "updated" if p.replaces else "added", p.article.title, p.article.published,
                          p.sentences)

    def write(batch: list[Prepared], vectors: np.ndarray) -> None:
        """The batch in one transaction, each article in a savepoint of it; on any write error (a full disk)
        the batch is rolled back and written again one article per transaction, so only what fails fails."""
        starts = np.cumsum([0] + [0 if p.repeats is not None else len(p.chunks) for p in batch])
        rows = [vectors[starts[i]:starts[i + 1]] for i in range(len(batch))]
        try:
            with store.batch():
                results = [write_one(p, v) for p, v in zip(batch, rows)]
        except WRITE_ERRORS:
            results = []
            for p in batch:
                p.article_id = None
            for p, v in zip(batch, rows):
                try:
                    results.append(write_one(p, v))
                except WRITE_ERRORS as e:  # a full disk, a locked or read-only file: this article only
                    results.append(write_failure(p.source, p.article.title, e))
        for p, result in zip(batch, results):
            report.record(result)
            if result.status in ("added", "updated"):
                report.chunks += len(p.chunks)

    def flush(wait: bool = False) -> None:
        """Queue the pending articles for encoding, then write the batches encoded before them: the encoder
        starts on the queued batch the moment the previous one is done, instead of idling while it is written."""
        if pending:
            batch = list(pending)
            pending.clear()
            texts = [passage_text(p.article.title, p.article.body[c.start:c.end])
                     for p in batch if p.repeats is None for c in p.chunks]
            encoding.append((batch, background.submit(embedder.embed, texts)))
        while len(encoding) > (0 if wait else 1):  # in order: a repeat's lead is written before it
            batch, vectors = encoding.pop(0)
            write(batch, vectors.result())

    if urls and fetcher is None:
        fetcher = Fetcher()  # one client, and its connection pool, for the whole batch

    def load(item: Path | str) -> NewArticle:
        if isinstance(item, str):
            return load_url(fetcher, item)
        folder = item.parent
        if folder not in metas:
            metas[folder] = read_sources_csv(folder)
        return load_file(item, metas[folder].get(item.name))

    items: list[Path | str] = [*files, *urls]
    for done, item in enumerate(items, 1):
        try:
            article = load(item)
            existing = store.find_source(article.source_key)
            if existing and existing[1] == article.content_hash:
                report.record(ItemResult(str(item), "unchanged", article.title, article.published))
            else:
                story = store.story_of_hash(article.content_hash)
                if story and not existing:
                    store.add_source(article, story[0])
                    report.record(ItemResult(str(item), "same-story", article.title, article.published,
                                             same_as=story[1]))
                else:
                    prepared = prepare(article)
                    prepared.replaces = existing[0] if existing else None
                    prepared.source = str(item)
                    story = stored_story_repeated(store, prepared)
                    if story:
                        story_id, story_title, story_body = story
                        store.add_source(article, story_id, names_new_to(prepared, story_body))
                        report.record(ItemResult(str(item), "same-story", article.title, article.published,
                                                 prepared.sentences, same_as=story_title))
                    else:
                        in_flight = [*pending, *(p for batch, _ in encoding for p in batch)]
                        prepared.repeats = repeated_in_flight(prepared, in_flight)
                        pending.append(prepared)
        except BadSource as e:
            report.record(ItemResult(str(item), "failed", reason=str(e)))
            logger.warning("skipped %s: %s", item, e)
        except WRITE_ERRORS as e:  # storing an exact copy as a source failed: this input only
            report.record(write_failure(str(item), None, e))
        if sum(len(p.chunks) for p in pending if p.repeats is None) >= EMBED_BATCH_CHUNKS:
            flush()
        if on_progress:
            on_progress(done, len(items))
    try:
        flush(wait=True)
    finally:
        background.shutdown(wait=True)
    report.chunks += reembed_stale(store, embedder)
    return report
