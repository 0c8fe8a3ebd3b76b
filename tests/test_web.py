"""Adding articles from the web: pages, feeds, near-duplicates, and every way a URL can be bad.

A real HTTP server on 127.0.0.1 (tests/page_server.py) serves pages built from the texts in seeds/.
"""
from __future__ import annotations

import pytest

from bot.app import make_answerer
from core.config import Settings
from core.feeds import FeedPoller
from core.ingest import ingest
from core.sources_service import SourcesService
from handlers.grammar import AddUrl, FeedAdd, FeedList, FeedRemove, Invalid, Links
from handlers.grammar import parse_source as parse_sources
from handlers.sources import feed_list
from handlers.sources import run as run_sources
from sources.web import Fetcher, FetchError
from store import Store
from testkit.page_server import seed
from tests.conftest import ToyEmbedder

G7 = seed("g7-foreign-ministers-statement")
QUAD = seed("2022-02-11-state-joint-statement-on-quad")
AUKUS = seed("joint-leaders-statement-on-aukus")
CAMPBELL = seed("kurt-campbell-as-nominee")


@pytest.fixture
def fetcher():
    return Fetcher(allow_private=True, total_timeout=2)


def counts(store: Store) -> dict:
    return {k: v for k, v in store.stats().items() if k != "db_bytes"}


def test_a_page_is_indexed_with_title_date_and_outlet_and_again_changes_nothing(web, tmp_path, fetcher):
    url = web.page("/state/g7-taiwan", G7, "U.S. Department of State")
    store = Store(tmp_path / "web.db")
    report = ingest(store, ToyEmbedder(), [url], fetcher=fetcher)
    [item] = report.items
    assert (item.status, item.title, item.published) == ("added", G7["title"], "2022-08-03")
    assert item.sentences >= 5
    article = store.get_article(1)
    assert (article.url, article.outlet) == (url, "U.S. Department of State")
    body = next(store.db.query("SELECT body FROM articles"))["body"]
    assert "Taiwan Strait" in body and "Home" not in body.split("\n")[0], "the main text, not the navigation"
    before = counts(store)
    again = ingest(store, ToyEmbedder(), [url], fetcher=fetcher)
    assert again.items[0].status == "unchanged" and counts(store) == before


def test_the_same_story_under_another_url_and_outlet_is_one_story_with_two_sources(web, tmp_path, fetcher,
                                                                                   embedder):
    original = web.page("/state/g7", G7, "U.S. Department of State")
    copy = web.page("/wire/g7-statement", G7, "Asia Wire")
    # the same statement re-edited by another outlet: its own headline, the last paragraph dropped
    edited = {**G7, "title": "G7 ministers warn against escalation in the Taiwan Strait",
              "body": G7["body"].rsplit("\n", 1)[0]}
    rewrite = web.page("/pacific-daily/g7", edited, "Pacific Daily")
    store = Store(tmp_path / "web.db")
    report = ingest(store, embedder, [original, copy, rewrite, web.page("/state/quad", QUAD, "State")],
                    fetcher=fetcher)
    assert [i.status for i in report.items] == ["added", "same-story", "same-story", "added"]
    assert report.items[1].same_as == report.items[2].same_as == G7["title"]
    stats = store.stats()
    assert stats["articles"] == 4 and stats["duplicates"] == 2
    lead = store.get_article(1)
    assert [a.outlet for a in store.also_in([lead.id])[lead.id]] == ["Asia Wire", "Pacific Daily"]
    answer = make_answerer(store, embedder).answer("G7 statement on the Taiwan Strait")
    assert answer.answered and {e.article_id for e in answer.excerpts} <= {lead.id, 4}
    cited = [e for e in answer.excerpts if e.article_id == lead.id]
    assert cited and cited[0].also == (("Asia Wire", copy), ("Pacific Daily", rewrite)), "cited once, also in"


@pytest.mark.parametrize("path, reason", [
    ("/missing", "the server answered 404 Not Found"),
    ("/500", "the server answered 500 Internal Server Error"),
    ("/slow", "timed out"),
    ("/huge", "larger than 5 MB"),
    ("/binary", "binary content, not a web page"),
    ("/report.pdf", "not a web page (content type application/pdf)"),
    ("/nav-only", "no article text found in the page"),
    ("/loop/0", "more than 5 redirects"),
])
def test_a_bad_url_is_reported_and_the_batch_goes_on(web, tmp_path, fetcher, path, reason):
    store = Store(tmp_path / "web.db")
    good = web.page("/state/aukus", AUKUS, "The White House")
    report = ingest(store, ToyEmbedder(), [web.url + path, good], fetcher=fetcher)
    assert [i.status for i in report.items] == ["failed", "added"]
    assert report.items[0].reason.startswith(reason), report.items[0].reason
    assert store.stats()["articles"] == 1
    assert next(store.db.query("PRAGMA integrity_check"))["integrity_check"] == "ok"
    assert not list(store.db.query("SELECT id FROM articles a WHERE NOT EXISTS"
                                   " (SELECT 1 FROM chunks c WHERE c.article_id = a.id)")), "no half article"


