"""/peiling: the vote message and its buttons, the standing, organisers opening and closing."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bot.core.dates import DateProblem, format_datetime, format_short, parse_datetime
from bot.core.messages import Reply
from bot.db.models import Participant, Poll, Vote
from bot.db.models.polls import POLL_CLOSED, POLL_OPEN
from bot.kernel.roles import require_organiser
from bot.kernel.services import Context, Registry
from handlers.polls.keys import CLOSE_STEP, OPEN_STEP
from handlers.polls.lifecycle import (
    close_poll,
    default_close,
    mark_stale,
    open_poll,
    remember_message,
)
from handlers.polls.storage import (
    choices_of,
    current_poll,
    latest_poll,
    meeting_by_reference,
    meeting_or_next,
    poll_of,
    poll_view,
    proposals_of,
    toggle_vote,
    voter_count,
)
from handlers.polls.texts import TEXTS
from handlers.polls.views import REFRESH_PREFIX, VOTE_PREFIX, ranked_line, ranking, vote_message
from scheduler.jobs import done_by_hand
from scheduler.timeline import step_key

MAX_VOTES_LIMIT = 10


@dataclass
class OpenOptions:
    meeting_ref: str | None = None
    deadline: str | None = None
    anonymous: bool = False
    hidden: bool = False
    max_votes: int = 3


def parse_open_options(ctx: Context, text: str) -> OpenOptions:
    options = OpenOptions()
    words = text.split()
    if words and words[0].lstrip("#").isdigit():
        options.meeting_ref = words.pop(0)
    deadline: list[str] | None = None
    index = 0
    while index < len(words):
        word = words[index].lower()
        if word in {"anoniem", "anonymous"}:
            options.anonymous, deadline = True, None
        elif word in {"verborgen", "hidden", "blind"}:
            options.hidden, deadline = True, None
        elif word in {"max", "stemmen", "votes"}:
            deadline = None
            value = words[index + 1] if index + 1 < len(words) else ""
            if not value.isdigit() or not 1 <= int(value) <= MAX_VOTES_LIMIT:
                raise ctx.fail(TEXTS, "bad_max", max=MAX_VOTES_LIMIT)
            options.max_votes = int(value)
            index += 1
        elif word in {"tot", "until", "deadline"}:
            deadline = []
            options.deadline = ""
        elif deadline is not None:
            deadline.append(words[index])
            options.deadline = " ".join(deadline)
        else:
            raise ctx.fail(TEXTS, "unknown_option", word=words[index][:30])
        index += 1
    return options


async def own_vote_message(ctx: Context, poll: Poll, *, edit: bool = False) -> Reply:
    """The vote message of the one asking, with their own ticks."""
    view = await poll_view(ctx.db, poll)
    chosen = await choices_of(ctx.db, poll, ctx.participant.id, view.proposals)
    return vote_message(view, chosen, ctx.lang, ctx.services.settings.tz, edit=edit)


async def poll_command(ctx: Context) -> Reply:
    head, _, rest = ctx.args.strip().partition(" ")
    action = head.lower()
    if action in {"open", "start"}:
        require_organiser(ctx, hint=ctx.t(TEXTS, "organisers_hint"))
        return await open_command(ctx, rest)
    if action in {"sluit", "close", "stop"}:
        require_organiser(ctx, hint=ctx.t(TEXTS, "organisers_hint"))
        return await close_command(ctx, rest.strip())
    if action in {"stand", "uitslag", "result", "status"}:
        return await standing(ctx, rest.strip())
    if action in {"help", "hulp"}:
        return usage(ctx)
    if action:
        return usage(ctx)
    poll = await current_poll(ctx.db, ctx.now)
    if poll is None:
        return Reply(ctx.t(TEXTS, "no_open_poll"))
    if ctx.incoming.is_group:  # a vote message shows its owner's ticks: never in a group
        return Reply(ctx.t(TEXTS, "vote_in_private"))
    return await own_vote_message(ctx, poll)


def usage(ctx: Context) -> Reply:
    text = ctx.t(TEXTS, "poll_usage")
    if ctx.is_organiser:
        text += "\n\n" + ctx.t(TEXTS, "poll_usage_organiser")
    return Reply(text)


async def open_command(ctx: Context, text: str) -> Reply:
    options = parse_open_options(ctx, text)
    tz = ctx.services.settings.tz
    meeting = await meeting_or_next(ctx, options.meeting_ref)
    if meeting is None:
        return Reply(ctx.t(TEXTS, "no_session"))
    existing = await poll_of(ctx.db, meeting.id)
    if existing is not None:
        status = ctx.t(TEXTS, f"status_{existing.status}")
        return Reply(ctx.t(TEXTS, "poll_exists", id=meeting.id, status=status))
    if options.deadline is not None:
        try:
            closes_at = parse_datetime(options.deadline, now=ctx.now, tz=tz)
        except DateProblem:
            return Reply(ctx.t(TEXTS, "bad_deadline", text=options.deadline[:60]))
    else:
        closes_at = default_close(meeting, ctx.now, tz)
    if not ctx.now < closes_at < meeting.starts_at:
        start = format_datetime(meeting.starts_at, ctx.lang, tz)
        return Reply(ctx.t(TEXTS, "deadline_past", start=start))
    if not await proposals_of(ctx.db, meeting.id):
        return Reply(ctx.t(TEXTS, "open_without_proposals", id=meeting.id))
    poll = await open_poll(
        ctx.services,
        ctx.db,
        meeting,
        now=ctx.now,
        closes_at=closes_at,
        opened_by=ctx.participant.id,
        anonymous=options.anonymous,
        hidden=options.hidden,
        max_votes=options.max_votes,
    )
    await done_by_hand(ctx.db, step_key(OPEN_STEP, meeting.id), ctx.now)  # not again later
    modes = (ctx.t(TEXTS, "mode_anonymous") if poll.anonymous else "") + (
        ctx.t(TEXTS, "mode_hidden") if poll.hidden else ""
    )
    return Reply(
        ctx.t(
            TEXTS,
            "opened",
            id=meeting.id,
            closes=format_datetime(closes_at, ctx.lang, tz),
            modes=modes,
        )
    )


async def close_command(ctx: Context, reference: str) -> Reply:
    if reference:
        poll = await poll_of(ctx.db, (await meeting_by_reference(ctx, reference)).id)
    else:
        poll = await current_poll(ctx.db, ctx.now)
    if poll is None:
        return Reply(ctx.t(TEXTS, "no_open_poll"))
    if not await close_poll(ctx.services, ctx.db, poll, ctx.now):
        return Reply(ctx.t(TEXTS, "already_closed", id=poll.session_id))
    await done_by_hand(ctx.db, step_key(CLOSE_STEP, poll.session_id), ctx.now)
    return Reply(ctx.t(TEXTS, "closed_by_organiser", id=poll.session_id))


async def standing(ctx: Context, reference: str) -> Reply:
    if reference:
        poll = await poll_of(ctx.db, (await meeting_by_reference(ctx, reference)).id)
    else:
        poll = await current_poll(ctx.db, ctx.now) or await latest_poll(ctx.db)
    if poll is None:
        return Reply(ctx.t(TEXTS, "no_open_poll"))
    view = await poll_view(ctx.db, poll)
    voters = await voter_count(ctx.db, poll)
    tz = ctx.services.settings.tz
    closes = format_short(poll.closes_at, ctx.lang, tz)
    if not view.show_counts():
        return Reply(ctx.t(TEXTS, "standing_hidden", closes=closes, voters=voters))
    if poll.status == POLL_CLOSED:
        header = ctx.t(TEXTS, "result_header", id=poll.session_id, voters=voters)
    else:
        header = ctx.t(TEXTS, "standing_header", id=poll.session_id, closes=closes, voters=voters)
    lines = [header, ""]
    who: dict[int, list[str]] = {}
    # Votes are open to organisers by default; an anonymous poll has no names to show.
    if ctx.is_organiser and not poll.anonymous:
        rows = await ctx.db.execute(
            select(Vote.proposal_id, Participant.display_name)
            .join(Participant, Participant.id == Vote.participant_id)
            .where(Vote.poll_id == poll.id)
            .order_by(Participant.display_name)
        )
        for proposal_id, name in rows.all():
            who.setdefault(proposal_id, []).append(name)
    highest = max(view.counts.values(), default=0)
    for n, proposal in enumerate(ranking(view), start=1):
        count = view.counts.get(proposal.id, 0)
        lines.append(ranked_line(n, f"#{proposal.id} {proposal.title}", count, highest))
        if who.get(proposal.id):
            lines.append(ctx.t(TEXTS, "voters_line", names=", ".join(who[proposal.id])))
    if not view.proposals:
        lines.append(ctx.t(TEXTS, "result_empty"))
    return Reply("\n".join(lines))


async def vote_button(ctx: Context) -> Reply:
    poll_id, _, proposal_id = ctx.args.partition(":")
    if not (poll_id.isdigit() and proposal_id.isdigit()):
        return Reply(ctx.t(TEXTS, "no_open_poll"))
    poll = await ctx.db.get(Poll, int(poll_id))
    if poll is None:
        return Reply(ctx.t(TEXTS, "no_open_poll"), edit=True)
    if ctx.incoming.is_group:
        return Reply(ctx.t(TEXTS, "vote_in_private"))
    await remember_message(ctx, poll)
    view = await poll_view(ctx.db, poll)
    chosen = await choices_of(ctx.db, poll, ctx.participant.id, view.proposals)
    tz = ctx.services.settings.tz
    if poll.status != POLL_OPEN or ctx.now >= poll.closes_at:
        note = ctx.t(TEXTS, "vote_closed")
        return vote_message(view, chosen, ctx.lang, tz, note=note, edit=True)
    proposal = next((p for p in view.proposals if p.id == int(proposal_id)), None)
    if proposal is None:
        note = ctx.t(TEXTS, "vote_withdrawn_topic")
        return vote_message(view, chosen, ctx.lang, tz, note=note, edit=True)
    if not await toggle_vote(ctx.db, poll, ctx.participant.id, proposal, chosen):
        note = ctx.t(TEXTS, "vote_limit", max=poll.max_votes)
        return vote_message(view, chosen, ctx.lang, tz, note=note, edit=True)
    await mark_stale(ctx.db, poll, ctx.now, except_participant=ctx.participant.id)
    view = await poll_view(ctx.db, poll)
    return vote_message(view, chosen, ctx.lang, tz, edit=True)


async def refresh_button(ctx: Context) -> Reply:
    poll = await ctx.db.get(Poll, int(ctx.args)) if ctx.args.isdigit() else None
    if poll is None:
        return Reply(ctx.t(TEXTS, "no_open_poll"), edit=True)
    await remember_message(ctx, poll)
    return await own_vote_message(ctx, poll, edit=True)


def register(registry: Registry) -> None:
    registry.command(
        "peiling",
        poll_command,
        name_en="poll",
        aliases=("poll", "stemmen", "vote"),
        help_nl="stemmen op de agendavoorstellen; organisatoren openen en sluiten de peiling",
        help_en="vote on the agenda proposals; organisers open and close the vote",
        usage="/peiling [stand | open ... | sluit]",
    )
    registry.callback(VOTE_PREFIX, vote_button)
    registry.callback(REFRESH_PREFIX, refresh_button)
