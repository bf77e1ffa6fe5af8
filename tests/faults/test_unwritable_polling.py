"""Long polling while nothing can be written: an update the bot cannot store is not
confirmed to Telegram, so it comes again and is answered once the database takes writes."""

from __future__ import annotations

import asyncio

import pytest

from bot.http import build_web_app
from bot.kernel.services import Services
from bot.platforms.telegram.adapter import start_telegram
from tests.factories import BACKEND
from tests.fakes.telegram_api import FakeTelegram
from tests.faults.test_unwritable_database import make_read_only
from tests.telegram_fixtures import telegram_api, telegram_services  # noqa: F401 (fixtures)

pytestmark = pytest.mark.skipif(BACKEND == "postgres", reason="SQLite file faults")

ESTHER = 8101


async def test_an_update_that_cannot_be_stored_is_answered_once_when_it_can(
    services: Services, fake: FakeTelegram
) -> None:
    stop = await start_telegram(services, build_web_app(services), poll_timeout=1)
    try:
        fake.private_message(ESTHER, "/start")
        await fake.wait_sent(ESTHER, 1)
        await asyncio.sleep(0.5)  # /start's answer may come in more than one message
        before = len(fake.sent(ESTHER))
        writable = await make_read_only(services)
        fake.private_message(ESTHER, "/help")
        await asyncio.sleep(2.0)  # fetched, not stored, not confirmed: fetched again, and again
        assert len(fake.sent(ESTHER)) == before
        await writable()
        await fake.wait_sent(ESTHER, 1, after=before, within=20)
        await asyncio.sleep(1.0)
        answers = [sent.text for sent in fake.sent(ESTHER)[before:]]
        assert len(answers) == 1 and "/ik" in answers[0], answers  # the /help answer, once
    finally:
        await stop()
