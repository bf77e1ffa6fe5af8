"""An agenda poll's life: opening it, keeping everyone's vote message current, closing it."""

from __future__ import annotations

import logging
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.dates import shift
from bot.db.models import Participant, Poll, PollMessage, Session
from bot.db.models.polls import POLL_CLOSED, POLL_OPEN
from bot.kernel.services import Context, Services
from handlers.polls.keys import (
    close_key,
    edit_key,
    nudge_job_key,
    opened_key,
    prep_result_key,
    refresh_key,
    result_key,
)
from handlers.polls.storage import (
    choices_of,
    forget_ballots,
    names_of,
    poll_view,
    prep_group_of,
    support_counts,
    voter_count,
)
from handlers.polls.views import prep_result_message, result_message, vote_message
from handlers.sessions import active_participants
from scheduler.jobs import schedule
from scheduler.outbox import enqueue_edit, enqueue_many

log = logging.getLogger(__name__)

OPEN_OFFSET = timedelta(days=-21)
CLOSE_OFFSET = timedelta(days=-14)
NUDGE_BEFORE = timedelta(days=1)
# Edits of other people's vote messages are gathered for this long, then done in one go.
REFRESH_DELAY = timedelta(seconds=60)


# -- opening and closing ------------------------------------------------------------------------


def default_close(meeting: Session, now: datetime, tz: Any) -> datetime:
    """14 days before the meeting; when that is (nearly) past, halfway to the meeting.

    Halfway is rounded to 17:00 local time that day, a deadline people can remember, unless
    that would leave less than a day to vote.
    """
    planned: datetime = shift(meeting.starts_at, CLOSE_OFFSET, tz)
    if planned > now + timedelta(days=1):
        return planned
    halfway = now + (meeting.starts_at - now) / 2
    local = halfway.astimezone(tz)
    rounded = local.replace(hour=17, minute=0, second=0, microsecond=0).astimezone(UTC)
    if now + timedelta(days=1) <= rounded < meeting.starts_at:
        return rounded
    return halfway


async def open_poll(
    services: Services,
    db: AsyncSession,
    meeting: Session,
    *,
    now: datetime,
    closes_at: datetime,
    opened_by: int | None,
    anonymous: bool = False,
    hidden: bool = False,
    max_votes: int = 3,
) -> Poll:
    poll = Poll(
        session_id=meeting.id,
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
        key=close_key(poll.id),
        due_at=closes_at,
        payload={"poll_id": poll.id},
        session_id=meeting.id,
    )
    if closes_at - NUDGE_BEFORE > now:
        await schedule(
            db,
            kind="poll-nudge",
            key=nudge_job_key(poll.id),
            due_at=closes_at - NUDGE_BEFORE,
            payload={"poll_id": poll.id},
            session_id=meeting.id,
            not_after=closes_at,
        )
    view = await poll_view(db, poll)
    tz = services.settings.tz
    people = [p.id for p in await active_participants(db)]
    await enqueue_many(
        db,
        key_prefix=opened_key(poll.id),
        participant_ids=people,
        reply_for=lambda person: vote_message(view, set(), person.language, tz),
    )
    return poll


async def close_poll(services: Services, db: AsyncSession, poll: Poll, now: datetime) -> bool:
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
    people = await active_participants(db)
    await enqueue_many(
        db,
        key_prefix=result_key(poll.id),
        participant_ids=[p.id for p in people],
        reply_for=lambda person: result_message(view, voters, person.language),
    )
    prep = await prep_group_of(db, poll.session_id)
    builders = prep or [p.id for p in people if p.is_organiser]
    proposers = await names_of(db, [p.proposer_id for p in view.proposals])
    supports = await support_counts(db, [p.id for p in view.proposals])
    await enqueue_many(
        db,
        key_prefix=prep_result_key(poll.id),
        participant_ids=builders,
        reply_for=lambda person: prep_result_message(view, proposers, supports, person.language),
    )
    await mark_stale(db, poll, now)
    return True


# -- keeping everyone's vote message up to date ---------------------------------------------------


async def remember_message(ctx: Context, poll: Poll) -> None:
    incoming = ctx.incoming
    if not incoming.message_id:
        return
    existing = await ctx.db.scalar(
        select(PollMessage).where(
            PollMessage.poll_id == poll.id,
            PollMessage.platform == incoming.platform,
            PollMessage.chat_id == incoming.chat_id,
            PollMessage.message_id == incoming.message_id,
        )
    )
    if existing is None:
        ctx.db.add(
            PollMessage(
                poll_id=poll.id,
                participant_id=ctx.participant.id,
                platform=incoming.platform,
                chat_id=incoming.chat_id,
                message_id=incoming.message_id,
                stale=False,
                edited_at=ctx.now,
            )
        )
    else:
        existing.stale = False
        existing.edited_at = ctx.now


async def schedule_refresh(db: AsyncSession, poll: Poll, now: datetime) -> None:
    """One edit round per poll and minute, however many votes come in meanwhile."""
    due = now + REFRESH_DELAY
    bucket = int(due.timestamp()) // int(REFRESH_DELAY.total_seconds())
    await schedule(
        db,
        kind="poll-refresh",
        key=refresh_key(poll.id, bucket),
        due_at=due,
        payload={"poll_id": poll.id},
        session_id=poll.session_id,
        not_after=due + timedelta(hours=1),
    )


async def mark_stale(
    db: AsyncSession, poll: Poll, now: datetime, *, except_participant: int | None = None
) -> None:
    """Everyone's vote message (but the one who just voted) needs new counts: edit them soon."""
    stale = update(PollMessage).where(PollMessage.poll_id == poll.id)
    if except_participant is not None:
        stale = stale.where(PollMessage.participant_id != except_participant)
    await db.execute(stale.values(stale=True))
    await schedule_refresh(db, poll, now)


async def refresh_messages(services: Services, db: AsyncSession, poll: Poll, now: datetime) -> int:
    """Queue edits of the stale vote messages of a poll with the current counts; returns how
    many. The outbox delivery edits them after this transaction, never inside it."""
    rows = list(
        (
            await db.scalars(
                select(PollMessage).where(PollMessage.poll_id == poll.id, PollMessage.stale)
            )
        ).all()
    )
    if not rows:
        return 0
    view = await poll_view(db, poll)
    people = {
        p.id: p
        for p in (
            await db.scalars(
                select(Participant).where(
                    Participant.id.in_([r.participant_id for r in rows if r.participant_id])
                )
            )
        ).all()
    }
    edited = 0
    for row in rows:
        messenger = services.messengers.get(row.platform)
        person = people.get(row.participant_id or 0)
        row.stale = False
        if messenger is None or not messenger.can_edit or person is None:
            continue  # this platform cannot edit; the next press shows the counts
        chosen = await choices_of(db, poll, person.id, view.proposals)
        reply = vote_message(view, chosen, person.language, services.settings.tz, edit=True)
        await enqueue_edit(
            db,
            key=edit_key(poll.id, row.id, int(now.timestamp())),
            platform=row.platform,
            chat_id=row.chat_id,
            message_id=row.message_id,
            reply=reply,
            participant_id=person.id,
        )
        edited += 1
        row.edited_at = now
    return edited
