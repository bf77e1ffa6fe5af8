"""A stale or contradicting "are you new?" answer, and organisers undoing a pairing."""

from __future__ import annotations

from sqlalchemy import select

from bot.db.models import Participant
from bot.db.models.buddies import Pairing
from bot.kernel.services import Services
from tests.factories import Person
from tests.handlers.buddies.test_buddies import newcomer, pairs, pid, volunteer


async def test_an_old_i_am_new_button_is_refused_for_a_veteran(services: Services) -> None:
    await volunteer(services, "ab", "Anton Arnhem", "Arnhem")
    vera = Person(services, "vera", name="Vera Veteraan")
    await vera.say("/start")
    await vera.press("nieuw:nee")
    # Months later Vera presses the other button of the same old /start message.
    answer = "\n".join(r.text for r in await vera.press("nieuw:ja"))
    assert "Je gaf aan dat je al langer meedoet" in answer
    assert await pairs(services) == []
    async with services.database() as db:
        person = await db.get(Participant, await pid(services, "vera"))
        assert person is not None and person.is_newcomer is False
    # A newcomer's "no, I've been around" after being paired is refused the same way.
    nina, _ = await newcomer(services, "nina", "Nina Nieuw", "Utrecht")
    answer = "\n".join(r.text for r in await nina.press("nieuw:nee"))
    assert "Je gaf aan dat je nieuw bent" in answer and "Anton Arnhem" in answer
    [row] = await pairs(services)
    assert row.ended_at is None


async def test_organiser_undoes_a_pairing_after_confirming(
    services: Services, organiser: Person
) -> None:
    await organiser.say("/start")
    anton = await volunteer(services, "ab", "Anton Arnhem", "Arnhem", username="anton")
    await volunteer(services, "ub", "Ulla Utrecht", "Utrecht", username="ulla")
    cor = Person(services, "cor", name="Cor Koster", username="cor")
    await cor.say("/start")
    await cor.press("nieuw:ja")
    await cor.say("Groningen")
    [first] = await pairs(services)

    noted = await organiser.text("/maatje ervaren @cor")
    assert "Genoteerd" in noted and "/maatje ontkoppel @cor" in noted

    # Only organisers, and only after a confirmation.
    assert "alleen organisatoren" in (await anton.text("/maatje ontkoppel @cor")).lower()
    assert "is zelf het maatje van Cor Koster" in await organiser.text("/maatje ontkoppel @anton")
    question = await organiser.text("/maatje ontkoppel @cor")
    assert "Cor Koster" in question and "?" in question
    [(_, yes), (_, no)] = organiser.buttons()
    assert (await pairs(services))[0].ended_at is None
    assert "alleen organisatoren" in "\n".join(r.text for r in await anton.press(yes)).lower()
    assert "Niets veranderd" in "\n".join(r.text for r in await organiser.press(no))
    assert (await pairs(services))[0].ended_at is None

    done = "\n".join(r.text for r in await organiser.press(yes))
    assert "Ontkoppeld" in done
    rows = await pairs(services)
    assert [r.id for r in rows] == [first.id] and rows[0].ended_at is not None
    # Cor counts as experienced now: no new buddy; the buddy has room again.
    assert "0 van 2" in await organiser.text("/maatjes")
    assert "Deze koppeling bestaat niet meer" in "\n".join(
        r.text for r in await organiser.press(yes)
    )


async def test_an_undone_newcomer_gets_another_buddy(
    services: Services, organiser: Person
) -> None:
    await organiser.say("/start")
    await volunteer(services, "ab", "Anton Arnhem", "Arnhem")
    await volunteer(services, "ub", "Ulla Utrecht", "Utrecht")
    await newcomer(services, "nina", "Nina Nieuw", "Groningen")
    [first] = await pairs(services)
    await organiser.say("/maatje ontkoppel Nina Nieuw")
    [(_, yes), _] = organiser.buttons()
    done = "\n".join(r.text for r in await organiser.press(yes))
    assert "Ontkoppeld" in done
    async with services.database() as db:
        active = (await db.scalars(select(Pairing).where(Pairing.ended_at.is_(None)))).all()
    [second] = active
    assert second.newcomer_id == first.newcomer_id and second.buddy_id != first.buddy_id
