"""Feedback on answers (issue #20, item 3): 👍 / 👎 with a reason, stored with the question and the excerpts
shown; the week's count; the 👎 questions exported in the format of the labelled question sets
(testkit/labels/answers_*.jsonl), ready to label and add. No Slack here."""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta

from core.answer import Excerpt
from core.clock import utc_now
from store.feedback import Feedback, FeedbackTable

REASONS = {"wrong-person": "wrong person", "not-an-answer": "not an answer", "missing": "missing something"}
YES_NO = {"is", "are", "was", "were", "do", "does", "did", "can", "could", "will", "would", "should", "has", "have",
          "had"}


def shown(excerpts: list[Excerpt]) -> list[dict]:
    return [{"text": e.text, "title": e.title, "source": e.source, "published": e.published} for e in excerpts]


def kind_of(question: str) -> str:
    """The labelled sets' `kind` a question looks like (who, when, how-many, yes-no, …); '' for a topic, which the
    labeller decides."""
    words = re.findall(r"[\w']+", question.lower())
    if not words:
        return ""
    if words[0] == "how" and len(words) > 1 and words[1] in {"many", "much"}:
        return "how-many"
    if words[0] in {"who", "which", "what", "when", "where", "why"}:
        return words[0]
    return "yes-no" if words[0] in YES_NO else ""


class FeedbackService:
    def __init__(self, table: FeedbackTable, clock: Callable[[], datetime] = utc_now) -> None:
        self.table = table
        self.clock = clock

    def vote(self, vote: str, question: str, excerpts: list[Excerpt], team_id: str | None, user_id: str,
             channel_id: str | None, message_ts: str | None) -> int | None:
        """Store 👍 ('up') or 👎 ('down'); the feedback id, or None if this person already voted on this message."""
        if vote not in {"up", "down"}:
            raise ValueError(f"vote must be up or down, not {vote!r}")
        return self.table.add(vote, team_id, user_id, channel_id, message_ts, question, shown(excerpts), self.clock())

    def give_reason(self, feedback_id: int, user_id: str, reason: str) -> bool:
        """A 👎's reason (a key of REASONS), once, from the person who gave it."""
        return reason in REASONS and self.table.give_reason(feedback_id, user_id, REASONS[reason])

    def get(self, feedback_id: int) -> Feedback | None:
        return self.table.get(feedback_id)

    def since(self, window: timedelta, vote: str | None = None) -> list[Feedback]:
        return self.table.since(self.clock() - window, vote)

    def this_week(self, team_id: str | None = None) -> dict[str, int]:
        """👍 and 👎 counts over the last seven days (in one workspace, if given)."""
        return self.table.counts(self.clock() - timedelta(days=7), team_id)

    def export_rows(self, window: timedelta | None = None) -> list[dict]:
        """The 👎 questions as rows of the labelled answer sets: `file`, `sentence` and `answer` left for the
        labeller (or the row moved to unanswerable_*.jsonl with a `why`), `kind` guessed, and what the person
        said and was shown under `feedback` (the loaders ignore it)."""
        since = self.clock() - window if window else datetime.fromtimestamp(0).astimezone()
        return [{"file": "", "question": f.question, "kind": kind_of(f.question), "sentence": "", "answer": "",
                 "feedback": {"reason": f.reason, "team_id": f.team_id, "user_id": f.user_id, "at": f.created_at,
                              "shown": f.shown}}
                for f in self.table.since(since, "down")]
