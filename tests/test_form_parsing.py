"""Every text a slash command can carry reaches the listener intact (issue #15: Bolt's parse_body lost any
form body containing "payload"). Runs the HTTP path's own parser, and a real Bolt App behind it."""
from __future__ import annotations

import re
import time
from urllib.parse import urlencode

from hypothesis import given, settings
from hypothesis import strategies as st
from slack_bolt import App
from slack_bolt.authorization import AuthorizeResult
from slack_sdk.signature import SignatureVerifier

from bot.http import bolt_request
from testkit.slack_requests import FORM, SECRET, action_body, command_body
from tests.conftest import SEEDS


def seed_vocabulary() -> list[str]:
    words: set[str] = set()
    for path in SEEDS.glob("*.txt"):
        words.update(re.findall(r"\S+", path.read_text(encoding="utf-8")))
    return sorted(words)


def signed_headers(body: str) -> dict[str, str]:
    ts = str(int(time.time()))
    return {"content-type": FORM, "x-slack-request-timestamp": ts,
            "x-slack-signature": SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=body)}


def test_every_word_of_the_seeds_reaches_the_command_intact():
    words = seed_vocabulary()
    assert len(words) > 5000
    for word in words + ["payload", "payloads", "missile payloads", "payload=1", "{payload}", '{"payload": 1}']:
        body = command_body(f"how heavy was the {word}", "https://hooks.example/r", channel="CP")
        parsed = bolt_request(body, {}, signed_headers(body)).body
        assert parsed["command"] == "/us-china" and parsed["text"] == f"how heavy was the {word}", word


def test_a_channel_or_user_named_payload_keeps_the_command():
    body = urlencode({"command": "/us-china", "text": "tensions taiwan", "channel_id": "C1",
                      "channel_name": "payload-ops", "user_id": "U1", "user_name": "payload.person",
                      "response_url": "https://hooks.example/r", "team_id": "T1"})
    request = bolt_request(body, {}, signed_headers(body))
    assert request.body["text"] == "tensions taiwan" and request.body["channel_name"] == "payload-ops"
    assert request.context["channel_id"] == "C1" and request.context["user_id"] == "U1"


def test_a_button_value_carrying_payload_and_braces_is_read_as_the_interactive_payload():
    value = '{"q": "missile payload {x}", "o": 0}'
    body = action_body("share_answer", value, "https://hooks.example/r")
    parsed = bolt_request(body, {}, signed_headers(body)).body
    assert parsed["type"] == "block_actions" and parsed["actions"][0]["value"] == value


def recording_app() -> tuple[App, list[str]]:
    received: list[str] = []
    app = App(signing_secret=SECRET, ignoring_self_events_enabled=False,
              authorize=lambda **_: AuthorizeResult(enterprise_id=None, team_id="T1", bot_token="xoxb-test"))

    @app.command("/us-china")
    def record(ack, command) -> None:
        ack()
        received.append(command["text"])

    return app, received


APP, RECEIVED = recording_app()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_any_text_is_verified_and_dispatched_to_the_command_listener(text):
    body = command_body(text, "https://hooks.example/r")
    response = APP.dispatch(bolt_request(body, {}, signed_headers(body)))
    assert response.status == 200 and RECEIVED[-1] == text


def test_the_signature_is_still_checked_on_the_raw_body():
    body = command_body("payload", "https://hooks.example/r")
    headers = signed_headers(body)
    tampered = body.replace("payload", "paylaod")
    assert APP.dispatch(bolt_request(tampered, {}, headers)).status == 401
