"""/geschiedenis: the list points at the last two meetings' pages; /geschiedenis <n> is one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.db.models import Book, BookPick, Session, Verdict
from bot.kernel.services import Services
from tests.factories import Person
from tests.handlers.memory.meeting import STARTS, past_meeting


async def test_a_meetings_page_and_the_pointer_to_the_last_two(services: Services) -> None:
    await past_meeting(services, {"esther": "Ga naar de voetbalclub.", "frank": ""})
    async with services.database() as db, db.begin():
        earlier = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
        for place in ("Delft", "Breda"):
            db.add(
                Session(
                    starts_at=earlier,
                    ends_at=earlier + timedelta(hours=8),
                    place=place,
                    theme="Durf",
                    created_at=earlier,
                    updated_at=earlier,
                )
            )
            earlier -= timedelta(days=90)
        book = Book(title="Afri", author="Jutta Chorus", created_at=STARTS)
        db.add(book)
        await db.flush()
        db.add(BookPick(book_id=book.id, session_id=1, created_at=STARTS))
        db.add(Verdict(book_id=book.id, verdict="bruikbaar", created_at=STARTS, session_id=1))
    kees = Person(services, "kees", name="Kees")
    overview = await kees.text("/geschiedenis")
    assert "• 1. donderdag 11 maart 2027, Zwolle: Jongeren in de wijk" in overview
    assert "Lees hoe de laatste bijeenkomsten gingen: /geschiedenis 1 en /geschiedenis 2." in (
        overview
    )
    page = await kees.text("/geschiedenis 1")
    assert page.startswith("Bijeenkomst 1: Jongeren in de wijk\ndonderdag 11 maart 2027, Zwolle")
    assert "Programma:\n• Jongeren en sport\n• Wijkteams" in page
    assert "Er kwamen 2 deelnemers, uit Groningen en Rotterdam." in page
    assert "Het boek: Afri (Jutta Chorus): bruikbaar" in page
    assert "Nog geen lessen geoogst (de voorbereidingsgroep: /oogst 1)." in page
    assert "Ik ken geen bijeenkomst 9" in await kees.text("/geschiedenis 9")
    assert "Ik ken geen bijeenkomst gisteren" in await kees.text("/geschiedenis gisteren")
