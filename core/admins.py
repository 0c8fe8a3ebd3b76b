"""Who may change what the bot does (sources, feeds, link indexing, schedules) in a workspace.

ADMIN_USER_IDS lists `U…` ids (admins in every workspace) and `T…:U…` ids (admins of that workspace only).
Where no id applies to a workspace, everyone there may, as with an empty list. Asking questions is never
restricted."""
from __future__ import annotations

from core.config import Settings


def admins_of(settings: Settings, team_id: str) -> set[str]:
    admins = set()
    for entry in settings.admin_user_ids:
        team, _, user = entry.rpartition(":")
        if not team or team == team_id:
            admins.add(user)
    return admins


def is_admin(settings: Settings, user: str, team_id: str) -> bool:
    admins = admins_of(settings, team_id)
    return not admins or user in admins
