"""Requests built and signed exactly as Slack builds and signs them."""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

SECRET = "test-signing-secret"


def post(url: str, body: str, content_type: str, secret: str = SECRET, timestamp: int | None = None,
         signature: str | None = None, headers: dict | None = None) -> tuple[int, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    sig = signature or SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    request = urllib.request.Request(url, data=body.encode(), method="POST", headers={
        "Content-Type": content_type, "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sig, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def command_body(text: str, response_url: str, command: str = "/us-china", user: str = "U123",
                 channel: str = "C123", channel_name: str = "china-desk", team: str = "T1") -> str:
    return urlencode({"token": "x", "team_id": team, "team_domain": "t", "channel_id": channel,
                      "channel_name": channel_name, "user_id": user, "user_name": "analyst", "command": command,
                      "text": text, "api_app_id": "A1", "response_url": response_url, "trigger_id": "1.2.3"})


def event_body(event: dict, event_id: str, team: str = "T1") -> str:
    return json.dumps({"token": "x", "team_id": team, "api_app_id": "A1", "type": "event_callback",
                       "event_id": event_id, "event_time": int(time.time()), "event": event,
                       "authorizations": [{"team_id": team, "user_id": "UBOT", "is_bot": True}]})


def action_body(action_id: str, value: str, response_url: str, user: str = "U123", channel: str = "C123",
                message_ts: str = "1700000000.000001", message: dict | None = None) -> str:
    """A button click. Without `message`, on an ephemeral message (Slack sends no copy of one); with it, on that
    posted message."""
    container = {"type": "message", "message_ts": message_ts, "channel_id": channel, "is_ephemeral": message is None}
    payload = {"type": "block_actions", "team": {"id": "T1"}, "user": {"id": user, "team_id": "T1"},
               "api_app_id": "A1", "token": "x", "trigger_id": "1.2.3", "response_url": response_url,
               "channel": {"id": channel}, "container": container,
               "actions": [{"type": "button", "action_id": action_id, "block_id": "b", "value": value,
                            "action_ts": str(time.time())}]}
    if message is not None:
        payload["message"] = message
    return urlencode({"payload": json.dumps(payload)})


FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
