"""App Home: what the bot is, how to ask, what is indexed, and every channel's digest schedules."""
from __future__ import annotations

from datetime import datetime, timezone

from slack_bolt import App
from slack_sdk import WebClient

from bot.answer import Answerer
from handlers import blocks
from handlers.schedule_commands import list_text
from store.schedules import Schedules


def register(app: App) -> None:
    app.event("app_home_opened")(publish_home)


def publish_home(event: dict, client: WebClient, answerer: Answerer, schedules: Schedules) -> None:
    stats = answerer.store.stats()
    outlets = answerer.store.outlets()
    view_blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": "us-china"}},
        {"type": "section", "text": {"type": "mrkdwn", "text": blocks.usage_text("/us-china")}},
        {"type": "divider"},
        {"type": "section", "text": {"type": "mrkdwn", "text": blocks.cut(
            f"*Indexed:* {stats['articles']:,} articles, {stats['chunks']:,} passages.\n*Sources:* "
            + (", ".join(f"{blocks.clean(name)} ({n})" for name, n in outlets) or "none yet"), 3000)}},
        {"type": "section", "text": {"type": "mrkdwn", "text": blocks.cut(
            "*Channel schedules:*\n" + list_text(schedules, None, datetime.now(timezone.utc)), 3000)}},
    ]
    client.views_publish(user_id=event["user"], view={"type": "home", "blocks": view_blocks})
