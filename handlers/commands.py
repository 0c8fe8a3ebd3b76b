"""The slash command: help, stats, schedules, sources; anything else is a query. Replies via the response_url."""
from __future__ import annotations

from functools import partial

from slack_bolt import Ack, App, Respond

from core.answer import Answerer
from core.config import Settings
from core.limits import RateLimiter, clean_input, over_limit
from core.schedules_service import SchedulesService
from core.sources_service import SourcesService
from core.worker import Worker
from handlers import blocks
from handlers import schedules as schedule_replies
from handlers import sources as source_replies
from handlers.grammar import is_schedule_command, parse_source
from handlers.replies import apology, respond_once


def register(app: App, slash_command: str) -> None:
    app.command(slash_command)(news)


def news(ack: Ack, command: dict, respond: Respond, answerer: Answerer, worker: Worker, settings: Settings,
         schedules: SchedulesService, sources: SourcesService, limiter: RateLimiter) -> None:
    ack()  # first, whatever the load: Slack gives a slash command 3 seconds
    respond = partial(respond_once, respond)
    text = clean_input(command.get("text"))

    def reply() -> None:
        """Every reply is ephemeral, through the response_url; this runs on the worker, never on Bolt's thread."""
        name = command.get("command") or settings.slash_command
        if text.lower() in {"", "help"}:
            respond(text=blocks.usage_text(name), blocks=blocks.usage_blocks(name), response_type="ephemeral")
        elif text.lower() == "stats":
            respond(text=_stats(sources), response_type="ephemeral")
        elif is_schedule_command(text):
            respond(text=schedule_replies.reply(text, command, settings, schedules), response_type="ephemeral")
        elif (request := parse_source(text)) is not None:
            source_replies.run(request, command, settings, sources,
                               lambda message: respond(text=message, response_type="ephemeral"))
        elif refused := over_limit(limiter, text, command.get("user_id", "")):
            respond(text=refused, response_type="ephemeral")
        else:
            result = answerer.answer(text)
            respond(text=blocks.answer_text(result), blocks=blocks.answer_blocks(result), response_type="ephemeral")

    worker.submit(reply, on_error=lambda error_id: respond(text=apology(error_id), response_type="ephemeral"))


def _stats(sources: SourcesService) -> str:
    s = sources.stats()
    return (f"Indexed: {s.articles:,} articles, {s.chunks:,} passages, {s.people:,} people named. "
            f"Database: {s.db_bytes / 1e6:.1f} MB.")
