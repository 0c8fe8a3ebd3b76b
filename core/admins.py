"""Who may change what the bot does (sources, feeds, link indexing, schedules): everyone, unless
ADMIN_USER_IDS names some. Asking questions is never restricted."""
from __future__ import annotations

from core.config import Settings


def is_admin(settings: Settings, user: str) -> bool:
    return not settings.admin_user_ids or user in settings.admin_user_ids
