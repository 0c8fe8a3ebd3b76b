"""Answers and digests as plain text for a terminal (`us-china ask`, `run`, `digest`). Slack's mrkdwn
rendering is handlers/blocks.py; both quote the same excerpts."""
from __future__ import annotations

from core.answer import Answer, Excerpt
from core.digest import Digest


def citation_line(e: Excerpt) -> str:
    date = e.published or "undated"
    where = e.source or ""
    also = f"; also in: {', '.join(name for name, _ in e.also)}" if e.also else ""
    return f"{e.title} ({date})" + (f" <{where}>" if where else "") + also


def answer_lines(answer: Answer) -> str:
    lines = [f"Filters: {answer.filters.describe()}"] if answer.filters else []
    lines.append(answer.summary)
    if answer.excerpts:
        lines.append("")
        current = None
        for n, e in enumerate(answer.excerpts, 1):
            if e.article_id != current and answer.intent != "who-is":
                current = e.article_id
                lines.append(f"— {citation_line(e)}")
            if answer.intent == "who-is":
                lines.append(f"{n}. {e.role or 'mentioned'} — “{e.text}”")
                lines.append(f"   {citation_line(e)}")
            else:
                lines.append(f"   “{e.text}”")
                if e.speaker:
                    lines.append(f"      — {e.speaker}, {e.published or 'undated'}")
        if answer.more:
            lines.append(f"\n({len(answer.more)} more excerpts)")
    return "\n".join(lines)


def digest_lines(digest: Digest) -> str:
    """The digest for a terminal: headline, then each story with its sources and quotes."""
    lines = [digest.headline()]
    for n, story in enumerate(digest.stories, 1):
        meta = " · ".join(x for x in [story.published or "undated", story.outlet, story.link] if x)
        lines += ["", f"{n}. {story.title}", f"   {meta}"]
        lines += [f"   “{s}”" for s in story.sentences]
        if story.people:
            lines.append(f"   People: {', '.join(story.people)}")
        for source in story.also:
            lines.append(f"   Also in: {source.title} ({source.outlet or source.link or 'undated'})")
    if digest.more:
        lines += ["", f"…and {digest.more} more."]
    return "\n".join(lines)
