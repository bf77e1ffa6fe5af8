"""The reading club on Telegram: the real adapter against the local Bot API stand-in.

Proposals, a refused pick, volunteering with the button (a fourth presenter is turned down),
the presenters' reminder a week before and the verdict buttons after the meeting, both sent
through the outbox to the presenters' private chats, and the history with the verdicts.
"""

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
from scheduler.delivery import Delivery
from scheduler.ratelimit import PlatformLimits, RateLimiter
from scheduler.service import tick
from tests.factories import make_app
from tests.fakes.telegram_api import FakeTelegram, Sent

ORGANISER = 1000  # an organiser in the test settings ("telegram:1000")
ESTHER = 601
JOHN = 602  # English client
WESSEL = 603
BERNADETTE = 604
NAMES = {
    ORGANISER: ("Olga", "Organisator"),
    ESTHER: ("Esther", "Brink"),
    JOHN: ("John", "Smith"),
    WESSEL: ("Wessel", "Rothstegge"),
    BERNADETTE: ("Bernadette", "ter Huurne"),
}
SESSION = "/sessie nieuw 3 december 2026 10:00 | Utrecht, wijk Zuilen | Durf"
WEEK_BEFORE = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)  # 10:00 in Amsterdam
# Two days after the end (Thursday 17:00) is a Saturday: the next working day, Monday 17:00.
AFTER = datetime(2026, 12, 7, 16, 0, tzinfo=UTC)


@dataclass
class Chat:
    services: Services
    fake: FakeTelegram
    delivery: Delivery

    def user(self, user_id: int) -> dict[str, object]:
        first, last = NAMES[user_id]
        return self.fake.user(
            user_id,
            first_name=first,
            last_name=last,
            username=first.lower(),
            language_code="en" if user_id == JOHN else "nl",
        )

    async def expect(self, user_id: int, before: int, needle: str) -> Sent:
        """The first message after `before` in the person's chat that contains `needle`."""

        def found() -> Sent | None:
            return next((s for s in self.fake.sent(user_id)[before:] if needle in s.text), None)

        await self.fake.wait_for(lambda: found() is not None)
        message = found()
        assert message is not None
        return message

    async def say(self, user_id: int, text: str, needle: str) -> Sent:
        before = len(self.fake.sent(user_id))
        self.fake.private_message(user_id, text, user=self.user(user_id))
        return await self.expect(user_id, before, needle)

    async def press(self, user_id: int, message: Sent, data: str, needle: str) -> Sent:
        assert data in [d for _label, d in message.buttons], message.buttons
        before = len(self.fake.sent(user_id))
        self.fake.press(user_id, message, data)
        return await self.expect(user_id, before, needle)


@pytest.fixture
async def chat(tmp_path: Path) -> AsyncIterator[Chat]:
    fake = FakeTelegram()
    await fake.start()
    services = await make_app(tmp_path, telegram_token=fake.token, telegram_api_url=fake.base_url)
    # No rate-limit waits in a test: the limits have their own tests.
    no_limits = {"telegram": PlatformLimits(per_second=1000.0, chat_interval=0.0)}
    delivery = Delivery(services, limiter=RateLimiter(no_limits))
    stop: Stopper = await start_telegram(services, build_web_app(services), poll_timeout=1)
    try:
        yield Chat(services, fake, delivery)
    finally:
        await stop()
        await services.close()
        await fake.stop()


async def test_the_reading_club_on_telegram(chat: Chat) -> None:
    clock = chat.services.clock
    assert isinstance(clock, ManualClock)
    for person in NAMES:
        await chat.say(person, "/start", "copbot")
    await chat.say(ORGANISER, SESSION, "Bijeenkomst 1")

    # Propose, and the same book again in other words (in English for John).
    proposed = await chat.say(ESTHER, "/boek voorstel Wijken in beweging — KEI", "Voorgesteld")
    assert "#3 Wijken in beweging — KEI" in proposed.text
    again = await chat.say(JOHN, "/boek voorstel wijken in beweging - KEI", "already there")
    assert "#3 Wijken in beweging — KEI" in again.text
    await chat.say(JOHN, "/boek voorstel 大きな本 — 山田", "Proposed: #4 大きな本 — 山田")

    # Only an organiser picks.
    await chat.say(WESSEL, "/boek kies 3", "Alleen organisatoren")
    picked = await chat.say(ORGANISER, "/boek kies 3", "Gekozen: Wijken in beweging")
    assert "donderdag 3 december 2026, 10:00" in picked.text
    assert any(label.startswith("Vraag ") for label, _data in picked.buttons)

    # Volunteering with the button under /boek; the fourth is thanked and turned down.
    shown = await chat.say(ESTHER, "/boek", "Leesclub, bijeenkomst van donderdag 3 december")
    assert ("🙋 Ik presenteer #3", "boek:p:3") in shown.buttons
    await chat.press(ESTHER, shown, "boek:p:3", "Top! Je presenteert Wijken in beweging")
    await chat.say(JOHN, "/boek presenteer 3", "You will present")
    await chat.say(WESSEL, "/boek presenteer 3", "samen met Esther Brink, John Smith")
    refused = await chat.say(BERNADETTE, "/boek presenteer 3", "Dank je wel voor je aanbod")
    assert "al 3 presentatoren" in refused.text

    # A week before: the reminder reaches each presenter's private chat, and only them.
    sent_before = {uid: len(chat.fake.sent(uid)) for uid in NAMES}
    clock.set(WEEK_BEFORE)
    await tick(chat.services, chat.delivery)
    for uid in (ESTHER, WESSEL):
        reminder = await chat.expect(uid, sent_before[uid], "Over een week")
        assert "Jij presenteert Wijken in beweging — KEI" in reminder.text
    english = await chat.expect(JOHN, sent_before[JOHN], "In a week")
    assert "You present Wijken in beweging — KEI" in english.text
    assert not any("Over een week" in s.text for s in chat.fake.sent(BERNADETTE))

    # After the meeting: verdict buttons, then one line for the colleagues.
    sent_before = {uid: len(chat.fake.sent(uid)) for uid in NAMES}
    clock.set(AFTER)
    await tick(chat.services, chat.delivery)
    ask = await chat.expect(ESTHER, sent_before[ESTHER], "Wat is je oordeel")
    assert [label for label, _data in ask.buttons] == [
        "bruikbaar",
        "aan het denken gezet",
        "niet doorheen te komen",
    ]
    await chat.press(ESTHER, ask, "boek:v:3:b", "in één zin")
    await chat.say(ESTHER, "Lees hoofdstuk 2 met je wijkteam.", "Je oordeel staat bij het boek")
    johns = await chat.expect(JOHN, sent_before[JOHN], "What is your verdict")
    await chat.press(JOHN, johns, "boek:v:3:n", "one line")
    await chat.say(JOHN, "Too long by half.", "Your verdict is with the book")

    # The history shows the verdicts under the book.
    history = await chat.say(BERNADETTE, "/boeken", "Besproken:")
    assert "#3 Wijken in beweging — KEI (donderdag 3 december 2026)" in history.text
    assert "1× bruikbaar, 1× niet doorheen te komen" in history.text
    assert "   – niet doorheen te komen (John Smith): “Too long by half.”" in history.text
    detail = await chat.say(BERNADETTE, "/boek 3", "📖 #3")
    assert "bruikbaar (Esther Brink): “Lees hoofdstuk 2 met je wijkteam.”" in detail.text
    assert "niet doorheen te komen (John Smith): “Too long by half.”" in detail.text
