"""Looking up what agenda polls work on: coming meetings, polls, proposals, names, prep groups."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.context import Context
from bot.db.models import AgendaProposal, Participant, Poll, PrepGroupMember, Session, Support
from bot.db.models.polls import POLL_OPEN, PROPOSED
from handlers.polls_texts import TEXTS


async def upcoming(db: AsyncSession, now: datetime) -> list[Session]:
    rows = await db.scalars(
        select(Session)
        .where(Session.status == "planned", Session.starts_at > now)
        .order_by(Session.starts_at, Session.id)
        .limit(10)
    )
    return list(rows.all())


async def poll_of(db: AsyncSession, session_id: int) -> Poll | None:
    return await db.scalar(select(Poll).where(Poll.session_id == session_id))


async def agenda_session(db: AsyncSession, now: datetime) -> tuple[Session | None, int | None]:
    """The next meeting whose agenda is still open, and the one skipped because its vote closed."""
    skipped = None
    for session in await upcoming(db, now):
        poll = await poll_of(db, session.id)
        if poll is None or poll.status == POLL_OPEN:
            return session, skipped
        skipped = skipped or session.id
    return None, skipped


async def session_by_reference(ctx: Context, reference: str) -> Session:
    number = reference.strip().lstrip("#")
    session = (
        await ctx.db.get(Session, int(number)) if number.isdigit() and len(number) < 10 else None
    )
    if session is None:
        raise ctx.fail(TEXTS, "session_not_found", id=reference.strip()[:20])
    return session


async def proposals_of(db: AsyncSession, session_id: int) -> list[AgendaProposal]:
    rows = await db.scalars(
        select(AgendaProposal)
        .where(AgendaProposal.session_id == session_id, AgendaProposal.status == PROPOSED)
        .order_by(AgendaProposal.id)
    )
    return list(rows.all())


async def support_counts(db: AsyncSession, proposal_ids: Sequence[int]) -> dict[int, int]:
    if not proposal_ids:
        return {}
    rows = await db.execute(
        select(Support.proposal_id, func.count())
        .where(Support.proposal_id.in_(proposal_ids))
        .group_by(Support.proposal_id)
    )
    return {pid: int(n) for pid, n in rows.all()}


async def names_of(db: AsyncSession, ids: Sequence[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = await db.execute(
        select(Participant.id, Participant.display_name).where(Participant.id.in_(wanted))
    )
    return {pid: name for pid, name in rows.all()}


async def prep_group_of(db: AsyncSession, session_id: int) -> list[int]:
    rows = await db.scalars(
        select(PrepGroupMember.participant_id)
        .where(PrepGroupMember.session_id == session_id)
        .order_by(PrepGroupMember.id)
    )
    return list(rows.all())


async def current_poll(db: AsyncSession, now: datetime) -> Poll | None:
    """The open poll of the earliest coming meeting."""
    return await db.scalar(
        select(Poll)
        .join(Session, Session.id == Poll.session_id)
        .where(Poll.status == POLL_OPEN, Session.starts_at > now)
        .order_by(Session.starts_at)
        .limit(1)
    )


async def latest_poll(db: AsyncSession) -> Poll | None:
    return await db.scalar(select(Poll).order_by(Poll.closes_at.desc()).limit(1))
