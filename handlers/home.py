"""App Home: what the bot is, how to ask, what is indexed, every channel's digest schedules, and the week's
feedback on answers."""
from __future__ import annotations

from datetime import UTC, datetime

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from core.config import Settings
from core.feedback import FeedbackService
from core.schedules_service import SchedulesService
from core.sources_service import SourcesService
from core.workspaces import workspace_key
from handlers import blocks
from handlers.schedules import list_text


def register(app: App) -> None:
    app.event("app_home_opened")(publish_home)


def publish_home(event: dict, client: WebClient, context: BoltContext, sources: SourcesService,
                 schedules: SchedulesService, settings: Settings, feedback: FeedbackService) -> None:
    """The corpus is every workspace's; the schedules listed and the feedback counted are this workspace's."""
    workspace = workspace_key(settings, context.team_id)
    stats = sources.stats()
    week = feedback.this_week(context.team_id or "")
    view_blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": "us-china"}},
        {"type": "section", "text": {"type": "mrkdwn", "text": blocks.usage_text(settings.slash_command)}},
        {"type": "divider"},
        {"type": "section", "text": {"type": "mrkdwn", "text": blocks.cut(
            f"*Indexed:* {stats.articles:,} articles, {stats.chunks:,} passages.\n*Sources:* "
            + (", ".join(f"{blocks.clean(name)} ({n})" for name, n in stats.outlets) or "none yet"), 3000)}},
        {"type": "section", "text": {"type": "mrkdwn", "text": blocks.cut(
            "*Channel schedules:*\n" + list_text(schedules, workspace, None, datetime.now(UTC)), 3000)}},
        {"type": "section", "text": {"type": "mrkdwn", "text":
            f"*Feedback on answers this week:* 👍 {week['up']} · 👎 {week['down']}"
            " (`us-china feedback` lists it; `--export FILE` writes the 👎 questions for labelling)"}},
    ]
    client.views_publish(user_id=event["user"], view={"type": "home", "blocks": view_blocks})
