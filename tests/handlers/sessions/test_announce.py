"""Save the date: planning announces a meeting to everyone once; a move or cancellation tells
everyone who has not said no what changed (old → new)."""

from __future__ import annotations

import base64

from icalendar import Calendar
from sqlalchemy import select

from bot.db.models import Identity, OutboxMessage
from bot.kernel.services import Services
from tests.factories import Person

PLAN = "/sessie nieuw 3 december 2026 10:00 | Utrecht, wijk Zuilen | Durf | overnachting"


async def rows(services: Services, prefix: str) -> list[OutboxMessage]:
    async with services.database() as db:
        found = await db.scalars(select(OutboxMessage).where(OutboxMessage.key.startswith(prefix)))
        return list(found.all())


async def pid(services: Services, user_id: str) -> int:
    async with services.database() as db:
        identity = await db.scalar(select(Identity).where(Identity.user_id == user_id))
    assert identity is not None
    return identity.participant_id


async def test_planning_announces_once_to_everyone_with_buttons_and_ics(
    services: Services, organiser: Person
) -> None:
    people = [Person(services, f"p{n}", name=f"Deelnemer {n}") for n in range(3)]
    english = Person(services, "en1", name="Ann", language="en")
    for person in (*people, english):
        await person.say("/start")
    await english.say("/ik taal en")
    text = await organiser.text(PLAN)
    assert "Aangekondigd aan 5 deelnemers" in text
    announced = await rows(services, "announce:session:1:")
    assert len(announced) == 5
    assert len({row.participant_id for row in announced}) == 5
    for row in announced:
        reply = row.reply
        labels = [b["data"] for line in reply["buttons"] for b in line]
        assert {"rsvp:1:ja", "rsvp:1:nee", "rsvp:1:misschien"} <= set(labels)
        ics = base64.b64decode(reply["attachment"]["content"])
        [event] = Calendar.from_ical(ics).walk("VEVENT")
        assert str(event["UID"]) == "session-1@copbot" and int(event["SEQUENCE"]) == 0
    by_person = {row.participant_id: row.reply["text"] for row in announced}
    assert by_person[await pid(services, "p0")].startswith("Save the date: bijeenkomst 1")
    assert "Let us know with the buttons" in by_person[await pid(services, "en1")]
    # Changing the place does not announce again; a second meeting gets its own announcement.
    await organiser.say("/sessie 1 wijzig thema Durf en lef")
    assert len(await rows(services, "announce:session:")) == 5


async def test_a_move_tells_old_and_new_to_everyone_who_did_not_say_no(
    services: Services, organiser: Person
) -> None:
    yes, maybe, no, silent = (Person(services, f"p{n}", name=f"P{n}") for n in range(4))
    for person in (yes, maybe, no, silent):
        await person.say("/start")
    await organiser.say(PLAN)
    await yes.press("rsvp:1:ja")
    await maybe.press("rsvp:1:misschien")
    await no.press("rsvp:1:nee")
    await organiser.say("/sessie 1 wijzig plaats Amersfoort, Kruiskamp")
    told = await organiser.text("/sessie 1 wijzig datum 10 december 2026 13:00")
    assert "4 deelnemers die niet hebben afgezegd krijgen bericht" in told
    moved = await rows(services, "moved:session:1:seq:2:")
    expected = [await pid(services, u) for u in ("organiser", "p0", "p1", "p3")]
    assert sorted(r.participant_id for r in moved) == sorted(expected)  # not p2 (no)
    text = moved[0].reply["text"]
    assert "Wanneer: donderdag 3 december 2026, 10:00 → donderdag 10 december 2026, 13:00" in text
    assert "Tot: vrijdag 4 december 2026, 16:00 → vrijdag 11 december 2026, 19:00" in text
    placed = await rows(services, "moved:session:1:seq:1:")
    assert "Waar: Utrecht, wijk Zuilen → Amersfoort, Kruiskamp" in placed[0].reply["text"]
    ics = base64.b64decode(moved[0].reply["attachment"]["content"])
    [event] = Calendar.from_ical(ics).walk("VEVENT")
    assert int(event["SEQUENCE"]) == 2
    # A theme change moves nothing: nobody is told.
    await organiser.say("/sessie 1 wijzig thema Lef")
    assert await rows(services, "moved:session:1:seq:3:") == []


async def test_cancelling_tells_who_did_not_say_no_and_withdraws_the_unsent_announcement(
    services: Services, organiser: Person
) -> None:
    yes, no = Person(services, "p0", name="Ja"), Person(services, "p1", name="Nee")
    for person in (yes, no):
        await person.say("/start")
    await organiser.say(PLAN)
    await yes.press("rsvp:1:ja")
    await no.press("rsvp:1:nee")
    assert "1 aangemelde deelnemer en 1 die nog niet antwoordden" in await organiser.text(
        "/sessie 1 annuleer"
    )
    await organiser.press("sessie:annuleer:1")
    cancelled = await rows(services, "cancelled:session:1:")
    expected = sorted([await pid(services, "organiser"), await pid(services, "p0")])
    assert sorted(r.participant_id for r in cancelled) == expected
    ics = base64.b64decode(cancelled[0].reply["attachment"]["content"])
    assert "STATUS:CANCELLED" in ics.decode()
    assert {r.status for r in await rows(services, "announce:session:1:")} == {"cancelled"}


async def test_announcing_to_one_participant_says_deelnemer(
    services: Services, organiser: Person
) -> None:
    """The organiser alone hears it: one participant, in the singular (no "deelnemer(s)")."""
    text = await organiser.text(PLAN)
    assert "Aangekondigd aan 1 deelnemer, met de aanmeldknoppen" in text
