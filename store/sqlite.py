"""The SQLite store: articles, chunks, FTS5, vectors and people in one file."""
from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np
from sqlite_utils import Database

from nlp.sentences import Chunk
from nlp.transcript import Turn
from store.migrations import migrations
from store.records import ArticleFilter, ArticleMention, NewArticle
from store.sql import marks
from store.sql_store import Marks, SqlStore, search_words
from store.vectors import VectorIndex, from_blobs, to_blob


def fts_query(text: str) -> str | None:
    """User text as a safe FTS5 query: bare words, each quoted, OR-ed. None if no word is left."""
    words = search_words(text)
    if not words:
        return None
    return " OR ".join('"' + w.replace('"', "") + '"' for w in words)


# every chunk the words of a query match, with its BM25 (FTS5 ranks lower as better)
SCORED_MATCH = "SELECT rowid, bm25(chunks_fts) AS score FROM chunks_fts WHERE chunks_fts MATCH ?"


def url_host(url: str | None) -> str | None:
    """The lower-case host of a web address (SQLite has no regular expressions: registered as url_host())."""
    try:
        return urlsplit(url).hostname if url and "://" in url else None
    except ValueError:
        return None


class SqliteSql:
    """store.sql.Sql on the store's per-thread connections and its one in-process writer."""

    dialect = "sqlite"

    def __init__(self, store: Store) -> None:
        self.store = store

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return list(self.store.db.query(sql, params))

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Inside an open transaction the statement joins it (a statement is atomic: no savepoint of its own);
        outside, it is its own transaction."""
        with self.store.write_lock:
            db = self.store.db
            if db.conn.in_transaction:
                return db.execute(sql, params).rowcount
            with db.atomic():
                return db.execute(sql, params).rowcount

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.store.write_lock, self.store.db.atomic():
            yield


class Store(SqlStore):
    """The default store: one SQLite file, searched with FTS5 and an in-memory vector matrix."""

    HOST_SQL = "url_host(a.url)"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        # One writer at a time inside this process; other processes wait on SQLite's busy timeout.
        # Re-entrant: a batch transaction (`batch()`) holds it around the writes it groups.
        self.write_lock = threading.RLock()
        self.vectors = VectorIndex()
        self._per_version: dict = {}
        self.sql = SqliteSql(self)
        db = self.db
        db.execute("PRAGMA journal_mode=WAL")
        with self.write_lock:
            migrations.apply(db)

    @property
    def db(self) -> Database:
        """A connection per thread: sqlite-utils wraps reads in savepoints, which must not interleave."""
        db = getattr(self._local, "db", None)
        if db is None:
            conn = sqlite3.connect(str(self.path), timeout=30, check_same_thread=False)
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA busy_timeout=30000")
            conn.create_function("url_host", 1, url_host, deterministic=True)
            db = Database(conn)
            self._local.db = db
        return db

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    # -- writing -------------------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One transaction around several writes, each still its own savepoint: one commit instead of one
        per article (commits were a quarter of the writing time of a BBC ingest). An error rolls back
        the whole batch: the caller writes it again one article per transaction."""
        with self.sql.transaction():
            yield

    def add_article(
        self,
        article: NewArticle,
        chunks: Sequence[Chunk],
        vectors: np.ndarray,
        model_id: str,
        mentions: Iterable[ArticleMention] = (),
        sample: Iterable[int] | None = None,
        turns: Iterable[Turn] = (),
    ) -> int:
        """Write an article with its chunks, vectors, mentions and speaker turns in one transaction.

        Args:
            article: the text and metadata; an article with the same source_key is replaced.
            chunks: sentence windows with offsets into article.body.
            vectors: one normalised float32 row per chunk, from the model named by model_id.
            mentions: people named in the article, with the role the sentence gives them.
            sample: the body's shingle sample, if the caller has it already (else computed here).
            turns: a transcript's speaker turns (offsets into article.body).
        """
        sample = self._checked_sample(article, chunks, vectors, sample)
        with self.sql.transaction():
            db = self.db
            followers = self._remove_replaced(article.source_key)
            article_id = self._insert_article(article)
            self._reattach(followers, article_id)  # the sources that repeat this story follow it
            for seq, (chunk, vector) in enumerate(zip(chunks, vectors)):
                chunk_id = db.execute(
                    'INSERT INTO chunks (article_id, seq, start, "end", heading, text, sentences)'
                    ' VALUES (?, ?, ?, ?, ?, ?, ?)',
                    [article_id, seq, chunk.start, chunk.end, article.title, article.body[chunk.start:chunk.end],
                     json.dumps([(s.start, s.end) for s in chunk.sentences])],
                ).lastrowid
                db.execute("INSERT INTO chunk_vectors (chunk_id, model, vector) VALUES (?, ?, ?)",
                           [chunk_id, model_id, to_blob(vector)])
            self._insert_mentions(article_id, mentions)
            db.conn.executemany('INSERT INTO turns (article_id, start, "end", label, asks, speaker)'
                                " VALUES (?, ?, ?, ?, ?, ?)",
                                [(article_id, t.start, t.end, t.label, int(t.asks), t.speaker) for t in turns])
            db.conn.executemany("INSERT INTO story_shingles (shingle, article_id) VALUES (?, ?)",
                                [(h, article_id) for h in sample])
            self._count("vectors_added", len(chunks))
        return article_id

    def set_vectors(self, model_id: str, ids: Sequence[int], vectors: np.ndarray) -> None:
        with self.sql.transaction():
            removed = 0
            for chunk_id, vector in zip(ids, vectors):
                removed += self.sql.execute("DELETE FROM chunk_vectors WHERE chunk_id = ?", [chunk_id])
                self.sql.execute("INSERT INTO chunk_vectors (chunk_id, model, vector) VALUES (?, ?, ?)",
                                 [chunk_id, model_id, to_blob(vector)])
            self._count("vectors_removed", removed)
            self._count("vectors_added", len(ids))

    def _in_sample(self, sample: set[int]) -> tuple[str, object]:
        return "shingle IN (SELECT value FROM json_each(?))", json.dumps(list(sample))

    # -- search ----------------------------------------------------------------------------

    def fts_search(self, text: str, k: int = 20, where: ArticleFilter | None = None) -> list[tuple[int, float]]:
        """(chunk id, BM25 score, higher is better) for the words of text, in the articles `where` allows (the
        filter is part of the MATCH query, so k hits come back whenever k such chunks match); never an FTS
        syntax error."""
        query = fts_query(text)
        if query is None:
            return []
        if where is None:
            rows = self.db.query(f"{SCORED_MATCH} ORDER BY score LIMIT ?", [query, k])
        else:
            mark = Marks()
            mark(query)
            condition = self._condition(where, mark)
            rows = self.db.query(
                "SELECT chunks_fts.rowid, bm25(chunks_fts) AS score FROM chunks_fts"
                " JOIN chunks c ON c.id = chunks_fts.rowid JOIN articles a ON a.id = c.article_id"
                f" WHERE chunks_fts MATCH ? AND {condition} ORDER BY score LIMIT ?", [*mark.values, k])
        return [(r["rowid"], -r["score"]) for r in rows]

    def bm25_of(self, text: str, chunk_ids: Sequence[int]) -> list[tuple[int, float]]:
        query = fts_query(text)
        if query is None or not chunk_ids:
            return []
        rows = self.db.query(f"{SCORED_MATCH} AND rowid IN ({marks(chunk_ids)})", [query, *chunk_ids])
        return [(r["rowid"], -r["score"]) for r in rows]

    def cosines_of(self, query: np.ndarray, model_id: str, chunk_ids: Sequence[int]) -> list[tuple[int, float]]:
        self.sync_vectors(model_id)
        return self.vectors.cosines(query, chunk_ids)

    def vector_search(self, query: np.ndarray, model_id: str, k: int = 20,
                      where: ArticleFilter | None = None) -> list[tuple[int, float]]:
        """(chunk id, cosine) of the k nearest chunks in the articles `where` allows: the matrix is searched
        only over their rows."""
        self.sync_vectors(model_id)
        return self.vectors.search(query, k, None if where is None else self._chunks_allowed(where))

    def _chunks_allowed(self, where: ArticleFilter) -> np.ndarray:
        mark = Marks()
        condition = self._condition(where, mark)
        # the allowed articles first (the condition runs once an article, not once a chunk), then their chunks
        # through the chunks_article index: 5x faster at 1M chunks than the join (README "Benchmarks")
        cursor = self.db.execute(f"SELECT c.id FROM chunks c WHERE c.article_id IN (SELECT a.id FROM articles a"
                                 f" WHERE {condition})", mark.values)
        ids = np.fromiter((r[0] for r in cursor), dtype=np.int64)
        cursor.close()
        return np.sort(ids)

    def sync_vectors(self, model_id: str) -> None:
        """Bring the in-memory matrix up to date: append new rows, or reload after deletions."""
        index = self.vectors
        seen = self.version()
        if seen == index.seen and index.model == model_id:
            return
        with index.lock:
            if seen == index.seen and index.model == model_id:
                return
            full = index.model != model_id or seen[1] != index.seen[1]
            after = -1 if full or not len(index.ids) else int(index.ids[-1])
            ids, matrix = self._read_vectors(model_id, after, index.dimensions)
            if full:
                index.replace(ids, matrix)
            else:
                index.append(ids, matrix)
            index.model, index.seen = model_id, seen

    def _read_vectors(self, model_id: str, after: int, dimensions: int) -> tuple[np.ndarray, np.ndarray]:
        """Rows after chunk id `after`, read in batches straight into one matrix: at 1M chunks a list of
        blobs, their join and the matrix were three copies of 1.5 GB (4.8 GB peak); now it is one."""
        sql = "FROM chunk_vectors WHERE model = ? AND chunk_id > ?"
        n = next(self.db.query(f"SELECT count(*) AS n {sql}", [model_id, after]))["n"]
        ids = np.zeros(n, dtype=np.int64)
        matrix = np.zeros((n, dimensions), dtype=np.float32)
        cursor = self.db.execute(f"SELECT chunk_id, vector {sql} ORDER BY chunk_id", [model_id, after])
        row = 0
        while row < n and (batch := cursor.fetchmany(8192)):
            batch = batch[: n - row]  # rows written since the count are read by the next sync
            ids[row:row + len(batch)] = [r[0] for r in batch]
            matrix[row:row + len(batch)] = from_blobs([r[1] for r in batch], dimensions)
            row += len(batch)
        cursor.close()
        return ids[:row], matrix[:row]

    def article_vectors(self, article_id: int, model_id: str) -> tuple[list[int], np.ndarray]:
        """The chunk ids of an article, in reading order, with their vectors from this model."""
        rows = self.sql.query(
            "SELECT c.id, v.vector FROM chunks c JOIN chunk_vectors v ON v.chunk_id = c.id AND v.model = ?"
            " WHERE c.article_id = ? ORDER BY c.seq", [model_id, article_id])
        return [r["id"] for r in rows], from_blobs([r["vector"] for r in rows], self.vectors.dimensions)

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*"))
