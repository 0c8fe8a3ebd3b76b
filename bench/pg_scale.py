"""PostgreSQL + pgvector at 1M chunks: load, HNSW build, recall against exact search, answer latency, replica RSS.

The corpus is bench/scale.py's 1M-chunk SQLite index (seeds/ + BBC, repeated as distinct articles), copied
into a throwaway PostgreSQL 18 server (testkit/postgres.py) with COPY. scale.py's copies reuse the base's
vectors exactly; here each copy's vector gets a little Gaussian noise (cosine about 0.97 to its original),
so the HNSW graph holds a million distinct points rather than 30 copies of 33k, and recall@10 against exact
search is well defined. Exact top-10 comes from NumPy over the same matrix.

For each ef_search: HNSW recall@10 over 200 queries (47 real questions embedded, 153 noisy chunk vectors) and
vector-search latency; then `answer()` p50/p95/p99 on Postgres (bench.scale.latency_run, the query set of
scale.py) and `us-china serve`'s RSS at start and after its first answer (bench.scale.serve_run).

Run: .venv/bin/python bench/pg_scale.py [--sqlite /tmp/scale/scale-1000000.db] [--runs 3]
(builds the SQLite index first with bench/scale.py's code when --sqlite is not given; about 40 min on 2 cores)
"""
from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from bench.scale import NEWS_QUERIES, build_base, grow, latency_run, pct, serve_run

NOISE = 0.0128  # per-dimension sigma: cosine ~0.97 between a copy's vector and its original (384 dims)
SERVER_SETTINGS = {"shared_buffers": "3GB", "maintenance_work_mem": "6GB", "max_parallel_maintenance_workers": "1",
                   "work_mem": "64MB", "effective_cache_size": "12GB", "max_wal_size": "8GB",
                   "synchronous_commit": "off"}
TABLES = {  # SQLite columns copied as they are
    "articles": "id, source_key, title, outlet, url, path, published, content_hash, body, indexed_at, story_id",
    "chunks": 'id, article_id, seq, start, "end", heading, text, sentences',
    "people": "id, name",
    "mentions": "id, person_id, article_id, role, sentence_start, sentence_end",
    "turns": 'article_id, start, "end", label, asks, speaker',
}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def load_matrix(sqlite_path: Path) -> tuple[np.ndarray, np.ndarray, int]:
    """(chunk ids, vectors with noise on the copies, the last chunk id of the real base)."""
    con = sqlite3.connect(sqlite_path)
    n = con.execute("SELECT count(*) FROM chunk_vectors").fetchone()[0]
    ids = np.zeros(n, dtype=np.int64)
    matrix = np.zeros((n, 384), dtype=np.float32)
    row = 0
    for chunk_id, blob in con.execute("SELECT chunk_id, vector FROM chunk_vectors ORDER BY chunk_id"):
        ids[row] = chunk_id
        matrix[row] = np.frombuffer(blob, dtype="<f4")
        row += 1
    first_copy = con.execute("SELECT min(c.id) FROM chunks c JOIN articles a ON a.id = c.article_id"
                             " WHERE a.source_key LIKE '%#copy%'").fetchone()[0]
    base_last = first_copy - 1 if first_copy else int(ids.max())
    con.close()
    copies = ids > base_last
    rng = np.random.default_rng(7)
    for start in range(0, n, 100_000):  # in slices: one noise matrix of 1M x 384 would be another 1.5 GB
        part = slice(start, min(n, start + 100_000))
        mask = copies[part]
        block = matrix[part]
        block[mask] += rng.normal(0, NOISE, size=(int(mask.sum()), 384)).astype(np.float32)
        block[mask] /= np.linalg.norm(block[mask], axis=1, keepdims=True)
    return ids, matrix, base_last


