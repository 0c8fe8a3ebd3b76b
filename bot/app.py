"""The Bolt app: the Web API client, the core services every listener is given, and the listeners."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache, partial

from slack_bolt import App, Args
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.webhook import WebhookClient

import handlers
from core.answer import Answerer
from core.config import Settings
from core.cron import DigestScheduler
from core.digest import Digester
from core.feedback import FeedbackService
from core.feeds import FeedPoller
from core.limits import RateLimiter
from core.replicas import AnswerQueue, SeenEvents
from core.schedules_service import SchedulesService
from core.sources_service import SourcesService
from core.watches import Matcher, WatchService
from core.worker import Worker, failure_message, new_error_id
from handlers import commands, mentions
from handlers.workspaces import InstalledWorkspaces, OneWorkspace, Workspaces
from model.embeddings import Embedder
from model.reranker import Reranker
from sources.web import Fetcher
from store import Storage
from store.feedback import FeedbackTable
from store.schedules import Schedules
from store.watches import Watches

logger = logging.getLogger(__name__)
NOT_INSTALLED = ("us-china is not installed in this workspace (any more). A workspace admin can add it again "
                 "from the install page.")


@dataclass(frozen=True)
class SlackConnection:
    """How the bot reaches Slack: one SLACK_BOT_TOKEN, or (OAuth) the workspaces that installed it."""
    client: WebClient  # the app's client: single mode's token; in OAuth mode none (Bolt sets each request's)
    workspaces: Workspaces  # a workspace's client for work done outside a request
    oauth: OAuthSettings | None = None


def connect(settings: Settings, client: WebClient | None = None) -> SlackConnection:
    if not settings.oauth:
        client = client or make_client(settings)
        return SlackConnection(client, OneWorkspace(client))
    from bot.installations import oauth_settings, open_installations

    installations, states = open_installations(settings)
    workspaces = InstalledWorkspaces(installations, partial(make_client, settings), settings.slack_client_id,
                                     settings.slack_client_secret)
    return SlackConnection(make_client(settings, None), workspaces, oauth_settings(settings, installations, states))


def make_client(settings: Settings, token: str | None = "") -> WebClient:
    """Every Web API call goes to SLACK_API_URL; 429 waits for Retry-After, 5xx backs off. The token is
    SLACK_BOT_TOKEN unless given (a workspace's own, or None for calls that carry their own credentials)."""
    client = WebClient(token=settings.slack_bot_token if token == "" else token, base_url=settings.slack_api_url,
                       timeout=15)
    client.retry_handlers += [
        RateLimitErrorRetryHandler(max_retry_count=3),
        ServerErrorRetryHandler(max_retry_count=3),
    ]
    if not any(isinstance(h, ConnectionErrorRetryHandler) for h in client.retry_handlers):
        client.retry_handlers.append(ConnectionErrorRetryHandler(max_retry_count=2))
    return client


def make_answerer(store: Storage, embedder: Embedder) -> Answerer:
    """The question-answering core as every entry point runs it (serve, the CLI, the benchmarks)."""
    return Answerer(store, embedder, shared_reranker())


@cache
def shared_reranker() -> Reranker:
    """One cross-encoder per process: it loads on first use and its runs share one thread pool."""
    return Reranker()


def register_jobs(queue: AnswerQueue, workspaces: Workspaces, services: dict) -> None:
    """How each kind of job is answered, by whichever process runs it (the one that acked it, or another)."""
    given = {name: services[name] for name in ("answerer", "settings", "limiter")}
    queue.register(commands.JOB, partial(commands.answer, **given, schedules=services["schedules"],
                                         sources=services["sources"], watches=services["watches"]),
                   commands.tell_error)
    queue.register(mentions.JOB, partial(mentions.answer, workspaces=workspaces, **given, watches=services["watches"]),
                   partial(mentions.tell_error, workspaces=workspaces))


def make_matcher(settings: Settings, answerer: Answerer) -> Matcher:
    """What a watch counts as a match: the who-is resolver for a person, the topic digests' rule for a topic."""
    return Matcher(answerer, Digester(answerer.store, answerer.embedder, settings.beat))


def make_watches(settings: Settings, answerer: Answerer) -> WatchService:
    return WatchService(Watches(answerer.store), make_matcher(settings, answerer))


def make_poller(settings: Settings, answerer: Answerer) -> FeedPoller:
    return FeedPoller(answerer.store, answerer.embedder, Fetcher(allow_private=settings.allow_private_urls))


def create_app(settings: Settings, answerer: Answerer, slack: SlackConnection | None = None,
               scheduler: DigestScheduler | None = None, poller: FeedPoller | None = None,
               queue: AnswerQueue | None = None) -> App:
    """Listeners ask for what they need by name (Bolt injects context values into their parameters). Answers
    and the other slow work share the queue's worker."""
    slack = slack or connect(settings)
    queue = queue or AnswerQueue(answerer.store, Worker())
    services = {
        "answerer": answerer,
        "worker": queue.worker,
        "queue": queue,
        "seen": SeenEvents(answerer.store),
        "settings": settings,
        "schedules": SchedulesService(Schedules(answerer.store), settings.timezone, scheduler),
        "sources": SourcesService(poller or make_poller(settings, answerer)),
        "limiter": RateLimiter(settings.rate_limit_per_minute, answerer.store),
        "workspaces": slack.workspaces,
        "watches": make_watches(settings, answerer),
        "feedback": FeedbackService(FeedbackTable(answerer.store)),
    }
    register_jobs(queue, slack.workspaces, services)
    app = App(
        client=slack.client,
        signing_secret=settings.slack_signing_secret or None,
        request_verification_enabled=bool(settings.slack_signing_secret),
        ignoring_self_events_enabled=True,
        oauth_settings=slack.oauth,
        user_facing_authorize_error_message=NOT_INSTALLED if slack.oauth else None,
    )

    @app.middleware
    def provide_services(args: Args) -> None:
        args.context.update(services)
        args.next_()

    @app.error
    def report_error(error: Exception, body: dict) -> None:
        error_id = new_error_id()
        logger.error("error %s in a listener", error_id, exc_info=error)
        response_url = body.get("response_url") or next(iter(body.get("response_urls") or []), {}).get("response_url")
        if response_url:
            WebhookClient(response_url).send(text=failure_message(error, error_id), response_type="ephemeral")

    handlers.register(app, settings.slash_command)
    return app
