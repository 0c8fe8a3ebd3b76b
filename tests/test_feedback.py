"""Feedback on answers (issue #20, item 3): the table on both stores, the service, and the blocks that carry it.
The round trip through `us-china serve` is in tests/test_slack_http.py."""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from core.answer import Answer, Excerpt
from core.feedback import FeedbackService, kind_of
from core.filters import Filters
from handlers import blocks
from store.feedback import FeedbackTable
from testkit.answer_set import normalise
from tests.conftest import ROOT

EXCERPT = Excerpt(text="Kurt Campbell is the Indo-Pacific Coordinator.", title="Readout", source="https://x.example/a",
                  published="2023-11-01", score=1.0, article_id=1)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2023, 11, 20, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_one_vote_per_person_per_message_and_one_reason_by_its_giver(new_store):
    clock = Clock()
    service = FeedbackService(FeedbackTable(new_store()), clock)
    down = service.vote("down", "who is Campbell", [EXCERPT], "T1", "U1", "C1", "1.1")
    assert down is not None
    assert service.vote("up", "who is Campbell", [EXCERPT], "T1", "U1", "C1", "1.1") is None, "a second click"
    assert service.vote("up", "who is Campbell", [EXCERPT], "T1", "U2", "C1", "1.1") is not None, "someone else"
    assert service.vote("up", "who is Campbell", [EXCERPT], "T2", "U1", "C1", "1.1") is not None, "another workspace"
    assert not service.give_reason(down, "U2", "wrong-person"), "only the person who gave the 👎"
    assert not service.give_reason(down, "U1", "rude"), "only the reasons offered"
    assert service.give_reason(down, "U1", "wrong-person")
    assert not service.give_reason(down, "U1", "missing"), "once"
    stored = service.get(down)
    assert (stored.vote, stored.reason, stored.team_id, stored.question) == ("down", "wrong person", "T1",
                                                                             "who is Campbell")
    assert stored.shown == [{"text": EXCERPT.text, "title": "Readout", "source": "https://x.example/a",
                             "published": "2023-11-01"}]
    assert service.this_week() == {"up": 2, "down": 1} and service.this_week("T2") == {"up": 1, "down": 0}
    clock.now += timedelta(days=8)
    assert service.this_week() == {"up": 0, "down": 0}, "a week is seven days back from the clock"
    assert service.since(timedelta(days=9)) and not service.since(timedelta(days=7))


def test_the_export_is_a_labelled_set_row_to_fill_in(new_store):
    service = FeedbackService(FeedbackTable(new_store()), Clock())
    for n, question in enumerate(["how many submarines will Australia buy", "tensions taiwan since:2023-06-01"]):
        service.give_reason(service.vote("down", question, [EXCERPT], "T1", f"U{n}", "C1", "1.1"), f"U{n}", "missing")
    service.vote("up", "who is Campbell", [EXCERPT], "T1", "U9", "C1", "1.1")
    rows = service.export_rows()
    assert [r["question"] for r in rows] == ["how many submarines will Australia buy",
                                            "tensions taiwan since:2023-06-01"], "the 👎 only, oldest first"
    labelled = json.loads(open(ROOT / "testkit" / "labels" / "answers_seeds.jsonl").readline())
    assert set(labelled) - {"also"} <= set(rows[0]), "every key a labelled row has"
    assert (rows[0]["kind"], rows[1]["kind"]) == ("how-many", "")
    assert rows[0]["feedback"]["reason"] == "missing something"
    assert rows[0]["feedback"]["shown"][0]["title"] == "Readout"
    assert normalise(rows[0]["question"]) == "how many submarines will australia buy"


def test_kind_of_a_question():
    assert [kind_of(q) for q in ["who is Wang Yi", "When did Xi visit?", "how much did it cost", "did Biden go",
                                 "spy balloon", ""]] == ["who", "when", "how-many", "yes-no", "", ""]


def _answer(**kw) -> Answer:
    base = {"query": "tensions taiwan", "intent": "topic", "answered": True, "summary": "1 excerpt",
            "excerpts": [EXCERPT]}
    return Answer(**(base | kw))


def _feedback_ids(message: list[dict]) -> list[str]:
    return [a["action_id"] for b in message if b.get("block_id") == "feedback" for a in b.get("elements", [])
            if "action_id" in a]


def test_every_answer_carries_thumbs_up_and_down():
    for answer in [_answer(), _answer(intent="who-is", entity="Kurt Campbell"),
                   _answer(answered=False, excerpts=[], summary="I found nothing")]:
        for shown in (blocks.answer_blocks(answer), blocks.answer_blocks(answer, shared_by="U9")):
            assert _feedback_ids(shown) == ["feedback_up", "feedback_down"]
    invalid = _answer(intent="invalid-filter", answered=False, excerpts=[], summary="`since:x` is not a date")
    assert _feedback_ids(blocks.answer_blocks(invalid)) == [], "the grammar is not an answer to judge"
    value = json.loads(blocks.answer_blocks(_answer(), offset=0)[-1]["elements"][0]["value"])
    assert value == {"q": "tensions taiwan", "o": 0}


def test_the_query_is_restated_with_its_filters():
    answer = _answer(query="taiwan since:2023-06-01", filters=Filters(since="2023-06-01"))
    assert blocks.answer_blocks(answer)[0]["elements"][0]["text"] == (
        "You asked: *taiwan since:2023-06-01* · filters: since 1 Jun 2023")


def test_feedback_blocks_swap_and_leave_the_answer_alone():
    shown = blocks.answer_blocks(_answer())
    value = shown[-1]["elements"][0]["value"]
    asking = blocks.swap_feedback(shown, blocks.feedback_blocks(value, "reasons", 7))
    assert asking[:-2] == shown[:-1] and "What was wrong?" in json.dumps(asking[-2])
    reasons = asking[-1]["elements"]
    assert [json.loads(r["value"]) for r in reasons] == [{"f": 7, "r": code, "o": 0} for code in
                                                        ("wrong-person", "not-an-answer", "missing")]
    thanked = blocks.swap_feedback(asking, blocks.feedback_blocks("", "thanked", reason="not an answer"))
    assert thanked[:-1] == shown[:-1] and thanked[-1]["type"] == "context"
    assert "“not an answer” noted" in json.dumps(thanked[-1], ensure_ascii=False)
