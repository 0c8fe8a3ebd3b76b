"""What only the PostgreSQL store keeps: the lexicon behind its BM25-style ranking stays equal to a recount
through writes, re-indexing and deletes; the migrations run once however many replicas start together."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from importlib import resources

from core.ingest import ingest
from core.passages import passage_text
from store import open_store
from store.postgres import migrate
from tests.conftest import SEEDS, TOY_KEY, ToyEmbedder


def test_the_lexicon_matches_a_recount_after_writes_and_deletes(postgres, tmp_path):
    store = open_store(postgres.create_database("lexicon"))
    files = sorted(SEEDS.glob("2023-11-*.txt"))[:4]
    assert ingest(store, ToyEmbedder(), [str(f) for f in files]).ok
    first = store.sql.query("SELECT id FROM articles ORDER BY id LIMIT 1")[0]["id"]
    store.delete_article(first)
    changed = tmp_path / files[1].name
    changed.write_text(files[1].read_text() + "\nA closing line about tariffs on semiconductors.\n")
    assert ingest(store, ToyEmbedder(), [str(changed)]).ok
    kept = {r["lexeme"]: r["df"] for r in store.sql.query("SELECT lexeme, df FROM lexemes WHERE df > 0")}
    recount = {r["word"]: r["n"] for r in store.sql.query(
        "SELECT word, count(*) AS n FROM chunks, unnest(tsvector_to_array(tsv)) AS word GROUP BY word")}
    assert kept == recount
    totals = {r["name"]: r["value"] for r in store.sql.query("SELECT name, value FROM counters")}
    assert totals["fts_chunks"] == store.stats()["chunks"]
    assert totals["fts_lexemes"] == store.sql.query("SELECT sum(length(tsv)) AS n FROM chunks")[0]["n"]
    assert store.fts_search("tariffs semiconductors", 3)[0][1] > 0
    store.close()


def test_replicas_starting_together_migrate_once(postgres):
    url = postgres.create_database("migrate_together")
    with ThreadPoolExecutor(4) as pool:
        versions = list(pool.map(lambda _: migrate(url), range(4)))
    assert len(set(versions)) == 1
    store = open_store(url)
    applied = store.sql.query("SELECT version FROM schema_migrations ORDER BY version")
    # every file once (numbers may have gaps while features on other branches hold theirs)
    files = resources.files("store").joinpath("pg_migrations").iterdir()
    numbers = sorted(int(f.name.split("_", 1)[0]) for f in files if f.name.endswith(".sql"))
    assert [r["version"] for r in applied] == numbers and numbers[-1] == versions[0]
    store.close()


def test_hnsw_ef_search_is_the_bots_unless_the_database_sets_its_own(postgres):
    import psycopg

    from store.postgres import EF_SEARCH

    plain, tuned = postgres.create_database("ef_plain"), postgres.create_database("ef_tuned")
    with psycopg.connect(tuned, autocommit=True) as conn:
        conn.execute("ALTER DATABASE ef_tuned SET hnsw.ef_search = 77")
    for url, expected in ((plain, str(EF_SEARCH)), (tuned, "77")):
        store = open_store(url)
        assert store.sql.query("SHOW hnsw.ef_search")[0]["hnsw.ef_search"] == expected
        assert store.sql.query("SHOW hnsw.iterative_scan")[0]["hnsw.iterative_scan"] == "relaxed_order"
        store.close()


def test_a_halfvec_index_a_dba_builds_is_the_one_searches_use(postgres, tmp_path):
    """Above ~10M chunks: index half-precision copies of the vectors (half the size); a store opened after
    that searches through the expression the index holds."""
    import numpy as np

    url = postgres.create_database("halfvec")
    store = open_store(url)
    assert ingest(store, ToyEmbedder(), [str(f) for f in sorted(SEEDS.glob("2023-11-1*.txt"))]).ok
    last = "SELECT id, heading, text FROM chunks ORDER BY id DESC LIMIT 1"
    chunk_id, heading, text = store.sql.query(last)[0].values()
    query = ToyEmbedder().embed([passage_text(heading, text)])[0]
    full = store.vector_search(query, TOY_KEY, 5)
    store.sql.execute("CREATE INDEX chunk_vectors_hnsw_half ON chunk_vectors USING hnsw"
                      " ((embedding::halfvec(384)) halfvec_cosine_ops) WITH (m = 16, ef_construction = 128)")
    store.sql.execute("DROP INDEX chunk_vectors_hnsw")
    store.close()
    half_store = open_store(url)
    half = half_store.vector_search(query, TOY_KEY, 5)
    assert half[0][0] == full[0][0] == chunk_id and np.allclose([s for _, s in half], [s for _, s in full], atol=2e-3)
    with half_store.sql.transaction():
        half_store.sql.execute("SET LOCAL enable_seqscan = off")
        plan = half_store._named("EXPLAIN " + half_store.vectors_sql,
                                 {"vector": np.asarray(query, dtype=np.float32), "model": TOY_KEY, "k": 5})
    assert "chunk_vectors_hnsw_half" in " ".join(str(r) for r in plan)
    half_store.close()
