"""/sessie, /sessies, the RSVP buttons, /aanwezig and /omroep, as organisers and participants."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Calendar
from sqlalchemy import select

from bot.core.clock import ManualClock
from bot.db.models import Identity, OutboxMessage, ScheduledJob, Session
from bot.kernel.services import Services
from handlers.sessions.rsvp import attended_participant_ids
from tests.factories import Person

PLAN = "/sessie nieuw 3 december 2026 10:00 | Utrecht, wijk Zuilen | Durf | overnachting"


async def pressed(person: Person, data: str) -> str:
    return "\n\n".join(r.text for r in await person.press(data))


async def session_row(services: Services, session_id: int = 1) -> Session:
    async with services.database() as db:
        session = await db.get(Session, session_id)
    assert session is not None
    return session


async def outbox(services: Services, prefix: str) -> list[OutboxMessage]:
    async with services.database() as db:
        rows = await db.scalars(select(OutboxMessage).where(OutboxMessage.key.startswith(prefix)))
        return list(rows.all())


async def step_jobs(services: Services, session_id: int = 1) -> dict[str, ScheduledJob]:
    async with services.database() as db:
        rows = await db.scalars(
            select(ScheduledJob).where(
                ScheduledJob.session_id == session_id, ScheduledJob.key.startswith("step:")
            )
        )
        return {job.key: job for job in rows.all()}


async def participant_id(services: Services, user_id: str) -> int:
    async with services.database() as db:
        identity = await db.scalar(select(Identity).where(Identity.user_id == user_id))
    assert identity is not None
    return identity.participant_id


async def test_one_line_planning(services: Services, organiser: Person) -> None:
    text = await organiser.text(PLAN)
    assert "Bijeenkomst 1 staat gepland" in text
    assert "donderdag 3 december 2026, 10:00" in text
    assert "Utrecht, wijk Zuilen" in text and "Durf" in text and "overnachting" in text
    session = await session_row(services)
    assert session.starts_at == datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    assert session.overnight and session.place == "Utrecht, wijk Zuilen"
    assert session.ends_at == datetime(2026, 12, 4, 15, 0, tzinfo=UTC)  # next day 16:00
    assert session.reminder_offsets == ["-P14D", "-P2D", "-PT3H"]
    keys = set(await step_jobs(services))
    assert "step:reminder:session:1:offset:-P2D" in keys
    assert "step:rsvp-nudge:session:1" in keys and "step:logistics:session:1" in keys


async def test_iso_date_and_no_overnight(services: Services, organiser: Person) -> None:
    await organiser.say("/sessie nieuw 2026-12-03 10:00 | Amersfoort, Kruiskamp | Doorpakken")
    session = await session_row(services)
    assert session.starts_at == datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    assert not session.overnight and session.theme == "Doorpakken"


async def test_guided_planning_asks_what_is_missing(services: Services, organiser: Person) -> None:
    assert "Wanneer begint" in await organiser.text("/sessie nieuw")
    bad = await organiser.text("32 december 10:00")
    assert "Ik begrijp de datum '32 december 10:00' niet" in bad
    assert "Waar is de bijeenkomst" in await organiser.text("2026-12-03 10:00")
    assert "thema" in await organiser.text("Rotterdam, Katendrecht")
    assert "overnachting" in await organiser.text("Sociale samenhang")
    assert organiser.buttons() == [
        ("Ja, met overnachting", "sessie:nacht:ja"),
        ("Nee", "sessie:nacht:nee"),
    ]
    text = await pressed(organiser, "sessie:nacht:ja")
    assert "Bijeenkomst 1 staat gepland" in text
    session = await session_row(services)
    assert session.overnight and session.theme == "Sociale samenhang"
    # The dialogue is over: plain text is no longer taken as an answer.
    assert "Bijeenkomst 2" not in await organiser.text("3 januari 2027 10:00")


async def test_guided_planning_picks_up_after_a_partial_line_and_stop_cancels(
    services: Services, organiser: Person
) -> None:
    assert "Waar is de bijeenkomst" in await organiser.text("/sessie nieuw 3 dec 10:00")
    assert "Gestopt" in await organiser.text("stop")
    async with services.database() as db:
        assert (await db.scalars(select(Session))).all() == []


async def test_bad_and_past_dates_are_explained(services: Services, organiser: Person) -> None:
    assert await organiser.text("/sessie nieuw 32 december | Utrecht | Durf") == (
        "Ik begrijp de datum '32 december' niet. Schrijf bijvoorbeeld 3 december 2026 10:00 "
        "of 2026-12-03 10:00."
    )
    assert "mis ik de tijd" in await organiser.text("/sessie nieuw 3 december 2026 | Utrecht")
    assert "ligt in het verleden" in await organiser.text(
        "/sessie nieuw 1 november 2026 10:00 | Utrecht | Durf"
    )


async def test_participants_cannot_plan_change_or_cancel(
    services: Services, organiser: Person, participant: Person
) -> None:
    refused = "Dat kunnen alleen organisatoren. Je kunt wel /sessies en /sessie <nummer>"
    assert refused in await participant.text(PLAN)
    await organiser.say(PLAN)
    for command in ("/sessie 1 annuleer", "/sessie 1 wijzig plaats Delft",
                    "/sessie 1 herinneringen 1d", "/sessie 1 tijdlijn"):  # fmt: skip
        assert refused in await participant.text(command), command
    # The community's feed stays with the organisers; a participant gets their own one.
    community = (await organiser.text("/sessie feed")).split("\n")[-2]
    own = await participant.text("/sessie feed")
    assert "/agenda/" in own and community not in own
    in_group = Person(services, "p1", name="Esther Brink", chat_id="g1", is_group=True)
    assert refused in await in_group.text("/sessie feed")
    assert refused in await pressed(participant, "sessie:annuleer:1")
    assert "alleen voor organisatoren" in await participant.text("/omroep hallo")
    assert "alleen voor organisatoren" in await participant.text("/aanwezig 1")
    assert (await session_row(services)).is_planned


async def test_rsvp_buttons_edit_the_message(
    services: Services, organiser: Person, participant: Person
) -> None:
    await organiser.say(PLAN)
    replies = await participant.say("/sessies")
    assert "De komende bijeenkomsten (1)" in replies[0].text
    assert "Je hebt nog niet geantwoord" in replies[1].text
    assert participant.buttons() == [
        ("Ja, ik kom", "rsvp:1:ja"),
        ("Nee", "rsvp:1:nee"),
        ("Misschien", "rsvp:1:misschien"),
        ("Overnachting: ja", "rsvp:1:nacht-ja"),
        ("Overnachting: nee", "rsvp:1:nacht-nee"),
    ]
    # The card, then the first question of the sign-up (parts, diet, a note).
    [reply, asked] = await participant.press("rsvp:1:ja")
    assert reply.edit and "Jouw antwoord: ja, ik kom" in reply.text
    assert not asked.edit and "onderdelen" in asked.text
    assert ("✓ Ja, ik kom", "rsvp:1:ja") in participant.buttons()
    [reply] = await participant.press("rsvp:1:nacht-ja")
    assert "Jouw overnachting: ja, ik blijf slapen" in reply.text
    [reply] = await participant.press("rsvp:1:nee")
    assert "nee, ik kom niet" in reply.text
    assert [label for label, _ in participant.buttons()] == ["Ja, ik kom", "✓ Nee", "Misschien"]
    details = await participant.text("/sessie 1")
    assert "Jouw antwoord: nee" in details and "0 ja, 0 misschien, 1 nee" in details


async def test_english_participant_gets_english_dates(
    services: Services, organiser: Person
) -> None:
    await organiser.say(PLAN)
    ann = Person(services, "en1", name="Ann", language="en")
    text = await ann.text("/sessie 1")
    assert "When: Thursday 3 December 2026, 10:00" in text and "Are you coming?" in text


async def test_ics_attachment(services: Services, organiser: Person, participant: Person) -> None:
    await organiser.say(PLAN)
    [reply] = await participant.say("/sessie 1 ics")
    assert reply.attachment is not None and reply.attachment.mime == "text/calendar"
    [event] = Calendar.from_ical(reply.attachment.content).walk("VEVENT")
    assert str(event["UID"]) == "session-1@copbot"
    assert "TZID=Europe/Amsterdam:20261203T100000" in reply.attachment.content.decode()


async def test_unknown_session_and_action(services: Services, organiser: Person) -> None:
    assert "Bijeenkomst 9 ken ik niet" in await organiser.text("/sessie 9")
    assert "Bijeenkomst x ken ik niet" in await organiser.text("/sessie x")
    await organiser.say(PLAN)
    assert "'dansen' ken ik niet" in await organiser.text("/sessie 1 dansen")
    assert "Gebruik: /sessie 1 wijzig" in await organiser.text("/sessie 1 wijzig kleur rood")


async def test_moving_a_session_moves_steps_and_tells_who_comes(
    services: Services, organiser: Person, participant: Person
) -> None:
    await organiser.say(PLAN)
    await participant.say("/start")
    await participant.press("rsvp:1:ja")
    text = await organiser.text("/sessie 1 wijzig datum 10 december 2026 10:00")
    assert "Aangepast: de datum" in text and "donderdag 10 december 2026, 10:00" in text
    session = await session_row(services)
    assert session.sequence == 1
    assert session.ends_at - session.starts_at == timedelta(hours=30)
    jobs = await step_jobs(services)
    assert jobs["step:logistics:session:1"].due_at == datetime(2026, 12, 9, 9, tzinfo=UTC)
    # Everyone who has not said no is told: the participant (yes), the organiser (no answer).
    notices = await outbox(services, "moved:session:1:")
    assert sorted(n.participant_id for n in notices) == sorted(
        [await participant_id(services, "organiser"), await participant_id(services, "p1")]
    )
    notice = notices[0]
    assert "verplaatst naar donderdag 10 december 2026, 10:00" in notice.reply["text"]
    await organiser.say("/sessie 1 wijzig plaats Amersfoort, Kruiskamp")
    await organiser.say("/sessie 1 wijzig programma 09:30 boekbespreking, 11:00 wijkwandeling")
    session = await session_row(services)
    assert session.place == "Amersfoort, Kruiskamp" and session.sequence == 3
    assert session.programme and "wijkwandeling" in session.programme
    assert "Programma:\n09:30 boekbespreking" in await participant.text("/sessie 1")


async def test_reminder_offsets_and_timeline(services: Services, organiser: Person) -> None:
    await organiser.say(PLAN)
    text = await organiser.text("/sessie 1 herinneringen 7d 1u")
    assert "7 dagen en 1 uur vooraf" in text
    assert (await session_row(services)).reminder_offsets == ["-P7D", "-PT1H"]
    keys = {k for k in await step_jobs(services) if k.startswith("step:reminder")}
    assert keys == {"step:reminder:session:1:offset:-P7D", "step:reminder:session:1:offset:-PT1H"}
    timeline = await organiser.text("/sessie 1 tijdlijn")
    assert "do 26 nov 2026 10:00: herinnering aan iedereen, 7 dagen vooraf (gepland)" in timeline
    assert "wo 2 dec 2026 10:00: praktische informatie voor wie komt" in timeline
    bad = await organiser.text("/sessie 1 herinneringen 14x")
    assert "Ik begrijp '14x' niet als herinneringstijd" in bad


async def test_attendance_overview_and_corrections(
    services: Services, organiser: Person, participant: Person
) -> None:
    await organiser.say(PLAN)
    bert = Person(services, "p2", name="Bert de Vries", username="bert")
    carla = Person(services, "p3", name="Carla Jansen", username="carla")
    for person in (participant, bert, carla):
        await person.say("/start")
    await participant.press("rsvp:1:ja")
    await participant.press("rsvp:1:nacht-ja")
    await bert.press("rsvp:1:nee")
    overview = await organiser.text("/aanwezig 1")
    assert "Komen (1): Esther Brink" in overview
    assert "Komen niet (1): Bert de Vries" in overview
    assert "Nog geen antwoord (2): Carla Jansen, Olga Organisator" in overview
    assert "Overnachting: 1 blijven slapen" in overview
    assert "Carla Jansen komt" in await organiser.text("/aanwezig 1 @carla ja")
    clock = services.clock
    assert isinstance(clock, ManualClock)
    clock.set(datetime(2026, 12, 4, 12, tzinfo=UTC))  # during the meeting
    assert "Esther Brink was afwezig" in await organiser.text("/aanwezig 1 @esther nee")
    assert "Bert de Vries was aanwezig" in await organiser.text("/aanwezig 1 @bert ja")
    async with services.database() as db:
        present = await attended_participant_ids(db, 1)
    assert present == sorted(
        [await participant_id(services, "p2"), await participant_id(services, "p3")]
    )
    assert "Ik vind niemand" in await organiser.text("/aanwezig 1 @niemand ja")


async def test_broadcast_confirms_the_count_then_queues_once(
    services: Services, organiser: Person, participant: Person
) -> None:
    await participant.say("/start")
    await organiser.say("/start")
    text = await organiser.text("/omroep Denk aan het boek voor de leesclub!")
    assert "Dit bericht gaat naar 2 deelnemers" in text
    send, cancel = organiser.buttons()
    assert send[0] == "Verstuur" and cancel[0] == "Annuleer"
    assert await outbox(services, "broadcast:") == []
    assert "Verstuurd naar 2 deelnemers" in await pressed(organiser, send[1])
    rows = await outbox(services, "broadcast:")
    assert len(rows) == 2 and all("Denk aan het boek" in r.reply["text"] for r in rows)
    assert "al verstuurd" in await pressed(organiser, send[1])
    assert len(await outbox(services, "broadcast:")) == 2
    await organiser.say("/omroep Tweede bericht")
    _, cancel = organiser.buttons()
    assert "Niet verstuurd" in await pressed(organiser, cancel[1])
    assert len(await outbox(services, "broadcast:")) == 2


async def test_cancelling_asks_first_and_tells_who_said_yes(
    services: Services, organiser: Person, participant: Person
) -> None:
    await organiser.say(PLAN)
    bert = Person(services, "p2", name="Bert", username="bert")
    await participant.press("rsvp:1:ja")
    await bert.press("rsvp:1:nee")
    text = await organiser.text("/sessie 1 annuleer")
    assert "Weet je zeker" in text and "1 aangemelde" in text
    assert "blijft staan" in await pressed(organiser, "sessie:behoud:1")
    assert (await session_row(services)).is_planned
    await organiser.say("/sessie 1 annuleer")
    assert "is geannuleerd" in await pressed(organiser, "sessie:annuleer:1")
    session = await session_row(services)
    assert session.status == "cancelled" and session.sequence == 1
    rows = await outbox(services, "cancelled:session:1:")
    told = sorted(
        [await participant_id(services, "organiser"), await participant_id(services, "p1")]
    )
    assert sorted(r.participant_id for r in rows) == told  # yes and no answer; not Bert (no)
    assert "gaat helaas niet door" in rows[0].reply["text"]
    assert [j.status for j in (await step_jobs(services)).values()] == []
    assert "al geannuleerd" in await pressed(organiser, "sessie:annuleer:1")
    assert "GEANNULEERD" in await participant.text("/sessie 1")
    assert "geen bijeenkomsten" in await participant.text("/sessies")
    [reply] = await participant.press("rsvp:1:ja")  # an old button does nothing
    assert "Jouw antwoord" not in reply.text


async def test_feed_url_for_organisers(services: Services, organiser: Person) -> None:
    text = await organiser.text("/sessie feed")
    assert "/agenda/" in text and ".ics" in text
    assert text == await organiser.text("/sessie feed")  # the token stays the same
