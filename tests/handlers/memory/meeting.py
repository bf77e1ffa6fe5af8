"""A past meeting with a programme, who came, and answers: the ground the memory tests stand on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.core.clock import ManualClock
from bot.db.models import (
    Identity,
    MemoryAnswer,
    PrepGroupMember,
    ProgrammeItem,
    Rsvp,
    Session,
)
from bot.kernel.services import Services
from tests.factories import Person

STARTS = datetime(2027, 3, 11, 9, 0, tzinfo=UTC)


async def participant_id(services: Services, user: str) -> int:
    async with services.database() as db:
        found = await db.scalar(select(Identity.participant_id).where(Identity.user_id == user))
    assert found is not None
    return int(found)


async def past_meeting(
    services: Services,
    answers: dict[str, str],
    *,
    others: dict[str, str] | None = None,
    prep: str | None = None,
) -> dict[str, Person]:
    """Meeting 1 in Zwolle, 11 March 2027, with items 1 "Jongeren en sport" and 2 "Wijkteams";
    each user in `answers` came and answered (text), each in `others` answered RSVP as given
    ("yes", "no", "maybe") without answering; the clock is set a week after."""
    people: dict[str, Person] = {}
    for user in [*answers, *(others or {})]:
        person = Person(services, user, name=user.capitalize())
        await person.say("/start")
        await person.say(f"/ik stad {'Rotterdam' if len(people) % 2 else 'Groningen'}")
        people[user] = person
    async with services.database() as db, db.begin():
        meeting = Session(
            starts_at=STARTS,
            ends_at=STARTS + timedelta(hours=8),
            place="Zwolle",
            theme="Jongeren in de wijk",
            created_at=STARTS - timedelta(days=30),
            updated_at=STARTS - timedelta(days=30),
        )
        db.add(meeting)
        await db.flush()
        db.add(ProgrammeItem(session_id=meeting.id, title="Jongeren en sport", number=1))
        db.add(ProgrammeItem(session_id=meeting.id, title="Wijkteams", number=2, position=1))
        await db.flush()
        for user, text in answers.items():
            pid = await db.scalar(select(Identity.participant_id).where(Identity.user_id == user))
            assert pid is not None
            db.add(
                Rsvp(session_id=meeting.id, participant_id=pid, answer="yes", updated_at=STARTS)
            )
            if text:
                db.add(
                    MemoryAnswer(
                        session_id=meeting.id, participant_id=pid, text=text, created_at=STARTS
                    )
                )
        for user, answer in (others or {}).items():
            pid = await db.scalar(select(Identity.participant_id).where(Identity.user_id == user))
            assert pid is not None
            db.add(
                Rsvp(session_id=meeting.id, participant_id=pid, answer=answer, updated_at=STARTS)
            )
        if prep is not None:
            pid = await db.scalar(select(Identity.participant_id).where(Identity.user_id == prep))
            assert pid is not None
            db.add(PrepGroupMember(session_id=meeting.id, participant_id=pid))
    clock = services.clock
    assert isinstance(clock, ManualClock)
    clock.set(STARTS + timedelta(days=7))
    return people
