"""Words that carry no meaning for search or for matching a question to a sentence, and the ones that do."""
from __future__ import annotations

import re

STOPWORDS = frozenset(
    """a about after all also an and any are as at be been before being but by can could did do
    does for from had has have he her his how i if in into is it its me more most my no not of on
    or our out over she so some than that the their them then there these they this those to up us
    was we were what when where which while who whom why will with would you your tell know show
    whats what's give""".split()
)


def content_words(text: str) -> set[str]:
    """The words of a text that say what it is about: no stopwords, no single letters."""
    return {w for w in re.findall(r"\w+", text.lower()) if w not in STOPWORDS and len(w) > 1}


def stems(text: str) -> set[str]:
    """Content words cut to 5 letters: 'negotiations' and 'negotiated' meet."""
    return {w[:5] for w in content_words(text) if len(w) >= 3}
