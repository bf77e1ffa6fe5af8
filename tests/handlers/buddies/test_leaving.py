"""/vertrek asks before it takes effect; /terug brings a leaver back."""

from __future__ import annotations

from bot.db.models import Participant
from bot.db.models.buddies import Departure
from bot.kernel.services import Services
from tests.handlers.buddies.test_buddies import newcomer, pairs, pid, volunteer
from tests.history_factory import deliver, inbox, install_postbox


async def status_of(services: Services, user: str) -> str:
    async with services.database() as db:
        person = await db.get(Participant, await pid(services, user))
        assert person is not None
        return person.status


async def test_leaving_asks_first_and_no_keeps_everything(services: Services) -> None:
    postbox = install_postbox(services)
    anton = await volunteer(services, "ab", "Anton Amersfoort", "Amersfoort")
    await newcomer(services, "nina", "Nina Nieuw", "Arnhem")

    question = await anton.text("/vertrek")
    assert "Weet je het zeker" in question
    assert [data for _, data in anton.buttons()] == ["vertrek:ja", "vertrek:nee"]
    assert await status_of(services, "ab") == "active"
    assert "Niets veranderd" in "\n".join(r.text for r in await anton.press("vertrek:nee"))
    await anton.say("/vertrek")
    assert "Niets veranderd" in await anton.text("nee")
    assert await status_of(services, "ab") == "active"
    [row] = await pairs(services)
    assert row.ended_at is None
    await deliver(services)
    assert not any("vertrekt" in t for t in inbox(postbox, "nina"))

    await anton.say("/vertrek")
    assert "Jammer dat je gaat" in await anton.text("ja")
    assert await status_of(services, "ab") == "leaving"
    assert "al als vertrekkend" in "\n".join(r.text for r in await anton.press("vertrek:ja"))


async def test_a_leaver_comes_back_with_terug(services: Services) -> None:
    anton = await volunteer(services, "ab", "Anton Amersfoort", "Amersfoort")
    await anton.say("/vertrek")
    await anton.press("vertrek:ja")
    assert "/terug" in await anton.text("/start")
    assert await status_of(services, "ab") == "leaving"
    back = await anton.text("/terug")
    assert "Welkom terug" in back and "/maatje word" in back
    assert await status_of(services, "ab") == "active"
    async with services.database() as db:
        assert await db.get(Departure, await pid(services, "ab")) is None
    assert "niet als vertrekkend" in await anton.text("/terug")
    assert "Dank je" in await anton.text("/maatje word")


async def test_start_does_not_ask_an_experienced_or_leaving_person_if_they_are_new(
    services: Services,
) -> None:
    anton = await volunteer(services, "ab", "Anton Amersfoort", "Amersfoort")
    await anton.say("/start")
    assert anton.buttons() == []
    await anton.say("/vertrek")
    await anton.say("ja")
    await anton.say("/start")
    assert anton.buttons() == []
