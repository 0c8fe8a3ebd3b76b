"""The slash command: help, stats, schedules, sources; anything else is a query. Replies via the response_url."""
from __future__ import annotations

from functools import partial

from slack_bolt import Ack, App, Respond

from bot.answer import Answerer
from bot import source_commands as sources
from bot.config import Settings
from bot.feeds import FeedPoller
from bot.limits import RateLimiter, clean_input, refusal
from bot.scheduler import DigestScheduler
from bot.schedules import is_schedule_command
from bot.worker import Worker
from handlers import blocks, schedule_commands, source_commands
from handlers.replies import apology, respond_once
from store.schedules import Schedules



def register(app: App, slash_command: str) -> None:
    app.command(slash_command)(news)


def news(ack: Ack, command: dict, respond: Respond, answerer: Answerer, worker: Worker, settings: Settings,
         schedules: Schedules, scheduler: DigestScheduler | None, poller: FeedPoller, limiter: RateLimiter) -> None:
    ack()  # first, whatever the load: Slack gives a slash command 3 seconds
    respond = partial(respond_once, respond)
    text = clean_input(command.get("text"))
    name = command.get("command") or "/us-china"
    if text.lower() in {"", "help"}:
        job = lambda: respond(text=blocks.usage_text(name), blocks=blocks.usage_blocks(name),  # noqa: E731
                              response_type="ephemeral")
    elif text.lower() == "stats":
        job = lambda: respond(text=_stats(answerer), response_type="ephemeral")  # noqa: E731
    elif is_schedule_command(text):
        job = lambda: respond(text=schedule_commands.reply(text, command, settings, schedules, scheduler),  # noqa: E731
                              response_type="ephemeral")
    elif (request := sources.parse(text)) is not None:
        job = lambda: source_commands.run(  # noqa: E731
            request, command, settings, poller, lambda reply: respond(text=reply, response_type="ephemeral"))
    elif refused := refusal(limiter, text, command.get("user_id", "")):
        job = lambda: respond(text=refused, response_type="ephemeral")  # noqa: E731
    else:
        def job() -> None:
            result = answerer.answer(text)
            respond(text=blocks.answer_text(result), blocks=blocks.answer_blocks(result), response_type="ephemeral")

    worker.submit(job, on_error=lambda error_id: respond(text=apology(error_id), response_type="ephemeral"))


def _stats(answerer: Answerer) -> str:
    s = answerer.store.stats()
    return (f"Indexed: {s['articles']:,} articles, {s['chunks']:,} passages, {s['people']:,} people named. "
            f"Database: {s['db_bytes'] / 1e6:.1f} MB.")