def load_postgres(url: str, sqlite_path: Path, ids: np.ndarray, matrix: np.ndarray, ef_construction: int = 64) -> dict:
    import psycopg
    from pgvector.psycopg import register_vector

    from store.postgres import PostgresStore

    PostgresStore(url).close()  # the schema, by the migrations the bot runs
    timings = {}
    con = sqlite3.connect(sqlite_path)
    with psycopg.connect(url, autocommit=True) as pg:
        register_vector(pg)
        pg.execute("DROP INDEX chunk_vectors_hnsw")
        pg.execute("DROP INDEX chunks_tsv")
        model = con.execute("SELECT model FROM chunk_vectors LIMIT 1").fetchone()[0]
        for table, columns in TABLES.items():
            start = time.perf_counter()
            with pg.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in con.execute(f"SELECT {columns} FROM {table}"):
                    copy.write_row(row if table != "turns" else (*row[:4], bool(row[4]), row[5]))
            timings[f"copy_{table}_s"] = time.perf_counter() - start
            log(f"copied {table} in {timings[f'copy_{table}_s']:.0f} s")
        start = time.perf_counter()
        binary = "COPY chunk_vectors (chunk_id, model, embedding) FROM STDIN WITH (FORMAT BINARY)"
        with pg.cursor().copy(binary) as copy:
            copy.set_types(["int8", "text", "vector"])
            for chunk_id, vector in zip(ids.tolist(), matrix):
                copy.write_row((chunk_id, model, vector))
        timings["copy_vectors_s"] = time.perf_counter() - start
        log(f"copied {len(ids):,} vectors in {timings['copy_vectors_s']:.0f} s")
        for table in ("articles", "chunks", "people", "mentions"):
            pg.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        pg.execute("UPDATE counters SET value = %s WHERE name = 'vectors_added'", [len(ids)])
        start = time.perf_counter()  # the lexicon of the BM25-style ranking, as migration 008 builds it
        pg.execute("INSERT INTO lexemes (lexeme, df) SELECT word, count(*) FROM chunks,"
                   " unnest(tsvector_to_array(tsv)) AS word GROUP BY word")
        pg.execute("UPDATE counters SET value = (SELECT count(*) FROM chunks) WHERE name = 'fts_chunks'")
        pg.execute("UPDATE counters SET value = (SELECT sum(length(tsv)) FROM chunks) WHERE name = 'fts_lexemes'")
        timings["lexicon_s"] = time.perf_counter() - start
        log(f"lexicon counted in {timings['lexicon_s']:.0f} s")
        start = time.perf_counter()
        pg.execute("CREATE INDEX chunks_tsv ON chunks USING gin (tsv)")
        timings["gin_build_s"] = time.perf_counter() - start
        log(f"GIN built in {timings['gin_build_s']:.0f} s")
        start = time.perf_counter()
        pg.execute("CREATE INDEX chunk_vectors_hnsw ON chunk_vectors USING hnsw (embedding vector_cosine_ops)"
                   f" WITH (m = 16, ef_construction = {ef_construction})")
        timings["hnsw_build_s"] = time.perf_counter() - start
        log(f"HNSW built in {timings['hnsw_build_s']:.0f} s")
        pg.execute("VACUUM ANALYZE")
        sizes = pg.execute(
            "SELECT pg_total_relation_size('chunk_vectors') - pg_indexes_size('chunk_vectors'),"
            " pg_relation_size('chunk_vectors_hnsw'), pg_total_relation_size('chunks') - pg_indexes_size('chunks'),"
            " pg_relation_size('chunks_tsv'), pg_database_size(current_database())").fetchone()
    con.close()
    return timings | dict(zip(["vectors_table_mb", "hnsw_index_mb", "chunks_table_mb", "gin_index_mb", "database_mb"],
                              (s / 1e6 for s in sizes)))


def queries(matrix: np.ndarray) -> np.ndarray:
    from model.embeddings import make_embedder
    from testkit.dev_questions import DEV_SET

    texts = [c.query for c in DEV_SET] + NEWS_QUERIES
    real = make_embedder().embed(texts)
    rng = np.random.default_rng(11)
    picked = matrix[rng.choice(len(matrix), 200 - len(real), replace=False)]
    noisy = picked + rng.normal(0, 0.02, size=picked.shape).astype(np.float32)
    return np.vstack([real, noisy / np.linalg.norm(noisy, axis=1, keepdims=True)]).astype(np.float32)


