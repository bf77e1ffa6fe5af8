"""From agenda to programme: /programma shows a meeting's programme; the builders make it.

"De deelnemers zijn zelf verantwoordelijk voor het programma" (bijlage 1, point 10): the
organisers and the meeting's preparation group take topics from the vote onto the programme,
with a time and an owner; for each topic the bot suggests fitting lessons from the booklet.
The programme is also written into `Session.programme`, which the meeting card and the
logistics message of the day before show.
"""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.dates import format_short
from bot.core.messages import Reply
from bot.db.models import AgendaProposal, ProgrammeItem, Session
from bot.db.models.polls import POLL_CLOSED, PROPOSED
from bot.kernel.lookup import find_participant, parse_id
from bot.kernel.services import Context, Registry
from handlers.polls.storage import meeting_or_next, names_of, poll_of, poll_view, prep_member
from handlers.polls.texts import TEXTS
from handlers.polls.views import ranking
from knowledge.model import Lesson

SUGGESTIONS = 2
TOP_TOPICS = 5
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?(?:u|h|uur)?$")


def parse_time(text: str) -> str | None:
    """ "10:30", "10.30", "10u" → "10:30" / "10:00"; None when it is no time of day."""
    match = _TIME.match(text.strip().lower())
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2] or 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


async def items_of(db: AsyncSession, session_id: int) -> list[ProgrammeItem]:
    rows = await db.scalars(select(ProgrammeItem).where(ProgrammeItem.session_id == session_id))
    return sorted(rows.all(), key=lambda i: (i.time or "99:99", i.position, i.id))


async def suggest_lessons(ctx: Context, proposal: AgendaProposal) -> list[Lesson]:
    index = ctx.services.lesson_index
    query = f"{proposal.title} {proposal.why}".strip()
    return [hit.lesson for hit in index.search(query, SUGGESTIONS)]


def lesson_line(lesson: Lesson) -> str:
    return f"{lesson.title} (§{lesson.source})"


def lessons_by_id(ctx: Context, ids: str) -> list[Lesson]:
    known = {lesson.id: lesson for lesson in ctx.services.knowledge.lessons}
    return [known[i] for i in ids.split(",") if i in known]


async def render(
    ctx: Context, items: list[ProgrammeItem], lang: str, *, lessons: bool
) -> list[str]:
    owners = await names_of(ctx.db, [i.owner_id for i in items])
    lines = []
    for n, item in enumerate(items, start=1):
        owner = owners.get(item.owner_id or 0)
        lines.append(
            TEXTS(
                lang,
                "programme_item",
                n=n,
                time=f"{item.time} " if item.time else "",
                title=item.title,
                owner=TEXTS(lang, "programme_owner", name=owner) if owner else "",
            )
        )
        found = lessons_by_id(ctx, item.lessons) if lessons else []
        if found:
            lines.append(
                TEXTS(lang, "programme_lessons", lessons="; ".join(lesson_line(x) for x in found))
            )
    return lines


async def publish(ctx: Context, meeting: Session) -> list[ProgrammeItem]:
    """Write the programme into the meeting, where the card and the logistics message show it.

    Returns the items in programme order.
    """
    items = await items_of(ctx.db, meeting.id)
    lines = await render(ctx, items, ctx.services.settings.language, lessons=False)
    meeting.programme = "\n".join(lines) or None
    return items


async def can_build(ctx: Context, meeting: Session) -> bool:
    if ctx.is_organiser:
        return True
    return await prep_member(ctx.db, meeting.id, ctx.participant.id) is not None


async def programme(ctx: Context) -> Reply:
    words = ctx.args.split()
    reference = words.pop(0) if words and words[0].lstrip("#").isdigit() else None
    meeting = await meeting_or_next(ctx, reference)
    if meeting is None:
        return Reply(ctx.t(TEXTS, "no_session"))
    if not words:
        return await show(ctx, meeting)
    if not await can_build(ctx, meeting):
        raise ctx.fail(TEXTS, "programme_not_builder")
    action, rest = words[0].lower(), words[1:]
    if action in {"neem", "take", "add"}:
        return await take(ctx, meeting, rest)
    if action in {"eigenaar", "owner", "trekker"}:
        return await set_owner(ctx, meeting, rest)
    if action in {"weg", "remove"}:
        return await remove(ctx, meeting, rest)
    return Reply(ctx.t(TEXTS, "programme_unknown_action", action=action[:30]))


