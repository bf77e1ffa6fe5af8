"""Opening an agenda poll (with its deadline and reminder) and closing it with the results."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.dates import shift
from bot.db.models import Participant, Poll, PollMessage, Session
from bot.db.models.polls import POLL_CLOSED, POLL_OPEN
from bot.messages import Reply
from handlers.poll_ballots import forget_ballots, poll_view, voter_count
from handlers.poll_messages import schedule_refresh
from handlers.poll_queries import names_of, prep_group_of, support_counts
from handlers.poll_views import ranking, ranking_lines, vote_message
from handlers.polls_texts import TEXTS
from handlers.session_views import active_participants
from scheduler.jobs import schedule
from scheduler.outbox import enqueue_many

if TYPE_CHECKING:
    from bot.app import App

OPEN_OFFSET = timedelta(days=-21)
CLOSE_OFFSET = timedelta(days=-14)
NUDGE_BEFORE = timedelta(days=1)


def default_close(session: Session, now: datetime, tz: Any) -> datetime:
    """14 days before the meeting; when that is (nearly) past, halfway to the meeting."""
    planned: datetime = shift(session.starts_at, CLOSE_OFFSET, tz)
    if planned > now + timedelta(days=1):
        return planned
    return now + (session.starts_at - now) / 2


async def open_poll(
    app: App,
    db: AsyncSession,
    session: Session,
    *,
    now: datetime,
    closes_at: datetime,
    opened_by: int | None,
    anonymous: bool = False,
    hidden: bool = False,
    max_votes: int = 3,
) -> Poll:
    poll = Poll(
        session_id=session.id,
        opens_at=now,
        closes_at=closes_at,
        max_votes=max_votes,
        anonymous=anonymous,
        hidden=hidden,
        status=POLL_OPEN,
        opened_by=opened_by,
        ballot_key=secrets.token_hex(32) if anonymous else None,
    )
    db.add(poll)
    await db.flush()
    # The deadline has no `not_after`: a close that was due while the bot was down runs at start.
    await schedule(
        db,
        kind="poll-deadline",
        key=f"poll:{poll.id}:close",
        due_at=closes_at,
        payload={"poll_id": poll.id},
        session_id=session.id,
    )
    if closes_at - NUDGE_BEFORE > now:
        await schedule(
            db,
            kind="poll-nudge",
            key=f"poll:{poll.id}:nudge",
            due_at=closes_at - NUDGE_BEFORE,
            payload={"poll_id": poll.id},
            session_id=session.id,
            not_after=closes_at,
        )
    view = await poll_view(db, poll)
    tz = app.settings.tz
    people = [p.id for p in await active_participants(db)]
    await enqueue_many(
        db,
        key_prefix=f"poll:{poll.id}:open",
        participant_ids=people,
        reply_for=lambda person: vote_message(view, set(), person.language, tz),
    )
    return poll


async def close_poll(app: App, db: AsyncSession, poll: Poll, now: datetime) -> bool:
    """Close the poll and send the results; False when it was closed already."""
    if poll.status != POLL_OPEN:
        return False
    poll.status = POLL_CLOSED
    poll.closed_at = now
    if poll.anonymous:
        await forget_ballots(db, poll)
    await db.flush()
    view = await poll_view(db, poll)
    voters = await voter_count(db, poll)
    session_id = poll.session_id

    def result_for(person: Participant) -> Reply:
        lang = person.language
        lines = ranking_lines(view) or [TEXTS(lang, "result_empty")]
        text = "\n".join(
            [
                TEXTS(lang, "result_header", id=session_id, voters=voters),
                "",
                *lines,
                "",
                TEXTS(lang, "result_footer", id=session_id),
            ]
        )
        return Reply(text)

    people = [p.id for p in await active_participants(db)]
    await enqueue_many(
        db, key_prefix=f"poll:{poll.id}:result", participant_ids=people, reply_for=result_for
    )
    prep = await prep_group_of(db, session_id)
    builders = prep or [p.id for p in await active_participants(db) if p.is_organiser]
    proposers = await names_of(db, [p.proposer_id for p in view.proposals])
    supports = await support_counts(db, [p.id for p in view.proposals])

    def full_result_for(person: Participant) -> Reply:
        lang = person.language
        lines = [TEXTS(lang, "prep_result_header", id=session_id), ""]
        for n, proposal in enumerate(ranking(view), start=1):
            support = supports.get(proposal.id, 0)
            lines.append(
                f"{n}. "
                + TEXTS(
                    lang,
                    "prep_result_line",
                    id=proposal.id,
                    title=proposal.title,
                    count=view.counts.get(proposal.id, 0),
                    who=proposers.get(proposal.proposer_id or 0, TEXTS(lang, "someone")),
                    support=TEXTS(lang, "support_count", count=support) if support else "",
                )
            )
            if proposal.why:
                lines.append(f"   {proposal.why}")
        lines += ["", TEXTS(lang, "prep_prompt", id=session_id)]
        return Reply("\n".join(lines))

    await enqueue_many(
        db,
        key_prefix=f"poll:{poll.id}:prep",
        participant_ids=builders,
        reply_for=full_result_for,
    )
    await db.execute(update(PollMessage).where(PollMessage.poll_id == poll.id).values(stale=True))
    await schedule_refresh(db, poll, now)
    return True
