"""Buttons: Share in channel, More, who-is for another person of the surname asked, and feedback (👍, 👎 and its
reason)."""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import partial

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from core.answer import Answer, Answerer
from core.feedback import REASONS, FeedbackService
from core.worker import Worker
from handlers import blocks
from handlers.replies import respond_once


def register(app: App) -> None:
    app.action(blocks.SHARE_ACTION)(share_answer)
    app.action(blocks.MORE_ACTION)(more_excerpts)
    app.action(re.compile(f"^{blocks.ASK_ACTION}_"))(more_excerpts)  # a new answer is its first page
    app.action(blocks.UP_ACTION)(vote_up)
    app.action(blocks.DOWN_ACTION)(vote_down)
    app.action(re.compile(f"^{blocks.REASON_ACTION}_"))(give_reason)


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
    """A page of an answer, to the asker only: the next page of the same answer's excerpts (More), or the first page
    of the question a button asks ("Who is Boris Johnson?")."""
    respond = partial(respond_once, respond)
    ack()
    query, offset = _value(action)

    def more() -> None:
        answer = answerer.answer(query)
        respond(text=blocks.answer_text(answer), blocks=blocks.answer_blocks(answer, offset=offset),
                response_type="ephemeral", replace_original=False)

    worker.submit(more, on_error=lambda message: respond(text=message, response_type="ephemeral",
                                                          replace_original=False))


# -- feedback ------------------------------------------------------------------------------------

def vote_up(ack: Ack, action: dict, body: dict, respond: Respond, client: WebClient, answerer: Answerer,
            feedback: FeedbackService, worker: Worker) -> None:
    _vote("up", ack, action, body, respond, client, answerer, feedback, worker)


def vote_down(ack: Ack, action: dict, body: dict, respond: Respond, client: WebClient, answerer: Answerer,
              feedback: FeedbackService, worker: Worker) -> None:
    _vote("down", ack, action, body, respond, client, answerer, feedback, worker)


def _where(body: dict) -> tuple[str | None, str, str | None, str | None]:
    """(team, user, channel, message ts) of a click."""
    container = body.get("container") or {}
    user = body.get("user") or {}
    team = (body.get("team") or {}).get("id") or user.get("team_id")
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
    return team, user.get("id", ""), channel, container.get("message_ts")


def _vote(vote: str, ack: Ack, action: dict, body: dict, respond: Respond, client: WebClient, answerer: Answerer,
          feedback: FeedbackService, worker: Worker) -> None:
    """Store the vote with the question and the excerpts the message showed (the answer is asked again: answers
    are deterministic, as Share and More rely on), then update the message once: a 👍 is thanked, a 👎 asks why."""
    respond = partial(respond_once, respond)
    ack()
    query, offset = _value(action)
    team, user, channel, ts = _where(body)

    def run() -> None:
        answer = answerer.answer(query)
        feedback_id = feedback.vote(vote, answer.query, blocks.page_of(answer, offset), team, user, channel, ts)
        if feedback_id is None:  # this person already voted on this message: nothing to thank again
            return
        value = action.get("value") or ""
        replacement = (blocks.feedback_blocks(value, "thanked") if vote == "up"
                       else blocks.feedback_blocks(value, "reasons", feedback_id))
        _update_message(body, respond, client, lambda: answer, offset, replacement)

    worker.submit(run, on_error=lambda message: respond(text=message, response_type="ephemeral",
                                                         replace_original=False))


def give_reason(ack: Ack, action: dict, body: dict, respond: Respond, client: WebClient, answerer: Answerer,
                feedback: FeedbackService, worker: Worker) -> None:
    """A 👎's reason: stored once, by the person who gave the 👎; the message then thanks them."""
    respond = partial(respond_once, respond)
    ack()
    try:
        data = json.loads(action.get("value") or "{}")
        feedback_id, reason, offset = int(data["f"]), str(data["r"]), max(0, int(data.get("o", 0)))
    except (ValueError, TypeError, KeyError):
        return
    _, user, _, _ = _where(body)

    def run() -> None:
        if not feedback.give_reason(feedback_id, user, reason):
            return
        question = feedback.get(feedback_id).question
        replacement = blocks.feedback_blocks("", "thanked", reason=REASONS[reason])
        _update_message(body, respond, client, lambda: answerer.answer(question), offset, replacement)

    worker.submit(run, on_error=lambda message: respond(text=message, response_type="ephemeral",
                                                         replace_original=False))


def _update_message(body: dict, respond: Callable, client: WebClient, answer: Callable[[], Answer], offset: int,
                    replacement: list) -> None:
    """Swap the message's feedback blocks: an ephemeral answer through the response_url (Slack sends no copy of an
    ephemeral message, so its blocks are rebuilt from the answer), a posted one with chat.update."""
    message = body.get("message") or {}
    container = body.get("container") or {}
    if message.get("blocks"):
        new_blocks, text = blocks.swap_feedback(message["blocks"], replacement), message.get("text") or "…"
    else:
        shown = answer()
        new_blocks, text = blocks.answer_blocks(shown, offset=offset, feedback=replacement), blocks.answer_text(shown)
    if container.get("is_ephemeral") or not message:
        respond(text=text, blocks=new_blocks, response_type="ephemeral", replace_original=True)
        return
    try:
        client.chat_update(channel=container.get("channel_id"), ts=container.get("message_ts"), text=text,
                           blocks=new_blocks)
    except SlackApiError as e:
        if e.response.get("error") != "cant_update_message":
            raise
        # an answer shared through a slash command's response_url may not be the bot's to chat.update
        respond(text=text, blocks=new_blocks, replace_original=True)
