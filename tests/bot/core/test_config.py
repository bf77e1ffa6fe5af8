"""Settings from the environment."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.core.config import Settings


def test_defaults_are_the_embedded_console_setup(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("COPBOT_TELEGRAM_TOKEN", "COPBOT_SLACK_BOT_TOKEN", "COPBOT_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.database_url == "sqlite+aiosqlite:///./copbot.db"
    assert settings.timezone == "Europe/Amsterdam" and settings.language == "nl"
    assert not settings.has_telegram and not settings.has_slack


def test_environment_is_read_with_the_copbot_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPBOT_TELEGRAM_TOKEN", "1:abc")
    monkeypatch.setenv("COPBOT_ORGANISERS", " telegram:12345 , slack:U0123,, bad ,console:")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.has_telegram
    assert settings.organiser_identities() == [("telegram", "12345"), ("slack", "U0123")]


def test_slack_needs_a_signing_secret_or_an_app_token() -> None:
    assert not Settings(_env_file=None, slack_bot_token="xoxb-1").has_slack  # type: ignore[call-arg]
    assert Settings(_env_file=None, slack_bot_token="xoxb-1", slack_app_token="xapp-1").has_slack  # type: ignore[call-arg]


def test_an_unknown_timezone_fails_at_start() -> None:
    with pytest.raises(ValidationError):
        Settings(_env_file=None, timezone="Europe/Amsterdm")  # type: ignore[call-arg]
