"""Storage only: schema and migrations, reads and writes, search. The core sees the `Storage` interface."""
from store.interface import Storage
from store.records import Article, ArticleMention, NewArticle, Passage, QuotedMention
from store.sql import StoreUnavailable
from store.sqlite import Store, fts_query

__all__ = ["Article", "ArticleMention", "NewArticle", "Passage", "QuotedMention", "Storage", "Store",
           "StoreUnavailable", "fts_query", "open_store"]


def open_store(url: str) -> Storage:
    """The store a DATABASE_URL names: `sqlite:///relative/path.db`, `sqlite:////absolute/path.db`, or
    `postgresql://user:password@host:port/database` (PostgreSQL with pgvector)."""
    if url.startswith("sqlite:///"):
        return Store(url.removeprefix("sqlite:///"))
    if url.startswith(("postgresql://", "postgres://")):
        from store.postgres import PostgresStore  # psycopg loads only for PostgreSQL

        return PostgresStore(url)
    raise ValueError(f"DATABASE_URL must start with sqlite:/// or postgresql://, got {url.split(':', 1)[0]!r}")
