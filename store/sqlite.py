"""The SQLite store: articles, chunks, FTS5, vectors and people in one file. The only place that holds SQL."""
from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from sqlite_utils import Database

from nlp.same_story import samples_overlap, shingle_hashes, shingle_sample
from nlp.sentences import Chunk
from nlp.transcript import Turn
from nlp.words import STOPWORDS
from store.migrations import migrations
from store.records import Article, ArticleMention, NewArticle, Passage, QuotedMention
from store.timestamps import now_iso
from store.vectors import VectorIndex, from_blobs, to_blob

FTS_MAX_TERMS = 32


def fts_query(text: str) -> str | None:
    """User text as a safe FTS5 query: bare words, each quoted, OR-ed. None if no word is left."""
    words = [w for w in re.findall(r"\w+", text.lower()) if w not in STOPWORDS]
    words = list(dict.fromkeys(words))[:FTS_MAX_TERMS]
    if not words:
        return None
    return " OR ".join('"' + w.replace('"', "") + '"' for w in words)


class Store:
    class ArticleNotFound(Exception):
        pass

    ARTICLE_COLUMNS = "a.id, a.title, a.outlet, a.url, a.path, a.published, a.indexed_at, a.story_id"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        # One writer at a time inside this process; other processes wait on SQLite's busy timeout.
        # Re-entrant: a batch transaction (`batch()`) holds it around the writes it groups.
        self.write_lock = threading.RLock()
        self.vectors = VectorIndex()
        self._per_version: dict = {}
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
        with self.write_lock, self.db.atomic():
            yield

    def find_source(self, source_key: str) -> tuple[int, str] | None:
        """(article id, content hash) already stored for this path or URL."""
        row = next(self.db.query("SELECT id, content_hash FROM articles WHERE source_key = ?", [source_key]), None)
        return (row["id"], row["content_hash"]) if row else None

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
        if sample is None:
            sample = shingle_sample(shingle_hashes(article.body))
        if len(chunks) != len(vectors):
            raise ValueError(f"{len(chunks)} chunks but {len(vectors)} vectors")
        with self.write_lock, self.db.atomic() as db:
            old = self.find_source(article.source_key)
            if old:
                self._delete_article(db, old[0])
            article_id = self._insert_article(db, article)
            if old:  # the sources that repeat this story follow it to its new id
                db.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", [article_id, old[0]])
            for seq, (chunk, vector) in enumerate(zip(chunks, vectors)):
                chunk_id = db.execute(
                    'INSERT INTO chunks (article_id, seq, start, "end", text, sentences) VALUES (?, ?, ?, ?, ?, ?)',
                    [article_id, seq, chunk.start, chunk.end, article.body[chunk.start:chunk.end],
                     json.dumps([(s.start, s.end) for s in chunk.sentences])],
                ).lastrowid
                db.execute("INSERT INTO chunk_vectors (chunk_id, model, vector) VALUES (?, ?, ?)",
                           [chunk_id, model_id, to_blob(vector)])
            for mention in mentions:
                db.execute("INSERT OR IGNORE INTO people (name) VALUES (?)", [mention.name])
                db.execute(
                    "INSERT INTO mentions (person_id, article_id, role, sentence_start, sentence_end)"
                    " SELECT id, ?, ?, ?, ? FROM people WHERE name = ?",
                    [article_id, mention.role, mention.sentence_start, mention.sentence_end, mention.name],
                )
            db.conn.executemany('INSERT INTO turns (article_id, start, "end", label, asks, speaker)'
                                " VALUES (?, ?, ?, ?, ?, ?)",
                                [(article_id, t.start, t.end, t.label, int(t.asks), t.speaker) for t in turns])
            db.conn.executemany("INSERT INTO story_shingles (shingle, article_id) VALUES (?, ?)",
                                [(h, article_id) for h in sample])
            db.execute("UPDATE counters SET value = value + ? WHERE name = 'vectors_added'", [len(chunks)])
        return article_id

    @staticmethod
    def _insert_article(db: Database, article: NewArticle, story_id: int | None = None) -> int:
        return int(db.execute(
            "INSERT INTO articles (source_key, title, outlet, url, path, published, content_hash, body, indexed_at,"
            " story_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [article.source_key, article.title, article.outlet, article.url, article.path,
             article.published, article.content_hash, article.body, now_iso(), story_id]).lastrowid)

    def add_source(self, article: NewArticle, story_id: int) -> int:
        """Keep an article that repeats a stored story as one more source of it (no chunks: cited once)."""
        with self.write_lock, self.db.atomic() as db:
            old = self.find_source(article.source_key)
            if old:
                self._delete_article(db, old[0])
            return self._insert_article(db, article, story_id)

    def story_candidates(self, sample: set[int], title: str, k: int = 10) -> list[tuple[int, str, str]]:
        """(id, title, body) of stories that may be this one: the same title, or shingle samples that overlap
        (an estimate of containment, confirmed by the caller)."""
        rows = self.db.query(
            "WITH hits AS (SELECT article_id, count(*) AS shared FROM story_shingles"
            "  WHERE shingle IN (SELECT value FROM json_each(?)) GROUP BY article_id ORDER BY shared DESC LIMIT ?)"
            " SELECT a.id, a.title, a.body, h.shared,"
            "  (SELECT count(*) FROM story_shingles s WHERE s.article_id = a.id) AS size"
            " FROM hits h JOIN articles a ON a.id = h.article_id WHERE a.story_id IS NULL",
            [json.dumps(list(sample)), k])
        found = {r["id"]: (r["id"], r["title"], r["body"]) for r in rows
                 if samples_overlap(r["shared"], len(sample), r["size"])}
        for r in self.db.query("SELECT id, title, body FROM articles WHERE story_id IS NULL AND title = ?", [title]):
            found[r["id"]] = (r["id"], r["title"], r["body"])
        return list(found.values())

    def story_of_hash(self, content_hash: str) -> tuple[int, str] | None:
        """(story id, title) of an article that already holds exactly this text."""
        row = next(self.db.query("SELECT coalesce(story_id, id) AS story, title FROM articles WHERE content_hash = ?"
                                 " LIMIT 1", [content_hash]), None)
        return (row["story"], row["title"]) if row else None

    def also_in(self, story_ids: Sequence[int]) -> dict[int, list[Article]]:
        """The other sources of each story, oldest first."""
        if not story_ids:
            return {}
        marks = ",".join("?" * len(story_ids))
        found: dict[int, list[Article]] = {}
        for r in self.db.query(f"SELECT {self.ARTICLE_COLUMNS} FROM articles a WHERE a.story_id IN ({marks})"
                               " ORDER BY a.id", list(story_ids)):
            found.setdefault(r["story_id"], []).append(self._article(r))
        return found

    def delete_article(self, article_id: int) -> None:
        """Remove an article, everything derived from it, and the sources that only repeated it."""
        with self.write_lock, self.db.atomic() as db:
            for row in list(db.query("SELECT id FROM articles WHERE story_id = ?", [article_id])):
                self._delete_article(db, row["id"])
            self._delete_article(db, article_id)

    def _delete_article(self, db: Database, article_id: int) -> None:
        removed = db.execute("DELETE FROM chunk_vectors WHERE chunk_id IN (SELECT id FROM chunks WHERE article_id = ?)",
                             [article_id]).rowcount
        db.execute("DELETE FROM chunks WHERE article_id = ?", [article_id])
        db.execute("DELETE FROM mentions WHERE article_id = ?", [article_id])
        db.execute("DELETE FROM story_shingles WHERE article_id = ?", [article_id])
        db.execute("DELETE FROM turns WHERE article_id = ?", [article_id])
        db.execute("DELETE FROM articles WHERE id = ?", [article_id])
        db.execute("UPDATE counters SET value = value + ? WHERE name = 'vectors_removed'", [removed])

    def chunks_without_vectors(self, model_id: str, limit: int = 512) -> list[tuple[int, str]]:
        """Chunks with no vector from this model: after a model change they are re-embedded."""
        return [(r["id"], r["text"]) for r in self.db.query(
            "SELECT c.id, c.text FROM chunks c LEFT JOIN chunk_vectors v ON v.chunk_id = c.id AND v.model = ?"
            " WHERE v.chunk_id IS NULL ORDER BY c.id LIMIT ?", [model_id, limit])]

    def set_vectors(self, model_id: str, ids: Sequence[int], vectors: np.ndarray) -> None:
        with self.write_lock, self.db.atomic() as db:
            removed = 0
            for chunk_id, vector in zip(ids, vectors):
                removed += db.execute("DELETE FROM chunk_vectors WHERE chunk_id = ?", [chunk_id]).rowcount
                db.execute("INSERT INTO chunk_vectors (chunk_id, model, vector) VALUES (?, ?, ?)",
                           [chunk_id, model_id, to_blob(vector)])
            db.execute("UPDATE counters SET value = value + ? WHERE name = 'vectors_removed'", [removed])
            db.execute("UPDATE counters SET value = value + ? WHERE name = 'vectors_added'", [len(ids)])

    # -- reading -------------------------------------------------------------------------

    def _article(self, row: dict) -> Article:
        return Article(row["id"], row["title"], row["outlet"], row["url"], row["path"], row["published"],
                       row["indexed_at"], row["story_id"])

    def get_article(self, article_id: int) -> Article:
        row = next(self.db.query(f"SELECT {self.ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?", [article_id]), None)
        if row is None:
            raise Store.ArticleNotFound(article_id)
        return self._article(row)

    def fts_search(self, text: str, k: int = 20) -> list[tuple[int, float]]:
        """(chunk id, BM25 score, higher is better) for the words of text; never an FTS syntax error."""
        query = fts_query(text)
        if query is None:
            return []
        rows = self.db.query(
            "SELECT rowid, bm25(chunks_fts) AS score FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY score LIMIT ?",
            [query, k],
        )
        return [(r["rowid"], -r["score"]) for r in rows]

    def vector_search(self, query: np.ndarray, model_id: str, k: int = 20) -> list[tuple[int, float]]:
        self.sync_vectors(model_id)
        return self.vectors.search(query, k)

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

    def passages(self, chunk_ids: Sequence[int]) -> dict[int, Passage]:
        if not chunk_ids:
            return {}
        marks = ",".join("?" * len(chunk_ids))
        rows = self.db.query(
            f"SELECT c.id AS chunk_id, c.text, c.start, c.sentences, {self.ARTICLE_COLUMNS}"
            f" FROM chunks c JOIN articles a ON a.id = c.article_id WHERE c.id IN ({marks})", list(chunk_ids))
        found = {}
        for r in rows:
            start = r["start"]
            sentences = tuple((s, e, r["text"][s - start:e - start]) for s, e in json.loads(r["sentences"]))
            found[r["chunk_id"]] = Passage(r["chunk_id"], self._article(r), r["text"], start, sentences)
        return found

    def turns_of(self, article_ids: Sequence[int]) -> dict[int, list[Turn]]:
        """Each transcript's speaker turns in order (articles that are not transcripts are absent)."""
        if not article_ids:
            return {}
        marks = ",".join("?" * len(article_ids))
        found: dict[int, list[Turn]] = {}
        for r in self.db.query(f'SELECT article_id, start, "end", label, asks, speaker FROM turns'
                               f" WHERE article_id IN ({marks}) ORDER BY article_id, start", list(article_ids)):
            found.setdefault(r["article_id"], []).append(
                Turn(r["start"], r["end"], r["label"], bool(r["asks"]), r["speaker"]))
        return found

    def article_text(self, article_id: int, start: int, end: int) -> str:
        """A slice of an article's body (offsets as stored): the reply after a reporter's question."""
        row = next(self.db.query("SELECT substr(body, ? + 1, ? - ?) AS text FROM articles WHERE id = ?",
                                 [start, end, start, article_id]), None)
        return row["text"] if row else ""

    def people_named(self, words: Sequence[str]) -> list[tuple[str, int]]:
        """People whose name contains every given word (case-insensitive), with mention counts."""
        if not words:
            return []
        where = " AND ".join(["(' ' || lower(p.name) || ' ') LIKE ?"] * len(words))
        params = [f"% {w.lower()} %" for w in words]
        rows = self.db.query(
            f"SELECT p.name, count(m.id) AS n FROM people p JOIN mentions m ON m.person_id = p.id"
            f" WHERE {where} GROUP BY p.id ORDER BY n DESC", params)
        return [(r["name"], r["n"]) for r in rows]

    def mentions_of(self, names: Sequence[str]) -> list[QuotedMention]:
        if not names:
            return []
        marks = ",".join("?" * len(names))
        rows = self.db.query(
            f"SELECT p.name, m.role, m.sentence_start, CASE WHEN m.sentence_start < 0 THEN a.title"
            f" ELSE substr(a.body, m.sentence_start + 1, m.sentence_end - m.sentence_start) END AS sentence,"
            f" {self.ARTICLE_COLUMNS}"
            f" FROM mentions m JOIN people p ON p.id = m.person_id JOIN articles a ON a.id = m.article_id"
            f" WHERE p.name IN ({marks})", list(names))
        return [QuotedMention(r["name"], r["role"], r["sentence"], r["sentence_start"], self._article(r)) for r in rows]

    def people_with_role(self, words: Sequence[str], limit: int = 5) -> list[str]:
        """People whose recorded role holds every word, most often first ("who is the coordinator")."""
        if not words:
            return []
        return self._until_changed(("role", tuple(words), limit), lambda: self._people_with_role(words, limit))

    def _people_with_role(self, words: Sequence[str], limit: int) -> list[str]:
        """A scan of every role, hence the per-version cache of its callers."""
        where = " AND ".join(["lower(m.role) LIKE ?"] * len(words))
        rows = self.db.query(
            f"SELECT p.name, count(*) AS n FROM mentions m JOIN people p ON p.id = m.person_id"
            f" WHERE m.role IS NOT NULL AND p.name LIKE '% %' AND {where} GROUP BY p.id ORDER BY n DESC LIMIT ?",
            [*[f"%{w.lower()}%" for w in words], limit])
        return [r["name"] for r in rows]

    def version(self) -> tuple[int, int]:
        """Changes whenever articles are added or removed: a key for caches of whole-index figures."""
        state = {r["name"]: r["value"] for r in self.db.query("SELECT name, value FROM counters")}
        return state["vectors_added"], state["vectors_removed"]

    def article_count(self) -> int:
        return next(self.db.query("SELECT count(*) AS n FROM articles"))["n"]

    def top_people(self, n: int = 5) -> list[str]:
        """The people named with a role in most articles (a scan of every mention, so cached per version)."""
        return self._until_changed(("top", n), lambda: [r["name"] for r in self.db.query(
            "SELECT p.name FROM people p JOIN mentions m ON m.person_id = p.id"
            " WHERE p.name LIKE '% %' AND m.role IS NOT NULL"
            " GROUP BY p.id ORDER BY count(DISTINCT m.article_id) DESC LIMIT ?", [n])])

    def _until_changed(self, key: tuple, compute: Callable[[], list[str]]) -> list[str]:
        """Whole-index figures, kept until an article is added or removed (the counters change)."""
        version, cache = self.version(), self._per_version  # this thread's view, whatever others replace
        if cache.get("version") != version or len(cache) > 1000:
            cache = self._per_version = {"version": version}
        if key not in cache:
            cache[key] = compute()
        return list(cache[key])

    def outlets(self) -> list[tuple[str, int]]:
        rows = self.db.query("SELECT coalesce(outlet, 'other') AS outlet, count(*) AS n FROM articles"
                             " GROUP BY 1 ORDER BY n DESC")
        return [(r["outlet"], r["n"]) for r in rows]

    def articles_indexed(self, since: str, until: str, limit: int = 1000) -> list[Article]:
        """Articles first indexed in [since, until) (UTC ISO strings), newest publication first."""
        rows = self.db.query(
            f"SELECT {self.ARTICLE_COLUMNS} FROM articles a WHERE a.indexed_at >= ? AND a.indexed_at < ?"
            " ORDER BY a.published DESC NULLS LAST, a.id DESC LIMIT ?", [since, until, limit])
        return [self._article(r) for r in rows]

    def article_vectors(self, article_id: int, model_id: str) -> tuple[list[int], np.ndarray]:
        """The chunk ids of an article, in reading order, with their vectors from this model."""
        rows = list(self.db.query(
            "SELECT c.id, v.vector FROM chunks c JOIN chunk_vectors v ON v.chunk_id = c.id AND v.model = ?"
            " WHERE c.article_id = ? ORDER BY c.seq", [model_id, article_id]))
        return [r["id"] for r in rows], from_blobs([r["vector"] for r in rows], self.vectors.dimensions)

    def people_in(self, article_id: int, n: int = 4) -> list[str]:
        """Full names an article mentions, most mentioned first: those some article gives a role (people, not
        places)."""
        rows = self.db.query(
            "SELECT p.name FROM mentions m JOIN people p ON p.id = m.person_id"
            " WHERE m.article_id = ? AND p.name LIKE '% %'"
            " AND EXISTS (SELECT 1 FROM mentions r WHERE r.person_id = p.id AND r.role IS NOT NULL)"
            " GROUP BY p.id ORDER BY count(*) DESC, min(m.id) LIMIT ?",
            [article_id, n])
        return [r["name"] for r in rows]

    def stats(self) -> dict[str, int]:
        def one(sql: str) -> int:
            return next(self.db.query(sql))["n"]

        return {
            "articles": one("SELECT count(*) AS n FROM articles"),
            "chunks": one("SELECT count(*) AS n FROM chunks"),
            "vectors": one("SELECT count(*) AS n FROM chunk_vectors"),
            "people": one("SELECT count(*) AS n FROM people"),
            "mentions": one("SELECT count(*) AS n FROM mentions"),
            "duplicates": one("SELECT count(*) AS n FROM articles WHERE story_id IS NOT NULL"),
            "schedules": one("SELECT count(*) AS n FROM schedules WHERE cancelled_at IS NULL"),
            "db_bytes": sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*")),
        }
