"""Delivering watch alerts to Slack, with each workspace's own client."""
from __future__ import annotations

from datetime import datetime

from slack_sdk.errors import SlackApiError

from core.digest_delivery import DeliveryError
from core.watch_delivery import Alert
from core.watches import Watch
from handlers import blocks
from handlers.digest_outbox import client_or_refuse, find_marked
from handlers.workspaces import Workspaces

MARKER_EVENT = "us_china_watch"


class SlackWatchOutbox:
    """Posts carry message metadata naming (watch, post), so a restarted bot can see what went out."""

    def __init__(self, workspaces: Workspaces, command: str) -> None:
        self.workspaces = workspaces
        self.command = command

    def post_alert(self, alert: Alert, marker: dict) -> str:
        try:
            response = client_or_refuse(self.workspaces, alert.watch.team_id).chat_postMessage(
                channel=alert.watch.channel_id, text=blocks.alert_text(alert),
                blocks=blocks.alert_blocks(alert, self.command),
                metadata={"event_type": MARKER_EVENT, "event_payload": marker}, unfurl_links=False, unfurl_media=False)
        except SlackApiError as e:
            raise DeliveryError(str(e.response.get("error") or e.response.status_code)) from e
        return str(response.get("ts"))

    def find_alert(self, watch: Watch, marker: dict, since: datetime) -> str | None:
        return find_marked(client_or_refuse(self.workspaces, watch.team_id), watch.channel_id, MARKER_EVENT, marker,
                           since)

    def tell(self, team_id: str, user_id: str, text: str) -> None:
        client_or_refuse(self.workspaces, team_id).chat_postMessage(channel=user_id, text=text)