def test_private_and_non_web_addresses_are_refused_without_the_flag(web):
    guarded = Fetcher(allow_private=False)
    hits = dict(web.hits)
    for url, reason in [(web.url + "/state/g7-taiwan", "refused: 127.0.0.1 resolves to 127.0.0.1"),
                        ("http://169.254.169.254/latest/meta-data/", "refused"),
                        ("http://10.0.0.5/", "refused"), ("http://[::1]/", "refused"),
                        ("http://localhost:1/", "refused"),
                        ("file:///etc/passwd", "only http and https"), ("ftp://example.org/a", "only http and https"),
                        ("http://user:pw@example.org/", "links with a user name")]:
        with pytest.raises(FetchError) as e:
            guarded.fetch(url)
        assert str(e.value).startswith(reason), (url, str(e.value))
    assert web.hits == hits, "a refused URL is never requested"


def test_a_feed_polled_twice_adds_only_new_entries_and_honours_etag(web, tmp_path, fetcher):
    pages = [(a["title"], web.page(f"/feed-a/{n}", a, "State"), a["date"]) for n, a in enumerate([G7, QUAD, AUKUS])]
    url = web.feed("/feeds/a.xml", "State Department: East Asia", pages[:2], etag='"v1"')
    store = Store(tmp_path / "web.db")
    poller = FeedPoller(store, ToyEmbedder(), fetcher)
    feed, created = poller.subscribe(url, "U1")
    assert created and feed.title == "State Department: East Asia"
    assert poller.subscribe(url, "U1")[1] is False, "the same feed twice is one feed"
    first = poller.poll(feed)
    assert (first.new, first.failed, first.error) == (2, 0, None)
    unchanged = poller.poll(poller.feeds.get(feed.id))
    assert unchanged.new == 0 and web.not_modified == 1, "If-None-Match answered 304"
    web.feed("/feeds/a.xml", "State Department: East Asia", pages, etag='"v2"')
    second = poller.poll(poller.feeds.get(feed.id))
    assert second.new == 1 and store.stats()["articles"] == 3
    assert [i.title for i in second.report.items] == [AUKUS["title"]], "only the new entry is fetched"
    assert f"#{feed.id} State Department: East Asia — {url} · last fetched " in feed_list(SourcesService(poller))


def test_a_broken_feed_shows_its_error_and_does_not_stop_the_others(web, tmp_path, fetcher):
    good = web.feed("/feeds/good.xml", "Good feed", [(CAMPBELL["title"], web.page("/c", CAMPBELL, "WH"),
                                                      CAMPBELL["date"])], etag='"g1"')
    flaky = web.feed("/feeds/flaky.xml", "Flaky feed", [(QUAD["title"], web.page("/q", QUAD, "State"),
                                                         QUAD["date"])], etag='"f1"')
    store = Store(tmp_path / "web.db")
    poller = FeedPoller(store, ToyEmbedder(), fetcher)
    flaky_feed = poller.subscribe(flaky, None)[0]
    poller.subscribe(good, None)
    web.routes["/feeds/flaky.xml"] = web.routes["/500"]  # the feed breaks after it was added
    results = poller.poll_all()
    assert [(r.new, r.error) for r in results] == [(0, "the server answered 500 Internal Server Error"), (1, None)]
    assert f"#{flaky_feed.id} Flaky feed" in feed_list(SourcesService(poller))
    assert "last error: the server answered 500 Internal Server Error" in feed_list(SourcesService(poller))
    with pytest.raises(FetchError, match="not an RSS or Atom feed"):
        poller.subscribe(web.url + "/not-a-feed.xml", None)


@pytest.mark.parametrize("text, parsed", [
    ("add https://www.state.gov/a", AddUrl("https://www.state.gov/a")),
    ("add <https://www.state.gov/a|www.state.gov/a>", AddUrl("https://www.state.gov/a")),
    ("feed add <https://www.state.gov/rss>", FeedAdd("https://www.state.gov/rss")),
    ("feed list", FeedList()), ("feed remove #2", FeedRemove(2)), ("links ON", Links(True)),
    ("links off", Links(False)),
    ("add more context on taiwan", None), ("feed the world", None), ("links between Beijing and Moscow", None),
    ("feed add", Invalid), ("feed add not-a-url", Invalid), ("feed remove x", Invalid),
])
def test_source_command_grammar(text, parsed):
    result = parse_sources(text)
    assert isinstance(result, Invalid) if parsed is Invalid else result == parsed


def test_only_admins_add_sources_when_admins_are_set(web, tmp_path, fetcher):
    store = Store(tmp_path / "web.db")
    poller = FeedPoller(store, ToyEmbedder(), fetcher)
    settings = Settings(admin_user_ids=frozenset({"UADMIN"}))
    url = web.page("/admin/aukus", AUKUS, "The White House")
    replies: list[str] = []
    for text in (f"add {url}", f"feed add {url}", "feed remove 1", "links on"):
        run_sources(parse_sources(text), {"user_id": "UOTHER", "channel_id": "C1"}, settings, SourcesService(poller),
                    replies.append)
    assert len(replies) == 4 and all(r.startswith("Only <@UADMIN> can add sources") for r in replies)
    assert store.stats()["articles"] == 0 and not poller.feeds.all() and not poller.feeds.links_on("", "C1")
    run_sources(parse_sources("feed list"), {"user_id": "UOTHER"}, settings, SourcesService(poller), replies.append)
    assert replies[-1].startswith("No feeds yet"), "anyone may list"
    run_sources(parse_sources(f"add {url}"), {"user_id": "UADMIN"}, settings, SourcesService(poller), replies.append)
    assert replies[-1].startswith(f"Indexed: *{AUKUS['title']}*")
