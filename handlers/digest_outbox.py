"""Delivering digests to Slack: the Outbox the scheduler posts through, and App Home's schedule list."""
from __future__ import annotations

from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from core.digest import Digest
from core.digest_delivery import DeliveryError
from handlers import blocks
from handlers.workspaces import Workspaces

MARKER_EVENT = "us_china_digest"


class SlackOutbox:
    """Posts carry message metadata naming (schedule, period), so a restarted bot can see what went out."""

    def __init__(self, workspaces: Workspaces) -> None:
        self.workspaces = workspaces

    def post_digest(self, team_id: str, channel_id: str, digest: Digest, marker: dict) -> str:
        try:
            response = client_or_refuse(self.workspaces, team_id).chat_postMessage(
                channel=channel_id, text=blocks.digest_text(digest), blocks=blocks.digest_blocks(digest),
                metadata={"event_type": MARKER_EVENT, "event_payload": marker},
                unfurl_links=False, unfurl_media=False)
        except SlackApiError as e:
            raise DeliveryError(str(e.response.get("error") or e.response.status_code)) from e
        return str(response.get("ts"))

    def find_digest(self, team_id: str, channel_id: str, marker: dict, since: datetime) -> str | None:
        return find_marked(client_or_refuse(self.workspaces, team_id), channel_id, MARKER_EVENT, marker, since)

    def tell(self, team_id: str, user_id: str, text: str) -> None:
        client_or_refuse(self.workspaces, team_id).chat_postMessage(channel=user_id, text=text)


def client_or_refuse(workspaces: Workspaces, team_id: str) -> WebClient:
    """The workspace's client; a workspace that removed the bot is a delivery that fails, "not_installed"."""
    client = workspaces.client(team_id)
    if client is None:
        raise DeliveryError("not_installed")
    return client


def find_marked(client: WebClient, channel_id: str, event_type: str, marker: dict, since: datetime) -> str | None:
    """The ts of the bot's message carrying this metadata in the channel since then: a post that went out before
    its poster died, found instead of posted twice."""
    try:
        response = client.conversations_history(channel=channel_id, oldest=f"{since.timestamp() - 60:.6f}",
                                                include_all_metadata=True, limit=200)
    except SlackApiError as e:
        raise DeliveryError(str(e.response.get("error") or e.response.status_code)) from e
    for message in response.get("messages") or []:
        metadata = message.get("metadata") or {}
        if metadata.get("event_type") == event_type and metadata.get("event_payload") == marker:
            return message.get("ts")
    return None
