"""Buddy pairs in storage: who is paired, who waits, who can be one; making and ending pairs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from bot.core.i18n import Texts
from bot.core.messages import Reply
from bot.db.models import Participant, Rsvp, Session
from bot.db.models.buddies import CHECKIN_FAILURE_LIMIT, BuddyOffer, Pairing, Succession
from bot.kernel.services import Services
from handlers.buddies import keys
from handlers.buddies import rules as pairing
from handlers.buddies.texts import TEXTS
from handlers.buddies.views import reason_text
from scheduler.jobs import cancel, schedule
from scheduler.outbox import enqueue, enqueue_many

ACTIVE = "active"
CHECKIN_AFTER = timedelta(days=14)
# A pair's check-in as organisers see it (/maatjes, the overview page).
CHECKIN_SPOKEN, CHECKIN_FAILED, CHECKIN_OPEN = "spoken", "failed", "open"


# -- facts from storage ------------------------------------------------------------------------


def present_clause() -> ColumnElement[bool]:
    """Marked present by an organiser, or said yes and not corrected."""
    return or_(Rsvp.attended.is_(True), (Rsvp.attended.is_(None)) & (Rsvp.answer == "yes"))


def attended_clause(now: datetime) -> list[object]:
    """A yes for a planned session that has started, unless an organiser corrected it."""
    return [Session.status == "planned", Session.starts_at < now, present_clause()]


async def attended_counts(
    db: AsyncSession, now: datetime, ids: Iterable[int] | None = None
) -> dict[int, int]:
    """Sessions attended per participant."""
    query = (
        select(Rsvp.participant_id, func.count())
        .join(Session, Session.id == Rsvp.session_id)
        .where(*attended_clause(now))  # type: ignore[arg-type]
        .group_by(Rsvp.participant_id)
    )
    if ids is not None:
        query = query.where(Rsvp.participant_id.in_(list(ids)))
    return {int(pid): int(n) for pid, n in (await db.execute(query)).all()}


def checkin_state(row: Pairing) -> str:
    """Spoken once someone answered "ja"; failed after CHECKIN_FAILURE_LIMIT "nog niet"s."""
    if row.checked_in_at is not None:
        return CHECKIN_SPOKEN
    if row.checkin_failures >= CHECKIN_FAILURE_LIMIT:
        return CHECKIN_FAILED
    return CHECKIN_OPEN


async def active_pairings(db: AsyncSession) -> list[Pairing]:
    return list(
        (
            await db.scalars(
                select(Pairing).where(Pairing.ended_at.is_(None)).order_by(Pairing.id)
            )
        ).all()
    )


async def pairing_of_newcomer(db: AsyncSession, participant_id: int) -> Pairing | None:
    pairing_row: Pairing | None = await db.scalar(
        select(Pairing).where(Pairing.newcomer_id == participant_id, Pairing.ended_at.is_(None))
    )
    return pairing_row


async def newcomers_of(db: AsyncSession, buddy_id: int) -> list[Pairing]:
    return list(
        (
            await db.scalars(
                select(Pairing)
                .where(Pairing.buddy_id == buddy_id, Pairing.ended_at.is_(None))
                .order_by(Pairing.id)
            )
        ).all()
    )


async def past_pairs(db: AsyncSession) -> list[tuple[int, int]]:
    rows = await db.execute(select(Pairing.newcomer_id, Pairing.buddy_id))
    return [(a, b) for a, b in rows.all() if a is not None and b is not None]


async def candidates(db: AsyncSession, now: datetime) -> list[pairing.Person]:
    """Everyone who volunteered as a buddy, with their experience and current load."""
    rows = (await db.execute(select(BuddyOffer, Participant).join(Participant))).all()
    ids = [participant.id for _, participant in rows]
    attended = await attended_counts(db, now, ids)
    load: dict[int, int] = {}
    for p in await active_pairings(db):
        if p.buddy_id is not None:
            load[p.buddy_id] = load.get(p.buddy_id, 0) + 1
    return [
        pairing.Person(
            id=participant.id,
            city=participant.city,
            active=participant.status == ACTIVE,
            experienced=pairing.is_experienced(
                participant.experienced, attended.get(participant.id, 0)
            ),
            offers=True,
            capacity=offer.capacity,
            paused=offer.paused,
            load=load.get(participant.id, 0),
        )
        for offer, participant in rows
    ]


async def predecessor_of(db: AsyncSession, participant_id: int) -> pairing.Person | None:
    succession = await db.get(Succession, participant_id)
    if succession is None:
        return None
    person = await db.get(Participant, succession.predecessor_id)
    if person is None:
        return None
    offer = await db.get(BuddyOffer, person.id)
    return pairing.Person(
        id=person.id,
        city=person.city,
        active=person.status == ACTIVE,
        paused=bool(offer and offer.paused),
    )


async def waiting_newcomers(db: AsyncSession, now: datetime) -> list[Participant]:
    """Newcomers without a buddy, oldest first."""
    people = (
        await db.scalars(
            select(Participant)
            .where(Participant.is_newcomer.is_(True), Participant.status == ACTIVE)
            .order_by(Participant.created_at, Participant.id)
        )
    ).all()
    paired = {p.newcomer_id for p in await active_pairings(db)}
    attended = await attended_counts(db, now, [p.id for p in people])
    return [
        p
        for p in people
        if p.id not in paired and attended.get(p.id, 0) < pairing.EXPERIENCED_AFTER
    ]


async def organiser_ids(db: AsyncSession) -> list[int]:
    return list(
        (
            await db.scalars(
                select(Participant.id).where(
                    Participant.is_organiser.is_(True), Participant.status == ACTIVE
                )
            )
        ).all()
    )


async def pair_people(db: AsyncSession, row: Pairing) -> tuple[Participant, Participant] | None:
    """The newcomer and the buddy of a pair, or None when one of them was erased."""
    newcomer = await db.get(Participant, row.newcomer_id or 0)
    buddy = await db.get(Participant, row.buddy_id or 0)
    if newcomer is None or buddy is None:
        return None
    return newcomer, buddy


async def tell(
    db: AsyncSession,
    key_prefix: str,
    person: Participant,
    texts: Texts,
    text_key: str,
    **values: object,
) -> None:
    """One message to one participant in their own language (key: prefix + participant)."""
    await enqueue(
        db,
        key=keys.to_participant(key_prefix, person.id),
        participant_id=person.id,
        reply=Reply(texts(person.language, text_key, **values)),
    )


async def tell_organisers(
    db: AsyncSession, key_prefix: str, text_for: Callable[[str], str]
) -> None:
    """One message to every active organiser, each in their own language."""
    await enqueue_many(
        db,
        key_prefix=key_prefix,
        participant_ids=await organiser_ids(db),
        reply_for=lambda organiser: Reply(text_for(organiser.language)),
    )


# -- making and ending pairs ---------------------------------------------------------------------


async def create_pairing(
    services: Services,
    db: AsyncSession,
    now: datetime,
    newcomer: Participant,
    buddy: Participant,
    rule: str,
) -> Pairing:
    """Record the pair; the introduction (with the history) and the check-in are scheduled."""
    row = Pairing(
        newcomer_id=newcomer.id,
        buddy_id=buddy.id,
        rule=rule,
        reason=reason_text("nl", rule, newcomer, buddy),
        created_at=now,
        checkin_round=1,
        checkin_failures=0,
    )
    db.add(row)
    await db.flush()
    await schedule(
        db, kind="buddy-intro", key=keys.intro_prefix(row.id), due_at=now,
        payload={"pair_id": row.id},
    )  # fmt: skip
    await schedule(
        db, kind="buddy-checkin", key=keys.checkin_key(row.id, 1), due_at=now + CHECKIN_AFTER,
        payload={"pair_id": row.id, "round": 1},
    )  # fmt: skip
    return row


async def end_pairing(db: AsyncSession, row: Pairing, reason: str, now: datetime) -> None:
    row.ended_at = now
    row.end_reason = reason
    await cancel(db, key_prefix=keys.checkin_prefix(row.id))


@dataclass
class PairResult:
    pairing: Pairing | None
    buddy: Participant | None


async def pair_newcomer(
    services: Services, db: AsyncSession, now: datetime, newcomer: Participant
) -> PairResult:
    """Find and record a buddy for one newcomer; organisers are told when there is none."""
    existing = await pairing_of_newcomer(db, newcomer.id)
    if existing is not None:
        return PairResult(existing, await db.get(Participant, existing.buddy_id or 0))
    match = pairing.choose_buddy(
        as_person(newcomer),
        await candidates(db, now),
        await past_pairs(db),
        await predecessor_of(db, newcomer.id),
    )
    return await record_match(services, db, now, newcomer, match)


def as_person(newcomer: Participant) -> pairing.Person:
    return pairing.Person(id=newcomer.id, city=newcomer.city)


async def record_match(
    services: Services,
    db: AsyncSession,
    now: datetime,
    newcomer: Participant,
    match: pairing.Match | None,
) -> PairResult:
    """Make the chosen pair; without a match the organisers are told."""
    if match is None:
        await tell_organisers_unpaired(db, newcomer)
        return PairResult(None, None)
    buddy = await db.get(Participant, match.buddy_id)
    assert buddy is not None
    return PairResult(await create_pairing(services, db, now, newcomer, buddy, match.rule), buddy)


async def tell_organisers_unpaired(db: AsyncSession, newcomer: Participant) -> None:
    def text_for(lang: str) -> str:
        city = newcomer.city or TEXTS(lang, "city_unknown")
        return TEXTS(lang, "organisers_nobody", name=newcomer.display_name, city=city)

    await tell_organisers(db, keys.unpaired_prefix(newcomer.id), text_for)


async def pair_waiting(
    services: Services, db: AsyncSession, now: datetime
) -> list[tuple[Participant, Participant | None]]:
    """A pairing round for every newcomer without a buddy (also: someone became available)."""
    waiting = await waiting_newcomers(db, now)
    if not waiting:
        return []
    predecessors: dict[int, pairing.Person] = {}
    for newcomer in waiting:
        predecessor = await predecessor_of(db, newcomer.id)
        if predecessor is not None:
            predecessors[newcomer.id] = predecessor
    plan = pairing.plan_round(
        [as_person(newcomer) for newcomer in waiting],
        await candidates(db, now),
        await past_pairs(db),
        predecessors,
    )
    results: list[tuple[Participant, Participant | None]] = []
    for newcomer in waiting:
        result = await record_match(services, db, now, newcomer, plan[newcomer.id])
        results.append((newcomer, result.buddy))
    return results
