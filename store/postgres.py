"""The PostgreSQL store: the same Storage as SQLite, on PostgreSQL with pgvector, for several replicas.

Vectors live in the database (an HNSW index), not in each process: a replica holds no matrix, and an
article any replica writes is searchable by all at once.
"""
from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import psycopg
from pgvector.psycopg import register_vector
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool, PoolTimeout

from nlp.sentences import Chunk
from nlp.transcript import Turn
from store.records import ArticleFilter, ArticleMention, NewArticle
from store.sql import StoreUnavailable
from store.sql_store import Marks, SqlStore, like_escaped, search_words

EF_SEARCH = 400  # HNSW candidates per search: recall@10 against exact search in README "Scaling out"
MIGRATION_LOCK = 0x75732D6368696E61  # "us-china": replicas starting together migrate one at a time


@lru_cache(maxsize=1024)
def placeholders(statement: str) -> str:
    """`?` placeholders as psycopg's `%s` (a literal `%`, as in LIKE '% %', doubled first)."""
    return statement.replace("%", "%%").replace("?", "%s")


def _configure(conn: psycopg.Connection) -> None:
    """Each pooled connection: numpy vectors in and out, and the HNSW settings for every search on it, so a
    search is one statement. relaxed_order: a filtered HNSW scan goes on until it has k rows (without it, a
    filtered query quietly returns fewer); the search statement puts them back in exact order."""
    register_vector(conn)
    tuned = conn.execute("SELECT 1 FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase"
                         " WHERE d.datname = current_database()"
                         " AND array_to_string(s.setconfig, ',') LIKE '%%hnsw.ef_search=%%'").fetchone()
    if not tuned:  # a DBA's `ALTER DATABASE … SET hnsw.ef_search = N` wins
        conn.execute(f"SET hnsw.ef_search = {EF_SEARCH}")
    conn.execute("SET hnsw.iterative_scan = relaxed_order")


def _array(vector: Any) -> Any:
    """pgvector's loader gives a Vector (binary results) or an ndarray (text results)."""
    return vector.to_numpy() if hasattr(vector, "to_numpy") else vector


class PostgresSql:
    """store.sql.Sql on a connection pool; a transaction keeps its connection for the thread that opened it."""

    dialect = "postgresql"

    def __init__(self, pool: ConnectionPool) -> None:
        self.pool = pool
        self._local = threading.local()

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection]:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            yield conn
            return
        try:
            with self.pool.connection() as conn:
                yield conn
        except (psycopg.OperationalError, PoolTimeout) as e:
            raise StoreUnavailable(str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__) from e

    @contextmanager
    def transaction(self) -> Iterator[None]:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            with conn.transaction():  # a savepoint inside the outer transaction
                yield
            return
        with self.connection() as conn, conn.transaction():
            self._local.conn = conn
            try:
                yield
            finally:
                self._local.conn = None

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self.connection() as conn:
            cursor = conn.execute(placeholders(sql), params)
            return cursor.fetchall() if cursor.description else []

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        with self.connection() as conn:
            return conn.execute(placeholders(sql), params).rowcount


def migrate(url: str) -> int:
    """Apply store/pg_migrations/NNN_*.sql not yet applied, each in its own transaction; the schema version.

    Numbered SQL files rather than alembic: the schema is a few plain files a DBA can read and run with psql,
    numbered as the SQLite migrations they mirror, and SQLAlchemy would come in for this alone."""
    files = sorted((f for f in resources.files("store").joinpath("pg_migrations").iterdir()
                    if f.name.endswith(".sql")), key=lambda f: f.name)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK])
        try:
            conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY,"
                         " name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())")
            done = {r[0] for r in conn.execute("SELECT version FROM schema_migrations")}
            for file in files:
                version = int(file.name.split("_", 1)[0])
                if version in done:
                    continue
                with conn.transaction():
                    conn.execute(file.read_text())
                    conn.execute("INSERT INTO schema_migrations (version, name) VALUES (%s, %s)",
                                 [version, file.name])
            return max((int(f.name.split("_", 1)[0]) for f in files), default=0)
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK])


