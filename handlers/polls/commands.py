"""Agenda polls: register() for /agenda and /peiling, /voorbereiding and the timeline jobs.

"Deelnemers aan de CoP bepalen zelf wat er op de agenda komt": anyone proposes topics for the
next meeting; the vote opens 21 days before it (or when an organiser opens it) and closes 14
days before it (or at the organiser's deadline, also when the bot was down then). Everyone
votes with buttons on a message of their own, edited with the counts; at the close everyone
gets the ranking and the preparation group the full result, to build the programme with
(handlers/programme.py).

The feature's modules, each depending only on those before it: polls_texts, poll_views (what
the messages look like), poll_state (what is read and written), poll_lifecycle (opening,
batched message edits, closing), agenda (/agenda), poll_voting (/peiling), and this one.
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
from handlers.polls.lifecycle import (
    CLOSE_OFFSET,
    OPEN_OFFSET,
    close_poll,
    default_close,
    open_poll,
    refresh_messages,
)
from handlers.polls.storage import (
    names_of,
    poll_of,
    poll_view,
    prep_group_of,
    prep_member,
    session_by_reference,
)
from handlers.polls.texts import TEXTS
from handlers.polls.views import vote_message
from handlers.sessions import active_participants
from scheduler.outbox import enqueue_many
from scheduler.timeline import planned_session_of


async def prep_command(ctx: Context) -> Reply:
    head, _, rest = ctx.args.strip().partition(" ")
    if not head:
        return Reply(ctx.t(TEXTS, "prep_usage"))
    session = await session_by_reference(ctx, head)
    words = split_references(rest)
    remove = bool(words) and words[0].lower() in {"weg", "remove", "uit"}
    if remove:
        words = words[1:]
    for reference in words:
        person = await find_participant(ctx.db, reference, ctx.incoming.platform)
        if person is None:
            return Reply(ctx.t(TEXTS, "prep_not_found", who=reference[:40]))
        existing = await prep_member(ctx.db, session.id, person.id)
        if remove and existing is not None:
            await ctx.db.delete(existing)
        elif not remove and existing is None:
            ctx.db.add(PrepGroupMember(session_id=session.id, participant_id=person.id))
            await enqueue_many(
                ctx.db,
                key_prefix=f"prep:session:{session.id}:welcome",
                participant_ids=[person.id],
                reply_for=lambda p: Reply(TEXTS(p.language, "prep_welcome", id=session.id)),
            )
    await ctx.db.flush()
    members = await prep_group_of(ctx.db, session.id)
    if not members:
        return Reply(ctx.t(TEXTS, "prep_empty", id=session.id))
    names = await names_of(ctx.db, members)
    return Reply(
        ctx.t(
            TEXTS,
            "prep_group",
            id=session.id,
            names=", ".join(names[m] for m in members if m in names),
        )
    )


async def open_step(job: JobContext) -> None:
    session = planned_session_of(job)
    if session is None or await poll_of(job.db, session.id) is not None:
        return  # cancelled, or an organiser opened the vote already
    closes_at = default_close(session, job.now, job.services.settings.tz)
    await open_poll(
        job.services, job.db, session, now=job.now, closes_at=closes_at, opened_by=None
    )


async def close_step(job: JobContext) -> None:
    session = planned_session_of(job)
    poll = await poll_of(job.db, session.id) if session is not None else None
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
        key_prefix=f"poll:{poll.id}:nudge",
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
        aliases=("prep", "voorbereidingsgroep"),
        help_nl="het voorbereidingsgroepje van een bijeenkomst samenstellen (organisatoren)",
        help_en="form the preparation group of a meeting (organisers)",
        usage="/voorbereiding <bijeenkomst> [weg] @naam ...",
        organiser_only=True,
    )
    registry.step(
        "poll-open",
        OPEN_OFFSET,
        open_step,
        label_nl="agendapeiling gaat open",
        label_en="agenda vote opens",
    )
    registry.step(
        "poll-close",
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
