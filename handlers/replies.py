"""Sending answers: one place that knows how Slack errors become messages for people."""
from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.answer import Answer
from handlers import blocks

logger = logging.getLogger(__name__)
NOT_IN_CHANNEL = {"not_in_channel", "channel_not_found", "is_archived"}


def apology(error_id: str) -> str:
    return f"Sorry, something went wrong while answering (error id `{error_id}`). Please try again."


def invite_hint(bot_name: str = "us-china") -> str:
    return (f"I can't post in that channel because I'm not a member. Invite me with `/invite @{bot_name}` "
            "and ask again.")


def post_answer(client: WebClient, channel: str, thread_ts: str | None, answer: Answer,
                asker: str | None = None) -> None:
    """Exactly one chat.postMessage; Slack's 429 and 5xx are retried by the client's retry handlers."""
    try:
        client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=blocks.answer_text(answer),
                                blocks=blocks.answer_blocks(answer), unfurl_links=False, unfurl_media=False)
    except SlackApiError as e:
        if e.response.get("error") not in NOT_IN_CHANNEL or not asker:
            raise
        logger.warning("cannot post in %s: %s; telling %s", channel, e.response.get("error"), asker)
        client.chat_postMessage(channel=asker, text=invite_hint())
