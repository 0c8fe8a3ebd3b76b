"""Storage only: schema and migrations, reads and writes, search. The core sees the `Storage` interface."""
from store.interface import Storage
from store.records import Article, ArticleMention, NewArticle, Passage, QuotedMention
from store.sqlite import Store, fts_query

__all__ = ["Article", "ArticleMention", "NewArticle", "Passage", "QuotedMention", "Storage", "Store", "fts_query"]
