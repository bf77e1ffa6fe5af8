"""Agenda polls through a whole cycle: after the close, support during the vote, empty votes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core.clock import ManualClock
from bot.kernel.services import Services
from bot.wiring import build_registry, prepare
from tests.factories import DEFAULT_NOW, Person, build_services, make_settings
from tests.fakes.flaky_messenger import FlakyMessenger

FEATURES = ("handlers.people", "handlers.sessions", "handlers.polls")
PLAN = "/sessie nieuw 14 januari 2027 10:00 | Utrecht, Zuilen | Vreedzame wijk | geen overnachting"
PLAN_2 = "/sessie nieuw 8 april 2027 10:00 | Zwolle | Sociale herovering | geen overnachting"


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


def delivered(services: Services) -> FlakyMessenger:
    messenger = services.messengers["console"]
    assert isinstance(messenger, FlakyMessenger)
    return messenger


async def plan(organiser: Person, *people: Person) -> None:
    for person in (organiser, *people):
        await person.say("/start")
    assert "Bijeenkomst 1" in await organiser.text(PLAN)


async def test_after_the_close_the_agenda_names_the_meeting_instead_of_none_planned(
    organiser: Person, participant: Person
) -> None:
    await plan(organiser, participant)
    await participant.say("/agenda voorstel Bewoners het stuur geven")
    await organiser.say("/peiling open")
    await organiser.say("/peiling sluit")

    listing = await participant.text("/agenda")
    assert "nog geen bijeenkomst gepland" not in listing
    assert "bijeenkomst 1 (do 14 jan" in listing and "#1 Bewoners het stuur geven" in listing
    assert "gesloten" in listing
    proposing = await participant.text("/agenda voorstel Monitoring")
    assert "nog geen bijeenkomst gepland" not in proposing
    assert "bijeenkomst 1 (do 14 jan" in proposing and "gesloten" in proposing
    assert "volgende bijeenkomst" in proposing

    # With a next meeting planned, the proposal goes there, and the answer says which and when.
    await organiser.say(PLAN_2)
    text = await participant.text("/agenda voorstel Monitoring")
    assert "voorstel #2 voor bijeenkomst 2 (do 8 apr" in text
    assert "bijeenkomst 1 is al gesloten" in text
    assert "bijeenkomst 2 (do 8 apr" in await participant.text("/agenda")
