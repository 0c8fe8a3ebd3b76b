"""What can go wrong with a source, in words for the person who gave it."""
from __future__ import annotations


class BadSource(Exception):
    """A source that cannot be indexed; the message says why."""


class FetchError(BadSource):
    """A URL that could not be fetched as a page or a feed."""
