"""A programme over two days: end times, rooms and guest speakers, /programma shows each day;
once announced to those coming, a change reaches only them and raises the .ics SEQUENCE."""

from __future__ import annotations

from sqlalchemy import select

from bot.db.models import OutboxMessage, Session
from bot.kernel.services import Services
from tests.factories import Person

PLAN = "/sessie nieuw 3 december 2026 10:00 | Utrecht, Zuilen | Durf | overnachting"


async def outbox(services: Services, prefix: str) -> list[OutboxMessage]:
    async with services.database() as db:
        rows = await db.scalars(select(OutboxMessage).where(OutboxMessage.key.startswith(prefix)))
        return list(rows.all())


async def meeting(services: Services) -> Session:
    async with services.database() as db:
        found = await db.get(Session, 1)
    assert found is not None
    return found


async def planned_with_topics(organiser: Person, participant: Person) -> None:
    await organiser.say("/start")
    await participant.say("/start")
    await organiser.say(PLAN)
    await participant.say("/agenda voorstel Corporaties als partner in de wijk")
    await participant.say("/agenda voorstel Bewoners aan het stuur")
    await participant.say("/agenda voorstel Verankeren in de organisatie")


async def test_programme_shows_two_days_with_times_rooms_and_guests(
    services: Services, organiser: Person, participant: Person
) -> None:
    await planned_with_topics(organiser, participant)
    assert "als item 1" in await organiser.text("/programma 1 neem 1 10:30-12:00")
    assert "als item 2" in await organiser.text("/programma 1 neem 2 dag 2 09:00 - 10:30")
    assert "als item 3" in await organiser.text("/programma 1 neem 3")
    text = await organiser.text("/programma 1 tijd 3 vrijdag 11:00-12:30")
    assert "Item 3 (Verankeren in de organisatie) staat nu op vr 11:00–12:30" in text
    assert "zaal: Zaal 2" in await organiser.text("/programma 1 zaal 1 Zaal 2")
    assert "gast: Jan Jansen" in await organiser.text("/programma 1 spreker 2 Jan Jansen")
    shown = await participant.text("/programma 1")
    lines = shown.split("\n")
    day1, day2 = (
        lines.index("Dag 1, donderdag 3 december:"),
        lines.index("Dag 2, vrijdag 4 december:"),
    )
    assert day1 < day2
    first = lines.index("1. 10:30–12:00 Corporaties als partner in de wijk (zaal: Zaal 2)")
    second = lines.index("2. vr 09:00–10:30 Bewoners aan het stuur (gast: Jan Jansen)")
    third = lines.index("3. vr 11:00–12:30 Verankeren in de organisatie")
    assert day1 < first < day2 < second < third
    stored = (await meeting(services)).programme or ""
    assert "1. 10:30–12:00 Corporaties als partner in de wijk (Zaal 2)" in stored
    assert "2. 04/12 09:00–10:30 Bewoners aan het stuur (Jan Jansen)" in stored
    # Clearing, and what does not fit.
    assert "zaal weggehaald" in await organiser.text("/programma 1 zaal 1 -")
    assert "moet na het begin" in await organiser.text("/programma 1 tijd 1 11:00-10:00")
    assert "Die tijd begrijp ik niet" in await organiser.text("/programma 1 tijd 1 11:00-straks")
    assert "Gebruik: /programma 1 tijd" in await organiser.text("/programma 1 tijd 1")
    assert "geen item 9" in await organiser.text("/programma 1 zaal 9 Aula")
    english = Person(services, "en1", name="Ann", language="en")
    await english.say("/ik taal en")
    assert "Day 2, Friday 4 December:" in await english.text("/programme 1")


async def test_a_change_after_the_announcement_reaches_only_those_coming_and_bumps_sequence(
    services: Services, organiser: Person, participant: Person
) -> None:
    await planned_with_topics(organiser, participant)
    maybe = Person(services, "p2", name="Bert")
    no = Person(services, "p3", name="Carla")
    silent = Person(services, "p4", name="Dirk")
    for person in (maybe, no, silent):
        await person.say("/start")
    await participant.press("rsvp:1:ja")
    await maybe.press("rsvp:1:misschien")
    await no.press("rsvp:1:nee")
    await organiser.say("/programma 1 neem 1 10:30-12:00")
    assert await outbox(services, "programme") == []  # not announced yet: nobody is told
    sequence = (await meeting(services)).sequence
    text = await organiser.text("/programma 1 aankondigen")
    assert "gaat naar 1 deelnemer die komt" in text
    [sent] = await outbox(services, "programme:session:1:")
    assert "1. 10:30–12:00 Corporaties" in sent.reply["text"]
    told = await organiser.text("/programma 1 tijd 1 14:00-15:30")
    assert "1 deelnemer die komt krijgt de wijziging te horen" in told
    after = await meeting(services)
    assert after.sequence == sequence + 1
    [change] = await outbox(services, "programme-change:session:1:")
    assert change.participant_id == sent.participant_id  # only the one who said yes
    assert (
        change.key
        == f"programme-change:session:1:seq:{after.sequence}:participant:{sent.participant_id}"
    )
    assert (
        "item 1: 1. 10:30–12:00 Corporaties als partner in de wijk → 1. 14:00–15:30"
        in (change.reply["text"])
    )
    # The new SEQUENCE is in the meeting's .ics, and the description has the new programme.
    [reply] = await participant.say("/sessie 1 ics")
    assert reply.attachment is not None
    ics = reply.attachment.content.decode()
    assert f"SEQUENCE:{after.sequence}" in ics and "14:00–15:30" in ics
    await organiser.say("/programma 1 neem 2 dag 2 9:00")
    await organiser.say("/programma 1 weg 2")
    texts = [r.reply["text"] for r in await outbox(services, "programme-change:session:1:")]
    assert len(texts) == 3
    assert any("nieuw item 2. 04/12 09:00 Bewoners aan het stuur" in t for t in texts)
    assert any("item 2 (Bewoners aan het stuur) vervalt" in t for t in texts)
    assert (await meeting(services)).sequence == sequence + 3
