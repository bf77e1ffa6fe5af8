"""A meeting in Rotterdam-Katendrecht, told from planning to the morning itself.

Olga plans it in October; the clocks go back on 25 October; Esther says yes with the buttons of
the first reminder, Bert says no, Carla says maybe, Anna says nothing until the bot asks her a
week before. The day before, those who come get the practical information. Everything goes out
through the outbox at the right local time, driven by a ManualClock and `tick()`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.core.clock import ManualClock
from bot.core.messages import Reply
from bot.db.models import ScheduledJob
from bot.kernel.services import Services
from bot.wiring import build_registry, prepare
from scheduler.service import tick
from tests.factories import DEFAULT_NOW, Person, build_services, make_settings
from tests.fakes.flaky_messenger import FlakyMessenger


@pytest.fixture
async def services(tmp_path: Path) -> AsyncIterator[Services]:
    """The bot with only the sessions feature, so the story hears nothing of other features."""
    registry = build_registry(("handlers.people.commands", "handlers.sessions.commands"))
    application = build_services(
        make_settings(tmp_path), clock=ManualClock(DEFAULT_NOW), registry=registry
    )
    await prepare(application)
    try:
        yield application
    finally:
        await application.close()


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


class Story:
    def __init__(self, services: Services) -> None:
        self.services = services
        clock = services.clock
        assert isinstance(clock, ManualClock)
        self.clock = clock
        self.messenger = FlakyMessenger("console")
        services.messengers["console"] = self.messenger
        self.seen = 0

    async def at(self, when: datetime) -> dict[str, Reply]:
        """Move the clock, let the scheduler look, and return what arrived (by chat)."""
        new = await self.all_at(when)
        arrived = {chat: reply for chat, reply in new}
        assert len(arrived) == len(new), "someone got two messages at once"
        return arrived

    async def all_at(self, when: datetime) -> list[tuple[str, Reply]]:
        self.clock.set(when)
        await tick(self.services)
        new = self.messenger.delivered[self.seen :]
        self.seen = len(self.messenger.delivered)
        return [(d.chat_id, d.reply) for d in new]


async def test_a_session_across_the_autumn_clock_change(services: Services) -> None:
    story = Story(services)
    story.clock.set(utc(2026, 10, 1, 9, 0))
    olga = Person(services, "organiser", name="Olga Organisator", username="olga")
    esther = Person(services, "esther", name="Esther Brink", username="esther")
    bert = Person(services, "bert", name="Bert de Vries", username="bert")
    carla = Person(services, "carla", name="Carla Jansen", username="carla")
    anna = Person(services, "anna", name="Anna Smit", username="anna")
    for person in (olga, esther, bert, carla, anna):
        await person.say("/start")

    text = "\n".join(
        r.text
        for r in await olga.say(
            "/sessie nieuw 5 november 2026 10:00 | Rotterdam, Katendrecht | Sociale samenhang "
            "| overnachting"
        )
    )
    assert "donderdag 5 november 2026, 10:00" in text
    everyone = {"organiser", "esther", "bert", "carla", "anna"}
    # Planning announces the meeting to everyone at once: buttons and the .ics.
    saved = await story.at(utc(2026, 10, 1, 9, 0))
    assert set(saved) == everyone and "Save the date" in saved["anna"].text
    assert saved["anna"].attachment is not None and saved["anna"].buttons

    # Nothing goes out early.
    assert await story.at(utc(2026, 10, 22, 7, 59)) == {}
    # 14 days before, 10:00 summer time (08:00 UTC): a reminder with buttons for everyone.
    reminders = await story.at(utc(2026, 10, 22, 8, 0))
    assert set(reminders) == everyone
    first = reminders["esther"]
    assert "over 14 dagen begint bijeenkomst 1" in first.text
    assert "donderdag 5 november 2026, 10:00" in first.text
    buttons = {b.label: b.data for row in first.buttons for b in row}
    assert buttons["Ja, ik kom"] == "rsvp:1:ja"

    # Answers come in with the buttons of that reminder (the message is edited).
    # (then the sign-up asks which parts, the diet and a note: a message of its own)
    [edited, _asked] = await esther.press(buttons["Ja, ik kom"])
    assert edited.edit and "Jouw antwoord: ja" in edited.text
    await esther.press(buttons["Overnachting: ja"])
    await bert.press("rsvp:1:nee")
    await carla.press("rsvp:1:misschien")
    assert await story.at(utc(2026, 10, 22, 9, 0)) == {}  # the reminder is not repeated

    # The clocks go back on 25 October. A week before, 10:00 winter time (09:00 UTC): only
    # those who have not answered are asked.
    assert await story.at(utc(2026, 10, 29, 8, 0)) == {}  # 08:00 UTC is 09:00 now
    nudged = await story.at(utc(2026, 10, 29, 9, 0))
    assert set(nudged) == {"anna", "organiser"}
    assert "nog niets van je gehoord" in nudged["anna"].text
    await anna.press("rsvp:1:ja")
    await olga.press("rsvp:1:nee")

    # 2 days before: everyone again but those who said no, each with their answer on the card.
    second = await story.at(utc(2026, 11, 3, 9, 0))
    assert set(second) == everyone - {"bert", "organiser"}
    assert "over 2 dagen" in second["carla"].text
    assert "Jouw antwoord: misschien" in second["carla"].text

    # The day before: practical information for those who come (or may come).
    olga_text = await olga.say(
        "/sessie 1 wijzig programma 10:00 boekbespreking, 13:00 wijktheater"
    )
    assert "Aangepast" in olga_text[0].text
    logistics = await story.at(utc(2026, 11, 4, 9, 0))
    assert set(logistics) == {"esther", "carla", "anna"}
    practical = logistics["esther"].text
    assert "Morgen is het zover" in practical
    assert "Rotterdam, Katendrecht" in practical and "10:00" in practical
    assert "Je blijft slapen" in practical
    assert "Programma:\n10:00 boekbespreking, 13:00 wijktheater" in practical

    # 3 hours before: 07:00 local, 06:00 UTC.
    assert await story.at(utc(2026, 11, 5, 5, 59)) == {}
    last = await story.at(utc(2026, 11, 5, 6, 0))
    assert set(last) == everyone - {"bert", "organiser"} and "over 3 uur" in last["carla"].text

    # Each person got each message exactly once.
    # The save-the-date when it was planned, then 14 days, 2 days, logistics, 3 hours.
    assert story.messenger.received("esther") == 5
    assert story.messenger.received("anna") == 6  # and the week-before question
    assert await story.at(utc(2026, 11, 6, 9, 0)) == {}


async def test_spring_change_missed_reminders_and_a_cancellation(services: Services) -> None:
    story = Story(services)
    story.clock.set(utc(2027, 3, 1, 9, 0))
    olga = Person(services, "organiser", name="Olga Organisator", username="olga")
    esther = Person(services, "esther", name="Esther Brink", username="esther")
    carla = Person(services, "carla", name="Carla Jansen", username="carla")
    bert = Person(services, "bert", name="Bert de Vries", username="bert")
    for person in (olga, esther, carla, bert):
        await person.say("/start")
    # Thursday 1 April 2027, 10:00 summer time (08:00 UTC); the clocks go forward on 28 March.
    await olga.say("/sessie nieuw 2027-04-01 10:00 | Amersfoort, Kruiskamp | Durf")
    await esther.press("rsvp:1:ja")
    await carla.press("rsvp:1:misschien")
    assert set(await story.at(utc(2027, 3, 1, 9, 0))) == {"organiser", "esther", "carla", "bert"}
    await bert.press("rsvp:1:nee")

    # 14 days before is 18 March 10:00 winter time: 09:00 UTC.
    assert await story.at(utc(2027, 3, 18, 8, 59)) == {}
    # Bert said no: he hears no more about this meeting.
    assert set(await story.at(utc(2027, 3, 18, 9, 0))) == {"organiser", "esther", "carla"}

    # The bot is down from 24 March to 30 March 12:00: the week-before question (25 March,
    # 09:00 UTC) and the 2-day reminder (30 March 10:00 summer time, 08:00 UTC) still go out,
    # late but before the meeting, once each.
    late = await story.all_at(utc(2027, 3, 30, 12, 0))
    reminded = sorted(chat for chat, reply in late if "over 2 dagen" in reply.text)
    asked = [chat for chat, reply in late if "nog niets van je gehoord" in reply.text]
    assert reminded == ["carla", "esther", "organiser"]  # not Bert, who said no
    assert asked == ["organiser"]  # the only one who had not answered
    assert len(late) == 4

    # Olga cancels: Esther (yes), Carla (maybe) and Olga (no answer) are told, Bert (no) is not.
    await olga.say("/sessie 1 annuleer")
    await olga.press("sessie:annuleer:1")
    told = await story.at(utc(2027, 3, 30, 12, 1))
    assert set(told) == {"esther", "carla", "organiser"}
    assert "gaat helaas niet door" in told["esther"].text
    # And nothing else comes: no logistics, no 3-hour reminder.
    assert await story.at(utc(2027, 3, 31, 8, 0)) == {}
    assert await story.at(utc(2027, 4, 1, 5, 0)) == {}


async def test_reminders_missed_until_after_the_start_are_skipped(services: Services) -> None:
    story = Story(services)
    story.clock.set(utc(2026, 11, 19, 9, 0))
    olga = Person(services, "organiser", name="Olga Organisator", username="olga")
    await olga.say("/start")
    await olga.say("/sessie nieuw 3 december 2026 10:00 | Utrecht, wijk Zuilen | Durf")
    # Down from before the first step until the meeting has begun: nothing is sent late
    # (only the save-the-date of the planning, which never went out).
    arrived = await story.at(utc(2026, 12, 3, 9, 30))
    assert [r.text.split(":")[0] for r in arrived.values()] == ["Save the date"]
    async with services.database() as db:
        statuses = (
            await db.scalars(
                select(ScheduledJob.status).where(
                    ScheduledJob.session_id == 1, ScheduledJob.kind != "diet-erase"
                )
            )
        ).all()
    # (erasing the dietary needs 30 days after the meeting is still to come)
    assert statuses and set(statuses) == {"skipped"}
