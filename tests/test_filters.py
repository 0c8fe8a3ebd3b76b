"""Filters in a query (issue #20, item 1): the grammar, the search on both stores filtered before it ranks, and
the answers on the real seeds."""
from __future__ import annotations

import json
from datetime import date
from urllib.parse import urlsplit

import pytest

from bot.app import make_answerer
from core.filters import FilterError, Filters, parse
from core.ingest import ingest
from store.records import ArticleFilter
from tests.conftest import SEEDS, TOY_KEY, ToyEmbedder
from tests.test_cli import run

TODAY = date(2023, 11, 20)


@pytest.mark.parametrize(("text", "rest", "filters"), [
    ("taiwan since:7d", "taiwan", Filters(since="2023-11-13")),
    ("taiwan since:2w", "taiwan", Filters(since="2023-11-06")),
    ("taiwan since:6m", "taiwan", Filters(since="2023-05-20")),
    ("since:2023-06-01 taiwan", "taiwan", Filters(since="2023-06-01")),
    ("taiwan before:2023-07", "taiwan", Filters(before="2023-07-01")),
    ("taiwan before:2023", "taiwan", Filters(before="2023-01-01")),
    ("taiwan source:state.gov", "taiwan", Filters(source="state.gov")),
    ("taiwan source:https://www.state.gov/", "taiwan", Filters(source="state.gov")),
    ("taiwan source:<http://state.gov|state.gov>", "taiwan", Filters(source="state.gov")),  # Slack links a domain
    ("taiwan outlet:BBC", "taiwan", Filters(outlet="BBC")),
    ('taiwan outlet:"White House"', "taiwan", Filters(outlet="White House")),
    ("taiwan outlet:“White House”", "taiwan", Filters(outlet="White House")),
    ("latest taiwan", "taiwan", Filters(latest=True)),
    ("who is Kurt Campbell SINCE:2023", "who is Kurt Campbell", Filters(since="2023-01-01")),
    ("the latest on taiwan since:2023-06-01 before:2023-11 source:state.gov", "the on taiwan",
     Filters("2023-06-01", "2023-11-01", "state.gov", None, True)),
    ("since when has the summit been planned", "since when has the summit been planned", Filters()),
    ("latestness of news", "latestness of news", Filters()),
])
def test_filters_are_parsed_out_of_the_query(text, rest, filters):
    assert parse(text, TODAY) == (rest, filters)


@pytest.mark.parametrize(("text", "named"), [
    ("taiwan since:yesterday", "`since:yesterday`"),
    ("taiwan since:", "`since:` with nothing after it"),
    ("taiwan before:2023-13", "`before:2023-13`"),
    ("taiwan before:2023-02-30", "`before:2023-02-30`"),
    ("taiwan source:state", "`source:state`"),
    ("taiwan source:<@U123>", "`source:<@U123>`"),
    ("taiwan outlet:", "`outlet:` with nothing after it"),
    ("taiwan since:2023 since:2022", "`since:` appears twice"),
    ("taiwan since:2023-07 before:2023-06", "is not before"),
])
def test_a_malformed_filter_is_named_with_the_grammar_and_an_example(text, named):
    with pytest.raises(FilterError) as raised:
        parse(text, TODAY)
    assert named in str(raised.value)
    assert "`since:7d`" in str(raised.value) and "For example: `taiwan since:2023-06-01" in str(raised.value)


def test_filters_describe_themselves():
    assert Filters("2023-06-01", None, "state.gov").describe() == "since 1 Jun 2023, from state.gov"
    assert Filters(before="2023-07-01", outlet="BBC", latest=True).describe() == (
        "before 1 Jul 2023, from BBC, newest first")


# -- the stores: filtered inside the search, on both backends -----------------------------------------------

@pytest.fixture
def seeds_store(new_store):
    store = new_store()
    assert ingest(store, ToyEmbedder(), [str(SEEDS)]).ok
    return store


def _articles(store, hits):
    return [p.article for p in store.passages([chunk for chunk, _ in hits]).values()]


def test_each_filter_is_applied_inside_the_search_before_it_ranks(seeds_store):
    store, toy = seeds_store, ToyEmbedder()
    query = toy.embed(["taiwan strait peace and stability"])[0]
    unfiltered = store.hybrid_search("taiwan", query, TOY_KEY, 10)
    for where, allowed in [
        (ArticleFilter(before="2023-01-01"), lambda a: a.published < "2023-01-01"),
        (ArticleFilter(source="state.gov"), lambda a: urlsplit(a.url).hostname == "www.state.gov"),
        (ArticleFilter(outlet="department of state"), lambda a: a.outlet == "U.S. Department of State"),
        (ArticleFilter(since="2023-06-01", outlet="white"), lambda a: a.published >= "2023-06-01"
         and a.outlet == "The White House"),
    ]:
        for hits in unfiltered:  # a top 10 filtered afterwards would return too little
            assert sum(map(allowed, _articles(store, hits[:10]))) < 10, where
        lexical, dense = store.hybrid_search("taiwan", query, TOY_KEY, 10, where)
        words, vectors = store.fts_search("taiwan", 10, where), store.vector_search(query, TOY_KEY, 10, where)
        for hits in (words, vectors):
            assert len(hits) == 10, (where, "k hits, not what is left of an unfiltered top k")
        # hybrid: those same k hits first, then the other retriever's, each scored by both
        assert lexical[:10] == words and dense[:10] == vectors, where
        for hits in (lexical, dense, words, vectors):
            assert all(allowed(a) for a in _articles(store, hits)), where
    nothing = ArticleFilter(source="example.com")
    assert store.hybrid_search("taiwan", query, TOY_KEY, 10, nothing) == ([], [])
    assert store.published_range(nothing) == (None, None)
    assert store.published_range(ArticleFilter(source="state.gov")) == ("2021-07-26", "2022-08-03")
    assert store.published_range() == ("2021-07-26", "2023-11-16")