def recall_at_10(url: str, ids: np.ndarray, matrix: np.ndarray, probes: np.ndarray, ef: int, model: str) -> dict:
    import psycopg
    from pgvector.psycopg import register_vector

    exact = [set(ids[np.argpartition(-(matrix @ q), 10)[:10]].tolist()) for q in probes]
    found, latencies = [], []
    with psycopg.connect(url, autocommit=True) as pg:
        register_vector(pg)
        pg.execute(f"SET hnsw.ef_search = {ef}")
        pg.execute("SET hnsw.iterative_scan = relaxed_order")
        for q, truth in zip(probes, exact):
            start = time.perf_counter()
            rows = pg.execute("SELECT chunk_id FROM (SELECT chunk_id, embedding <=> %s AS d FROM chunk_vectors"
                              " WHERE model = %s ORDER BY d LIMIT 10) hits ORDER BY d",
                              [q, model]).fetchall()
            latencies.append((time.perf_counter() - start) * 1000)
            found.append(len(truth & {r[0] for r in rows}) / 10)
    return {"ef_search": ef, "recall@10": statistics.mean(found), "p50_ms": pct(latencies, 50),
            "p95_ms": pct(latencies, 95)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sqlite", type=Path, help="bench/scale.py's 1M-chunk database (built when not given)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ef", default="100,200,400,800")
    parser.add_argument("--ef-construction", type=int, default=128, help="HNSW build quality (as migration 001)")
    args = parser.parse_args()
    import psycopg

    from testkit.postgres import PostgresServer

    with tempfile.TemporaryDirectory() as tmp:
        sqlite_path = args.sqlite
        if sqlite_path is None:
            base, sqlite_path = Path(tmp) / "base.db", Path(tmp) / "scale-1000000.db"
            build_base(base)
            grow(base, sqlite_path, 1_000_000)
        start = time.perf_counter()
        ids, matrix, base_last = load_matrix(sqlite_path)
        seconds = time.perf_counter() - start
        log(f"{len(ids):,} vectors read; copies after chunk {base_last:,} get noise ({seconds:.0f} s)")
        model = sqlite3.connect(sqlite_path).execute("SELECT model FROM chunk_vectors LIMIT 1").fetchone()[0]
        with PostgresServer(settings=SERVER_SETTINGS) as server:
            url = server.url
            built = load_postgres(url, sqlite_path, ids, matrix, args.ef_construction)
            print(json.dumps({k: round(v, 1) for k, v in built.items()}), flush=True)
            probes = queries(matrix)
            sweep = []
            for ef in (int(e) for e in args.ef.split(",")):
                recall_at_10(url, ids, matrix, probes[:20], ef, model)  # warm the index pages
                sweep.append(recall_at_10(url, ids, matrix, probes, ef, model))
                log(json.dumps(sweep[-1]))
            del matrix
            chosen = next((row["ef_search"] for row in sweep if row["recall@10"] >= 0.95), sweep[-1]["ef_search"])
            with psycopg.connect(url, autocommit=True) as pg:  # what the bot's connections then use
                pg.execute(f"ALTER DATABASE us_china SET hnsw.ef_search = {chosen}")
            log(f"answers run with hnsw.ef_search = {chosen}")
            runs = []
            for run in range(args.runs):
                runs.append(latency_run(url) | serve_run(url, 3950 + run))
                log(f"run {run + 1}: {json.dumps({k: round(v, 3) for k, v in runs[-1].items()})}")
        print(f"\n# {os.cpu_count()} cores; PostgreSQL 18.3, pgvector 0.8.2; {len(ids):,} chunks")
        print("| figure | value |\n|---|---|")
        for key, value in built.items():
            print(f"| {key} | {value:,.1f} |")
        print("\n| ef_search | recall@10 vs exact | vector search p50 ms | p95 ms |\n|---|---|---|---|")
        for row in sweep:
            print(f"| {row['ef_search']} | {row['recall@10']:.3f} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} |")
        print(f"\n| figure (median of {args.runs} runs, min–max) | value |\n|---|---|")
        for key in runs[0]:
            values = [r[key] for r in runs]
            print(f"| {key} | {statistics.median(values):,.2f} ({min(values):,.2f}–{max(values):,.2f}) |")


if __name__ == "__main__":
    main()
