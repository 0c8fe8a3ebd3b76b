"""Socket Mode: the same listeners answer requests dispatched as Socket Mode delivers them (no signature)."""
import pytest
from slack_bolt import BoltRequest
from slack_sdk import WebClient

from bot.app import SlackConnection, create_app, make_answerer
from core.config import Settings
from handlers.workspaces import OneWorkspace


@pytest.fixture(scope="module")
def app(slack, seeded_store, embedder):
    settings = Settings.from_env({"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_APP_TOKEN": "xapp-test",
                                  "SLACK_API_URL": slack.api_url})
    client = WebClient(token="xoxb-test", base_url=slack.api_url)
    return create_app(settings, make_answerer(seeded_store, embedder), SlackConnection(client, OneWorkspace(client)))


def test_slash_command_over_socket_mode(app, slack):
    body = {"token": "x", "team_id": "T1", "channel_id": "C1", "user_id": "U1", "command": "/us-china",
            "text": "who is Kurt Campbell", "response_url": slack.response_url("socket-cmd"), "trigger_id": "1"}
    response = app.dispatch(BoltRequest(body=body, mode="socket_mode"))
    assert response.status == 200
    [reply] = slack.wait_for("/respond/socket-cmd")
    assert "Indo-Pacific Coordinator" in str(reply["blocks"])


def test_mention_over_socket_mode(app, slack):
    body = {"token": "x", "team_id": "T1", "api_app_id": "A1", "type": "event_callback", "event_id": "EvSock1",
            "event_time": 1, "authorizations": [{"user_id": "UBOT", "is_bot": True}],
            "event": {"type": "app_mention", "user": "U1", "text": "<@UBOT> tensions taiwan", "ts": "1.5",
                      "channel": "CSOCK", "event_ts": "1.5"}}
    assert app.dispatch(BoltRequest(body=body, mode="socket_mode")).status == 200
    [reply] = slack.wait_for("/chat.postMessage")
    assert reply["channel"] == "CSOCK" and reply["thread_ts"] == "1.5" and "Taiwan" in str(reply["blocks"])
