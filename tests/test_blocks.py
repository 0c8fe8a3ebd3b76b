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
                    more=excerpts[5:])
    out = blocks.answer_blocks(answer)
    assert len(out) <= 50
    for block in out:
        if block["type"] in ("section",):
            assert len(block["text"]["text"]) <= 3000
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= 150
        if block["type"] == "actions":
            assert all(len(e["value"]) <= 2000 for e in block["elements"])
    assert blocks.answer_text(answer)
