"""Agenda polls: register() for /agenda and /peiling, /voorbereiding and the timeline jobs.

"Deelnemers aan de CoP bepalen zelf wat er op de agenda komt": anyone proposes topics for the
next meeting; the vote opens 21 days before it (or when an organiser opens it) and closes 14
days before it (or at the organiser's deadline, also when the bot was down then). Everyone
votes with buttons on a message of their own, edited with the counts; at the close everyone
gets the ranking and the preparation group the full result, to build the programme with
(handlers/programme.py).

The feature's modules, each depending only on those before it: texts/ (one TEXTS, split by
command), keys (job and outbox keys), views (what the messages look like), storage (what is
read and written), lifecycle (opening, batched message edits, closing), agenda (/agenda),
voting (/peiling), and this one; programme (/programma) beside them.
"""

from __future__ import annotations

from sqlalchemy import select

from bot.core.messages import Reply
from bot.db.models import Ballot, Participant, Poll, PrepGroupMember
from bot.db.models.polls import POLL_OPEN
from bot.kernel.lookup import find_participant, split_references
from bot.kernel.services import Context, JobContext, Registry
from handlers.polls import agenda
from handlers.polls import voting as poll_voting
from handlers.polls.keys import CLOSE_STEP, OPEN_STEP, nudge_key, prep_welcome_key
from handlers.polls.lifecycle import (
    CLOSE_OFFSET,
    OPEN_OFFSET,
    close_poll,
    default_close,
    open_poll,
    refresh_messages,
)
from handlers.polls.storage import (
    meeting_by_reference,
    names_of,
    poll_of,
    poll_view,
    prep_group_of,
    prep_member,
)
from handlers.polls.texts import TEXTS
from handlers.polls.views import vote_message
from handlers.sessions import active_participants
from scheduler.outbox import enqueue_many
from scheduler.timeline import step_meeting


async def prep_command(ctx: Context) -> Reply:
    head, _, rest = ctx.args.strip().partition(" ")
    if not head:
        return Reply(ctx.t(TEXTS, "prep_usage"))
    meeting = await meeting_by_reference(ctx, head)
    words = split_references(rest)
    remove = bool(words) and words[0].lower() in {"weg", "remove", "uit"}
    if remove:
        words = words[1:]
    for reference in words:
        person = await find_participant(ctx.db, reference, ctx.incoming.platform)
        if person is None:
            return Reply(ctx.t(TEXTS, "prep_not_found", who=reference[:40]))
        existing = await prep_member(ctx.db, meeting.id, person.id)
        if remove and existing is not None:
            await ctx.db.delete(existing)
        elif not remove and existing is None:
            ctx.db.add(PrepGroupMember(session_id=meeting.id, participant_id=person.id))
            await enqueue_many(
                ctx.db,
                key_prefix=prep_welcome_key(meeting.id),
                participant_ids=[person.id],
                reply_for=lambda p: Reply(TEXTS(p.language, "prep_welcome", id=meeting.id)),
            )
    await ctx.db.flush()
    members = await prep_group_of(ctx.db, meeting.id)
    if not members:
        return Reply(ctx.t(TEXTS, "prep_empty", id=meeting.id))
    names = await names_of(ctx.db, members)
    return Reply(
        ctx.t(
            TEXTS,
            "prep_group",
            id=meeting.id,
            names=", ".join(names[m] for m in members if m in names),
        )
    )


async def open_step(job: JobContext) -> None:
    meeting = step_meeting(job)
    if await poll_of(job.db, meeting.id) is not None:
        return  # an organiser opened the vote already
    closes_at = default_close(meeting, job.now, job.services.settings.tz)
    await open_poll(
        job.services, job.db, meeting, now=job.now, closes_at=closes_at, opened_by=None
    )


async def close_step(job: JobContext) -> None:
    meeting = step_meeting(job)
    poll = await poll_of(job.db, meeting.id)
    # A later deadline set by an organiser is kept; its own job closes the poll then.
    if poll is not None and poll.status == POLL_OPEN and poll.closes_at <= job.now:
        await close_poll(job.services, job.db, poll, job.now)


async def deadline(job: JobContext) -> None:
    poll = await job_poll(job)
    if poll is not None and poll.status == POLL_OPEN:
        if poll.closes_at > job.now:  # the deadline moved later; its job was rescheduled
            return
        await close_poll(job.services, job.db, poll, job.now)


async def nudge(job: JobContext) -> None:
    poll = await job_poll(job)
    if poll is None or poll.status != POLL_OPEN:
        return
    voted = set(
        (
            await job.db.scalars(
                select(Ballot.participant_id).where(Ballot.poll_id == poll.id, Ballot.votes > 0)
            )
        ).all()
    )
    silent = [p.id for p in await active_participants(job.db) if p.id not in voted]
    view = await poll_view(job.db, poll)
    tz = job.services.settings.tz

    def reply_for(person: Participant) -> Reply:
        intro = TEXTS(person.language, "nudge", id=poll.session_id)
        return vote_message(view, set(), person.language, tz, intro=intro)

    await enqueue_many(
        job.db,
        key_prefix=nudge_key(poll.id),
        participant_ids=silent,
        reply_for=reply_for,
    )


async def refresh(job: JobContext) -> None:
    poll = await job_poll(job)
    if poll is not None:
        await refresh_messages(job.services, job.db, poll, job.now)


def register(registry: Registry) -> None:
    agenda.register(registry)
    poll_voting.register(registry)
    registry.command(
        "voorbereiding",
        prep_command,
        name_en="prep",
        aliases=("prep", "voorbereidingsgroep"),
        help_nl="het voorbereidingsgroepje van een bijeenkomst samenstellen (organisatoren)",
        help_en="form the preparation group of a meeting (organisers)",
        usage="/voorbereiding <bijeenkomst> [weg] @naam ...",
        organiser_only=True,
    )
    registry.step(
        OPEN_STEP,
        OPEN_OFFSET,
        open_step,
        label_nl="agendapeiling gaat open",
        label_en="agenda vote opens",
    )
    registry.step(
        CLOSE_STEP,
        CLOSE_OFFSET,
        close_step,
        label_nl="agendapeiling sluit, uitslag naar iedereen",
        label_en="agenda vote closes, result to everyone",
    )
    registry.job("poll-deadline", deadline)
    registry.job("poll-nudge", nudge)
    registry.job("poll-refresh", refresh)


async def job_poll(job: JobContext) -> Poll | None:
    poll_id = job.payload.get("poll_id")
    return await job.db.get(Poll, int(poll_id)) if poll_id is not None else None
