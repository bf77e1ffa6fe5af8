"""/boek: finding a book by any word of its title or author; a meeting's picks said and undone."""

from __future__ import annotations

from sqlalchemy import select

from bot.db.models import BookPick
from bot.kernel.services import Services
from tests.factories import Person

SESSION = "/sessie nieuw 3 december 2026 10:00 | Utrecht, wijk Zuilen | Durf | overnachting"
JACOBS = "/boek voorstel The Death and Life of Great American Cities — Jane Jacobs"


async def test_a_book_is_found_by_a_word_of_its_author_or_title(participant: Person) -> None:
    assert "Voorgesteld" in await participant.text(JACOBS)
    for query in ("jacobs", "Jacobs", "death", "jane jacobs", "great american cities", "jakobs"):
        text = await participant.text(f"/boek {query}")
        assert "The Death and Life of Great American Cities" in text, query
    assert "Geen boek gevonden" in await participant.text("/boek kwantumfysica")
    assert "Geen boek gevonden" in await participant.text("/boek the and of")
    assert "📖 #2 Afri — Jutta Chorus" in await participant.text("/boek chorus")


async def test_a_second_pick_for_a_meeting_is_said_and_a_pick_can_be_taken_back(
    services: Services, organiser: Person, participant: Person
) -> None:
    await organiser.say(SESSION)
    await participant.say(JACOBS)
    assert "Gekozen" in await organiser.text("/boek kies 3")
    text = await organiser.text("/boek kies 1 1")
    assert "Gekozen" in text
    # Both books are on meeting 1 now: the answer says so, not silently.
    assert "al gekozen" in text and "The Death and Life of Great American Cities" in text
    assert "/boek kies weg" in text

    assert "Alleen organisatoren" in await participant.text("/boek kies weg 1 3")
    text = await organiser.text("/boek kies weg 1 3")
    assert "niet meer gekozen" in text and "Death and Life" in text
    async with services.database() as db:
        left = (await db.scalars(select(BookPick.book_id))).all()
    assert list(left) == [1]
    assert "was niet gekozen" in await organiser.text("/boek kies weg 1 3")
    assert "Gebruik" in await organiser.text("/boek kies weg")
    assert "/boek kies weg" in await organiser.text("/boek kies")
    assert "kies weg" in await organiser.text("/help boek")


async def test_a_book_can_be_picked_by_a_word_and_an_unclear_word_asks_which(
    organiser: Person, participant: Person
) -> None:
    await organiser.say(SESSION)
    await participant.say(JACOBS)
    text = await organiser.text("/boek kies jacobs")
    assert "Gekozen" in text and "Death and Life" in text and "#jacobs" not in text
    await participant.say("/boek voorstel Jacobs' tweede boek — Jane Jacobs")
    unclear = await organiser.text("/boek kies jane jacobs")
    assert "Noem het nummer" in unclear and "#3" in unclear and "#4" in unclear
    nothing = await organiser.text("/boek kies kwantumfysica")
    assert "Geen boek gevonden" in nothing and "#kwantumfysica" not in nothing
