"""OAuth mode: slack_sdk's installation and state stores on the bot's own database, and Bolt's install flow.

slack_sdk's SQLAlchemy stores serve both of our databases (SQLite and PostgreSQL through psycopg), so
installations and install states live beside the articles and survive restarts; their tables are the
library's own (`slack_bots`, `slack_installations`, `slack_oauth_states`)."""
from __future__ import annotations

import html
import logging
import time

import sqlalchemy
from slack_bolt import BoltResponse
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

from core.config import Settings

logger = logging.getLogger(__name__)

# The bot scopes manifest.yml asks for (tests/test_installations.py checks they agree); the README says why each.
BOT_SCOPES = ("app_mentions:read", "chat:write", "commands", "im:history", "channels:history", "groups:history",
              "im:read", "im:write", "reactions:write", "channels:read", "users:read")
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
STATE_SECONDS = 600  # an install link works for ten minutes, once


def sqlalchemy_url(store_url: str) -> str:
    """DATABASE_URL as SQLAlchemy names it: PostgreSQL through psycopg 3, which the store already uses."""
    for scheme in ("postgresql://", "postgres://"):
        if store_url.startswith(scheme):
            return "postgresql+psycopg://" + store_url.removeprefix(scheme)
    return store_url


def open_installations(settings: Settings) -> tuple[SQLAlchemyInstallationStore, SQLAlchemyOAuthStateStore]:
    url = sqlalchemy_url(settings.store_url)
    # SQLite: wait for the articles' writers rather than fail with "database is locked"
    connect_args = {"timeout": 30} if url.startswith("sqlite") else {}
    engine = sqlalchemy.create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    installations = SQLAlchemyInstallationStore(client_id=settings.slack_client_id, engine=engine)
    states = SQLAlchemyOAuthStateStore(expiration_seconds=STATE_SECONDS, engine=engine)
    for attempt in range(3):  # replicas starting together may race to create the tables
        try:
            installations.metadata.create_all(engine)
            states.metadata.create_all(engine)
            break
        except sqlalchemy.exc.DatabaseError:
            if attempt == 2:
                raise
            time.sleep(0.5)
    return installations, states


def oauth_settings(settings: Settings, installations: SQLAlchemyInstallationStore,
                   states: SQLAlchemyOAuthStateStore) -> OAuthSettings:
    """Bolt's install flow: /slack/install renders an "Add to Slack" page, /slack/oauth_redirect exchanges the
    code (oauth.v2.access on SLACK_API_URL) and stores the installation; the state is checked against the
    browser's cookie and consumed, so a forged or replayed one is refused."""
    return OAuthSettings(
        client_id=settings.slack_client_id, client_secret=settings.slack_client_secret, scopes=list(BOT_SCOPES),
        install_path=INSTALL_PATH, redirect_uri_path=REDIRECT_PATH, authorization_url=settings.oauth_authorize_url,
        installation_store=installations, state_store=states, state_expiration_seconds=STATE_SECONDS,
        callback_options=CallbackOptions(success=_installed_page(settings), failure=_failed_page))


def _page(status: int, title: str, text: str) -> BoltResponse:
    body = (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title></head>"
            f"<body><h1>{html.escape(title)}</h1><p>{text}</p></body></html>")
    return BoltResponse(status=status, body=body, headers={"Content-Type": "text/html; charset=utf-8"})


def _installed_page(settings: Settings):
    def success(args: SuccessArgs) -> BoltResponse:
        team = args.installation.team_name or args.installation.team_id or "your workspace"
        logger.warning("installed in workspace %s (%s)", args.installation.team_id, team)
        return _page(200, "us-china is installed",
                     f"us-china is now in {html.escape(team)}. Try <code>{html.escape(settings.slash_command)} "
                     "help</code> in any channel, or open the app's Home tab.")
    return success


def _failed_page(args: FailureArgs) -> BoltResponse:
    logger.warning("an install failed: %s", args.reason)
    why = {"invalid_state": "the install link was forged, used already, or older than ten minutes",
           "invalid_browser": "the install was started in another browser (or its cookie is gone)",
           "access_denied": "the install was cancelled in Slack",
           "missing_code": "Slack sent no code to exchange"}.get(args.reason, "Slack refused it")
    return _page(args.suggested_status_code or 400, "us-china was not installed",
                 f"The install did not complete: {html.escape(why)} (reason: {html.escape(args.reason)}). "
                 f"<a href=\"{INSTALL_PATH}\">Start again</a>.")
