"""`us-china serve`: build the core once, start the scheduler, then serve Slack (Socket Mode or HTTP)."""
from __future__ import annotations

import logging
import threading
import time

from bot.app import connect, create_app, make_answerer, make_matcher, make_poller
from core.answer import Answerer
from core.config import Settings
from core.cron import DigestScheduler
from core.digest import Digester
from core.digest_delivery import DigestRunner
from core.feeds import FeedPoller
from core.passages import vector_key
from core.people_check import BackgroundPeopleCheck, PeopleCheck
from core.replicas import POLL_SECONDS, AnswerQueue, Leader, forget_old
from core.watch_delivery import WatchRunner
from core.worker import Worker
from handlers.digest_outbox import SlackOutbox
from handlers.replies import invite_hint
from handlers.watch_outbox import SlackWatchOutbox
from handlers.workspaces import Workspaces
from model.embeddings import make_embedder
from store import Storage
from store.schedules import Schedules

logger = logging.getLogger(__name__)


def warm_up(answerer: Answerer) -> threading.Thread:
    """Load the model and the vectors, and answer once, in the background: the first question does not pay."""

    def run() -> None:
        try:
            answerer.embedder.embed(["warm up"])
            answerer.store.sync_vectors(vector_key(answerer.embedder))
            answerer.answer("what is new")  # FTS pages, the encoder's threads, whole-index caches
        except Exception:
            logger.exception("warm-up failed; the first question will load the model")

    thread = threading.Thread(target=run, name="warm-up", daemon=True)
    thread.start()
    return thread


def start_scheduler(settings: Settings, answerer: Answerer, workspaces: Workspaces, poller: FeedPoller,
                    queue: AnswerQueue) -> DigestScheduler:
    """Digests, feed polls and left-over questions run in every serving process: a digest's claim row posts it
    once, the feed lease lets one process poll, and a job row is answered by one process."""
    runner = DigestRunner(Schedules(answerer.store), Digester(answerer.store, answerer.embedder, settings.beat),
                          SlackOutbox(workspaces), invite_hint=invite_hint())
    scheduler = DigestScheduler(runner)
    scheduler.start()
    interval = settings.feed_interval_minutes * 60
    feeds = Leader(answerer.store, "feeds", seconds=interval + 60)
    scheduler.every(interval, lambda: feeds.run_if_leader(poller.poll_all), "feeds")
    scheduler.every(POLL_SECONDS, queue.run_due, "answer-jobs")
    # watch alerts: each workspace's client; the claims in the database post each alert once, the lease only
    # spares other processes the same matching work
    alerts = WatchRunner(answerer.store, make_matcher(settings, answerer),
                         SlackWatchOutbox(workspaces, settings.slash_command), invite_hint=invite_hint())
    watcher = Leader(answerer.store, "watches", seconds=max(30, 3 * settings.watch_interval_seconds))
    scheduler.every(settings.watch_interval_seconds, lambda: watcher.run_if_leader(alerts.run), "watches")
    scheduler.every(3600, lambda: forget_old(answerer.store, time.time()), "forget-old")
    # the people check (#17): every process takes its own batches of articles, on a low-priority thread
    scheduler.every(60, BackgroundPeopleCheck(PeopleCheck(answerer.store)), "people-check")
    return scheduler


def serve(settings: Settings, store: Storage) -> None:
    embedder = make_embedder(settings.embedding_model, settings.embedding_engine)
    answerer = make_answerer(store, embedder)
    slack = connect(settings)
    poller = make_poller(settings, answerer)
    queue = AnswerQueue(store, Worker())
    scheduler = start_scheduler(settings, answerer, slack.workspaces, poller, queue)
    app = create_app(settings, answerer, slack, scheduler=scheduler, poller=poller, queue=queue)
    warm_up(answerer)
    try:
        if settings.socket_mode:
            from slack_bolt.adapter.socket_mode import SocketModeHandler

            logger.warning("serving Slack in Socket Mode")
            SocketModeHandler(app, settings.slack_app_token).start()
            return
        import uvicorn

        from bot.http import http_app

        paths = "POST /slack/events, GET /healthz" + (", GET /slack/install" if settings.oauth else "")
        logger.warning("serving Slack over HTTP on port %s (%s)", settings.port, paths)
        uvicorn.run(http_app(app), host="0.0.0.0", port=settings.port, log_level="warning", access_log=False)
    finally:
        scheduler.shutdown()
