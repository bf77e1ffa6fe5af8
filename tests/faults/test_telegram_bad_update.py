"""An update python-telegram-bot cannot read blocks nothing: it is skipped (logged once) and
the updates after it are answered; failing getUpdates calls are retried with a growing pause."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.http import build_web_app
from bot.kernel.services import Services
from bot.platforms.telegram.adapter import start_telegram
from tests.fakes.telegram_api import FakeTelegram
from tests.telegram_fixtures import telegram_api, telegram_services  # noqa: F401 (fixtures)

ESTHER = 501


async def test_an_unreadable_update_is_skipped_once_and_the_next_is_answered(
    services: Services, fake: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    broken = fake.user(ESTHER)
    del broken["is_bot"]  # python-telegram-bot cannot make a User of this
    fake.private_message(ESTHER, "/les corporaties", user=broken)
    fake.private_message(ESTHER, "/help")
    caplog.set_level(logging.WARNING)
    stop = await start_telegram(services, build_web_app(services), poll_timeout=1)
    try:
        [answer] = await fake.wait_sent(ESTHER, within=5)
        await asyncio.sleep(1.0)
        polls = len(fake.called("getUpdates"))
    finally:
        await stop()
    assert "/help" in answer.text or "les" in answer.text.lower()
    assert polls < 10, f"{polls} getUpdates calls in about a second"
    skipped = [r for r in caplog.records if "cannot be read" in r.getMessage()]
    assert len(skipped) == 1
    assert len(caplog.text) < 20_000


async def test_failing_get_updates_is_retried_with_a_growing_pause(
    services: Services, fake: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    fake.fail_next(1000, status=502, method="getUpdates")
    caplog.set_level(logging.WARNING)
    stop = await start_telegram(services, build_web_app(services), poll_timeout=1)
    try:
        await asyncio.sleep(2.0)
        failing = len(fake.called("getUpdates"))
        fake._failures.clear()  # Telegram is back
        fake.private_message(ESTHER, "/help")
        await fake.wait_sent(ESTHER, within=20)
    finally:
        await stop()
    assert 2 <= failing <= 5, f"{failing} getUpdates calls in 2 s of errors"
    warnings = [r for r in caplog.records if "getUpdates failed" in r.getMessage()]
    assert len(warnings) == 1  # once per run of failures, not once per call
