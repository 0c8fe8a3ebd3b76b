"""The people check (#17, core/people_check.py) with the real model on real BBC articles: a name the people table
holds that is no person ("Fiat Auto", labelled in testkit/labels/people_table_sample_bbc.jsonl)
is rejected and stops being answered as a person; the people beside it are kept."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from bot.app import make_answerer
from core.ingest import ingest
from core.people_check import BackgroundPeopleCheck, PeopleCheck
from nlp.person_ner import names_a_kind, read_as_someone, read_as_thing, runs_into_a_kind
from store import Store
from tests.conftest import SHARED

BBC = SHARED / "data" / "bbc-fulltext" / "bbc"
ARTICLES = ["business/189.txt", "politics/061.txt"]  # Fiat Auto's chief executive; Royal Mail's chairman


def indexed(tmp_path_factory, embedder, articles: list[str], label: str) -> Path:
    """A real index of these BBC articles, in one file tests may copy."""
    folder = tmp_path_factory.mktemp(f"bbc-{label}")
    for name in articles:
        shutil.copy(BBC / name, folder / name.replace("/", "-"))
    path = folder / f"{label}.db"
    store = Store(path)
    report = ingest(store, embedder, [str(folder)])
    assert report.ok, report.failed
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # tests copy the file alone
    store.close()
    return path


@pytest.fixture(scope="module")
def two_articles(tmp_path_factory, embedder):
    return indexed(tmp_path_factory, embedder, ARTICLES, "two")


@pytest.fixture
def store(two_articles, tmp_path):
    target = tmp_path / "copy.db"
    shutil.copy(two_articles, target)
    return Store(target)


def names(store: Store) -> set[str]:
    return {r["name"] for r in store.sql.query("SELECT name FROM people")}


def test_the_check_rejects_organisations_the_table_holds_and_keeps_the_people(store):
    assert {"Fiat Auto", "Sergio Marchionne"} <= names(store)
    assert "Royal Mail" not in names(store)  # "Mail" ends a body's name (nlp/people.py): never taken for a person
    assert PeopleCheck(store).run() == 2 and store.person_checks_pending() == 0
    assert store.rejected_named(["fiat", "auto"]) == ["Fiat Auto"]
    assert store.rejected_named(["sergio", "marchionne"]) == []
    assert "Sergio Marchionne" in [n for n, _ in store.people_named(["marchionne"])]
    assert "Fiat Auto" not in store.people_in(store.sql.query("SELECT id FROM articles ORDER BY id")[0]["id"], 50)


def test_who_is_on_a_rejected_name_is_a_search_and_not_a_profile(store, embedder):
    answerer = make_answerer(store, embedder)
    before = answerer.answer("who is Fiat Auto")
    assert before.intent == "who-is" and before.entity == "Fiat Auto"  # not checked yet: answered as before
    PeopleCheck(store).run()
    after = answerer.answer("who is Fiat Auto")
    assert after.intent != "who-is" and after.entity is None
    assert after.answered and any("Fiat" in e.text for e in after.excerpts)  # a search still quotes the article
    kept = answerer.answer("who is Sergio Marchionne")
    assert kept.intent == "who-is" and kept.entity == "Sergio Marchionne"


def test_the_check_is_restartable_and_runs_once(store):
    # a process claims the articles and dies: past its lease, another does them; then nothing is left to do
    assert len(store.claim_person_checks("dead", now=0.0, lease_until=1.0, limit=10)) == 2
    assert PeopleCheck(store, owner="alive", clock=lambda: 0.5).run() == 0  # still leased
    assert PeopleCheck(store, owner="alive").run() == 2
    verdicts = store.sql.query("SELECT * FROM person_checks ORDER BY person_id, article_id")
    assert verdicts and PeopleCheck(store, owner="another").run() == 0
    assert store.sql.query("SELECT * FROM person_checks ORDER BY person_id, article_id") == verdicts
    assert not store.record_person_checks(verdicts[0]["article_id"], "dead", "x", [], "2026-12-02T00:00:00")


def test_the_scheduler_job_checks_on_a_thread_of_its_own(store):
    job = BackgroundPeopleCheck(PeopleCheck(store))
    job()
    job()  # a run still going: this one does nothing
    deadline = time.monotonic() + 60
    while (job.busy.locked() or store.person_checks_pending()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert store.person_checks_pending() == 0 and store.rejected_named(["fiat", "auto"]) == ["Fiat Auto"]


# where NER reads a company or a film as a person, the words around it say what it is (#17, nlp/person_ner.py)
USAGE = ["business/337.txt",  # "building products group James Hardie", "James Hardie chairwoman, Meredith Hellicar"
         "entertainment/100.txt",  # "Comedy Fat Albert - co-written by Bill Cosby - ..."
         "entertainment/373.txt",  # "Vera Drake" read as a PERSON here ...
         "entertainment/368.txt",  # ... and "Mike Leigh's film Vera Drake" here
         "sport/422.txt"]  # "Former champion Fabrice Santoro of France", which NER reads as an ORG


@pytest.fixture(scope="module")
def usage_db(tmp_path_factory, embedder):
    return indexed(tmp_path_factory, embedder, USAGE, "usage")


def test_a_company_or_a_film_that_ner_reads_as_a_person_is_rejected_by_its_usage(usage_db):
    store = Store(usage_db)
    assert {"James Hardie", "Comedy Fat Albert", "Vera Drake", "Meredith Hellicar", "Bill Cosby",
            "Imelda Staunton"} <= names(store)
    assert PeopleCheck(store).run() == len(USAGE)
    for thing in ("James Hardie", "Comedy Fat Albert", "Vera Drake"):
        assert store.rejected_named(thing.lower().split()) == [thing]
    # NER took each for a person somewhere: without the words around them they would be kept
    person_readings = store.sql.query(
        "SELECT p.name, sum(c.as_person) AS n FROM people p JOIN person_checks c ON c.person_id = p.id"
        " WHERE p.name IN ('James Hardie', 'Comedy Fat Albert', 'Vera Drake') GROUP BY p.name ORDER BY p.name")
    assert [(r["name"], r["n"] > 0) for r in person_readings] == [
        ("Comedy Fat Albert", True), ("James Hardie", True), ("Vera Drake", True)]
    santoro = store.sql.query("SELECT sum(c.as_person) AS n FROM people p JOIN person_checks c ON c.person_id = p.id"
                              " WHERE p.name = 'Fabrice Santoro'")
    assert santoro[0]["n"] == 0  # never a PERSON to NER: "champion" before the name says he is somebody
    for person in ("Meredith Hellicar", "Bill Cosby", "Imelda Staunton", "Fabrice Santoro"):
        assert store.rejected_named(person.lower().split()) == []
        assert person in [n for n, _ in store.people_named(person.split())]


@pytest.mark.parametrize("sentence, name, thing", [  # real BBC sentences
    ("Australian building products group James Hardie has agreed to pay $1.1bn (£568m) to victims of "
     "asbestos-related diseases.", "James Hardie", True),
    ("James Hardie chairwoman, Meredith Hellicar, said the deal provided for a funding arrangement", "James Hardie",
     True),
    ("Sydney-listed Virgin Blue's shares recovered slightly to close 12% down on Wednesday.", "Virgin Blue", True),
    ("Comedy Fat Albert - co-written by Bill Cosby - entered the chart in second place", "Comedy Fat Albert", True),
    ("James Hardie chairwoman, Meredith Hellicar, said the deal provided for a funding arrangement",
     "Meredith Hellicar", False),
    # a person's job or a possessive a person has, a game played, a comma between: no thing
    ("Leading British computer games maker Peter Molyneux has been made an OBE in the New Year Honours list.",
     "Peter Molyneux", False),
    ("Details of his Vermont colleague Pat Leahy's credit card account are among those missing, Senator Leahy's "
     "spokeswoman Tracy Schmaler said.", "Senator Leahy", False),
    ("First of all Boukar Makaji scored in the 89th minute and then 3 minutes into injury time at the end of the "
     "game Andre Nzame III was on target.", "Andre Nzame", False),
    ("The director of the film, Vinod Pande, says the movie is not offensive and has refused to withdraw it.",
     "Vinod Pande", False),
    ('" Mr Law, from voluntary body Alcohol Focus Scotland, believed damage had been done.', "Alcohol Focus Scotland",
     True),
    # in a list of things, or running on into a thing's name
    ("The owner of brands such as Dairy Milk, Dr Pepper and Snapple generates more than 80% of its sales outside the "
     "UK.", "Dr Pepper", True),
    ("Sony will enter the market later this year with its PlayStation Portable, while start-up companies Gizmondo and "
     "Tapwave Zodiac are also offering hybrid devices.", "Tapwave Zodiac", True),
    ("He has also starred in a number of films, including Heathers, Robin Hood: Prince of Thieves and more recently "
     "Churchill: The Hollywood Years.", "Robin Hood", True),
    # a list of people, or a name followed by capitalised words that name no kind of thing
    ("Without Charles, it is hard to imagine the tear-stained Atlantic R&B sound of Aretha Franklin, Otis Redding or "
     "Wilson Pickett.", "Otis Redding", False),
    ("Blair Labour's longest-serving PM", "Blair", False),
])
def test_the_words_around_a_name_can_say_it_is_a_thing(sentence, name, thing):
    start = sentence.index(name)
    assert read_as_thing(sentence, (start, start + len(name)), name) is thing


@pytest.mark.parametrize("sentence, name, someone", [  # real BBC sentences
    ("Former champion Fabrice Santoro of France was beaten 6-3 6-0 by sixth seeded Russian Nikolay Davydenko.",
     "Fabrice Santoro", True),
    ("France captain Fabien Pelous insisted his side never doubted they could secure their first win against "
     "England at Twickenham since 1997.", "Fabien Pelous", True),
    ("Shares in Australian budget airline Virgin Blue plunged 20% after it warned of a steep fall in full year "
     "profits.", "Virgin Blue", False),
    ("The scheme - which is an extension of BMR's Respect the Value of Music campaign - is also being backed by "
     "singer-songwriters Feargal Sharkey, Lucie Silvas and Grammy Award-winning composer David Arnold.",
     "Lucie Silvas", True),
    ("Agnes Samaria, who came second, is in very good shape and is in the world's top three 800m runners this "
     "season.", "Agnes Samaria", True),  # "who" is said of people
])
def test_a_persons_noun_before_a_name_says_it_is_somebody(sentence, name, someone):
    start = sentence.index(name)
    assert read_as_someone(sentence, (start, start + len(name))) is someone


def test_a_name_ending_in_a_kind_of_thing_names_that_thing():  # names the BBC people table holds
    assert all(map(names_a_kind, ["Satyajit Ray Award", "Benny Hill Show", "Bill Gates Foundation", "Wembley Stadium",
                                  "Redemption Song", "Exeter City", "Man Utd", "Bristol Rovers", "Hinton Lecture",
                                  "Christian Fellowship", "Diamond Multimedia", "Green Paper", "Finance Bill",
                                  "Tudor England", "Nomad Digital", "Narcotics Anonymous", "Million Dollar Baby",
                                  "Golden Globes", "Blu-ray Disc", "Billboard Hot"]))
    assert not any(map(names_a_kind, ["Mike Lake", "Anshuman Magazine", "Charlotte Church", "Ian Hall", "Gary Gold"]))


@pytest.mark.parametrize("sentence, name, runs_on", [  # real BBC sentences
    ("Turkish-Austrian consortium TAV was chosen to build and run Tehran's new Imam Khomeini International Airport - "
     "but the army closed it just hours after it opened in May 2004.", "Khomeini", True),
    ("Sony Pictures Entertainment and MGM Studios have already staked their allegiance with the Blu-ray Disc "
     "Association, whose members also include technology companies Dell, Samsung and Matsushita.", "Blu-ray Disc",
     True),
    ("Blair Labour's longest-serving PM", "Blair", False),
])
def test_a_name_running_on_into_a_things_name_is_no_persons_reading(sentence, name, runs_on):
    start = sentence.index(name)
    assert runs_into_a_kind(sentence, (start, start + len(name))) is runs_on


def test_a_person_named_inside_a_things_name_is_not_made_a_thing_everywhere():
    # "the Robert Kilroy-Silk Party" (politics/111): the reading withholds its vote; it does not reject the name
    sentence = ("It became clear that he was more interested in the Robert Kilroy-Silk Party than the UK Independence "
                "Party.")
    start = sentence.index("Robert Kilroy-Silk")
    span = (start, start + len("Robert Kilroy-Silk"))
    assert runs_into_a_kind(sentence, span) and not read_as_thing(sentence, span, "Robert Kilroy-Silk")

