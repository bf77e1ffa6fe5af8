"""How the buddies' texts read: no doubled parentheses, names joined with en/and, and English
readers told the English commands."""

from __future__ import annotations

from bot.kernel.services import Services
from tests.factories import Person
from tests.handlers.buddies.test_buddies import volunteer
from tests.history_factory import add_person


async def test_a_waiting_newcomer_without_city_has_single_parentheses(
    services: Services, organiser: Person
) -> None:
    await organiser.say("/start")
    await add_person(services, "Noor", is_newcomer=True)
    text = await organiser.text("/maatjes")
    assert "• Noor (stad onbekend)" in text and "((" not in text


async def test_newcomers_paired_at_once_are_joined_with_en(services: Services) -> None:
    for user, name in (("emily", "Emily"), ("carla", "Carla")):
        await add_person(services, name, user_id=user, is_newcomer=True, city="Utrecht")
    await add_person(services, "Anton", user_id="ab", city="Arnhem", experienced=True)
    answer = await Person(services, "ab", name="Anton").text("/maatje word")
    assert "Meteen gekoppeld: Emily en Carla." in answer


async def test_english_readers_are_told_english_commands(services: Services) -> None:
    emily = Person(services, "emily", name="Emily", language="en")
    welcome = await emily.text("/start")
    assert "/me city Utrecht" in welcome and "/ik stad" not in welcome
    assert "/me city <city>" in await emily.text("/me")
    await emily.press("nieuw:ja")
    assert "/history" in await emily.text("Utrecht")
    anton = await volunteer(services, "ab", "Anton", "Arnhem")
    anton.language = "en"
    await anton.say("/me language en")
    usage = await anton.text("/buddy nonsense")
    assert "/buddy become" in usage and "/maatje" not in usage
    await anton.say("/leave")
    left = await anton.text("yes")
    assert "/handover <text>" in left and "/leave successor @name" in left
    assert "/overdracht" not in left and "/vertrek" not in left
