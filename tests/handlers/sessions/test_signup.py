"""The sign-up after 'Ja' or 'Misschien' (parts, diet, a note), the deadline and its requests to
the organisers, the nudge for 'misschien' and no reminders after 'nee'."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.core.clock import ManualClock
from bot.db.models import OutboxMessage, Rsvp
from bot.kernel.services import Services
from scheduler.jobs import run_now
from scheduler.outbox import reply_from_json
from scheduler.timeline import step_key
from tests.factories import Person

PLAN = "/sessie nieuw 3 december 2026 10:00 | Utrecht, wijk Zuilen | Durf | overnachting"


def set_now(services: Services, when: datetime) -> None:
    clock = services.clock
    assert isinstance(clock, ManualClock)
    clock.set(when)


async def rsvp_row(services: Services, user_id: str) -> Rsvp:
    from tests.handlers.sessions.test_sessions import participant_id

    pid = await participant_id(services, user_id)
    async with services.database() as db:
        row = await db.scalar(select(Rsvp).where(Rsvp.participant_id == pid))
    assert row is not None
    return row


async def outbox(services: Services, prefix: str) -> list[OutboxMessage]:
    async with services.database() as db:
        rows = await db.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.key.startswith(prefix))
            .order_by(OutboxMessage.id)
        )
        return list(rows.all())


def text_of(row: OutboxMessage) -> str:
    return reply_from_json(row.reply).text


async def test_the_sign_up_with_buttons(
    services: Services, organiser: Person, participant: Person
) -> None:
    await organiser.say(PLAN)
    card, asked = await participant.press("rsvp:1:ja")
    assert card.edit and "Jouw antwoord: ja, ik kom" in card.text
    assert "Bijeenkomst 1: bij welke onderdelen ben je?" in asked.text
    assert participant.buttons()[5:] == [
        ("✓ Dag 1", "aanmelding:1:deel:day1"),
        ("✓ Diner", "aanmelding:1:deel:dinner"),
        ("Overnachting", "aanmelding:1:deel:overnight"),
        ("✓ Dag 2", "aanmelding:1:deel:day2"),
        ("Klaar", "aanmelding:1:klaar:"),
    ]
    await participant.press("aanmelding:1:deel:overnight")
    [edited] = await participant.press("aanmelding:1:deel:dinner")
    assert edited.edit
    assert [label for label, _ in participant.buttons()] == [
        "✓ Dag 1",
        "Diner",
        "✓ Overnachting",
        "✓ Dag 2",
        "Klaar",
    ]
    [diet] = await participant.press("aanmelding:1:klaar:")
    assert diet.edit and "dieetwensen" in diet.text and "30 dagen" in diet.text
    await participant.press("aanmelding:1:dieet:halal")
    [diet] = await participant.press("aanmelding:1:dieet:allergy")
    assert ("✓ Halal", "aanmelding:1:dieet:halal") in participant.buttons()
    assert "Waar ben je allergisch voor?" in await pressed(participant, "aanmelding:1:klaar:")
    assert "Nog iets voor de organisatoren" in await participant.text("pinda's")
    done = await participant.text("ik kom pas om 14:00")
    assert "Dank je, genoteerd voor bijeenkomst 1." in done
    assert "Onderdelen: dag 1, overnachting, dag 2" in done
    assert "Dieet: halal, allergie (pinda's)" in done
    assert "Opmerking: «ik kom pas om 14:00»" in done
    assert "Wijzigen kan met /sessie 1 opgeven." in done
    row = await rsvp_row(services, "p1")
    assert (row.parts, row.overnight, row.waiting_since) == (["day1", "day2"], True, None)
    assert (row.diets, row.diet_note) == (["halal", "allergy"], "pinda's")
    assert row.note == "ik kom pas om 14:00"
    # A button of the finished flow does nothing, and says how to change.
    assert "/sessie 1 opgeven" in await pressed(participant, "aanmelding:1:klaar:")
    # Changing it later: the flow starts with what is noted.
    assert "bij welke onderdelen" in await participant.text("/sessie 1 opgeven")
    assert ("✓ Overnachting", "aanmelding:1:deel:overnight") in participant.buttons()


async def pressed(person: Person, data: str) -> str:
    return "\n\n".join(r.text for r in await person.press(data))


async def test_the_sign_up_typed_in_english(services: Services, organiser: Person) -> None:
    await organiser.say(PLAN)
    sam = Person(services, "p2", name="Sam Jones", language="en")
    await sam.press("rsvp:1:misschien")
    assert "I don't recognise that as a part" in await sam.text("breakfast")
    assert "Any dietary needs?" in await sam.text("day 1, dinner")
    assert "Anything for the organisers" in await sam.text("vegan, allergy: nuts")
    done = await sam.text("no")
    assert "Parts: day 1, dinner" in done and "Diet: vegan, allergy (nuts)" in done
    assert "Note:" not in done
    row = await rsvp_row(services, "p2")
    assert (row.answer, row.parts, row.overnight) == ("maybe", ["day1", "dinner"], False)
    # 'stop' ends the flow; what was answered stays.
    await sam.say("/session 1 signup")
    await sam.say("stop")
    assert (await rsvp_row(services, "p2")).diets == ["vegan", "allergy"]


async def test_after_the_deadline_a_change_is_a_request_to_the_organisers(
    services: Services, organiser: Person, participant: Person
) -> None:
    await organiser.say(PLAN)
    said = await organiser.text("/sessie 1 hotel tot 26 november")
    assert "tot en met donderdag 26 november 2026" in said
    assert "maandag 23 november 2026 een herinnering" in said
    await participant.say("/ik stad Utrecht")
    await participant.press("rsvp:1:ja")
    set_now(services, datetime(2026, 11, 27, 9, 0, tzinfo=UTC))
    [told] = await participant.press("rsvp:1:nee")
    assert "aanmeldtermijn van bijeenkomst 1 is voorbij (donderdag 26 november 2026)" in told.text
    assert "verzoek naar de organisatoren" in told.text
    assert (await rsvp_row(services, "p1")).answer == "yes"  # unchanged
    [request] = await outbox(services, "rsvp-request:session:1:")
    text = text_of(request)
    assert "Esther Brink (Utrecht)" in text and "«nee, ik kom niet»" in text
    assert "Nu genoteerd: ja, ik kom" in text
    # The flow after the deadline asks for the change in words.
    assert "Typ wat je wilt wijzigen" in await participant.text("/sessie 1 opgeven")
    assert "verzoek" in await participant.text("ik eet niet mee")
    requests = await outbox(services, "rsvp-request:session:1:")
    assert len(requests) == 2 and "«ik eet niet mee»" in text_of(requests[1])
    # Organisers still change their own answer.
    [card, _] = await organiser.press("rsvp:1:ja")
    assert "Jouw antwoord: ja, ik kom" in card.text


async def test_a_deadline_must_lie_before_the_meeting(
    services: Services, organiser: Person
) -> None:
    await organiser.say(PLAN)
    assert "vóór het begin" in await organiser.text("/sessie 1 hotel tot 5 december")
    assert "Die datum ken ik niet" in await organiser.text("/sessie 1 hotel tot ooit")
    assert "zet de aanmeldtermijn" in await organiser.text("/sessie 1 hotel")


async def test_those_who_said_maybe_are_nudged_before_the_deadline(
    services: Services, organiser: Person, participant: Person
) -> None:
    await organiser.say(PLAN)
    await organiser.say("/sessie 1 hotel tot 26 november")
    piet = Person(services, "p2", name="Piet")
    await participant.press("rsvp:1:misschien")
    await piet.press("rsvp:1:ja")
    set_now(services, datetime(2026, 11, 23, 23, 0, tzinfo=UTC))
    assert await run_now(services, "maybe-nudge:session:1:until:2026-11-26") == "done"
    [nudge] = await outbox(services, "maybe-nudge:session:1:")
    assert nudge.participant_id is not None
    assert nudge.key.endswith(f":participant:{nudge.participant_id}")
    assert "Je zei 'misschien' voor bijeenkomst 1" in text_of(nudge)
    assert "vóór donderdag 26 november 2026" in text_of(nudge)
    assert nudge.participant_id == (await rsvp_row(services, "p1")).participant_id


async def test_a_moved_deadline_replaces_the_nudge(services: Services, organiser: Person) -> None:
    await organiser.say(PLAN)
    await organiser.say("/sessie 1 hotel tot 26 november")
    await organiser.say("/sessie 1 hotel tot 28 november")
    assert await run_now(services, "maybe-nudge:session:1:until:2026-11-26") is None
    assert await run_now(services, "maybe-nudge:session:1:until:2026-11-28") == "done"


async def test_no_reminders_after_saying_no(
    services: Services, organiser: Person, participant: Person
) -> None:
    await organiser.say(PLAN)
    piet = Person(services, "p2", name="Piet")
    await piet.say("/start")
    await participant.press("rsvp:1:nee")
    key = step_key("reminder", 1, timedelta(days=-2))
    set_now(services, datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    assert await run_now(services, key) == "done"
    reminded = {row.participant_id for row in await outbox(services, "reminder:session:1:")}
    esther = (await rsvp_row(services, "p1")).participant_id
    assert reminded and esther not in reminded
