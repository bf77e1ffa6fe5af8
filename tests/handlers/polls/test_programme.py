"""From agenda to programme: /programma, owners, suggested lessons, who may build it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.core.clock import ManualClock
from bot.db.models import ProgrammeItem, Session
from bot.kernel.services import Services
from bot.wiring import build_registry, prepare
from handlers.polls.programme import parse_time
from handlers.polls.timing import When, WhenProblem, parse_when
from scheduler.service import tick
from tests.factories import DEFAULT_NOW, Person, build_services, make_settings
from tests.fakes.flaky_messenger import FlakyMessenger

FEATURES = ("handlers.people", "handlers.sessions", "handlers.polls")
PLAN = "/sessie nieuw 14 januari 2027 10:00 | Utrecht, Zuilen | Vreedzame wijk | geen overnachting"


@pytest.fixture
async def services(tmp_path: Path) -> AsyncIterator[Services]:
    application = build_services(
        make_settings(tmp_path), clock=ManualClock(DEFAULT_NOW), registry=build_registry(FEATURES)
    )
    await prepare(application)
    application.messengers["console"] = FlakyMessenger("console")
    try:
        yield application
    finally:
        await application.close()


@pytest.fixture
async def voted(services: Services, organiser: Person, participant: Person) -> Person:
    """A meeting whose vote has closed; Carla is in the preparation group. Returns Carla."""
    carla = Person(services, "carla", name="Carla Jansen", username="carla")
    for person in (organiser, participant, carla):
        await person.say("/start")
    await organiser.say(PLAN)
    await participant.say(
        "/agenda voorstel Corporaties als partner in de wijk\nsamen investeren in de buurt"
    )
    await participant.say("/agenda voorstel Monitoring en verantwoording")
    await organiser.say("/peiling open")
    await participant.press("pv:1:1")
    await organiser.say("/voorbereiding 1 @carla")
    await organiser.say("/peiling sluit")
    return carla


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("10:30", "10:30"), ("9.15", "09:15"), ("14u", "14:00"), ("25:00", None), ("straks", None)],
)
def test_parse_time(typed: str, expected: str | None) -> None:
    assert parse_time(typed) == expected


async def test_preparation_group_builds_the_programme_with_owners_and_lessons(
    services: Services, organiser: Person, participant: Person, voted: Person
) -> None:
    carla = voted
    shown = await carla.text("/programma 1")
    assert "nog geen programma" in shown
    assert "Hoogst in de peiling: #1 Corporaties als partner in de wijk (1)" in shown

    text = await carla.text("/programma 1 neem 1 10:30")
    assert "Op het programma als item 1: Corporaties als partner in de wijk" in text
    assert "Past misschien uit het boekje:" in text
    async with services.database() as db:
        item = await db.scalar(select(ProgrammeItem))
    assert item is not None and item.lessons
    lesson_ids = item.lessons.split(",")
    assert 1 <= len(lesson_ids) <= 2
    lessons = [services.knowledge.lesson(i) for i in lesson_ids]
    assert any(lesson is not None and lesson.theme == "corporaties" for lesson in lessons), lessons

    # An item earlier in the day keeps its own number; the numbers never shift.
    assert "als item 2" in await carla.text("/programma 1 neem 2 10:00")
    assert "Esther Brink trekt item 1" in await carla.text("/programma 1 eigenaar 1 @esther")
    assert "staat al op het programma (item 1)" in await organiser.text("/programma 1 neem 1")
    programme = await participant.text("/programma 1")
    assert "2. 10:00 Monitoring en verantwoording\n" in programme
    assert "1. 10:30 Corporaties als partner in de wijk (trekker: Esther Brink)" in programme
    assert "uit het boekje:" in programme
    assert "Bouwen:" not in programme  # participants outside the group only see it

    # The programme is written into the session, for the card and the logistics message.
    async with services.database() as db:
        session = await db.get(Session, 1)
    assert session is not None and session.programme is not None
    assert "Corporaties als partner in de wijk — Esther Brink" in session.programme

    assert "van het programma gehaald" in await organiser.text("/programma 1 weg 2")
    assert "Monitoring" not in await participant.text("/programma 1")


async def test_logistics_the_day_before_shows_the_programme(
    services: Services, organiser: Person, participant: Person, voted: Person
) -> None:
    await voted.say("/programma 1 neem 1 10:30")
    await voted.say("/programma 1 eigenaar 1 @esther")
    await participant.press("rsvp:1:ja")
    clock = services.clock
    assert isinstance(clock, ManualClock)
    messenger = services.messengers["console"]
    assert isinstance(messenger, FlakyMessenger)
    for minute in range(0, 3):
        clock.set(datetime(2027, 1, 13, 9, minute, tzinfo=UTC))
        await tick(services)
    logistics = [d.reply.text for d in messenger.delivered if "Programma:" in d.reply.text]
    assert logistics, [d.reply.text[:60] for d in messenger.delivered]
    assert "10:30 Corporaties als partner in de wijk — Esther Brink" in logistics[-1]


async def test_only_organisers_and_the_group_build(
    organiser: Person, participant: Person, voted: Person
) -> None:
    text = await participant.text("/programma 1 neem 1")
    assert "voor de organisatoren en het voorbereidingsgroepje" in text
    assert "Past misschien" in await organiser.text("/programma 1 neem 1")


async def test_bad_input_gets_clear_answers(
    organiser: Person, participant: Person, voted: Person
) -> None:
    assert "Die tijd begrijp ik niet: straks" in await voted.text("/programma 1 neem 1 straks")
    assert "Ik ken geen voorstel #9" in await voted.text("/programma 1 neem 9")
    assert "Welk voorstel?" in await voted.text("/programma 1 neem")
    assert "geen item 5" in await voted.text("/programma 1 eigenaar 5 @esther")
    await voted.say("/programma 1 neem 1")
    assert "Ik vind niemand die @nobody" in await voted.text("/programma 1 eigenaar 1 @nobody")
    assert "Dat begrijp ik niet: schuif" in await voted.text("/programma 1 schuif 1")
    assert "Ik ken geen bijeenkomst 8" in await voted.text("/programma 8")


async def test_items_keep_their_numbers_and_times_fit_the_meeting_s_days(
    services: Services, organiser: Person, participant: Person
) -> None:
    for person in (organiser, participant):
        await person.say("/start")
    # A meeting of a day and a half: Thursday 10:00 until Friday 16:00.
    await organiser.say(PLAN.replace("geen overnachting", "overnachting"))
    for title in ("Corporaties", "Monitoring", "Verankeren", "Bewoners aan het stuur"):
        await participant.say(f"/agenda voorstel {title}")
    await organiser.say("/peiling open")
    await organiser.say("/peiling sluit")

    assert "als item 1" in await organiser.text("/programma 1 neem 1 14:00")
    assert "als item 2" in await organiser.text("/programma 1 neem 2 11:00")
    # The number announced is the number that works, also after an earlier item came in.
    assert "Esther Brink trekt item 1: Corporaties" in await organiser.text(
        "/programma 1 eigenaar 1 @esther"
    )
    text = await organiser.text("/programma 1 neem 4 vrijdag 9:30")
    assert "als item 3" in text
    assert "als item 4" in await organiser.text("/programma 1 neem 3 dag 2 11:00")
    programme = await participant.text("/programma 1")
    assert programme.index("2. 11:00 Monitoring") < programme.index("1. 14:00 Corporaties")
    assert programme.index("1. 14:00") < programme.index("3. vr 09:30 Bewoners aan het stuur")
    assert programme.index("3. vr 09:30") < programme.index("4. vr 11:00 Verankeren")

    await organiser.say("/programma 1 weg 3")
    refused = await organiser.text("/programma 1 neem 4 9:30")
    assert "valt buiten de bijeenkomst" in refused
    assert "loopt van donderdag 14 januari 2027, 10:00 tot vrijdag 15 januari 2027, 16:00" in (
        refused
    )
    assert "vrijdag 9:30" in refused
    assert "buiten" in await organiser.text("/programma 1 neem 4 vrijdag 17:00")
    assert "hoort niet bij" in await organiser.text("/programma 1 neem 4 maandag 10:00")
    assert "hoort niet bij" in await organiser.text("/programma 1 neem 4 dag 3 10:00")


async def test_a_time_before_a_one_day_meeting_starts_is_refused(
    services: Services, organiser: Person, participant: Person, voted: Person
) -> None:
    refused = await voted.text("/programma 1 neem 1 9:30")
    assert "valt buiten" in refused and "10:00 tot" in refused
    async with services.database() as db:
        meeting = await db.get(Session, 1)
    assert meeting is not None
    assert parse_when(["10:00"], meeting, services.settings.tz) == When(1, "10:00")
    with pytest.raises(WhenProblem):
        parse_when(["vrijdag", "10:00"], meeting, services.settings.tz)


async def test_the_programme_on_the_card_reads_in_every_language(
    services: Services, organiser: Person, voted: Person
) -> None:
    """The programme written into the meeting has no Dutch words for an English reader."""
    john = Person(services, "john", name="John Smith", username="john", language="en")
    await john.say("/start")
    await organiser.say("/sessie 1 wijzig overnachting ja")  # Thursday 10:00 to Friday 16:00
    await voted.say("/programma 1 neem 1 10:30")
    await voted.say("/programma 1 eigenaar 1 @esther")
    await voted.say("/programma 1 neem 2 vrijdag 09:30")
    await john.press("rsvp:1:ja")
    clock = services.clock
    assert isinstance(clock, ManualClock)
    clock.set(datetime(2027, 1, 13, 9, 0, tzinfo=UTC))
    await tick(services)
    messenger = services.messengers["console"]
    assert isinstance(messenger, FlakyMessenger)
    [logistics] = [
        d.reply.text
        for d in messenger.delivered
        if d.chat_id == "john" and "Programme:" in d.reply.text
    ]
    assert "1. 10:30 Corporaties als partner in de wijk — Esther Brink" in logistics
    assert "2. 15/01 09:30 Monitoring en verantwoording" in logistics
    assert "trekker" not in logistics and " vr " not in logistics
    # /programma itself speaks the reader's language.
    shown = await john.text("/programma 1")
    assert "10:30 Corporaties als partner in de wijk (lead: Esther Brink)" in shown
    assert "Fri 09:30 Monitoring en verantwoording" in shown
