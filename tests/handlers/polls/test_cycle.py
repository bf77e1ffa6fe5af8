"""Agenda polls through a whole cycle: after the close, support during the vote, empty votes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core.clock import ManualClock
from bot.kernel.services import Services
from bot.wiring import build_registry, prepare
from scheduler.service import tick
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


async def test_support_during_the_vote_casts_a_vote_within_the_limit(
    services: Services, organiser: Person, participant: Person
) -> None:
    bert = Person(services, "bert", name="Bert de Vries", username="bert")
    await plan(organiser, participant, bert)
    for title in ("Bewoners aan het stuur", "Verankeren in de organisatie", "Corporaties"):
        await participant.say(f"/agenda voorstel {title}")
    await organiser.say("/peiling open max 2")

    text = await bert.text("/agenda steun #3")
    assert "voorstel #3" in text and "stem" in text and "1 van 2" in text
    assert "Jouw stemmen: 1 van 2" in await bert.text("/peiling")
    assert "✓ #3 Corporaties (1 stem)" in await bert.text("/peiling")
    await bert.say("/agenda steun 1")
    # Over the limit: said clearly what counted and what did not.
    text = await bert.text("/agenda steun 2")
    assert "niet als stem" in text and "2 van 2" in text
    standing = await organiser.text("/peiling stand")
    assert "stemmers: 1" in standing
    assert "Je stemde al op #3" in await bert.text("/agenda steun 3")


async def test_opening_a_vote_without_proposals_warns_and_sends_nothing(
    services: Services, organiser: Person, participant: Person
) -> None:
    await plan(organiser, participant)
    text = await organiser.text("/peiling open")
    assert "nog geen voorstellen" in text and "niets verstuurd" in text
    assert "Er loopt nu geen peiling" in await participant.text("/peiling")
    await tick(services)
    assert not [d for d in delivered(services).delivered if "Agendapeiling" in d.reply.text]


async def test_a_closed_vote_invites_no_new_topics_and_programme_hints_read_well(
    services: Services, organiser: Person, participant: Person
) -> None:
    await plan(organiser, participant)
    await participant.say("/agenda voorstel Tien inzichten in de sturing van de wijkenaanpak")
    await participant.say("/agenda voorstel Van buiten naar binnen: verankeren in de organisatie")
    await organiser.say("/peiling open max 1")
    assert "kies 1 onderwerp," in await participant.text("/peiling")
    await organiser.say("/peiling sluit")
    [closed] = await participant.press("pv:1:1")
    assert "gesloten" in closed.text
    assert "kan ook nu nog" not in closed.text and "Nieuw onderwerp" not in closed.text

    text = await organiser.text("/programma 1 neem 1")
    text += await organiser.text("/programma 1 neem 2")
    text += await organiser.text("/programma 1")
    assert "§bijlage" not in text and "§van-naar" not in text
    assert "(Bijlage 2: Tien inzichten" in text and "(VAN→NAAR)" in text
