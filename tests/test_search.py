"""Retrieval: hybrid search over the real model; user text can never break FTS5."""
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from core.passages import vector_key
from store import fts_query


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_any_text_is_a_safe_fts_query(seeded_store, text):
    seeded_store.fts_search(text, 5)  # must not raise


def test_fts_operators_are_plain_words(seeded_store):
    for text in ['taiwan" OR "x', "NEAR(a b)", "col:taiwan", "*", "AND OR NOT", "^taiwan", '"', "(((", "taiwan -china"]:
        seeded_store.fts_search(text, 5)
    assert fts_query("the of and") is None
    assert fts_query('Taiwan" OR 1=1 --') == '"taiwan" OR "1"'


def test_vector_search_finds_the_article_about_the_nomination(seeded_store, embedder):
    query = embedder.embed(["Campbell nominated as Deputy Secretary of State"])[0]
    top = seeded_store.vector_search(query, vector_key(embedder), 5)
    passages = seeded_store.passages([cid for cid, _ in top])
    assert any("Campbell" in p.text for p in passages.values())
    assert np.isclose(top[0][1], max(s for _, s in top))


def test_the_vector_matrix_follows_writes_from_another_connection(seeded_copy, embedder):
    from core.ingest import ingest
    from store import Store
    first, second = Store(seeded_copy), Store(seeded_copy)
    query = embedder.embed(["pandas at the National Zoo in Washington"])[0]
    first.vector_search(query, vector_key(embedder), 1)
    n = len(first.vectors.ids)
    path = seeded_copy.parent / "zoo.txt"
    path.write_text("Giant pandas leave the zoo\n\n"
                    "The giant pandas at the National Zoo in Washington returned to China.")
    ingest(second, embedder, [str(path)])
    top = first.vector_search(query, vector_key(embedder), 1)
    assert len(first.vectors.ids) == n + 1
    assert "pandas" in first.passages([top[0][0]])[top[0][0]].text
