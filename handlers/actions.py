"""Buttons: Share in channel, More."""
from __future__ import annotations

import json
from functools import partial

from slack_bolt import Ack, App, Respond

from core.answer import Answerer
from core.worker import Worker
from handlers import blocks
from handlers.replies import respond_once


def register(app: App) -> None:
    app.action(blocks.SHARE_ACTION)(share_answer)
    app.action(blocks.MORE_ACTION)(more_excerpts)


def _value(action: dict) -> tuple[str, int]:
    try:
        data = json.loads(action.get("value") or "{}")
        return str(data.get("q", "")), max(0, int(data.get("o", 0)))
    except (ValueError, TypeError):
        return "", 0


def share_answer(ack: Ack, action: dict, body: dict, respond: Respond, answerer: Answerer, worker: Worker) -> None:
    """Re-post the same answer in_channel, marked with who shared it (answers are deterministic)."""
    respond = partial(respond_once, respond)
    ack()
    query, _ = _value(action)
    user = (body.get("user") or {}).get("id", "")

    def share() -> None:
        answer = answerer.answer(query)
        respond(text=f"Shared by <@{user}>: {blocks.answer_text(answer)}",
                blocks=blocks.answer_blocks(answer, shared_by=user), response_type="in_channel",
                replace_original=False, delete_original=False)

    worker.submit(share, on_error=lambda message: respond(text=message, response_type="ephemeral",
                                                           replace_original=False))


def more_excerpts(ack: Ack, action: dict, respond: Respond, answerer: Answerer, worker: Worker) -> None:
    """The next page of the same answer's excerpts, to the asker only."""
    respond = partial(respond_once, respond)
    ack()
    query, offset = _value(action)

    def more() -> None:
        answer = answerer.answer(query)
        respond(text=blocks.answer_text(answer), blocks=blocks.answer_blocks(answer, offset=offset),
                response_type="ephemeral", replace_original=False)

    worker.submit(more, on_error=lambda message: respond(text=message, response_type="ephemeral",
                                                          replace_original=False))
