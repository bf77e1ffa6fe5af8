"""Sessions on the Telegram stand-in: RSVP buttons that edit, a reminder, an .ics file."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core.clock import ManualClock
from bot.http import build_web_app
from bot.kernel.services import Services
from bot.platforms.telegram.adapter import start_telegram
from bot.runtime import Stopper
from scheduler.service import tick
from tests.factories import make_app
from tests.fakes.telegram_api import FakeTelegram, Sent

ESTHER = 501
ORGANISER = 1000  # an organiser in the test settings ("telegram:1000")


@dataclass
class Running:
    services: Services
    fake: FakeTelegram

    async def say(self, user_id: int, text: str, count: int = 1) -> list[Sent]:
        before = len(self.fake.sent(user_id))
        self.fake.private_message(user_id, text, user=self.fake.user(user_id))
        return await self.fake.wait_sent(user_id, count, after=before)


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[Running]:
    fake = FakeTelegram()
    await fake.start()
    services = await make_app(tmp_path, telegram_token=fake.token, telegram_api_url=fake.base_url)
    stop: Stopper = await start_telegram(services, build_web_app(services), poll_timeout=1)
    try:
        yield Running(services, fake)
    finally:
        await stop()
        await services.close()
        await fake.stop()


async def test_rsvp_buttons_and_a_reminder_on_telegram(bot: Running) -> None:
    planned = await bot.say(
        ORGANISER, "/sessie nieuw 3 december 2026 10:00 | Utrecht, wijk Zuilen | Durf"
    )
    assert "Bijeenkomst 1 staat gepland" in planned[-1].text
    await bot.say(ESTHER, "/start")
    start = len(bot.fake.sent(ESTHER))
    bot.fake.private_message(ESTHER, "/sessies", user=bot.fake.user(ESTHER))

    def cards() -> list[Sent]:
        return [
            s for s in bot.fake.sent(ESTHER)[start:] if "rsvp:1:ja" in dict(s.buttons).values()
        ]

    await bot.fake.wait_for(lambda: bool(cards()))
    [card] = cards()
    assert card.buttons == [
        ("Ja, ik kom", "rsvp:1:ja"),
        ("Nee", "rsvp:1:nee"),
        ("Misschien", "rsvp:1:misschien"),
    ]
    before = len(bot.fake.sent(ESTHER))
    bot.fake.press(ESTHER, card, "rsvp:1:ja")
    # The card is edited, then the sign-up asks about the diet (a message of its own).
    [edited, asked] = await bot.fake.wait_sent(ESTHER, 2, after=before)
    assert asked.method == "sendMessage" and "dieetwensen" in asked.text
    assert edited.method == "editMessageText" and edited.message_id == card.message_id
    assert "Jouw antwoord: ja, ik kom" in edited.text
    assert ("✓ Ja, ik kom", "rsvp:1:ja") in edited.buttons

    # The 2-day reminder arrives in the private chat with the buttons, showing the answer.
    clock = bot.services.clock
    assert isinstance(clock, ManualClock)
    before = len(bot.fake.sent(ESTHER))
    clock.set(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    await tick(bot.services)
    [reminder] = await bot.fake.wait_sent(ESTHER, after=before)
    assert reminder.method == "sendMessage"
    assert "over 2 dagen begint bijeenkomst 1" in reminder.text
    assert "Jouw antwoord: ja, ik kom" in reminder.text
    assert ("Nee", "rsvp:1:nee") in reminder.buttons

    start = len(bot.fake.sent(ESTHER))
    bot.fake.private_message(ESTHER, "/sessie 1 ics", user=bot.fake.user(ESTHER))
    await bot.fake.wait_for(lambda: bool(bot.fake.sent(ESTHER, "sendDocument")))
    [document] = bot.fake.sent(ESTHER, "sendDocument")
    assert start < bot.fake.sent(ESTHER).index(document)
    assert document.filename == "copbot-bijeenkomst-1.ics"
    assert b"UID:session-1@copbot" in document.content
