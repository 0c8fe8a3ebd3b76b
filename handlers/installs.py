"""OAuth mode: a workspace that removes the bot (app_uninstalled) or revokes its bot token (tokens_revoked) loses
its installation, so its requests are refused, and its schedules and watches stop; other workspaces go on."""
from __future__ import annotations

import logging

from slack_bolt import App, BoltContext
from slack_bolt.listener.builtins import TokenRevocationListeners

from core.config import Settings
from core.schedules_service import SchedulesService
from core.watches import WatchService
from core.workspaces import workspace_key

logger = logging.getLogger(__name__)


def register(app: App) -> None:
    revocation = TokenRevocationListeners(app.installation_store)

    def stop(context: BoltContext, schedules: SchedulesService, watches: WatchService, settings: Settings) -> None:
        workspace = workspace_key(settings, context.team_id)
        stopped = schedules.cancel_workspace(workspace)
        unwatched = watches.cancel_workspace(workspace)
        logger.warning("workspace %s removed the bot: installation deleted, %d schedule(s) and %d watch(es) stopped",
                       context.team_id, len(stopped), len(unwatched))

    @app.event("app_uninstalled")
    def uninstalled(context: BoltContext, schedules: SchedulesService, watches: WatchService,
                    settings: Settings) -> None:
        revocation.handle_app_uninstalled_events(context)
        stop(context, schedules, watches, settings)

    @app.event("tokens_revoked")
    def revoked(event: dict, context: BoltContext, schedules: SchedulesService, watches: WatchService,
                settings: Settings) -> None:
        revocation.handle_tokens_revoked_events(event, context)
        if (event.get("tokens") or {}).get("bot"):
            stop(context, schedules, watches, settings)
