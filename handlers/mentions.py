"""@mentions in channels and DMs: one reply, in the thread, per question."""
from __future__ import annotations

import logging
import re

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from core.answer import Answerer
from core.config import Settings
from core.limits import RateLimiter, clean_input, over_limit
from core.replicas import AnswerQueue, Delivery, SeenEvents
from core.sources_service import SourcesService
from core.watches import WatchService
from core.worker import Worker
from core.workspaces import workspace_key
from handlers import blocks
from handlers import watches as watch_replies
from handlers.grammar import is_watch_command, links_in
from handlers.replies import post_answer
from handlers.workspaces import Workspaces

logger = logging.getLogger(__name__)
MAX_LINKS_PER_MESSAGE = 5
JOB = "message"
MENTION = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>")


def register(app: App) -> None:
    app.event("app_mention")(answer_mention)
    # One listener for every message event: Bolt's event constraints match on type and subtype only, so a
    # {"channel_type": "im"} listener would also take channel messages and answer them as questions.
    app.event("message")(on_message)


def on_message(body: dict, event: dict, client: WebClient, context: BoltContext, queue: AnswerQueue,
               worker: Worker, seen: SeenEvents, sources: SourcesService, settings: Settings) -> None:
    if event.get("channel_type") == "im":
        answer_dm(body, event, context, queue, seen)
    else:
        index_shared_links(body, event, client, worker, seen, sources, workspace_key(settings, context.team_id))


def _question(text: str) -> str:
    return clean_input(MENTION.sub(" ", text or ""))


def _ask(queue: AnswerQueue, context: BoltContext, channel: str, thread_ts: str | None, text: str,
         asker: str | None, marker: str) -> None:
    queue.submit(JOB, {"team_id": context.team_id or "", "channel": channel, "thread_ts": thread_ts, "text": text,
                       "asker": asker, "marker": marker})


def answer(delivery: Delivery, workspaces: Workspaces, answerer: Answerer, limiter: RateLimiter,
           settings: Settings, watches: WatchService) -> None:
    """One reply in the conversation, with its workspace's token, posted only if this process still owns the job."""
    job = delivery.payload
    channel, thread_ts, text, asker = job["channel"], job["thread_ts"], job["text"], job["asker"]
    client = workspaces.client(job.get("team_id", ""))
    if client is None:
        return
    if not text or text.lower() == "help":
        command = settings.slash_command
        if delivery.may_post():
            client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=blocks.usage_text(command),
                                    blocks=blocks.usage_blocks(command))
        return
    if is_watch_command(text):  # `@us-china watch taiwan` in a channel, `watch taiwan` in a DM
        said = watch_replies.reply(text, job.get("team_id", ""), channel, asker or "", settings.slash_command,
                                   settings, watches)
        if delivery.may_post():
            client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=said)
        return
    refused = over_limit(limiter, text, job.get("team_id", ""), asker or "")
    if refused:
        if delivery.may_post():
            client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=refused)
        return
    result = answerer.answer(text)
    if delivery.may_post():
        post_answer(client, channel, thread_ts, result, asker, job["marker"])


def tell_error(delivery: Delivery, message: str, workspaces: Workspaces) -> None:
    client = workspaces.client(delivery.payload.get("team_id", ""))
    if client is not None:
        client.chat_postMessage(channel=delivery.payload["channel"], thread_ts=delivery.payload["thread_ts"],
                                text=message)


def _first_time(body: dict, event: dict, seen: SeenEvents) -> bool:
    """Retries share the event id; the paired app_mention/message.im share channel and ts."""
    return seen.first_time(body.get("event_id", ""), _message_key(event))


def _message_key(event: dict) -> str:
    return f"{event.get('channel')}:{event.get('ts')}"


def _marker(body: dict, event: dict) -> str:
    """What the answer's message metadata names, so a retried post can find the first one."""
    return body.get("event_id") or _message_key(event)


def answer_mention(body: dict, event: dict, context: BoltContext, queue: AnswerQueue, seen: SeenEvents) -> None:
    if event.get("bot_id") or event.get("subtype") or not _first_time(body, event, seen):
        return
    thread_ts = event.get("thread_ts") or event.get("ts")
    _ask(queue, context, event["channel"], thread_ts, _question(event.get("text", "")), event.get("user"),
         _marker(body, event))


def answer_dm(body: dict, event: dict, context: BoltContext, queue: AnswerQueue, seen: SeenEvents) -> None:
    # edits (message_changed), deletions, joins and bot posts all carry a subtype or a bot_id
    if event.get("subtype") or event.get("bot_id") or event.get("user") == context.bot_user_id:
        return
    if not _first_time(body, event, seen):
        return
    _ask(queue, context, event["channel"], event.get("thread_ts"), _question(event.get("text", "")), event.get("user"),
         _marker(body, event))


def index_shared_links(body: dict, event: dict, client: WebClient, worker: Worker, seen: SeenEvents,
                       sources: SourcesService, workspace: str) -> None:
    """Channel messages are not questions (app_mention handles those); where `links on`, their links are indexed."""
    if event.get("subtype") or event.get("bot_id") or not event.get("channel", "").startswith(("C", "G")):
        return
    links = links_in(event.get("text", ""))
    if not links or not sources.links_on(workspace, event["channel"]) or not _first_time(body, event, seen):
        return

    def index() -> None:
        report = sources.index_links(links[:MAX_LINKS_PER_MESSAGE])
        for item in report.items:
            if item.status == "failed":
                logger.warning("shared link %s not indexed: %s", item.source, item.reason)
        client.reactions_add(channel=event["channel"], timestamp=event["ts"],
                             name="white_check_mark" if report.ok else "warning")

    worker.submit(index, on_error=lambda error_id: logger.warning("shared links: error %s", error_id))
