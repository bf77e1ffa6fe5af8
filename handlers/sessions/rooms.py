"""Hotel rooms of a meeting: who has one, the waiting list, and moving up when one comes free.

A room is held by an answer "yes" or "maybe" with `overnight` true and no `waiting_since`;
someone who asked for the night when every room was taken waits (`waiting_since` set,
`overnight` unknown) and moves up, first come first, when a room comes free.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.dates import format_datetime
from bot.core.messages import Reply
from bot.db.models import Participant, Rsvp, Session
from handlers.sessions.keys import room_free_prefix
from handlers.sessions.logistics_texts import TEXTS
from handlers.sessions.views import MAYBE, YES, rsvps_of
from scheduler.outbox import enqueue_many

COMING = (YES, MAYBE)


def has_room(rsvp: Rsvp) -> bool:
    return rsvp.answer in COMING and bool(rsvp.overnight) and rsvp.waiting_since is None


def is_waiting(rsvp: Rsvp) -> bool:
    return rsvp.answer in COMING and rsvp.waiting_since is not None


def waiting_list(rsvps: dict[int, Rsvp]) -> list[Rsvp]:
    """Who waits for a room, first come first."""
    return sorted(
        (r for r in rsvps.values() if is_waiting(r)),
        key=lambda r: (r.waiting_since or datetime.min, r.id),
    )


def rooms_taken(rsvps: dict[int, Rsvp]) -> int:
    return sum(1 for r in rsvps.values() if has_room(r))


async def request_room(db: AsyncSession, meeting: Session, rsvp: Rsvp, now: datetime) -> bool:
    """The participant wants to stay the night: a room when one is free (True), else a place
    on the waiting list (False)."""
    if has_room(rsvp):
        return True
    if meeting.rooms is not None:
        await db.flush()
        others = {pid: r for pid, r in (await rsvps_of(db, meeting.id)).items() if r is not rsvp}
        if rooms_taken(others) >= meeting.rooms:
            rsvp.overnight = None
            rsvp.waiting_since = rsvp.waiting_since or now
            return False
    rsvp.overnight = True
    rsvp.waiting_since = None
    return True


def waiting_place(rsvps: dict[int, Rsvp], rsvp: Rsvp) -> int:
    """1 for the first on the waiting list."""
    ids = [r.id for r in waiting_list(rsvps)]
    return ids.index(rsvp.id) + 1 if rsvp.id in ids else 0


async def release_room(
    db: AsyncSession, meeting: Session, rsvp: Rsvp, *, overnight: bool | None, tz: ZoneInfo
) -> list[int]:
    """The participant gives up their room or place on the waiting list (`overnight` is what
    stays noted: False, or None when they no longer come); the first who wait move up."""
    rsvp.overnight = overnight
    rsvp.waiting_since = None
    return await move_up(db, meeting, tz)


async def move_up(db: AsyncSession, meeting: Session, tz: ZoneInfo) -> list[int]:
    """Give free rooms to the first on the waiting list and tell them (through the outbox)."""
    await db.flush()
    if not meeting.is_planned:
        return []
    rsvps = await rsvps_of(db, meeting.id)
    free = None if meeting.rooms is None else meeting.rooms - rooms_taken(rsvps)
    waiting = waiting_list(rsvps)
    chosen = waiting if free is None else waiting[: max(free, 0)]
    for rsvp in chosen:
        since = rsvp.waiting_since.isoformat() if rsvp.waiting_since else ""
        rsvp.overnight = True
        rsvp.waiting_since = None

        def reply_for(person: Participant) -> Reply:
            when = format_datetime(meeting.starts_at, person.language, tz)
            return Reply(TEXTS(person.language, "room_free", id=meeting.id, when=when))

        await enqueue_many(
            db,
            key_prefix=room_free_prefix(meeting.id, since),
            participant_ids=[rsvp.participant_id],
            reply_for=reply_for,
        )
    await db.flush()
    return [r.participant_id for r in chosen]
