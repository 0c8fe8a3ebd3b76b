"""Which workspace a request's settings and schedules belong to."""
from __future__ import annotations

from core.config import Settings


def workspace_key(settings: Settings, team_id: str | None) -> str:
    """The key a workspace's schedules and channel settings are kept under: its team id when many workspaces
    install the bot (OAuth), '' with one SLACK_BOT_TOKEN, so the rows a single-workspace bot made before
    workspaces existed stay its own."""
    return (team_id or "") if settings.oauth else ""
