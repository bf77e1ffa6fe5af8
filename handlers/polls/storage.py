"""What agenda polls read and write: meetings, polls, proposals, prep groups, ballots and votes."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import (
    AgendaProposal,
    Ballot,
    Participant,
    Poll,
    PrepGroupMember,
    Session,
    Support,
    Vote,
)
from bot.db.models.polls import POLL_OPEN, PROPOSED
from bot.kernel.lookup import parse_id
from bot.kernel.services import Context
from handlers.polls.texts import TEXTS
from handlers.polls.views import PollView
from handlers.sessions import next_session, upcoming_sessions

# -- meetings, polls, proposals and prep groups -------------------------------------------------


async def poll_of(db: AsyncSession, session_id: int) -> Poll | None:
    return await db.scalar(select(Poll).where(Poll.session_id == session_id))


async def agenda_meeting(db: AsyncSession, now: datetime) -> tuple[Session | None, int | None]:
    """The next meeting whose agenda is still open, and the one skipped because its vote closed."""
    skipped = None
    for meeting in await upcoming_sessions(db, now, under_way=False, limit=10):
        poll = await poll_of(db, meeting.id)
        if poll is None or poll.status == POLL_OPEN:
            return meeting, skipped
        skipped = skipped or meeting.id
    return None, skipped


async def meeting_by_reference(ctx: Context, reference: str) -> Session:
    number = parse_id(reference)
    meeting = await ctx.db.get(Session, number) if number is not None else None
    if meeting is None:
        raise ctx.fail(TEXTS, "session_not_found", id=reference.strip()[:20])
    return meeting


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


async def meeting_or_next(ctx: Context, reference: str | None) -> Session | None:
    """The meeting referred to, or without a reference the next one (None: there is none)."""
    if reference:
        return await meeting_by_reference(ctx, reference)
    return await next_session(ctx.db, ctx.now)


async def prep_member(
    db: AsyncSession, session_id: int, participant_id: int
) -> PrepGroupMember | None:
    return await db.scalar(
        select(PrepGroupMember).where(
            PrepGroupMember.session_id == session_id,
            PrepGroupMember.participant_id == participant_id,
        )
    )


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


# -- ballots and votes ----------------------------------------------------------------------------


def ballot_hash(poll: Poll, participant_id: int, proposal_id: int) -> str:
    """The anonymous stand-in for "this participant voted for this proposal" while open."""
    key = (poll.ballot_key or "").encode()
    return hmac.new(key, f"{participant_id}:{proposal_id}".encode(), hashlib.sha256).hexdigest()


async def tally(db: AsyncSession, poll: Poll) -> dict[int, int]:
    rows = await db.execute(
        select(Vote.proposal_id, func.count())
        .where(Vote.poll_id == poll.id)
        .group_by(Vote.proposal_id)
    )
    return {pid: int(n) for pid, n in rows.all()}


async def voter_count(db: AsyncSession, poll: Poll) -> int:
    return int(
        await db.scalar(select(func.count()).where(Ballot.poll_id == poll.id, Ballot.votes > 0))
        or 0
    )


async def choices_of(
    db: AsyncSession, poll: Poll, participant_id: int, proposals: Sequence[AgendaProposal]
) -> set[int]:
    """What this participant has chosen (anonymous: recognised by the ballot hashes)."""
    if not poll.anonymous:
        rows = await db.scalars(
            select(Vote.proposal_id).where(
                Vote.poll_id == poll.id, Vote.participant_id == participant_id
            )
        )
        return set(rows.all())
    if poll.ballot_key is None:
        return set()
    hashes = {ballot_hash(poll, participant_id, p.id): p.id for p in proposals}
    found = await db.scalars(
        select(Vote.ballot).where(Vote.poll_id == poll.id, Vote.ballot.in_(list(hashes)))
    )
    return {hashes[h] for h in found.all() if h is not None}


async def toggle_vote(
    db: AsyncSession,
    poll: Poll,
    participant_id: int,
    proposal: AgendaProposal,
    chosen: set[int],
) -> bool:
    """Add or remove one vote; False when adding would go over the poll's limit."""
    if proposal.id in chosen:
        condition = (
            Vote.ballot == ballot_hash(poll, participant_id, proposal.id)
            if poll.anonymous
            else Vote.participant_id == participant_id
        )
        await db.execute(
            delete(Vote).where(Vote.poll_id == poll.id, Vote.proposal_id == proposal.id, condition)
        )
        chosen.discard(proposal.id)
    else:
        if len(chosen) >= poll.max_votes:
            return False
        db.add(
            Vote(
                poll_id=poll.id,
                proposal_id=proposal.id,
                participant_id=None if poll.anonymous else participant_id,
                ballot=ballot_hash(poll, participant_id, proposal.id) if poll.anonymous else None,
            )
        )
        chosen.add(proposal.id)
    ballot = await db.scalar(
        select(Ballot).where(Ballot.poll_id == poll.id, Ballot.participant_id == participant_id)
    )
    if ballot is None:
        ballot = Ballot(poll_id=poll.id, participant_id=participant_id, votes=0)
        db.add(ballot)
    ballot.votes = len(chosen)
    await db.flush()
    return True


async def recount_ballots(db: AsyncSession, poll: Poll) -> None:
    """After a withdrawn topic: everyone's number of votes used matches their votes again."""
    proposals = await proposals_of(db, poll.session_id)
    for ballot in (await db.scalars(select(Ballot).where(Ballot.poll_id == poll.id))).all():
        ballot.votes = len(await choices_of(db, poll, ballot.participant_id, proposals))


async def forget_ballots(db: AsyncSession, poll: Poll) -> None:
    """After an anonymous poll: erase the key and hashes, rewrite the votes in proposal order."""
    proposal_ids = list(
        (await db.scalars(select(Vote.proposal_id).where(Vote.poll_id == poll.id))).all()
    )
    await db.execute(delete(Vote).where(Vote.poll_id == poll.id))
    if proposal_ids:
        await db.execute(
            insert(Vote),
            [
                {"poll_id": poll.id, "proposal_id": pid, "participant_id": None, "ballot": None}
                for pid in sorted(proposal_ids)
            ],
        )
    poll.ballot_key = None


async def poll_view(db: AsyncSession, poll: Poll) -> PollView:
    meeting = await db.get(Session, poll.session_id)
    assert meeting is not None
    proposals = await proposals_of(db, poll.session_id)
    return PollView(poll, meeting, proposals, await tally(db, poll))
