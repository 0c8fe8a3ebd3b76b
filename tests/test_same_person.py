"""Short names linked to the full name their own article gives (#17 Build 1, nlp/same_person.py), on real BBC
articles as ingest prepares them, and who-is answering from a real index of them."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import make_answerer
from core.ingest import prepare
from sources.files import load_file
from tests.conftest import SHARED
from tests.test_people_check import indexed

BBC = SHARED / "data" / "bbc-fulltext" / "bbc"


def named(article: str, surname: str) -> set[tuple[str, str | None]]:
    """(name, role) of each mention holding this surname, as ingest would store them."""
    prepared = prepare(load_file(Path(BBC / article)))
    return {(m.name, m.role) for m in prepared.mentions if surname in m.name.split()}


def test_a_headline_surname_is_the_person_the_article_names_in_full():
    # "Former NI minister Scott dies" had given Eleanor Scott, a Green MSP, the role
    # (and "The former Conservative MP for Kensington and Chelsea, died …" names him again by role)
    assert named("politics/183.txt", "Scott") == {("Sir Nicholas Scott", "Former NI minister"),
                                                  ("Sir Nicholas Scott", "Former Northern Ireland minister"),
                                                  ("Sir Nicholas Scott", "former Conservative MP for Kensington and "
                                                                         "Chelsea")}


def test_mr_and_a_surname_is_the_articles_own_person_not_the_famous_one():
    # Fannie Mae's chief financial officer, not Michael Howard the Tory leader
    assert named("business/326.txt", "Howard") == {("Tim Howard", "chief financial officer"), ("Tim Howard", None)}
    assert ("Michael Martin", None) in named("politics/123.txt", "Martin")  # the Speaker, not Tony Martin
    assert not {name for name, _ in named("politics/123.txt", "Martin")} & {"Mr Martin", "Tony Martin"}


def test_a_family_name_that_comes_first_is_linked_to_the_full_name():
    # "the ex-president of Bank of China, Wang Xuebing … Mr Wang was head of China Construction Bank"
    assert ("Wang Xuebing", "head of China Construction Bank") in named("business/498.txt", "Wang")
    assert not {name for name, _ in named("business/498.txt", "Wang")} & {"Mr Wang"}
    # a given name is no family name: "Mr Howard" in Howard Flight's story is Michael Howard, left as it is
    assert "Mr Howard" in {name for name, _ in named("politics/399.txt", "Howard")}


def test_a_surname_two_people_share_is_left_as_it_is():
    # Mr and Mrs Howard: Michael and Sandra; the article says which by the honorific, and the link does not guess
    assert named("politics/011.txt", "Howard") == {("Michael Howard", None), ("Mr Howard", None),
                                                   ("Mrs Howard", None)}


@pytest.fixture(scope="module")
def linked_store(tmp_path_factory, embedder):
    return indexed(tmp_path_factory, embedder, ["politics/183.txt", "politics/050.txt", "business/326.txt"], "linked")


def test_who_is_gives_each_person_the_roles_of_their_own_article(linked_store, embedder):
    from store import Store

    answerer = make_answerer(Store(linked_store), embedder)
    scott = answerer.answer("who is Eleanor Scott")
    assert scott.entity == "Eleanor Scott"
    assert "minister" not in scott.summary  # Sir Nicholas Scott's, from his obituary's headline
    assert "health spokeswoman" in scott.summary
    nicholas = answerer.answer("who is Sir Nicholas Scott")
    assert nicholas.summary.startswith("Sir Nicholas Scott: Former")


def test_who_is_finds_someone_only_a_later_version_of_a_story_names(tmp_path_factory, embedder):
    # politics/337.txt updates politics/088.txt (kept as another source of its story, with no passages of its own):
    # only the update quotes "Assistant information commissioner Phil Jones"
    from store import Store

    store = Store(indexed(tmp_path_factory, embedder, ["politics/088.txt", "politics/337.txt"], "update"))
    assert store.stats()["duplicates"] == 1
    jones = make_answerer(store, embedder).answer("who is Phil Jones")
    assert jones.entity == "Phil Jones" and jones.summary == "Phil Jones: Assistant information commissioner"
    taylor = store.mentions_of(["Matthew Taylor"])  # named in both versions: his sentences are stored once
    assert taylor and len(taylor) == len({m.sentence for m in taylor})
