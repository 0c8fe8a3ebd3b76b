"""The ingest pipeline: sources -> sentences -> chunks -> embeddings (batched) -> one transaction per article."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from store import ChunkRecord, MentionRecord, NewArticle, Store
from store.embeddings import Embedder
from store.entities import find_mentions
from store.sources import BadSource, expand, load_file, read_sources_csv
from store.text import make_chunks, split_sentences

logger = logging.getLogger(__name__)
EMBED_BATCH_CHUNKS = 256


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (source, title already indexed)
    failed: list[tuple[str, str]] = field(default_factory=list)
    chunks: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        parts = [f"{len(self.added)} added", f"{len(self.updated)} updated", f"{self.unchanged} unchanged",
                 f"{len(self.duplicates)} duplicates",
                 f"{len(self.failed)} failed", f"{self.chunks} chunks embedded"]
        return ", ".join(parts)


@dataclass
class Prepared:
    article: NewArticle
    chunks: list[ChunkRecord]
    mentions: list[MentionRecord]
    replaces: bool


def prepare(article: NewArticle) -> Prepared:
    """Split into sentences and chunks, and find the people named, before any write."""
    body = article.body
    sentences = split_sentences(body)
    if not sentences:
        raise BadSource("no sentences in the text")
    chunks = [
        ChunkRecord(i, c.start, c.end, tuple((s.start, s.end) for s in c.sentences))
        for i, c in enumerate(make_chunks(body, sentences))
    ]
    # Offsets -1 mean the title: headlines name people ("Statement by NSC Spokesperson Adrienne Watson").
    mentions = [MentionRecord(m.name, m.role, -1, -1) for m in find_mentions(article.title) if m.role]
    mentions += [
        MentionRecord(m.name, m.role, s.start, s.end)
        for s in sentences
        for m in find_mentions(body[s.start:s.end])
    ]
    return Prepared(article, chunks, mentions, replaces=False)


def reembed_stale(store: Store, embedder: Embedder) -> int:
    """Embed chunks that have no vector from this model (a model change re-embeds, never mixes)."""
    done = 0
    while batch := store.chunks_without_vectors(embedder.model_id, EMBED_BATCH_CHUNKS):
        ids, texts = zip(*batch)
        store.set_vectors(embedder.model_id, ids, embedder.embed(list(texts)))
        done += len(ids)
    return done


def ingest(
    store: Store,
    embedder: Embedder,
    inputs: list[str],
    on_progress: Callable[[int, int], None] | None = None,
) -> IngestReport:
    """Index files and folders. Bad sources are reported and skipped; the rest of the batch goes on."""
    report = IngestReport()
    files, missing = expand(inputs)
    report.failed += missing
    metas: dict[Path, dict] = {}
    pending: list[Prepared] = []

    def flush() -> None:
        texts = [p.article.body[c.start:c.end] for p in pending for c in p.chunks]
        vectors = embedder.embed(texts)
        offset = 0
        for p in pending:
            n = len(p.chunks)
            store.add_article(p.article, p.chunks, vectors[offset:offset + n], embedder.model_id, p.mentions)
            offset += n
            (report.updated if p.replaces else report.added).append(p.article.title)
            report.chunks += n
        pending.clear()

    for done, path in enumerate(files, 1):
        folder = path.parent
        if folder not in metas:
            metas[folder] = read_sources_csv(folder)
        try:
            article = load_file(path, metas[folder].get(path.name))
            existing = store.find_source(article.source_key)
            same_text = None if existing else store.title_with_hash(article.content_hash)
            if existing and existing[1] == article.content_hash:
                report.unchanged += 1
            elif same_text or any(p.article.content_hash == article.content_hash for p in pending):
                report.duplicates.append((str(path), same_text or article.title))
            else:
                prepared = prepare(article)
                prepared.replaces = existing is not None
                pending.append(prepared)
        except BadSource as e:
            report.failed.append((str(path), str(e)))
            logger.warning("skipped %s: %s", path, e)
        if sum(len(p.chunks) for p in pending) >= EMBED_BATCH_CHUNKS:
            flush()
        if on_progress:
            on_progress(done, len(files))
    if pending:
        flush()
    report.chunks += reembed_stale(store, embedder)
    return report
