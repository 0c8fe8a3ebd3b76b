"""Which bot token answers a workspace: the one SLACK_BOT_TOKEN, or each workspace's own from the OAuth install.

Listeners get their workspace's client from Bolt (its authorize runs per request). Work done outside a request
(a question answered by the job queue, a digest, an alert) asks here with the team id it stored."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import InstallationStore
from slack_sdk.oauth.token_rotation import TokenRotator

logger = logging.getLogger(__name__)
ROTATE_MINUTES_BEFORE_EXPIRY = 120  # Bolt's own default for token rotation


class Workspaces(Protocol):
    def client(self, team_id: str) -> WebClient | None:
        """The Web API client for that workspace, or None when the bot is not (or no longer) installed there."""
        ...


class OneWorkspace:
    """Single-workspace mode: every team id gets the one SLACK_BOT_TOKEN client."""

    def __init__(self, client: WebClient) -> None:
        self._client = client

    def client(self, team_id: str) -> WebClient:
        return self._client


class InstalledWorkspaces:
    """OAuth mode: each workspace's bot token from slack_sdk's installation store, rotated (and saved) before it
    expires when the app has token rotation on, as Bolt does for requests."""

    def __init__(self, installations: InstallationStore, new_client: Callable[[str | None], WebClient],
                 client_id: str, client_secret: str) -> None:
        self.installations = installations
        self.new_client = new_client
        self.rotator = TokenRotator(client_id=client_id, client_secret=client_secret, client=new_client(None))

    def client(self, team_id: str) -> WebClient | None:
        bot = self.installations.find_bot(enterprise_id=None, team_id=team_id)
        if bot is None:
            logger.warning("no installation for workspace %s: nothing sent", team_id)
            return None
        if bot.bot_refresh_token:
            refreshed = self.rotator.perform_bot_token_rotation(
                bot=bot, minutes_before_expiration=ROTATE_MINUTES_BEFORE_EXPIRY)
            if refreshed is not None:
                self.installations.save_bot(refreshed)
                bot = refreshed
        return self.new_client(bot.bot_token)
