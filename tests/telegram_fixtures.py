"""Fixtures for tests that run the bot against the Telegram Bot API stand-in: a module takes
them with `from tests.telegram_fixtures import telegram_api, telegram_services  # noqa: F401`
and asks for `fake` and `services` as usual."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.kernel.services import Services
from tests.factories import make_app
from tests.fakes.telegram_api import FakeTelegram


@pytest.fixture(name="fake")
async def telegram_api() -> AsyncIterator[FakeTelegram]:
    """The stand-in, serving on a free loopback port."""
    api = FakeTelegram()
    await api.start()
    try:
        yield api
    finally:
        await api.stop()


@pytest.fixture(name="services")
async def telegram_services(tmp_path: Path, fake: FakeTelegram) -> AsyncIterator[Services]:
    """The bot's services, with its Telegram token and API address pointing at the stand-in."""
    app = await make_app(tmp_path, telegram_token=fake.token, telegram_api_url=fake.base_url)
    try:
        yield app
    finally:
        await app.close()
