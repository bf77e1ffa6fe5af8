"""The votes of an agenda poll: casting and counting them, anonymous ballots, forgetting them."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence

from sqlalchemy import delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import AgendaProposal, Ballot, Poll, Session, Vote
from handlers.poll_queries import proposals_of
from handlers.poll_views import PollView


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
    session = await db.get(Session, poll.session_id)
    assert session is not None
    proposals = await proposals_of(db, poll.session_id)
    return PollView(poll, session, proposals, await tally(db, poll))
