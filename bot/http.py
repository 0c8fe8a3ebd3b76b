"""HTTP mode: one Starlette app, every Slack request at POST /slack/events, health at GET /healthz."""
from __future__ import annotations

import json
from collections.abc import Mapping
from urllib.parse import parse_qsl

from slack_bolt import App, BoltContext, BoltRequest
from slack_bolt.adapter.starlette.handler import to_starlette_response
from slack_bolt.request.internals import build_context
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"


def bolt_request(raw_body: str, query: Mapping[str, str], headers: Mapping[str, str]) -> BoltRequest:
    """A BoltRequest whose parsed body is right whatever the text in it.

    slack_bolt.request.internals.parse_body (1.30) reads a form body that merely contains the substring
    "payload" as an interactivity payload (`payload=<json>`) and, finding no such field, returns {}: a slash
    command asking about "missile payloads", or sent from #payload-ops, reached no listener. Form bodies are
    parsed here by their fields instead; `raw_body` is left byte-exact for the signature check.
    """
    request = BoltRequest(body=raw_body, query=dict(query), headers=dict(headers))
    if request.content_type == FORM_CONTENT_TYPE:
        fields = dict(parse_qsl(raw_body, keep_blank_values=True))
        request.body = json.loads(fields["payload"]) if "payload" in fields else fields
        request.context = build_context(BoltContext(), request.body)
    return request


def http_app(app: App) -> Starlette:
    async def events(request: Request):
        body = await request.body()
        bolt = bolt_request(body.decode("utf-8"), request.query_params, request.headers)
        # dispatch blocks until ack(); run it off the event loop so one request never holds up another
        response = await run_in_threadpool(app.dispatch, bolt)
        return to_starlette_response(response)

    async def healthz(_request: Request):
        return PlainTextResponse("ok")

    routes = [Route("/slack/events", events, methods=["POST"]), Route("/healthz", healthz, methods=["GET"])]
    flow = app.oauth_flow
    if flow is not None:  # OAuth mode: Bolt's install page and redirect handler
        routes += [Route(flow.install_path, _get_page(flow.handle_installation), methods=["GET"]),
                   Route(flow.redirect_uri_path, _get_page(flow.handle_callback), methods=["GET"])]
    return Starlette(routes=routes)


def _get_page(handle):
    """A GET route served by one of Bolt's OAuth handlers (BoltRequest in, BoltResponse out), off the event loop."""

    async def page(request: Request):
        bolt = BoltRequest(body="", query=dict(request.query_params), headers=dict(request.headers))
        return to_starlette_response(await run_in_threadpool(handle, bolt))

    return page
