"""Sending answers: one place that knows how Slack errors become messages for people."""
from __future__ import annotations

import logging
import time

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from core.admins import admins_of
from core.answer import Answer
from core.config import Settings
from handlers import blocks

logger = logging.getLogger(__name__)
ANSWER_EVENT = "us_china_answer"
NOT_IN_CHANNEL = {"not_in_channel", "channel_not_found", "is_archived"}


def admins_only(settings: Settings, team_id: str, what: str) -> str:
    """The reply to someone core.admins.is_admin refuses."""
    admins = ", ".join(f"<@{blocks.clean(a)}>" for a in sorted(admins_of(settings, team_id)))
    return f"Only {admins} can {what} here."


def invite_hint(bot_name: str = "us-china") -> str:
    return (f"I can't post in that channel because I'm not a member. Invite me with `/invite @{bot_name}` "
            "and ask again.")


def post_answer(client: WebClient, channel: str, thread_ts: str | None, answer: Answer,
                asker: str | None = None, marker: str | None = None) -> None:
    """One answer in the conversation. Slack's 429 and 5xx are retried by the client's retry handlers; a
    timeout is retried only after checking (by the message metadata `marker`) that the first post did not land,
    so a slow Slack never gets the answer twice."""
    message = {"channel": channel, "thread_ts": thread_ts, "text": blocks.answer_text(answer),
               "blocks": blocks.answer_blocks(answer), "unfurl_links": False, "unfurl_media": False}
    if marker:
        message["metadata"] = {"event_type": ANSWER_EVENT, "event_payload": {"question": marker}}
    try:
        client.chat_postMessage(**message)
    except SlackApiError as e:
        if e.response.get("error") not in NOT_IN_CHANNEL or not asker:
            raise
        logger.warning("cannot post in %s: %s; telling %s", channel, e.response.get("error"), asker)
        client.chat_postMessage(channel=asker, text=invite_hint())
    except TimeoutError:
        if marker and already_posted(client, channel, thread_ts, marker):
            logger.warning("Slack timed out but the answer to %s landed; not posting it again", marker)
            return
        logger.warning("Slack timed out and the answer to %s did not land; posting it again", marker)
        client.chat_postMessage(**message)


def already_posted(client: WebClient, channel: str, thread_ts: str | None, marker: str) -> bool:
    """Whether a message carrying this answer's marker is in the thread (or the channel's recent history)."""
    if thread_ts:
        response = client.conversations_replies(channel=channel, ts=thread_ts, include_all_metadata=True, limit=200)
    else:
        response = client.conversations_history(channel=channel, include_all_metadata=True, limit=50)
    return any((m.get("metadata") or {}).get("event_payload", {}).get("question") == marker
               for m in response.get("messages") or [])


def respond_once(respond, **message) -> None:
    """Reply at a response_url at most once: 429 and 5xx are retried (Slack did not take the message), a
    timeout is not (it may have landed, and an ephemeral reply cannot be looked up)."""
    for attempt in range(3):
        try:
            response = respond(**message)
        except TimeoutError:
            logger.warning("response_url timed out; not sending again, the reply may have landed")
            return
        status = getattr(response, "status_code", 200)
        if status < 400 or status in {400, 403, 404, 410}:  # delivered, or the response_url is spent
            if status >= 400:
                logger.warning("response_url refused the reply: %s %s", status, getattr(response, "body", ""))
            return
        time.sleep(min(_retry_after(response) or 0.5 * 2 ** attempt, 10))
    logger.warning("response_url kept failing (%s); the reply was not delivered", status)


def _retry_after(response) -> float | None:
    headers = {k.lower(): v for k, v in (getattr(response, "headers", None) or {}).items()}
    value = headers.get("retry-after")
    value = value[0] if isinstance(value, list) and value else value
    try:
        return float(value) if value else None
    except (TypeError, ValueError):
        return None
