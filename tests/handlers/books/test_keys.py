"""The reading club's keys: stale buttons, and erasure finds the messages that name someone."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from bot.core.clock import ManualClock
from bot.db.models import OutboxMessage
from bot.kernel.services import Services
from handlers.books import keys
from tests.factories import Person
from tests.history_factory import deliver, install_postbox

SESSION = "/sessie nieuw 3 december 2026 10:00 | Utrecht, wijk Zuilen | Durf | overnachting"


async def outbox(services: Services) -> dict[str, str]:
    async with services.database() as db:
        rows = (await db.scalars(select(OutboxMessage))).all()
    return {row.key: str(row.reply.get("text", "")) for row in rows}


async def test_a_stale_or_forged_book_button_gets_the_stale_answer(
    services: Services, organiser: Person, participant: Person
) -> None:
    await participant.say("/start")
    [reply] = await participant.press("boek:zz")
    assert "Deze knop werkt niet meer" in reply.text and "/boek" in reply.text
    await organiser.say(SESSION)
    [reply] = await organiser.press("boek:i:99:1")  # a pick that is not there (any more)
    assert "Deze knop werkt niet meer" in reply.text


async def test_erasing_a_presenter_removes_the_reminders_that_name_them(
    services: Services, organiser: Person
) -> None:
    install_postbox(services)
    await organiser.say(SESSION)
    await organiser.say("/boek kies 2")
    first, second = Person(services, "r0", name="Lezer Nul"), Person(services, "r1", name="Bea")
    for reader in (first, second):
        await reader.say("/start")
        await reader.say("/boek presenteer 2")
    clock = services.clock
    assert isinstance(clock, ManualClock)
    clock.set(datetime(2026, 11, 26, 9, 1, tzinfo=UTC))  # the week-before reminder is due
    await deliver(services)
    texts = await outbox(services)
    reminders = [key for key in texts if key.startswith(keys.presenters_prefix(1))]
    assert len(reminders) == 2
    assert any("Lezer Nul" in texts[key] for key in reminders)  # the check below can fail

    await first.say("/vergeet")
    await first.press("vergeet:ja")

    texts = await outbox(services)
    assert not any("Lezer Nul" in text for text in texts.values())