async def show(ctx: Context, meeting: Session) -> Reply:
    tz = ctx.services.settings.tz
    items = await items_of(ctx.db, meeting.id)
    builder = await can_build(ctx, meeting)
    if not items:
        lines = [ctx.t(TEXTS, "programme_empty", id=meeting.id)]
    else:
        when = format_short(meeting.starts_at, ctx.lang, tz)
        lines = [ctx.t(TEXTS, "programme_header", id=meeting.id, when=when)]
        lines += await render(ctx, items, ctx.lang, lessons=True)
    if builder:
        poll = await poll_of(ctx.db, meeting.id)
        taken = {i.proposal_id for i in items}
        if poll is not None and poll.status == POLL_CLOSED:
            view = await poll_view(ctx.db, poll)
            top = [p for p in ranking(view) if p.id not in taken][:TOP_TOPICS]
            if top:
                topics = ", ".join(f"#{p.id} {p.title} ({view.counts.get(p.id, 0)})" for p in top)
                lines += ["", ctx.t(TEXTS, "programme_top", topics=topics)]
        lines += ["", ctx.t(TEXTS, "programme_builder_hint", id=meeting.id)]
    return Reply("\n".join(lines))


async def take(ctx: Context, meeting: Session, words: list[str]) -> Reply:
    number = parse_id(words[0]) if words else None
    if number is None:
        return Reply(ctx.t(TEXTS, "programme_take_usage", id=meeting.id))
    proposal = await ctx.db.get(AgendaProposal, number)
    if proposal is None or proposal.status != PROPOSED:
        return Reply(ctx.t(TEXTS, "proposal_not_found", id=words[0].lstrip("#")))
    if proposal.session_id != meeting.id:
        return Reply(
            ctx.t(
                TEXTS,
                "programme_other_session",
                proposal=proposal.id,
                other=proposal.session_id,
                id=meeting.id,
            )
        )
    time = ""
    if len(words) > 1:
        parsed = parse_time(" ".join(words[1:]))
        if parsed is None:
            return Reply(ctx.t(TEXTS, "programme_bad_time", time=" ".join(words[1:])[:20]))
        time = parsed
    items = await items_of(ctx.db, meeting.id)
    for n, item in enumerate(items, start=1):
        if item.proposal_id == proposal.id:
            return Reply(ctx.t(TEXTS, "programme_already", proposal=proposal.id, n=n))
    lessons = await suggest_lessons(ctx, proposal)
    last = await ctx.db.scalar(
        select(func.max(ProgrammeItem.position)).where(ProgrammeItem.session_id == meeting.id)
    )
    item = ProgrammeItem(
        session_id=meeting.id,
        proposal_id=proposal.id,
        title=proposal.title,
        time=time,
        owner_id=None,
        position=(last or 0) + 1,
        lessons=",".join(lesson.id for lesson in lessons)[:200],
    )
    ctx.db.add(item)
    await ctx.db.flush()
    n = next(n for n, i in enumerate(await publish(ctx, meeting), 1) if i is item)
    text = ctx.t(TEXTS, "programme_taken", n=n, title=proposal.title)
    if lessons:
        suggestions = "\n".join(f"- {lesson_line(lesson)}" for lesson in lessons)
        text += "\n" + ctx.t(TEXTS, "programme_suggestions", lessons=suggestions)
    else:
        text += "\n" + ctx.t(TEXTS, "programme_no_suggestions")
    return Reply(text)


async def item_at(ctx: Context, meeting: Session, reference: str) -> ProgrammeItem:
    items = await items_of(ctx.db, meeting.id)
    number = parse_id(reference)
    if number is None or not 1 <= number <= len(items):
        raise ctx.fail(TEXTS, "programme_item_not_found", id=meeting.id, n=reference[:10])
    return items[number - 1]


async def set_owner(ctx: Context, meeting: Session, words: list[str]) -> Reply:
    if len(words) < 2:
        return Reply(ctx.t(TEXTS, "programme_owner_usage", id=meeting.id))
    item = await item_at(ctx, meeting, words[0])
    reference = " ".join(words[1:])
    person = await find_participant(ctx.db, reference, ctx.incoming.platform)
    if person is None:
        return Reply(ctx.t(TEXTS, "prep_not_found", who=reference[:40]))
    item.owner_id = person.id
    await ctx.db.flush()
    await publish(ctx, meeting)
    n = words[0].lstrip("#")
    return Reply(
        ctx.t(TEXTS, "programme_owner_set", name=person.display_name, n=n, title=item.title)
    )


async def remove(ctx: Context, meeting: Session, words: list[str]) -> Reply:
    if not words:
        return Reply(ctx.t(TEXTS, "programme_take_usage", id=meeting.id))
    item = await item_at(ctx, meeting, words[0])
    title = item.title
    await ctx.db.delete(item)
    await ctx.db.flush()
    await publish(ctx, meeting)
    return Reply(ctx.t(TEXTS, "programme_removed", n=words[0].lstrip("#"), title=title))


def register(registry: Registry) -> None:
    registry.command(
        "programma",
        programme,
        aliases=("programme", "program"),
        help_nl="het programma van een bijeenkomst; het voorbereidingsgroepje bouwt het",
        help_en="the programme of a meeting; the preparation group builds it",
        usage="/programma [bijeenkomst] [neem <voorstel> [tijd] | eigenaar <item> @naam]",
    )
