"""Words that carry no meaning for search or for matching a question to a sentence."""

STOPWORDS = frozenset(
    """a about after all also an and any are as at be been before being but by can could did do
    does for from had has have he her his how i if in into is it its me more most my no not of on
    or our out over she so some than that the their them then there these they this those to up us
    was we were what when where which while who whom why will with would you your tell know show
    whats what's give""".split()
)
