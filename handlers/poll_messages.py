"""Keeping everyone's vote message up to date: remembered messages, edited in batches."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.context import Context
from bot.db.models import Participant, Poll, PollMessage
from bot.messages import Reply
from handlers.poll_ballots import choices_of, poll_view
from handlers.poll_views import vote_message
from scheduler.jobs import schedule

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

# Edits of other people's vote messages are gathered for this long, then done in one go.
REFRESH_DELAY = timedelta(seconds=60)


@runtime_checkable
class MessageEditor(Protocol):
    """A messenger that can replace a message it sent earlier (for the count updates)."""

    async def edit_message(self, chat_id: str, message_id: str, reply: Reply) -> None: ...


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
        key=f"poll:{poll.id}:refresh:{bucket}",
        due_at=due,
        payload={"poll_id": poll.id},
        session_id=poll.session_id,
        not_after=due + timedelta(hours=1),
    )


async def refresh_messages(app: App, db: AsyncSession, poll: Poll, now: datetime) -> int:
    """Edit the stale vote messages of a poll with the current counts; returns how many."""
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
        messenger = app.messengers.get(row.platform)
        person = people.get(row.participant_id or 0)
        if not isinstance(messenger, MessageEditor) or person is None:
            row.stale = False  # this platform cannot edit; the next press shows the counts
            continue
        chosen = await choices_of(db, poll, person.id, view.proposals)
        reply = vote_message(view, chosen, person.language, app.settings.tz, edit=True)
        try:
            await messenger.edit_message(row.chat_id, row.message_id, reply)
        except Exception as problem:  # one failed edit must not stop the others
            log.info("could not update poll message %s: %s", row.message_id, problem)
        else:
            edited += 1
        row.stale = False
        row.edited_at = now
    return edited
