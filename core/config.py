"""Settings: read once from the environment and `.env`; the real environment wins."""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

DEFAULT_API_URL = "https://slack.com/api/"
DEFAULT_BEAT = "US–China relations"


def _csv_set(value: str | None) -> frozenset[str]:
    return frozenset(part.strip() for part in (value or "").split(",") if part.strip())


@dataclass(frozen=True)
class Settings:
    slack_bot_token: str = ""
    slack_signing_secret: str = ""
    slack_app_token: str = ""
    slack_api_url: str = DEFAULT_API_URL
    slack_client_id: str = ""
    slack_client_secret: str = ""
    database_path: Path = Path("data/us-china.db")
    database_url: str = ""  # DATABASE_URL; empty: sqlite:/// + database_path
    seeds_dir: Path = Path("seeds")
    slash_command: str = "/us-china"
    admin_user_ids: frozenset[str] = field(default_factory=frozenset)
    timezone: str = "UTC"
    port: int = 3000
    embedding_model: str = ""
    embedding_engine: str = "onnx-int8"
    allow_private_urls: bool = False
    feed_interval_minutes: int = 30
    watch_interval_seconds: int = 60
    rate_limit_per_minute: int = 20
    beat: str = DEFAULT_BEAT

    @classmethod
    def from_env(cls, env: Mapping[str, str | None]) -> Settings:
        """Build settings from a mapping; empty strings count as unset."""

        def get(name: str, default: str = "") -> str:
            value = env.get(name)
            return value.strip() if value and value.strip() else default

        port = get("PORT", "3000")
        if not port.isdigit():
            raise ValueError(f"PORT must be a number, got {port!r} (see .env.example)")
        rate = get("RATE_LIMIT_PER_MINUTE", "20")
        if not rate.isdigit():
            raise ValueError(f"RATE_LIMIT_PER_MINUTE must be a whole number (0: no limit), got {rate!r}")
        interval = get("FEED_INTERVAL_MINUTES", "30")
        if not interval.isdigit() or int(interval) < 1:
            raise ValueError(f"FEED_INTERVAL_MINUTES must be a whole number of minutes, got {interval!r}")
        watch_interval = get("WATCH_INTERVAL_SECONDS", "60")
        if not watch_interval.isdigit() or int(watch_interval) < 1:
            raise ValueError(f"WATCH_INTERVAL_SECONDS must be a whole number of seconds, got {watch_interval!r}")
        database_url = get("DATABASE_URL")
        if database_url and not database_url.startswith(("sqlite:///", "postgresql://", "postgres://")):
            raise ValueError("DATABASE_URL must be sqlite:///path/to/file.db or postgresql://user@host:port/database,"
                             f" got one starting {database_url.split(':', 1)[0]!r}")
        api_url = get("SLACK_API_URL", DEFAULT_API_URL)
        engine = get("EMBEDDING_ENGINE", "onnx-int8")
        if engine not in {"onnx-int8", "onnx", "torch"}:
            raise ValueError(f"EMBEDDING_ENGINE must be onnx-int8, onnx or torch, got {engine!r}")
        return cls(
            slack_bot_token=get("SLACK_BOT_TOKEN"),
            slack_signing_secret=get("SLACK_SIGNING_SECRET"),
            slack_app_token=get("SLACK_APP_TOKEN"),
            slack_api_url=api_url if api_url.endswith("/") else api_url + "/",
            slack_client_id=get("SLACK_CLIENT_ID"),
            slack_client_secret=get("SLACK_CLIENT_SECRET"),
            database_path=Path(get("DATABASE_PATH", "data/us-china.db")),
            database_url=database_url,
            seeds_dir=Path(get("SEEDS_DIR", "seeds")),
            slash_command=get("SLASH_COMMAND", "/us-china"),
            admin_user_ids=_csv_set(env.get("ADMIN_USER_IDS")),
            timezone=get("TIMEZONE", "UTC"),
            port=int(port),
            embedding_model=get("EMBEDDING_MODEL"),
            embedding_engine=engine,
            allow_private_urls=get("ALLOW_PRIVATE_URLS", "0").lower() in {"1", "true", "yes", "on"},
            feed_interval_minutes=int(interval),
            watch_interval_seconds=int(watch_interval),
            rate_limit_per_minute=int(rate),
            beat=get("BEAT", DEFAULT_BEAT),
        )

    @property
    def store_url(self) -> str:
        """Where the articles live: DATABASE_URL, else the SQLite file at DATABASE_PATH."""
        return self.database_url or f"sqlite:///{self.database_path}"

    @property
    def slack_configured(self) -> bool:
        return bool(self.slack_bot_token)

    @property
    def oauth(self) -> bool:
        """Many workspaces, each installed through /slack/install, instead of one SLACK_BOT_TOKEN."""
        return bool(self.slack_client_id)

    @property
    def oauth_authorize_url(self) -> str:
        """Slack's authorize page beside SLACK_API_URL (https://slack.com/oauth/v2/authorize by default), so a
        stand-in for Slack can play the whole install."""
        base = self.slack_api_url.removesuffix("/").removesuffix("/api")
        return f"{base}/oauth/v2/authorize"

    @property
    def socket_mode(self) -> bool:
        """SLACK_APP_TOKEN set, single workspace: the install pages of OAuth mode need HTTP."""
        return bool(self.slack_app_token) and not self.oauth

    def missing_for_serving(self) -> list[str]:
        """Names of the settings `serve` needs and does not have."""
        if self.oauth:
            return [name for name, value in [("SLACK_CLIENT_SECRET", self.slack_client_secret),
                                             ("SLACK_SIGNING_SECRET", self.slack_signing_secret)] if not value]
        missing = [] if self.slack_bot_token else ["SLACK_BOT_TOKEN"]
        if not self.socket_mode and not self.slack_signing_secret:
            missing.append("SLACK_SIGNING_SECRET")
        return missing


def load_settings(dotenv_path: str | Path = ".env") -> Settings:
    """Real environment variables win over the .env file; nothing is written to os.environ."""
    return Settings.from_env({**dotenv_values(dotenv_path), **os.environ})
