"""The slash command: help, stats, schedules, sources; anything else is a query. Replies via the response_url.

The listener acks and writes the command as a job (core.replicas): this process answers it at once, or, if it
dies first, another process sharing the database does."""
from __future__ import annotations

from slack_bolt import Ack, App
from slack_bolt.context.respond import Respond

from core.answer import Answerer
from core.config import Settings
from core.limits import RateLimiter, clean_input, over_limit
from core.replicas import AnswerQueue, Delivery
from core.schedules_service import SchedulesService
from core.sources_service import SourcesService
from core.watches import WatchService
from handlers import blocks
from handlers import schedules as schedule_replies
from handlers import sources as source_replies
from handlers import watches as watch_replies
from handlers.grammar import is_schedule_command, is_watch_command, parse_source
from handlers.replies import respond_once

JOB = "command"
KEPT = ("command", "text", "user_id", "user_name", "channel_id", "channel_name", "team_id", "response_url",
        "trigger_id")


def register(app: App, slash_command: str) -> None:
    app.command(slash_command)(news)


def news(ack: Ack, command: dict, queue: AnswerQueue) -> None:
    ack()  # first, whatever the load: Slack gives a slash command 3 seconds
    queue.submit(JOB, {"command": {k: command[k] for k in KEPT if k in command}})


def answer(delivery: Delivery, answerer: Answerer, settings: Settings, schedules: SchedulesService,
           sources: SourcesService, limiter: RateLimiter, watches: WatchService) -> None:
    """Every reply is ephemeral, through the response_url; this runs on a worker, never on Bolt's thread."""
    command = delivery.payload["command"]
    text = clean_input(command.get("text"))

    def reply(message: str, **extra) -> None:
        if delivery.may_post():
            respond_once(Respond(response_url=command.get("response_url")), text=message, response_type="ephemeral",
                         **extra)

    name = command.get("command") or settings.slash_command
    if text.lower() in {"", "help"}:
        reply(blocks.usage_text(name), blocks=blocks.usage_blocks(name))
    elif text.lower() == "stats":
        reply(_stats(sources))
    elif is_schedule_command(text):
        reply(schedule_replies.reply(text, command, settings, schedules))
    elif is_watch_command(text):
        reply(watch_replies.reply(text, command.get("team_id", ""), command.get("channel_id", ""),
                                  command.get("user_id", ""), name, settings, watches))
    elif (request := parse_source(text)) is not None:
        source_replies.run(request, command, settings, sources, reply)
    elif refused := over_limit(limiter, text, command.get("team_id", ""), command.get("user_id", "")):
        reply(refused)
    else:
        result = answerer.answer(text)
        reply(blocks.answer_text(result), blocks=blocks.answer_blocks(result))


def tell_error(delivery: Delivery, message: str) -> None:
    respond_once(Respond(response_url=delivery.payload["command"].get("response_url")), text=message,
                 response_type="ephemeral")


def _stats(sources: SourcesService) -> str:
    s = sources.stats()
    return (f"Indexed: {s.articles:,} articles, {s.chunks:,} passages, {s.people:,} people named. "
            f"Database: {s.db_bytes / 1e6:.1f} MB.")
