"""The people check (#17, core/people_check.py) with the real model on real BBC articles: a name the people table
holds that is no person ("Fiat Auto", "Royal Mail", labelled in testkit/labels/people_table_sample_bbc.jsonl)
is rejected and stops being answered as a person; the people beside it are kept."""
from __future__ import annotations

import shutil
import time

import pytest

from bot.app import make_answerer
from core.ingest import ingest
from core.people_check import BackgroundPeopleCheck, PeopleCheck
from store import Store
from tests.conftest import SHARED

BBC = SHARED / "data" / "bbc-fulltext" / "bbc"
ARTICLES = ["business/189.txt", "politics/061.txt"]  # Fiat Auto's chief executive; Royal Mail's chairman


@pytest.fixture(scope="module")
def two_articles(tmp_path_factory, embedder):
    folder = tmp_path_factory.mktemp("bbc-two")
    for name in ARTICLES:
        shutil.copy(BBC / name, folder / name.replace("/", "-"))
    path = folder / "two.db"
    store = Store(path)
    report = ingest(store, embedder, [str(folder)])
    assert report.ok, report.failed
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # tests copy the file alone
    store.close()
    return path


@pytest.fixture
def store(two_articles, tmp_path):
    target = tmp_path / "copy.db"
    shutil.copy(two_articles, target)
    return Store(target)


def names(store: Store) -> set[str]:
    return {r["name"] for r in store.sql.query("SELECT name FROM people")}


def test_the_check_rejects_organisations_the_table_holds_and_keeps_the_people(store):
    assert {"Fiat Auto", "Royal Mail", "Sergio Marchionne"} <= names(store)
    assert PeopleCheck(store).run() == 2 and store.person_checks_pending() == 0
    assert store.rejected_named(["fiat", "auto"]) == ["Fiat Auto"]
    assert store.rejected_named(["royal", "mail"]) == ["Royal Mail"]
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
