"""The no-answer gate: whether the articles answer a question, are only related to it, or hold nothing on it.

Three honest states. "nothing": the retrieved passages are off the subject — the best sentence's cosine to
the question is below ANSWER_THRESHOLD, unless the best passage holds at least COVERAGE of the question's words
and the cosine is at least COVERED_THRESHOLD; when more than UNKNOWN_SHARE of the question's words occur
nowhere in the index ("Brexit trade deal", "measles outbreak") the bar is UNKNOWN_WORD_THRESHOLD whatever the
coverage; but when the cross-encoder finds the best sentence close enough (relevance CLOSE_ENOUGH or more), the
reply is "related", never "answered". "answered": on the subject, and the best sentence scores ANSWER_LOGIT or more
(core/answer.py's relevance: the cross-encoder's logit with the cosine) and holds the kind of answer asked for.
"related": on the subject, no sentence answers; the closest are shown as such.

The cosine thresholds come from the curves of `bench/no_answer_curve.py` and XQuAD's refusals; ANSWER_LOGIT from
the tune half of testkit/labels and XQuAD's even half (README "Quality" has the figures).
"""
from __future__ import annotations

from nlp.words import content_words, stems
from store import Storage

ANSWER_THRESHOLD = 0.40
UNKNOWN_WORD_THRESHOLD = 0.60
UNKNOWN_SHARE = 0.25
COVERAGE = 0.6
COVERED_THRESHOLD = 0.30
ANSWER_LOGIT = 4.5
# The cross-encoder was trained on written web passages and scores a reply said in a transcript lower than the same
# answer written ("Look, it's 150, 140 …"): on the seeds' tune sets, of the best sentences that hold the kind asked
# for, a spoken one answers from SPOKEN_ANSWER_LOGIT (README "Quality" has the curve it was chosen on).
SPOKEN_ANSWER_LOGIT = 2.5
# The cosine gate reads the question and a sentence apart, and one word the index lacks ("What did Lady Gaga
# sing?", a misspelt "beriods") makes an answering passage look off the subject: of XQuAD's 25 "nothing found",
# 24 had the right paragraph's sentence first (issue #16). The cross-encoder reads the two together. Chosen on
# XQuAD's even half (the same figures from -0.5 to -2.5) and its questions asked of seeds/ and BBC, which are off
# their subject: from -0.5 to -1.5, 1 of 484 and 3 of 356 of those "nothing found" turn "related"; at -2, 3 and 4.
CLOSE_ENOUGH = -1.0


def unknown_share(store: Storage, query: str) -> float:
    """The share of the query's content words (4+ letters) that occur in no indexed passage at all."""
    words = [w for w in content_words(query) if len(w) >= 4 and w.isalpha()][:8]
    return (len(words) - len(store.indexed_words(words))) / len(words) if words else 0.0


def off_subject(store: Storage, query: str, best_cosine: float, best_passage: str) -> bool:
    """Whether the index holds nothing on the question (the thresholds above)."""
    if best_cosine >= UNKNOWN_WORD_THRESHOLD:
        return False
    if unknown_share(store, query) > UNKNOWN_SHARE:
        return True
    if best_cosine >= ANSWER_THRESHOLD:
        return False
    asked = stems(query)
    covered = len(asked & stems(best_passage)) / len(asked) if asked else 0.0
    return not (covered >= COVERAGE and best_cosine >= COVERED_THRESHOLD)


def answer_state(best: float, has_kind: bool, off: bool, spoken: bool = False) -> str:
    """answered | related | nothing, from the best sentence's relevance, whether it holds the kind of answer
    asked for, whether the passages are off the subject, and whether the sentence is said in a transcript."""
    if off:
        return "related" if best >= CLOSE_ENOUGH else "nothing"
    return "answered" if best >= (SPOKEN_ANSWER_LOGIT if spoken else ANSWER_LOGIT) and has_kind else "related"
