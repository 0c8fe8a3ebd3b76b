"""Answer quality on the held-out half of the labelled sets (testkit/answer_set.py), over seeds/ and over BBC
politics + business read in place: thresholds a few points below what `bench/answer_quality.py` measured
(README "Quality"), so a change that makes answers worse fails here. The tune half is not asked."""
from __future__ import annotations

import pytest

from bot.app import make_answerer
from testkit.answer_set import answerable, grade, unanswerable

# corpus -> minimum answer@1, minimum answer@shown, maximum false refusals, minimum unanswerables refused
FLOORS = {"seeds": (0.58, 0.74, 0.16, 0.50), "bbc": (0.56, 0.82, 0.10, 0.16)}


@pytest.mark.parametrize("corpus", ["seeds", "bbc"])
def test_held_out_answers(corpus, seeded_store, bbc_store, embedder):
    answerer = make_answerer(seeded_store if corpus == "seeds" else bbc_store, embedder)
    grades = grade(answerer.answer, [q for q in answerable(corpus) if q.held_out],
                   [u for u in unanswerable(corpus) if u.held_out])
    rates = grades.rates()
    print(f"\n{corpus} held-out: " + ", ".join(f"{k} {v:.0%}" for k, v in rates.items()))
    at1, shown, refusals, refused = FLOORS[corpus]
    assert rates["answer@1"] >= at1
    assert rates["answer@shown"] >= shown
    assert rates["false refusals"] <= refusals
    assert rates["unanswerables refused"] >= refused
