"""/agenda: proposing topics for the next meeting, supporting, withdrawing, fuzzy duplicates."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz
from sqlalchemy import delete, select

from bot.core.dates import format_short
from bot.core.messages import Button, Reply
from bot.core.texts import YES_WORDS
from bot.db.models import AgendaProposal, Poll, Session, Support, Vote
from bot.db.models.polls import MAX_TITLE, MAX_WHY, POLL_CLOSED, POLL_OPEN, PROPOSED
from bot.kernel.lookup import parse_id
from bot.kernel.services import Context, Registry
from handlers.polls.lifecycle import mark_stale
from handlers.polls.storage import (
    agenda_meeting,
    choices_of,
    meeting_by_reference,
    names_of,
    poll_of,
    poll_view,
    proposals_of,
    recount_ballots,
    support_counts,
    toggle_vote,
)
from handlers.polls.texts import TEXTS
from handlers.polls.views import proposer_name, support_text

DUPLICATE_SCORE = 82
DUPLICATE_DIALOGUE = "agenda-dubbel"
SUPPORT_PREFIX = "ps"  # "ps:<proposal>" / "ps:apart"
SUPPORT_WORDS = YES_WORDS | {"steun", "support"}


def normalised(title: str) -> str:
    return re.sub(r"[^\w\s]", " ", title.lower()).strip()


def find_duplicate(title: str, proposals: Sequence[AgendaProposal]) -> AgendaProposal | None:
    """The existing proposal that is fuzzily the same topic, if any (the closest)."""
    wanted = normalised(title)
    best: tuple[float, AgendaProposal] | None = None
    for proposal in proposals:
        other = normalised(proposal.title)
        score = max(fuzz.token_set_ratio(wanted, other), fuzz.ratio(wanted, other))
        # token_set_ratio is 100 when one title's words are all in the other; demand that the
        # shorter one is not a single common word ("wijk").
        if min(len(wanted.split()), len(other.split())) < 2:
            score = fuzz.ratio(wanted, other)
        if score >= DUPLICATE_SCORE and (best is None or score > best[0]):
            best = (score, proposal)
    return best[1] if best else None


async def add_proposal(
    ctx: Context, meeting: Session, title: str, why: str
) -> tuple[AgendaProposal, Poll | None]:
    proposal = AgendaProposal(
        session_id=meeting.id,
        proposer_id=ctx.participant.id,
        title=title,
        why=why,
        status=PROPOSED,
        created_at=ctx.now,
    )
    ctx.db.add(proposal)
    await ctx.db.flush()
    poll = await poll_of(ctx.db, meeting.id)
    return proposal, poll


async def add_support(ctx: Context, proposal_id: int) -> Reply:
    proposal = await ctx.db.get(AgendaProposal, proposal_id)
    if proposal is None or proposal.status != PROPOSED:
        return Reply(ctx.t(TEXTS, "proposal_not_found", id=proposal_id))
    poll = await poll_of(ctx.db, proposal.session_id)
    voting = poll is not None and poll.status == POLL_OPEN and ctx.now < poll.closes_at
    own = proposal.proposer_id == ctx.participant.id
    if own and not voting:
        return Reply(ctx.t(TEXTS, "own_proposal", id=proposal.id))
    existing = await ctx.db.scalar(
        select(Support).where(
            Support.proposal_id == proposal.id, Support.participant_id == ctx.participant.id
        )
    )
    if existing is None and not own:
        ctx.db.add(
            Support(proposal_id=proposal.id, participant_id=ctx.participant.id, created_at=ctx.now)
        )
    if voting and poll is not None:
        return await support_as_vote(ctx, poll, proposal)
    if existing is not None:
        return Reply(ctx.t(TEXTS, "already_supported", id=proposal.id))
    return Reply(ctx.t(TEXTS, "supported", id=proposal.id, title=proposal.title))


async def support_as_vote(ctx: Context, poll: Poll, proposal: AgendaProposal) -> Reply:
    """While the vote is open, supporting a topic is voting for it (within the vote's limit)."""
    view = await poll_view(ctx.db, poll)
    chosen = await choices_of(ctx.db, poll, ctx.participant.id, view.proposals)
    limit = poll.max_votes
    if proposal.id in chosen:
        return Reply(
            ctx.t(TEXTS, "support_voted_already", id=proposal.id, used=len(chosen), max=limit)
        )
    if len(chosen) >= limit:
        return Reply(ctx.t(TEXTS, "support_not_vote", id=proposal.id, used=len(chosen), max=limit))
    await toggle_vote(ctx.db, poll, ctx.participant.id, proposal, chosen)
    await mark_stale(ctx.db, poll, ctx.now)  # their own vote message too: it shows the tick
    return Reply(
        ctx.t(
            TEXTS,
            "support_vote",
            id=proposal.id,
            title=proposal.title,
            used=len(chosen),
            max=limit,
        )
    )


async def agenda(ctx: Context) -> Reply | list[Reply]:
    head, _, rest = ctx.args.strip().partition(" ")
    if "\n" in head:  # "/agenda voorstel\nTitel"
        head, _, more = head.partition("\n")
        rest = more + (" " + rest if rest else "")
    action = head.lower()
    if ctx.command == "agenda" and action in {"voorstel", "propose", "nieuw"}:
        return await propose(ctx, rest)
    if action in {"steun", "support"}:
        number = parse_id(rest)
        if number is None:
            return Reply(ctx.t(TEXTS, "agenda_usage"))
        return await add_support(ctx, number)
    if action in {"intrekken", "withdraw", "weg"}:
        return await withdraw(ctx, rest.strip())
    if action in {"help", "hulp"}:
        return Reply(ctx.t(TEXTS, "agenda_usage"))
    if ctx.command == "agenda" and action and not action.lstrip("#").isdigit():
        return Reply(ctx.t(TEXTS, "agenda_usage"))
    if action:
        return await list_proposals(ctx, await meeting_by_reference(ctx, action))
    meeting, skipped = await agenda_meeting(ctx.db, ctx.now)
    if meeting is None and skipped is not None:
        # The vote of the coming meeting closed and none is planned after it: show its agenda.
        closed = await ctx.db.get(Session, skipped)
        if closed is not None:
            return await list_proposals(ctx, closed, footer="agenda_closed_next")
    if meeting is None:
        return Reply(ctx.t(TEXTS, "no_session"))
    return await list_proposals(ctx, meeting)


async def list_proposals(
    ctx: Context, meeting: Session, footer: str = "proposals_footer"
) -> Reply:
    proposals = await proposals_of(ctx.db, meeting.id)
    if not proposals:
        return Reply(ctx.t(TEXTS, "no_proposals", id=meeting.id))
    tz = ctx.services.settings.tz
    supports = await support_counts(ctx.db, [p.id for p in proposals])
    names = await names_of(ctx.db, [p.proposer_id for p in proposals])
    lines = [
        ctx.t(
            TEXTS,
            "proposals_header",
            id=meeting.id,
            when=format_short(meeting.starts_at, ctx.lang, tz),
        )
    ]
    for p in proposals:
        lines.append(
            ctx.t(
                TEXTS,
                "proposal_line",
                id=p.id,
                title=p.title,
                who=proposer_name(names, p, ctx.lang),
                support=support_text(supports.get(p.id, 0), ctx.lang),
            )
        )
        if p.why:
            lines.append(f"   {p.why}")
    lines.append("")
    lines.append(ctx.t(TEXTS, footer))
    poll = await poll_of(ctx.db, meeting.id)
    if poll is not None and poll.status == POLL_OPEN:
        lines.append(
            ctx.t(TEXTS, "poll_running", closes=format_short(poll.closes_at, ctx.lang, tz))
        )
    return Reply("\n".join(lines))


async def propose(ctx: Context, text: str) -> Reply:
    title, _, why = text.strip().partition("\n")
    title, why = " ".join(title.split()), why.strip()
    if not title:
        return Reply(ctx.t(TEXTS, "propose_usage"))
    if len(title) > MAX_TITLE:
        return Reply(ctx.t(TEXTS, "title_too_long", length=len(title), max=MAX_TITLE))
    if len(why) > MAX_WHY:
        return Reply(ctx.t(TEXTS, "why_too_long", max=MAX_WHY))
    meeting, skipped = await agenda_meeting(ctx.db, ctx.now)
    if meeting is None:
        return await nowhere_to_propose(ctx, skipped)
    duplicate = find_duplicate(title, await proposals_of(ctx.db, meeting.id))
    if duplicate is not None:
        await ctx.start_dialogue(
            DUPLICATE_DIALOGUE,
            {"title": title, "why": why, "session_id": meeting.id, "like": duplicate.id},
        )
        names = await names_of(ctx.db, [duplicate.proposer_id])
        who = proposer_name(names, duplicate, ctx.lang)
        text = ctx.t(TEXTS, "duplicate", id=duplicate.id, title=duplicate.title, who=who)
        return Reply(text + "\n" + ctx.t(TEXTS, "duplicate_hint")).with_buttons(
            [
                Button(
                    ctx.t(TEXTS, "button_support", id=duplicate.id),
                    f"{SUPPORT_PREFIX}:{duplicate.id}",
                ),
                Button(ctx.t(TEXTS, "button_new_anyway"), f"{SUPPORT_PREFIX}:apart"),
            ]
        )
    return await create_proposal(ctx, meeting, title, why, skipped)


async def nowhere_to_propose(ctx: Context, skipped: int | None) -> Reply:
    """No meeting takes proposals: none planned, or the coming one's vote closed already."""
    closed = await ctx.db.get(Session, skipped) if skipped is not None else None
    if closed is None:
        return Reply(ctx.t(TEXTS, "no_session"))
    when = format_short(closed.starts_at, ctx.lang, ctx.services.settings.tz)
    return Reply(ctx.t(TEXTS, "propose_closed", id=closed.id, when=when))


async def create_proposal(
    ctx: Context, meeting: Session, title: str, why: str, skipped: int | None = None
) -> Reply:
    proposal, poll = await add_proposal(ctx, meeting, title, why)
    when = format_short(meeting.starts_at, ctx.lang, ctx.services.settings.tz)
    lines = [ctx.t(TEXTS, "proposed", id=proposal.id, session=meeting.id, when=when, title=title)]
    if skipped is not None:
        lines.append(ctx.t(TEXTS, "proposed_next", closed=skipped, session=meeting.id))
    if poll is not None and poll.status == POLL_OPEN:
        lines.append(ctx.t(TEXTS, "proposed_poll_open"))
        await mark_stale(ctx.db, poll, ctx.now)
    return Reply("\n".join(lines))


async def settle_duplicate(ctx: Context, choice: str) -> Reply:
    state = ctx.dialogue
    data = dict(state.data) if state is not None else {}
    await ctx.end_dialogue()
    if not data:
        return Reply(ctx.t(TEXTS, "duplicate_gone"))
    if choice == "apart":
        meeting = await ctx.db.get(Session, int(data["session_id"]))
        if meeting is None:
            return Reply(ctx.t(TEXTS, "no_session"))
        return await create_proposal(ctx, meeting, str(data["title"]), str(data["why"]))
    return await add_support(ctx, int(data["like"]))


async def duplicate_answer(ctx: Context) -> Reply:
    answer = ctx.args.strip().lower()
    if answer in SUPPORT_WORDS:
        return await settle_duplicate(ctx, "steun")
    if answer in {"apart", "nieuw", "separately", "new", "toch"}:
        return await settle_duplicate(ctx, "apart")
    return Reply(ctx.t(TEXTS, "duplicate_hint"))


async def support_button(ctx: Context) -> Reply:
    ctx.dialogue = await ctx.current_dialogue()
    if ctx.dialogue is not None and ctx.dialogue.name != DUPLICATE_DIALOGUE:
        ctx.dialogue = None
    if ctx.args == "apart":
        reply = await settle_duplicate(ctx, "apart")
    elif ctx.args.isdigit():
        if ctx.dialogue is not None:
            await ctx.end_dialogue()
        reply = await add_support(ctx, int(ctx.args))
    else:
        reply = Reply(ctx.t(TEXTS, "duplicate_gone"))
    return Reply(reply.text, edit=True)


async def withdraw(ctx: Context, reference: str) -> Reply:
    number = parse_id(reference)
    if number is None:
        return Reply(ctx.t(TEXTS, "withdraw_usage"))
    proposal = await ctx.db.get(AgendaProposal, number)
    if proposal is None or proposal.status != PROPOSED:
        return Reply(ctx.t(TEXTS, "proposal_not_found", id=reference.lstrip("#")))
    if proposal.proposer_id != ctx.participant.id:
        return Reply(ctx.t(TEXTS, "not_your_proposal", id=proposal.id))
    poll = await poll_of(ctx.db, proposal.session_id)
    if poll is not None and poll.status == POLL_CLOSED:
        return Reply(ctx.t(TEXTS, "withdraw_closed", id=proposal.id))
    proposal.status = "withdrawn"
    if poll is not None:
        await ctx.db.execute(
            delete(Vote).where(Vote.poll_id == poll.id, Vote.proposal_id == proposal.id)
        )
        await recount_ballots(ctx.db, poll)
        if poll.status != POLL_CLOSED:
            await mark_stale(ctx.db, poll, ctx.now)  # the topic leaves everyone's message
    return Reply(ctx.t(TEXTS, "withdrawn", id=proposal.id))


def register(registry: Registry) -> None:
    registry.command(
        "agenda",
        agenda,
        aliases=("voorstel", "voorstellen"),
        help_nl="agendavoorstellen voor de volgende bijeenkomst bekijken, doen of steunen",
        help_en="see, make or support agenda proposals for the next meeting",
        usage="/agenda [voorstel <onderwerp> | steun <nummer> | intrekken <nummer>]",
    )
    registry.dialogue(DUPLICATE_DIALOGUE, duplicate_answer)
    registry.callback(SUPPORT_PREFIX, support_button)
