"""/start, /ik and /koppel as a participant uses them."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.db.models import Identity, Participant
from bot.kernel.services import Services
from tests.factories import Person


async def test_start_registers_and_greets_in_dutch(services: Services) -> None:
    person = Person(services, "s1", name="Jan Jans")
    text = await person.text("/start")
    assert "Welkom bij copbot, Jan Jans" in text
    assert "Fijn je weer te zien" in await person.text("/start")
    async with services.database() as db:
        p = await db.scalar(select(Participant).where(Participant.display_name == "Jan Jans"))
    assert p is not None and p.registered


async def test_start_in_english_for_english_clients(services: Services) -> None:
    assert "Welcome to copbot" in await Person(services, "s2", language="en").text("/start")


async def test_profile_fields(participant: Person) -> None:
    await participant.say("/start")
    assert "stad is nu Utrecht" in await participant.text("/ik stad Utrecht")
    assert "organisatie is nu WWI" in await participant.text("/ik organisatie WWI")
    text = await participant.text("/ik")
    assert "Stad: Utrecht" in text and "Organisatie: WWI" in text
    assert "begrijp ik niet" in await participant.text("/ik schoenmaat 44")
    assert "te lang" in await participant.text("/ik stad " + "x" * 500)
    assert "language is now en" in await participant.text("/ik taal en")


async def test_linking_two_platforms_makes_one_participant(services: Services) -> None:
    telegram = Person(services, "555", name="Esther", platform="telegram")
    slack = Person(services, "U555", name="Esther B", platform="slack")
    await telegram.say("/start")
    await telegram.say("/ik stad Amersfoort")
    await slack.say("/start")
    code_text = await telegram.text("/koppel")
    code = code_text.split("/koppel ")[-1].strip()
    assert "Gekoppeld" in await slack.text(f"/koppel {code}")
    assert "Stad: Amersfoort" in await slack.text("/ik")
    async with services.database() as db:
        owners = (await db.scalars(select(Identity.participant_id))).all()
        people = await db.scalar(select(func.count()).select_from(Participant))
    assert len(set(owners)) == people
    assert "ken ik niet" in await slack.text(f"/koppel {code}")  # one-time


async def test_expired_link_code_is_refused(services: Services) -> None:
    from datetime import timedelta

    from bot.core.clock import ManualClock

    telegram = Person(services, "556", platform="telegram")
    slack = Person(services, "U556", platform="slack")
    code = (await telegram.text("/koppel")).split("/koppel ")[-1].strip()
    assert isinstance(services.clock, ManualClock)
    services.clock.advance(timedelta(minutes=16))
    assert "verlopen" in await slack.text(f"/koppel {code}")


async def test_profile_stays_out_of_telegram_groups(services: Services) -> None:
    member = Person(services, "77", platform="telegram", is_group=True, chat_id="-100")
    assert "privégesprek" in await member.text("/ik stad Utrecht")
    assert "privégesprek" in await member.text("/ik")
    private = Person(services, "77", platform="telegram")
    assert "Stad: (onbekend)" in await private.text("/ik")


async def test_a_name_set_with_ik_naam_survives_the_next_message(services: Services) -> None:
    carla = Person(services, "carla", name="Carla")
    await carla.say("/start")
    assert "naam is nu Carla de Vries" in await carla.text("/ik naam Carla de Vries")
    assert "Naam: Carla de Vries" in await carla.text("/ik")
    # Without /ik naam the platform profile's name is still followed.
    other = Person(services, "other", name="Olaf")
    await other.say("/start")
    other.name = "Olaf Oud"
    assert "Naam: Olaf Oud" in await other.text("/ik")


async def test_city_is_stored_under_one_name(participant: Person) -> None:
    await participant.say("/start")
    assert "stad is nu Den Haag" in await participant.text("/ik stad the hague")
    assert "stad is nu Groningen" in await participant.text("/ik stad  groningen ")
