"""What the retrievers read of a passage: its article's heading, then its text.

A transcript's passage seldom says where or by whom it was said ("I mean, worry about China, but don't worry about
China."), and analysts ask by the occasion ("What did Biden tell his Kentfield donors …?"): the heading says it
("Remarks by President Biden at a Campaign Reception | Kentfield, CA"). Both retrievers read it — full-text search
through a generated column of heading and text (store/migrations.py m012, store/pg_migrations/015: the same text
in SQL), the vectors as the text embedded here.
README "Quality" has what it changed on the tune sets.
"""
from __future__ import annotations

from model.embeddings import Embedder

# Vectors of headed passages are kept under their own key, so an index embedded before (the text alone) is
# re-embedded by the next ingest (core/ingest.reembed_stale), never mixed with them.
HEADED = "+heading"


def passage_text(heading: str, text: str) -> str:
    """The text a passage's vector is embedded from."""
    return f"{heading}. {text}" if heading else text


def vector_key(embedder: Embedder) -> str:
    """The key the store keeps this embedder's passage vectors under."""
    return embedder.model_id + HEADED
