"""Slack wiring: create_app() builds the Bolt app; serve() runs it in Socket Mode or over HTTP."""
from __future__ import annotations

import json
import logging
import threading
from collections.abc import Mapping
from urllib.parse import parse_qsl

from slack_bolt import App, BoltContext, BoltRequest
from slack_bolt.request.internals import build_context
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler, \
    ServerErrorRetryHandler

import handlers
from bot.answer import Answerer
from bot.config import Settings
from bot.digest import Digester
from bot.feeds import FeedPoller
from bot.limits import RateLimiter
from bot.scheduler import DigestRunner, DigestScheduler
from bot.worker import SeenEvents, Worker, new_error_id
from handlers.digests import SlackOutbox
from handlers.replies import apology, invite_hint
from store.fetch import Fetcher
from store.schedules import Schedules

logger = logging.getLogger(__name__)


def make_client(settings: Settings) -> WebClient:
    """Every Web API call goes to SLACK_API_URL; 429 waits for Retry-After, 5xx backs off."""
    client = WebClient(token=settings.slack_bot_token, base_url=settings.slack_api_url, timeout=15)
    client.retry_handlers += [
        RateLimitErrorRetryHandler(max_retry_count=3),
        ServerErrorRetryHandler(max_retry_count=3),
    ]
    if not any(isinstance(h, ConnectionErrorRetryHandler) for h in client.retry_handlers):
        client.retry_handlers.append(ConnectionErrorRetryHandler(max_retry_count=2))
    return client


def create_app(settings: Settings, answerer: Answerer, client: WebClient | None = None,
               worker: Worker | None = None, scheduler: DigestScheduler | None = None,
               poller: FeedPoller | None = None) -> App:
    client = client or make_client(settings)
    worker = worker or Worker()
    seen = SeenEvents()
    schedules = Schedules(answerer.store)
    poller = poller or make_poller(settings, answerer)
    limiter = RateLimiter(settings.rate_limit_per_minute)
    app = App(
        client=client,
        signing_secret=settings.slack_signing_secret or None,
        request_verification_enabled=bool(settings.slack_signing_secret),
        ignoring_self_events_enabled=True,
    )

    @app.middleware
    def provide_core(context: BoltContext, next) -> None:  # noqa: A002 - Bolt's name
        context["answerer"] = answerer
        context["worker"] = worker
        context["seen"] = seen
        context["settings"] = settings
        context["schedules"] = schedules
        context["scheduler"] = scheduler
        context["poller"] = poller
        context["limiter"] = limiter
        next()

    @app.error
    def report_error(error: Exception, body: dict) -> None:
        error_id = new_error_id()
        logger.error("error %s in a listener", error_id, exc_info=error)
        response_url = body.get("response_url") or next(iter(body.get("response_urls") or []), {}).get("response_url")
        if response_url:
            from slack_sdk.webhook import WebhookClient

            WebhookClient(response_url).send(text=apology(error_id), response_type="ephemeral")

    handlers.register(app, settings.slash_command)
    return app


def warm_up(answerer: Answerer) -> threading.Thread:
    """Load the model and the vectors, and answer once, in the background: the first question does not pay."""

    def run() -> None:
        try:
            answerer.embedder.embed(["warm up"])
            answerer.store.sync_vectors(answerer.embedder.model_id)
            answerer.answer("what is new")  # FTS pages, the encoder's threads, whole-index caches
        except Exception:
            logger.exception("warm-up failed; the first question will load the model")

    thread = threading.Thread(target=run, name="warm-up", daemon=True)
    thread.start()
    return thread


def make_poller(settings: Settings, answerer: Answerer) -> FeedPoller:
    return FeedPoller(answerer.store, answerer.embedder, Fetcher(allow_private=settings.allow_private_urls))


def start_scheduler(settings: Settings, answerer: Answerer, client: WebClient,
                    poller: FeedPoller) -> DigestScheduler:
    """Digests and feed polls run in the serving process; schedules load from the database and change live."""
    runner = DigestRunner(Schedules(answerer.store), Digester(answerer.store, answerer.embedder),
                          SlackOutbox(client), invite_hint=invite_hint())
    scheduler = DigestScheduler(runner)
    scheduler.start()
    scheduler.every(settings.feed_interval_minutes * 60, poller.poll_all, "feeds")
    return scheduler


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


def http_app(app: App):
    """A Starlette app: POST /slack/events for every Slack request, GET /healthz."""
    from slack_bolt.adapter.starlette.handler import to_starlette_response
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    async def events(request: Request):
        body = await request.body()
        # dispatch blocks until ack(); run it off the event loop so one request never holds up another
        bolt = bolt_request(body.decode("utf-8"), request.query_params, request.headers)
        response = await run_in_threadpool(app.dispatch, bolt)
        return to_starlette_response(response)

    async def healthz(_request: Request):
        return PlainTextResponse("ok")

    return Starlette(routes=[Route("/slack/events", events, methods=["POST"]),
                             Route("/healthz", healthz, methods=["GET"])])


def serve(settings: Settings) -> None:
    from store import Store
    from store.embeddings import make_embedder

    answerer = Answerer(Store(settings.database_path), make_embedder(settings.embedding_model, settings.embedding_engine))
    client = make_client(settings)
    poller = make_poller(settings, answerer)
    scheduler = start_scheduler(settings, answerer, client, poller)
    app = create_app(settings, answerer, client, scheduler=scheduler, poller=poller)
    warm_up(answerer)
    if settings.socket_mode:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        logger.warning("serving Slack in Socket Mode")
        SocketModeHandler(app, settings.slack_app_token).start()
        return
    import uvicorn

    logger.warning("serving Slack over HTTP on port %s (POST /slack/events, GET /healthz)", settings.port)
    uvicorn.run(http_app(app), host="0.0.0.0", port=settings.port, log_level="warning", access_log=False)
