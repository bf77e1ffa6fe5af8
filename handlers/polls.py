"""Agenda polls: /agenda (proposals and support), /peiling (the vote), /voorbereiding.

"Deelnemers aan de CoP bepalen zelf wat er op de agenda komt": anyone proposes topics for the
next meeting; the vote opens 21 days before it (or when an organiser opens it) and closes 14
days before it (or at the organiser's deadline, also when the bot was down then). Everyone
votes with buttons on a message of their own, edited with the counts; at the close everyone
gets the ranking and the preparation group the full result, to build the programme with
(handlers/programme.py).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from rapidfuzz import fuzz
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.context import Context
from bot.dates import DateProblem, format_datetime, format_short, parse_datetime, shift
from bot.db.models import (
    AgendaProposal,
    Ballot,
    Participant,
    Poll,
    PollMessage,
    PrepGroupMember,
    Session,
    Support,
    Vote,
)
from bot.db.models.polls import MAX_TITLE, MAX_WHY, POLL_CLOSED, POLL_OPEN, PROPOSED
from bot.features import Registry
from bot.messages import Button, Reply
from handlers.lookup import find_participant, split_references
from handlers.polls_texts import TEXTS
from handlers.session_views import active_participants, is_organiser
from scheduler.jobs import JobContext, schedule
from scheduler.outbox import enqueue_many

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

OPEN_OFFSET = timedelta(days=-21)
CLOSE_OFFSET = timedelta(days=-14)
NUDGE_BEFORE = timedelta(days=1)
# Edits of other people's vote messages are gathered for this long, then done in one go.
REFRESH_DELAY = timedelta(seconds=60)
MAX_VOTES_LIMIT = 10
# Buttons: one per proposal; Slack allows 50 blocks per message, so stay well below.
MAX_OPTIONS = 25
BUTTON_TITLE = 28
BAR_WIDTH = 10
DUPLICATE_SCORE = 82
DUPLICATE_DIALOGUE = "agenda-dubbel"

VOTE_PREFIX = "pv"  # "pv:<poll>:<proposal>"
REFRESH_PREFIX = "pr"  # "pr:<poll>"
SUPPORT_PREFIX = "ps"  # "ps:<proposal>" / "ps:apart"


@runtime_checkable
class MessageEditor(Protocol):
    """A messenger that can replace a message it sent earlier (for the count updates)."""

    async def edit_message(self, chat_id: str, message_id: str, reply: Reply) -> None: ...


# -- sessions and proposals -------------------------------------------------------------------


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
    ctx: Context, session: Session, title: str, why: str
) -> tuple[AgendaProposal, Poll | None]:
    proposal = AgendaProposal(
        session_id=session.id,
        proposer_id=ctx.participant.id,
        title=title,
        why=why,
        status=PROPOSED,
        created_at=ctx.now,
    )
    ctx.db.add(proposal)
    await ctx.db.flush()
    poll = await poll_of(ctx.db, session.id)
    return proposal, poll


async def add_support(ctx: Context, proposal_id: int) -> Reply:
    proposal = await ctx.db.get(AgendaProposal, proposal_id)
    if proposal is None or proposal.status != PROPOSED:
        return Reply(ctx.t(TEXTS, "proposal_not_found", id=proposal_id))
    if proposal.proposer_id == ctx.participant.id:
        return Reply(ctx.t(TEXTS, "own_proposal", id=proposal.id))
    existing = await ctx.db.scalar(
        select(Support).where(
            Support.proposal_id == proposal.id, Support.participant_id == ctx.participant.id
        )
    )
    if existing is not None:
        return Reply(ctx.t(TEXTS, "already_supported", id=proposal.id))
    ctx.db.add(
        Support(proposal_id=proposal.id, participant_id=ctx.participant.id, created_at=ctx.now)
    )
    return Reply(ctx.t(TEXTS, "supported", id=proposal.id, title=proposal.title))


# -- votes --------------------------------------------------------------------------------------


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


# -- what a vote message looks like -------------------------------------------------------------


@dataclass(frozen=True)
class PollView:
    """What every vote message of one poll shares: the poll, its session, topics and counts."""

    poll: Poll
    session: Session
    proposals: list[AgendaProposal]
    counts: dict[int, int]

    def show_counts(self) -> bool:
        return not self.poll.hidden or self.poll.status == POLL_CLOSED


async def poll_view(db: AsyncSession, poll: Poll) -> PollView:
    session = await db.get(Session, poll.session_id)
    assert session is not None
    proposals = await proposals_of(db, poll.session_id)
    return PollView(poll, session, proposals, await tally(db, poll))


def votes_text(count: int, lang: str) -> str:
    return TEXTS(lang, "poll_vote_one") if count == 1 else TEXTS(lang, "poll_votes", count=count)


def short(title: str, width: int = BUTTON_TITLE) -> str:
    return title if len(title) <= width else title[: width - 1].rstrip() + "…"


def vote_message(
    view: PollView,
    chosen: set[int],
    lang: str,
    tz: Any,
    *,
    intro: str | None = None,
    note: str | None = None,
    edit: bool = False,
) -> Reply:
    poll, session = view.poll, view.session
    parts = [intro] if intro else []
    parts.append(
        TEXTS(
            lang,
            "poll_intro",
            id=session.id,
            when=format_short(session.starts_at, lang, tz),
            max=poll.max_votes,
            closes=format_short(poll.closes_at, lang, tz),
        )
    )
    if poll.anonymous:
        parts.append(TEXTS(lang, "poll_anonymous_note"))
    if poll.hidden and not view.show_counts():
        parts.append(TEXTS(lang, "poll_hidden_note"))
    lines = []
    for proposal in view.proposals[:MAX_OPTIONS]:
        mark = "✓ " if proposal.id in chosen else ""
        line = f"{mark}#{proposal.id} {proposal.title}"
        if view.show_counts():
            line += f" ({votes_text(view.counts.get(proposal.id, 0), lang)})"
        lines.append(line)
    parts.append("\n".join(lines) if lines else TEXTS(lang, "poll_no_proposals_yet"))
    parts.append(TEXTS(lang, "poll_your_votes", used=len(chosen), max=poll.max_votes))
    if note:
        parts.append(note)
    parts.append(TEXTS(lang, "poll_add_hint"))
    rows: list[tuple[Button, ...]] = []
    if poll.status == POLL_OPEN:
        for proposal in view.proposals[:MAX_OPTIONS]:
            label = ("✓ " if proposal.id in chosen else "") + short(proposal.title)
            if view.show_counts():
                label += f" ({view.counts.get(proposal.id, 0)})"
            rows.append((Button(label, f"{VOTE_PREFIX}:{poll.id}:{proposal.id}"),))
        rows.append((Button(TEXTS(lang, "button_refresh"), f"{REFRESH_PREFIX}:{poll.id}"),))
    return Reply("\n\n".join(parts), buttons=tuple(rows), edit=edit)


def bar(count: int, highest: int) -> str:
    if count <= 0 or highest <= 0:
        return "·"
    return "█" * max(1, round(BAR_WIDTH * count / highest))


def ranking(view: PollView) -> list[AgendaProposal]:
    return sorted(view.proposals, key=lambda p: (-view.counts.get(p.id, 0), p.id))


def ranking_lines(view: PollView) -> list[str]:
    highest = max(view.counts.values(), default=0)
    return [
        f"{n}. {p.title}\n   {bar(view.counts.get(p.id, 0), highest)} {view.counts.get(p.id, 0)}"
        for n, p in enumerate(ranking(view), start=1)
    ]


# -- opening and closing ------------------------------------------------------------------------


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


async def prep_group_of(db: AsyncSession, session_id: int) -> list[int]:
    rows = await db.scalars(
        select(PrepGroupMember.participant_id)
        .where(PrepGroupMember.session_id == session_id)
        .order_by(PrepGroupMember.id)
    )
    return list(rows.all())


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


# -- parsing /peiling open ---------------------------------------------------------------------


@dataclass
class OpenOptions:
    session_ref: str | None = None
    deadline: str | None = None
    anonymous: bool = False
    hidden: bool = False
    max_votes: int = 3


def parse_open_options(ctx: Context, text: str) -> OpenOptions:
    options = OpenOptions()
    words = text.split()
    if words and words[0].lstrip("#").isdigit():
        options.session_ref = words.pop(0)
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


# -- the feature --------------------------------------------------------------------------------


def register(registry: Registry) -> None:
    d = registry.dispatcher
    jobs = registry.jobs

    @d.command(
        "agenda",
        aliases=("voorstel", "voorstellen"),
        help_nl="agendavoorstellen voor de volgende bijeenkomst bekijken, doen of steunen",
        help_en="see, make or support agenda proposals for the next meeting",
        usage="/agenda [voorstel <onderwerp> | steun <nummer> | intrekken <nummer>]",
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
            number = rest.strip().lstrip("#")
            if not number.isdigit() or len(number) > 9:
                return Reply(ctx.t(TEXTS, "agenda_usage"))
            return await add_support(ctx, int(number))
        if action in {"intrekken", "withdraw", "weg"}:
            return await withdraw(ctx, rest.strip())
        if action in {"help", "hulp"}:
            return Reply(ctx.t(TEXTS, "agenda_usage"))
        if ctx.command == "agenda" and action and not action.lstrip("#").isdigit():
            return Reply(ctx.t(TEXTS, "agenda_usage"))
        if action:
            return await list_proposals(ctx, await session_by_reference(ctx, action))
        session, _ = await agenda_session(ctx.db, ctx.now)
        if session is None:
            return Reply(ctx.t(TEXTS, "no_session"))
        return await list_proposals(ctx, session)

    async def list_proposals(ctx: Context, session: Session) -> Reply:
        proposals = await proposals_of(ctx.db, session.id)
        if not proposals:
            return Reply(ctx.t(TEXTS, "no_proposals", id=session.id))
        tz = ctx.app.settings.tz
        supports = await support_counts(ctx.db, [p.id for p in proposals])
        names = await names_of(ctx.db, [p.proposer_id for p in proposals])
        lines = [
            ctx.t(
                TEXTS,
                "proposals_header",
                id=session.id,
                when=format_short(session.starts_at, ctx.lang, tz),
            )
        ]
        for p in proposals:
            support = supports.get(p.id, 0)
            lines.append(
                ctx.t(
                    TEXTS,
                    "proposal_line",
                    id=p.id,
                    title=p.title,
                    who=names.get(p.proposer_id or 0, ctx.t(TEXTS, "someone")),
                    support=ctx.t(TEXTS, "support_count", count=support) if support else "",
                )
            )
            if p.why:
                lines.append(f"   {p.why}")
        lines.append("")
        lines.append(ctx.t(TEXTS, "proposals_footer"))
        poll = await poll_of(ctx.db, session.id)
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
        session, skipped = await agenda_session(ctx.db, ctx.now)
        if session is None:
            return Reply(ctx.t(TEXTS, "no_session"))
        duplicate = find_duplicate(title, await proposals_of(ctx.db, session.id))
        if duplicate is not None:
            await ctx.start_dialogue(
                DUPLICATE_DIALOGUE,
                {"title": title, "why": why, "session_id": session.id, "like": duplicate.id},
            )
            who = (await names_of(ctx.db, [duplicate.proposer_id])).get(
                duplicate.proposer_id or 0, ctx.t(TEXTS, "someone")
            )
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
        return await create_proposal(ctx, session, title, why, skipped)

    async def create_proposal(
        ctx: Context, session: Session, title: str, why: str, skipped: int | None = None
    ) -> Reply:
        proposal, poll = await add_proposal(ctx, session, title, why)
        lines = [ctx.t(TEXTS, "proposed", id=proposal.id, session=session.id, title=title)]
        if skipped is not None:
            lines.append(ctx.t(TEXTS, "proposed_next", closed=skipped, session=session.id))
        if poll is not None and poll.status == POLL_OPEN:
            lines.append(ctx.t(TEXTS, "proposed_poll_open"))
            await ctx.db.execute(
                update(PollMessage).where(PollMessage.poll_id == poll.id).values(stale=True)
            )
            await schedule_refresh(ctx.db, poll, ctx.now)
        return Reply("\n".join(lines))

    async def settle_duplicate(ctx: Context, choice: str) -> Reply:
        state = ctx.dialogue
        data = dict(state.data) if state is not None else {}
        await ctx.end_dialogue()
        if not data:
            return Reply(ctx.t(TEXTS, "duplicate_gone"))
        if choice == "apart":
            session = await ctx.db.get(Session, int(data["session_id"]))
            if session is None:
                return Reply(ctx.t(TEXTS, "no_session"))
            return await create_proposal(ctx, session, str(data["title"]), str(data["why"]))
        return await add_support(ctx, int(data["like"]))

    @d.dialogue(DUPLICATE_DIALOGUE)
    async def duplicate_answer(ctx: Context) -> Reply:
        answer = ctx.args.strip().lower()
        if answer in {"steun", "support", "ja", "yes"}:
            return await settle_duplicate(ctx, "steun")
        if answer in {"apart", "nieuw", "separately", "new", "toch"}:
            return await settle_duplicate(ctx, "apart")
        return Reply(ctx.t(TEXTS, "duplicate_hint"))

    @d.callback(SUPPORT_PREFIX)
    async def support_button(ctx: Context) -> Reply:
        from bot.db.models import DialogueState

        ctx.dialogue = await ctx.db.get(DialogueState, ctx.participant.id)
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
        number = reference.lstrip("#")
        if not number.isdigit() or len(number) > 9:
            return Reply(ctx.t(TEXTS, "withdraw_usage"))
        proposal = await ctx.db.get(AgendaProposal, int(number))
        if proposal is None or proposal.status != PROPOSED:
            return Reply(ctx.t(TEXTS, "proposal_not_found", id=number))
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
        return Reply(ctx.t(TEXTS, "withdrawn", id=proposal.id))

    # -- /peiling ---------------------------------------------------------------------------

    @d.command(
        "peiling",
        aliases=("poll", "stemmen", "vote"),
        help_nl="stemmen op de agendavoorstellen; organisatoren openen en sluiten de peiling",
        help_en="vote on the agenda proposals; organisers open and close the vote",
        usage="/peiling [stand | open ... | sluit]",
    )
    async def poll_command(ctx: Context) -> Reply:
        head, _, rest = ctx.args.strip().partition(" ")
        action = head.lower()
        if action in {"open", "start"}:
            if not is_organiser(ctx):
                raise ctx.fail(TEXTS, "organisers_only")
            return await open_command(ctx, rest)
        if action in {"sluit", "close", "stop"}:
            if not is_organiser(ctx):
                raise ctx.fail(TEXTS, "organisers_only")
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
        view = await poll_view(ctx.db, poll)
        chosen = await choices_of(ctx.db, poll, ctx.participant.id, view.proposals)
        return vote_message(view, chosen, ctx.lang, ctx.app.settings.tz)

    def usage(ctx: Context) -> Reply:
        text = ctx.t(TEXTS, "poll_usage")
        if is_organiser(ctx):
            text += "\n\n" + ctx.t(TEXTS, "poll_usage_organiser")
        return Reply(text)

    async def open_command(ctx: Context, text: str) -> Reply:
        options = parse_open_options(ctx, text)
        tz = ctx.app.settings.tz
        if options.session_ref:
            session = await session_by_reference(ctx, options.session_ref)
        else:
            found = (await upcoming(ctx.db, ctx.now))[:1]
            if not found:
                return Reply(ctx.t(TEXTS, "no_session"))
            session = found[0]
        existing = await poll_of(ctx.db, session.id)
        if existing is not None:
            status = ctx.t(TEXTS, f"status_{existing.status}")
            return Reply(ctx.t(TEXTS, "poll_exists", id=session.id, status=status))
        if options.deadline is not None:
            try:
                closes_at = parse_datetime(options.deadline, now=ctx.now, tz=tz)
            except DateProblem:
                return Reply(ctx.t(TEXTS, "bad_deadline", text=options.deadline[:60]))
        else:
            closes_at = default_close(session, ctx.now, tz)
        if not ctx.now < closes_at < session.starts_at:
            start = format_datetime(session.starts_at, ctx.lang, tz)
            return Reply(ctx.t(TEXTS, "deadline_past", start=start))
        poll = await open_poll(
            ctx.app,
            ctx.db,
            session,
            now=ctx.now,
            closes_at=closes_at,
            opened_by=ctx.participant.id,
            anonymous=options.anonymous,
            hidden=options.hidden,
            max_votes=options.max_votes,
        )
        modes = (ctx.t(TEXTS, "mode_anonymous") if poll.anonymous else "") + (
            ctx.t(TEXTS, "mode_hidden") if poll.hidden else ""
        )
        return Reply(
            ctx.t(
                TEXTS,
                "opened",
                id=session.id,
                closes=format_datetime(closes_at, ctx.lang, tz),
                modes=modes,
            )
        )

    async def close_command(ctx: Context, reference: str) -> Reply:
        if reference:
            session = await session_by_reference(ctx, reference)
            poll = await poll_of(ctx.db, session.id)
        else:
            poll = await current_poll(ctx.db, ctx.now)
        if poll is None:
            return Reply(ctx.t(TEXTS, "no_open_poll"))
        if not await close_poll(ctx.app, ctx.db, poll, ctx.now):
            return Reply(ctx.t(TEXTS, "already_closed", id=poll.session_id))
        return Reply(ctx.t(TEXTS, "closed_by_organiser", id=poll.session_id))

    async def standing(ctx: Context, reference: str) -> Reply:
        if reference:
            session = await session_by_reference(ctx, reference)
            poll = await poll_of(ctx.db, session.id)
        else:
            poll = await current_poll(ctx.db, ctx.now) or await latest_poll(ctx.db)
        if poll is None:
            return Reply(ctx.t(TEXTS, "no_open_poll"))
        view = await poll_view(ctx.db, poll)
        voters = await voter_count(ctx.db, poll)
        tz = ctx.app.settings.tz
        closes = format_short(poll.closes_at, ctx.lang, tz)
        if not view.show_counts():
            return Reply(ctx.t(TEXTS, "standing_hidden", closes=closes, voters=voters))
        if poll.status == POLL_CLOSED:
            header = ctx.t(TEXTS, "result_header", id=poll.session_id, voters=voters)
        else:
            header = ctx.t(
                TEXTS, "standing_header", id=poll.session_id, closes=closes, voters=voters
            )
        lines = [header, ""]
        who: dict[int, list[str]] = {}
        # Votes are open to organisers by default; an anonymous poll has no names to show.
        if is_organiser(ctx) and not poll.anonymous:
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
            lines.append(f"{n}. #{proposal.id} {proposal.title}\n   {bar(count, highest)} {count}")
            if who.get(proposal.id):
                lines.append(ctx.t(TEXTS, "voters_line", names=", ".join(who[proposal.id])))
        if not view.proposals:
            lines.append(ctx.t(TEXTS, "result_empty"))
        return Reply("\n".join(lines))

    @d.callback(VOTE_PREFIX)
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
        tz = ctx.app.settings.tz
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
        await ctx.db.execute(
            update(PollMessage)
            .where(
                PollMessage.poll_id == poll.id, PollMessage.participant_id != ctx.participant.id
            )
            .values(stale=True)
        )
        await schedule_refresh(ctx.db, poll, ctx.now)
        view = await poll_view(ctx.db, poll)
        return vote_message(view, chosen, ctx.lang, tz, edit=True)

    @d.callback(REFRESH_PREFIX)
    async def refresh_button(ctx: Context) -> Reply:
        poll = await ctx.db.get(Poll, int(ctx.args)) if ctx.args.isdigit() else None
        if poll is None:
            return Reply(ctx.t(TEXTS, "no_open_poll"), edit=True)
        await remember_message(ctx, poll)
        view = await poll_view(ctx.db, poll)
        chosen = await choices_of(ctx.db, poll, ctx.participant.id, view.proposals)
        return vote_message(view, chosen, ctx.lang, ctx.app.settings.tz, edit=True)

    # -- /voorbereiding -------------------------------------------------------------------------

    @d.command(
        "voorbereiding",
        aliases=("prep", "voorbereidingsgroep"),
        help_nl="het voorbereidingsgroepje van een bijeenkomst samenstellen (organisatoren)",
        help_en="form the preparation group of a meeting (organisers)",
        usage="/voorbereiding <bijeenkomst> [weg] @naam ...",
        organiser_only=True,
    )
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
            existing = await ctx.db.scalar(
                select(PrepGroupMember).where(
                    PrepGroupMember.session_id == session.id,
                    PrepGroupMember.participant_id == person.id,
                )
            )
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

    # -- the timeline and the jobs ----------------------------------------------------------

    @jobs.step(
        "poll-open",
        OPEN_OFFSET,
        label_nl="agendapeiling gaat open",
        label_en="agenda vote opens",
    )
    async def open_step(job: JobContext) -> None:
        session = await step_session(job)
        if session is None or await poll_of(job.db, session.id) is not None:
            return  # cancelled, or an organiser opened the vote already
        closes_at = default_close(session, job.now, job.app.settings.tz)
        await open_poll(job.app, job.db, session, now=job.now, closes_at=closes_at, opened_by=None)

    @jobs.step(
        "poll-close",
        CLOSE_OFFSET,
        label_nl="agendapeiling sluit, uitslag naar iedereen",
        label_en="agenda vote closes, result to everyone",
    )
    async def close_step(job: JobContext) -> None:
        session = await step_session(job)
        poll = await poll_of(job.db, session.id) if session is not None else None
        # A later deadline set by an organiser is kept; its own job closes the poll then.
        if poll is not None and poll.status == POLL_OPEN and poll.closes_at <= job.now:
            await close_poll(job.app, job.db, poll, job.now)

    @jobs.job("poll-deadline")
    async def deadline(job: JobContext) -> None:
        poll = await job_poll(job)
        if poll is not None and poll.status == POLL_OPEN:
            if poll.closes_at > job.now:  # the deadline moved later; its job was rescheduled
                return
            await close_poll(job.app, job.db, poll, job.now)

    @jobs.job("poll-nudge")
    async def nudge(job: JobContext) -> None:
        poll = await job_poll(job)
        if poll is None or poll.status != POLL_OPEN:
            return
        voted = set(
            (
                await job.db.scalars(
                    select(Ballot.participant_id).where(
                        Ballot.poll_id == poll.id, Ballot.votes > 0
                    )
                )
            ).all()
        )
        silent = [p.id for p in await active_participants(job.db) if p.id not in voted]
        view = await poll_view(job.db, poll)
        tz = job.app.settings.tz

        def reply_for(person: Participant) -> Reply:
            intro = TEXTS(person.language, "nudge", id=poll.session_id)
            return vote_message(view, set(), person.language, tz, intro=intro)

        await enqueue_many(
            job.db,
            key_prefix=f"poll:{poll.id}:nudge",
            participant_ids=silent,
            reply_for=reply_for,
        )

    @jobs.job("poll-refresh")
    async def refresh(job: JobContext) -> None:
        poll = await job_poll(job)
        if poll is not None:
            await refresh_messages(job.app, job.db, poll, job.now)


async def step_session(job: JobContext) -> Session | None:
    session = job.session
    if session is None and job.job.session_id is not None:
        session = await job.db.get(Session, job.job.session_id)
    if not isinstance(session, Session) or session.status != "planned":
        return None
    return session


async def job_poll(job: JobContext) -> Poll | None:
    poll_id = job.payload.get("poll_id")
    return await job.db.get(Poll, int(poll_id)) if poll_id is not None else None


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


async def recount_ballots(db: AsyncSession, poll: Poll) -> None:
    """After a withdrawn topic: everyone's number of votes used matches their votes again."""
    proposals = await proposals_of(db, poll.session_id)
    for ballot in (await db.scalars(select(Ballot).where(Ballot.poll_id == poll.id))).all():
        ballot.votes = len(await choices_of(db, poll, ballot.participant_id, proposals))
