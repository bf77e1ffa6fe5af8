"""Settings from the environment (prefix COPBOT_) and an optional .env file."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="COPBOT_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    database_url: str = "sqlite+aiosqlite:///./copbot.db"

    telegram_token: str | None = None
    telegram_api_url: str = "https://api.telegram.org/bot"
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: str | None = None  # derived from the token when not set

    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str = "https://slack.com/api/"

    organisers: str = ""  # "telegram:12345,slack:U0123"
    timezone: str = "Europe/Amsterdam"
    language: str = "nl"

    http_host: str = "127.0.0.1"
    http_port: int = 8080

    # Public base URL of the HTTP server, for calendar feed links (optional).
    public_url: str | None = None
    # The domain of calendar event UIDs ("session-3@<domain>"); default: public_url's host.
    # Two communities need different ones, or their meetings overwrite each other in a calendar.
    calendar_domain: str | None = None
    # Outbox messages sent at the same time per process (1 suits a busy SQLite file best).
    outbox_concurrency: int = 8
    log_level: str = "INFO"

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        # A typo fails at start with a clear message instead of at the first reminder.
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as problem:
            raise ValueError(f"unknown time zone {value!r}, e.g. Europe/Amsterdam") from problem
        return value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def organiser_identities(self) -> list[tuple[str, str]]:
        pairs: list[tuple[str, str]] = []
        for item in self.organisers.split(","):
            item = item.strip()
            if not item:
                continue
            platform, _, user_id = item.partition(":")
            if platform and user_id:
                pairs.append((platform.strip().lower(), user_id.strip()))
        return pairs

    @property
    def has_telegram(self) -> bool:
        return bool(self.telegram_token)

    @property
    def has_slack(self) -> bool:
        return bool(self.slack_bot_token and (self.slack_signing_secret or self.slack_app_token))