class PostgresStore(SqlStore):
    # the host, as fts_bm25's filtered form (migration 011) reads it: after the scheme and any user@, up to a port,
    # path, query or fragment; \x3f is a question mark, which store.sql's placeholders would take for one
    HOST_SQL = r"lower((regexp_match(a.url, '^[A-Za-z][A-Za-z0-9+.-]*://([^/#\x3f]*@)*([^/:#\x3f@]+)'))[2])"

    def __init__(self, url: str, pool_size: int = 8) -> None:
        self.url = url
        self._per_version: dict = {}
        try:
            migrate(url)
        except psycopg.OperationalError as e:
            raise StoreUnavailable(f"cannot reach PostgreSQL: {str(e).strip().splitlines()[-1]}") from e
        self.pool = ConnectionPool(url, min_size=1, max_size=pool_size, open=True, timeout=5,
                                   kwargs={"autocommit": True, "row_factory": dict_row},
                                   configure=_configure, check=ConnectionPool.check_connection)
        self.sql = PostgresSql(self.pool)
        half = self.sql.query("SELECT 1 FROM pg_indexes WHERE tablename = 'chunk_vectors' AND indexname = ?",
                              [self.HALF_INDEX])
        # the vector search with a slot for a filter's condition, and without one
        self.vectors_template = self.HALF_VECTORS if half else self.VECTORS
        self.vectors_sql = self.vectors_template.format(allowed="")

    def close(self) -> None:
        self.pool.close()

    # -- writing -------------------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[None]:
        with self.sql.transaction():
            yield

    def add_article(self, article: NewArticle, chunks: Sequence[Chunk], vectors: np.ndarray, model_id: str,
                    mentions: Iterable[ArticleMention] = (), sample: Iterable[int] | None = None,
                    turns: Iterable[Turn] = ()) -> int:
        """Write an article with its chunks, vectors, mentions and speaker turns in one transaction."""
        sample = self._checked_sample(article, chunks, vectors, sample)
        with self.sql.transaction(), self.sql.connection() as conn:
            followers = self._remove_replaced(article.source_key)
            article_id = self._insert_article(article)
            self._reattach(followers, article_id)  # the sources that repeat this story follow it
            chunk_ids = self._insert_chunks(conn, article_id, article, chunks) if chunks else []
            conn.execute(self.LEXICON_ADD, [article_id])
            conn.execute(self.LEXICON_TOTALS, [1, article_id, article_id])
            with conn.cursor() as cursor, cursor.copy(
                    "COPY chunk_vectors (chunk_id, model, embedding) FROM STDIN WITH (FORMAT BINARY)") as copy:
                copy.set_types(["int8", "text", "vector"])
                for chunk_id, vector in zip(chunk_ids, vectors):
                    copy.write_row((chunk_id, model_id, np.asarray(vector, dtype=np.float32)))
            self._insert_mentions(article_id, mentions)  # on this transaction's connection
            with conn.cursor() as cursor:
                cursor.executemany('INSERT INTO turns (article_id, start, "end", label, asks, speaker)'
                                   " VALUES (%s, %s, %s, %s, %s, %s)",
                                   [(article_id, t.start, t.end, t.label, bool(t.asks), t.speaker) for t in turns])
                cursor.executemany("INSERT INTO story_shingles (shingle, article_id) VALUES (%s, %s)",
                                   [(int(h), article_id) for h in sample])
            self._count("vectors_added", len(chunks))
        return article_id

    @staticmethod
    def _insert_chunks(conn: psycopg.Connection, article_id: int, article: NewArticle,
                       chunks: Sequence[Chunk]) -> list[int]:
        body = article.body
        with conn.cursor() as cursor:
            cursor.executemany(
                'INSERT INTO chunks (article_id, seq, start, "end", heading, text, sentences)'
                " VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id",
                [(article_id, seq, c.start, c.end, article.title, body[c.start:c.end],
                  json.dumps([(s.start, s.end) for s in c.sentences])) for seq, c in enumerate(chunks)],
                returning=True)
            ids = []
            while True:
                ids.append(cursor.fetchone()["id"])
                if not cursor.nextset():
                    return ids

    def _delete_article(self, article_id: int) -> None:
        with self.sql.transaction(), self.sql.connection() as conn:
            conn.execute(self.LEXICON_REMOVE, [article_id])
            conn.execute(self.LEXICON_TOTALS, [-1, article_id, article_id])
            super()._delete_article(article_id)

    def set_vectors(self, model_id: str, ids: Sequence[int], vectors: np.ndarray) -> None:
        with self.sql.transaction(), self.sql.connection() as conn:
            removed = conn.execute("DELETE FROM chunk_vectors WHERE chunk_id = ANY(%s)", [list(ids)]).rowcount
            with conn.cursor() as cursor:
                cursor.executemany("INSERT INTO chunk_vectors (chunk_id, model, embedding) VALUES (%s, %s, %s)",
                                   [(int(i), model_id, np.asarray(v, dtype=np.float32)) for i, v in zip(ids, vectors)])
            self._count("vectors_removed", removed)
            self._count("vectors_added", len(ids))

    def _in_sample(self, sample: set[int]) -> tuple[str, object]:
        return "shingle = ANY(?)", [int(h) for h in sample]

    # -- search ----------------------------------------------------------------------------

    # BM25's idf and length normalisation over the lexemes a chunk holds (k1 1.2, b 0.75; a term counts once:
    # chunks are ~60 words, where a term rarely repeats), in fts_bm25() (migration 009). ts_rank has no idf.
    FTS = "SELECT id, score FROM fts_bm25(%(text)s, %(k)s)"
    # with a filter, the same function takes it (migration 011) and applies it inside its one statement
    FTS_IN = ("SELECT id, score FROM fts_bm25(%(text)s, %(k)s, %(since)s::text, %(before)s::text, %(source)s::text,"
              " %(outlet)s::text)")
    LEXICON_ADD = ("INSERT INTO lexemes (lexeme, df) SELECT word, count(*) FROM chunks,"
                   " unnest(tsvector_to_array(tsv)) AS word WHERE article_id = %s GROUP BY word ORDER BY word"
                   " ON CONFLICT (lexeme) DO UPDATE SET df = lexemes.df + excluded.df")
    LEXICON_REMOVE = ("UPDATE lexemes l SET df = l.df - d.n FROM (SELECT word, count(*) AS n FROM chunks,"
                      " unnest(tsvector_to_array(tsv)) AS word WHERE article_id = %s GROUP BY word) d"
                      " WHERE l.lexeme = d.word")
    LEXICON_TOTALS = ("UPDATE counters SET value = value + %s * (CASE name WHEN 'fts_chunks' THEN"
                      " (SELECT count(*) FROM chunks WHERE article_id = %s) ELSE"
                      " (SELECT coalesce(sum(length(tsv)), 0) FROM chunks WHERE article_id = %s) END)"
                      " WHERE name IN ('fts_chunks', 'fts_lexemes')")

    VECTORS = ("SELECT chunk_id, 1 - distance AS score FROM (SELECT chunk_id, embedding <=> %(vector)s AS distance"
               " FROM chunk_vectors WHERE model = %(model)s{allowed} ORDER BY distance LIMIT %(k)s) hits"
               " ORDER BY distance")
    # A filter: only chunks of the articles it allows are candidates. The planner picks the HNSW scan (iterative,
    # so it goes on until k rows pass: _configure) or, for a narrow filter, an exact scan of those chunks.
    ALLOWED = " AND chunk_id IN (SELECT c.id FROM chunks c JOIN articles a ON a.id = c.article_id WHERE {condition})"
    # Above ~10M chunks a DBA may index half-precision copies instead (README "Scaling out"): the index is half
    # the size, and a search must use the same expression to use it.
    HALF_INDEX = "chunk_vectors_hnsw_half"
    HALF_VECTORS = VECTORS.replace("embedding <=> %(vector)s",
                                   "embedding::halfvec(384) <=> %(vector)s::vector(384)::halfvec(384)")

    def _search_params(self, text: str, k: int, where: ArticleFilter | None,
                       query: np.ndarray | None = None, model_id: str | None = None) -> tuple[dict, str, str]:
        """The parameters of a search statement, its full-text part and its vector part, filtered by `where`."""
        mark = Marks(named=True)
        allowed = "" if where is None else self.ALLOWED.format(condition=self._condition(where, mark))
        params = {"text": text, "k": k, "vector": None if query is None else np.asarray(query, dtype=np.float32),
                  "model": model_id, **mark.values}
        if where is not None:
            params |= {"since": where.since, "before": where.before, "source": where.source,
                       "outlet": like_escaped(where.outlet.lower()) if where.outlet else None}
        return params, self.FTS if where is None else self.FTS_IN, self.vectors_template.format(allowed=allowed)

    def fts_search(self, text: str, k: int = 20, where: ArticleFilter | None = None) -> list[tuple[int, float]]:
        """(chunk id, BM25-style score, higher is better) for the words of text, in the articles `where` allows;
        never a tsquery syntax error."""
        words = search_words(text)
        if not words:
            return []
        params, fts, _ = self._search_params(" ".join(words), k, where)
        return [(r["id"], float(r["score"])) for r in self._named(fts, params)]

    def vector_search(self, query: np.ndarray, model_id: str, k: int = 20,
                      where: ArticleFilter | None = None) -> list[tuple[int, float]]:
        params, _, vectors = self._search_params("", k, where, query, model_id)
        return [(r["chunk_id"], float(r["score"])) for r in self._named(vectors, params)]

    def hybrid_search(self, text: str, query: np.ndarray, model_id: str, k: int = 20,
                      where: ArticleFilter | None = None) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
        """Full-text and vector hits in one round trip: one statement, each row tagged with its retriever, both
        parts filtered by `where` before they rank, each also scoring the other's hits (`scored_by_both`)."""
        words = search_words(text)
        params, fts, vectors = self._search_params(" ".join(words), k, where, query, model_id)
        if not words:
            statement = f"SELECT 'vec' AS kind, chunk_id, score FROM ({vectors}) v"
        else:  # each list's hits the other missed, scored by it too
            statement = (f"WITH f AS ({fts}), v AS ({vectors}) SELECT 'fts' AS kind, id AS chunk_id, score FROM f"
                         " UNION ALL SELECT 'vec', chunk_id, score FROM v"
                         " UNION ALL SELECT 'fts', b.id, b.score FROM"
                         " fts_bm25_of(%(text)s, ARRAY(SELECT chunk_id FROM v EXCEPT SELECT id FROM f)) b"
                         " UNION ALL SELECT 'vec', cv.chunk_id, 1 - (cv.embedding <=> %(vector)s) FROM chunk_vectors"
                         " cv WHERE cv.model = %(model)s AND cv.chunk_id IN (SELECT id FROM f EXCEPT SELECT chunk_id"
                         " FROM v)")
        rows = self._named(statement, params)
        fts_hits = [(r["chunk_id"], float(r["score"])) for r in rows if r["kind"] == "fts"]
        vec_hits = [(r["chunk_id"], float(r["score"])) for r in rows if r["kind"] == "vec"]
        return sorted(fts_hits, key=lambda x: -x[1]), sorted(vec_hits, key=lambda x: -x[1])

    def _named(self, statement: str, params: dict) -> list[dict]:
        with self.sql.connection() as conn:
            return conn.execute(statement, params).fetchall()

    def indexed_words(self, words: Sequence[str]) -> set[str]:
        """The words some passage holds, from the lexicon (a full-text query per word scored every chunk
        holding a common word); a word PostgreSQL's English configuration drops as a stopword counts as held."""
        if not words:
            return set()
        lexemes = "tsvector_to_array(to_tsvector('english', w))"
        rows = self._named(
            f"SELECT w FROM unnest(%(words)s::text[]) AS w WHERE cardinality({lexemes}) = 0"
            f" OR EXISTS (SELECT 1 FROM lexemes l WHERE l.df > 0 AND l.lexeme = ANY({lexemes}))",
            {"words": list(words)})
        return {r["w"] for r in rows}

    def sync_vectors(self, model_id: str) -> None:
        """Nothing to load: the vectors are searched where they are stored."""

    def article_vectors(self, article_id: int, model_id: str) -> tuple[list[int], np.ndarray]:
        """The chunk ids of an article, in reading order, with their vectors from this model."""
        rows = self.sql.query(
            "SELECT c.id, v.embedding FROM chunks c JOIN chunk_vectors v ON v.chunk_id = c.id AND v.model = ?"
            " WHERE c.article_id = ? ORDER BY c.seq", [model_id, article_id])
        matrix = (np.stack([np.asarray(_array(r["embedding"]), dtype=np.float32) for r in rows]) if rows
                  else np.zeros((0, 384), dtype=np.float32))
        return [r["id"] for r in rows], matrix

    def size_bytes(self) -> int:
        return int(self.sql.query("SELECT pg_database_size(current_database()) AS n")[0]["n"])
