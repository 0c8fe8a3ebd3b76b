"""Answer -> plain text for the terminal. (Slack rendering lives in handlers/blocks.py.)"""
from __future__ import annotations

from core.answer import Answer, Excerpt


def citation(e: Excerpt) -> str:
    date = e.published or "undated"
    where = e.source or ""
    also = f"; also in: {', '.join(name for name, _ in e.also)}" if e.also else ""
    return f"{e.title} ({date})" + (f" <{where}>" if where else "") + also


def answer_text(answer: Answer) -> str:
    lines = [answer.summary]
    if answer.answered:
        lines.append("")
        current = None
        for n, e in enumerate(answer.excerpts, 1):
            if e.article_id != current and answer.intent != "who-is":
                current = e.article_id
                lines.append(f"— {citation(e)}")
            if answer.intent == "who-is":
                lines.append(f"{n}. {e.role or 'mentioned'} — “{e.text}”")
                lines.append(f"   {citation(e)}")
            else:
                lines.append(f"   “{e.text}”")
        if answer.more:
            lines.append(f"\n({len(answer.more)} more excerpts)")
    return "\n".join(lines)
