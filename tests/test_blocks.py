"""Rendering: escaping, Slack's limits, sentence cuts. Plain functions, plain data."""
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from core.answer import Answer, Excerpt
from handlers import blocks

HOSTILE = "<!channel> <@U0ADMIN> <https://evil.example|x> & <!here>"


def excerpt(text: str, article_id: int = 1, position: int = 0, **kw) -> Excerpt:
    return Excerpt(text=text, title=kw.get("title", "A | title"), source=kw.get("source", "https://example.gov/a"),
                   published="2023-11-01", score=0.9, article_id=article_id, position=position, role=kw.get("role"))


def rendered(answer: Answer) -> str:
    return json.dumps(blocks.answer_blocks(answer)) + blocks.answer_text(answer)


def test_escape():
    assert blocks.escape("a & <b> <!channel>") == "a &amp; &lt;b&gt; &lt;!channel&gt;"


def test_hostile_article_and_query_text_is_escaped_everywhere():
    answer = Answer(HOSTILE, "topic", True, HOSTILE, [excerpt(HOSTILE, title=HOSTILE, role=HOSTILE)],
                    more=[excerpt(HOSTILE, 2)])
    out = rendered(answer)
    for raw in ("<!channel>", "<@U0ADMIN>", "<https://evil.example|x>", "<!here>"):
        assert raw not in out


def test_only_web_sources_become_links():
    out = json.dumps(blocks.answer_blocks(Answer("q", "topic", True, "s", [
        excerpt("One.", source="https://example.gov/a"), excerpt("Two.", 2, source="seeds/a.txt"),
        excerpt("Three.", 3, source="javascript:alert(1)")])), ensure_ascii=False)
    assert "<https://example.gov/a|A – title>" in out
    assert "<seeds/a.txt" not in out and "<javascript" not in out


def test_long_text_is_cut_at_a_sentence():
    text = ("This sentence is complete. " * 200).strip()
    out = blocks.cut(text, 3000)
    assert len(out) <= 3000 and out.endswith("complete. …")


@given(st.text(max_size=5000), st.lists(st.text(min_size=1, max_size=4000), max_size=60))
@settings(max_examples=60, deadline=None)
def test_any_answer_renders_within_limits(query, texts):
    excerpts = [excerpt(t, i // 3, i) for i, t in enumerate(texts)]
    answer = Answer(query, "who-is", bool(excerpts), query, excerpts[:5], entity=query[:400] or None,
                    more=excerpts[5:], also_named=[t[:500] for t in texts[:3]])
    out = blocks.answer_blocks(answer)
    assert len(out) <= 50
    for block in out:
        if block["type"] in ("section",):
            assert len(block["text"]["text"]) <= 3000
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= 150
        if block["type"] == "actions":
            assert all(len(e["value"]) <= 2000 and len(e["text"]["text"]) <= 75 for e in block["elements"])
    assert blocks.answer_text(answer)


def test_a_surname_several_people_share_offers_each_other_one_as_a_button():
    """`who is Johnson` answers Alan Johnson and names Boris Johnson: a button asks for his profile, under the
    filters the question typed; the ids differ within the block, as Slack requires; a shared answer has none."""
    answer = Answer("who is Johnson since:2005-01 latest", "who-is", True,
                    "Alan Johnson: Work and Pensions Secretary (also named Johnson: Boris Johnson, Melanie Johnson)",
                    [excerpt("Work and Pensions Secretary Alan Johnson said so.", role="Work and Pensions Secretary")],
                    entity="Alan Johnson", also_named=["Boris Johnson", "Melanie Johnson"])
    asks = [e for b in blocks.answer_blocks(answer) if b["type"] == "actions" for e in b["elements"]
            if e["action_id"].startswith(blocks.ASK_ACTION)]
    assert [e["text"]["text"] for e in asks] == ["Who is Boris Johnson?", "Who is Melanie Johnson?"]
    assert [json.loads(e["value"]) for e in asks] == [{"q": "who is Boris Johnson since:2005-01 latest", "o": 0},
                                                      {"q": "who is Melanie Johnson since:2005-01 latest", "o": 0}]
    assert len({e["action_id"] for e in asks}) == 2
    assert blocks.ASK_ACTION not in json.dumps(blocks.answer_blocks(answer, shared_by="U1"))
    assert blocks.ASK_ACTION not in json.dumps(blocks.answer_blocks(answer, offset=5)), "not on a page of More"
