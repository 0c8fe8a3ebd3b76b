"""Delivering watch alerts to Slack, with each workspace's own client (client_for(team_id))."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from core.digest_delivery import DeliveryError
from core.watch_delivery import Alert
from core.watches import Watch
from handlers import blocks

MARKER_EVENT = "us_china_watch"
ClientFor = Callable[[str], WebClient]


class SlackWatchOutbox:
    """Posts carry message metadata naming (watch, post), so a restarted bot can see what went out."""

    def __init__(self, client_for: ClientFor, command: str) -> None:
        self.client_for = client_for
        self.command = command

    def post_alert(self, alert: Alert, marker: dict) -> str:
        try:
            response = self.client_for(alert.watch.team_id).chat_postMessage(
                channel=alert.watch.channel_id, text=blocks.alert_text(alert),
                blocks=blocks.alert_blocks(alert, self.command),
                metadata={"event_type": MARKER_EVENT, "event_payload": marker}, unfurl_links=False, unfurl_media=False)
        except SlackApiError as e:
            raise DeliveryError(str(e.response.get("error") or e.response.status_code)) from e
        return str(response.get("ts"))

    def find_alert(self, watch: Watch, marker: dict, since: datetime) -> str | None:
        try:
            response = self.client_for(watch.team_id).conversations_history(
                channel=watch.channel_id, oldest=f"{since.timestamp() - 60:.6f}", include_all_metadata=True,
                limit=200)
        except SlackApiError as e:
            raise DeliveryError(str(e.response.get("error") or e.response.status_code)) from e
        for message in response.get("messages") or []:
            metadata = message.get("metadata") or {}
            if metadata.get("event_type") == MARKER_EVENT and metadata.get("event_payload") == marker:
                return message.get("ts")
        return None

    def tell(self, team_id: str, user_id: str, text: str) -> None:
        self.client_for(team_id).chat_postMessage(channel=user_id, text=text)