def test_a_domain_matches_itself_and_its_subdomains_only(seeds_store):
    store = seeds_store
    assert store.published_range(ArticleFilter(source="archives.gov"))[1] == "2023-11-16"
    assert store.published_range(ArticleFilter(source="gov"))[1] == "2023-11-16"
    assert store.published_range(ArticleFilter(source="te.gov")) == (None, None), "no 'state.gov' by its tail"
    assert store.published_range(ArticleFilter(outlet="%")) == (None, None), "LIKE's wildcards are literal"


def test_who_is_mentions_are_filtered_in_the_store(seeds_store):
    store = seeds_store
    everything = store.mentions_of(["Kurt Campbell"])
    before = store.mentions_of(["Kurt Campbell"], where=ArticleFilter(before="2023-06-01"))
    assert before and len(before) < len(everything)
    assert all(m.article.published < "2023-06-01" for m in before)


# -- answers on the real seeds -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def answerer(seeded_store, embedder):
    return make_answerer(seeded_store, embedder)


def test_since_quotes_only_articles_published_on_or_after_that_day(answerer):
    answer = answerer.answer("taiwan since:2023-06-01")
    assert answer.answered and len(answer.excerpts) >= 3
    assert all(e.published >= "2023-06-01" for e in answer.excerpts + answer.more)
    assert answer.filters.describe() == "since 1 Jun 2023"
    unfiltered = answerer.answer("taiwan")
    assert any(e.published < "2023-06-01" for e in unfiltered.excerpts), "the filter changed the answer"


def test_source_quotes_only_that_domain(answerer):
    answer = answerer.answer("taiwan source:state.gov")
    assert answer.answered and len(answer.excerpts) >= 3
    assert {urlsplit(e.source).hostname for e in answer.excerpts + answer.more} == {"www.state.gov"}
    assert "Taiwan" in " ".join(e.text for e in answer.excerpts)


def test_latest_puts_the_newest_first(answerer):
    answer = answerer.answer("latest taiwan")
    dates = [e.published for e in answer.excerpts]
    assert answer.answered and len(dates) >= 3 and dates == sorted(dates, reverse=True)
    assert dates[0] == "2023-11-16", "the newest article on Taiwan"
    assert "newest first" in answer.summary and "Taiwan" in answer.lead.text


def test_before_and_outlet_on_the_real_seeds(answerer):
    answer = answerer.answer("AUKUS submarines before:2023-06 outlet:\"White House\"")
    assert answer.answered
    assert all(e.published < "2023-06-01" and e.outlet == "The White House" for e in answer.excerpts)


def test_a_filter_that_matches_nothing_says_so_with_the_newest_date(answerer):
    assert answerer.answer("taiwan since:2026-11-01").summary == (
        "Nothing on taiwan since 1 Nov 2026; the newest article is from 16 Nov 2023.")
    assert answerer.answer("taiwan since:2023-06-01 source:state.gov").summary == (
        "Nothing on taiwan since 1 Jun 2023, from state.gov; the newest article from state.gov is from 3 Aug 2022.")
    assert answerer.answer("taiwan outlet:BBC").summary.startswith(
        "Nothing on taiwan from BBC: no indexed article is from BBC. Outlets indexed: The White House (32)")


def test_who_is_with_filters_quotes_the_mentions_in_those_articles(answerer):
    before = answerer.answer("who is Kurt Campbell before:2023-06")
    assert before.entity == "Kurt Campbell" and before.excerpts
    assert all(e.published < "2023-06-01" for e in before.excerpts + before.more)
    since = answerer.answer("who is Kurt Campbell since:2023-11-01")
    assert "Deputy Secretary" in json.dumps(since.to_json())
    assert answerer.answer("who is Kurt Campbell source:example.com").summary.startswith(
        "Nothing on Kurt Campbell from example.com: no indexed article is from example.com.")


def test_a_malformed_filter_is_answered_with_the_grammar(answerer):
    answer = answerer.answer("taiwan since:yesterday")
    assert answer.intent == "invalid-filter" and not answer.answered and not answer.excerpts
    assert answer.summary.startswith("`since:yesterday` is not a date I read. Filters: `since:7d`")
    assert "latest" in answerer.answer("latest").summary and not answerer.answer("latest").answered


def test_ask_json_carries_the_filters(seeded_copy):
    result = run(["ask", "taiwan since:2023-06-01 source:archives.gov latest", "--json"], seeded_copy)
    data = json.loads(result.stdout)
    assert data["filters"] == {"since": "2023-06-01", "before": None, "source": "archives.gov", "outlet": None,
                               "latest": True, "described": "since 1 Jun 2023, from archives.gov, newest first"}
    assert data["query"] == "taiwan since:2023-06-01 source:archives.gov latest"
    dates = [e["published"] for e in data["excerpts"]]
    assert data["answered"] and dates == sorted(dates, reverse=True) and dates[-1] >= "2023-06-01"
    assert all("archives.gov/" in e["source"] for e in data["excerpts"])
    result = run(["ask", "taiwan since:2023-06-01"], seeded_copy)
    assert result.stdout.startswith("Filters: since 1 Jun 2023\n"), result.stdout[:200]
