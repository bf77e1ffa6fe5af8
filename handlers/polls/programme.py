"""From agenda to programme: /programma shows a meeting's programme; the builders make it.

"De deelnemers zijn zelf verantwoordelijk voor het programma" (bijlage 1, point 10): the
organisers and the meeting's preparation group take topics from the vote onto the programme,
with a time and an owner; for each topic the bot suggests fitting lessons from the booklet.
The programme is also written into `Session.programme`, which the meeting card and the
logistics message of the day before show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from babel.dates import format_date
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.dates import format_short
from bot.core.messages import Reply
from bot.db.models import AgendaProposal, ProgrammeItem, Session
from bot.db.models.polls import POLL_CLOSED, PROPOSED
from bot.kernel.lookup import find_participant, parse_id
from bot.kernel.services import Context, Registry
from handlers.lessons import source_name
from handlers.polls.programme_edit import announce, parse_span, set_detail, set_time
from handlers.polls.programme_items import item_at, items_of, line_of, publish, span, when_refused
from handlers.polls.storage import meeting_or_next, names_of, poll_of, poll_view, prep_member
from handlers.polls.texts import TEXTS
from handlers.polls.timing import WhenProblem, meeting_days, parse_time, when_label
from handlers.polls.views import ranking
from knowledge.model import Lesson

SUGGESTIONS = 2
TOP_TOPICS = 5
__all__ = ["ProgrammeDay", "parse_time", "programme_days", "register"]


async def suggest_lessons(ctx: Context, proposal: AgendaProposal) -> list[Lesson]:
    index = ctx.services.lesson_index
    query = f"{proposal.title} {proposal.why}".strip()
    return [hit.lesson for hit in index.search(query, SUGGESTIONS)]


def lesson_line(lesson: Lesson, lang: str) -> str:
    """The lesson's title and its place in the booklet as the booklet names it."""
    return f"{lesson.title} ({source_name(lang, lesson.source)})"


def lessons_by_id(ctx: Context, ids: str) -> list[Lesson]:
    known = {lesson.id: lesson for lesson in ctx.services.knowledge.lessons}
    return [known[i] for i in ids.split(",") if i in known]


async def render(
    ctx: Context, meeting: Session, items: list[ProgrammeItem], lang: str, *, lessons: bool
) -> list[str]:
    """The items by day (a header per day when the meeting has more than one), with times,
    room, guest speaker, owner and (with `lessons`) the booklet lessons for the topic."""
    owners = await names_of(ctx.db, [i.owner_id for i in items])
    tz = ctx.services.settings.tz
    by_day = items_by_day(meeting, items, tz)
    lines = []
    for number, (day, on_day) in enumerate(by_day, 1):
        if len(by_day) > 1:
            shown = format_date(day, "EEEE d MMMM", locale=lang)
            lines.append(TEXTS(lang, "programme_day", n=number, date=shown))
            if not on_day:
                lines.append(TEXTS(lang, "programme_day_empty"))
        for item in on_day:
            lines.append(item_text(item, owners.get(item.owner_id or 0), meeting, lang, tz))
            found = lessons_by_id(ctx, item.lessons) if lessons else []
            if found:
                lessons_text = "; ".join(lesson_line(x, lang) for x in found)
                lines.append(TEXTS(lang, "programme_lessons", lessons=lessons_text))
    return lines


def items_by_day(
    meeting: Session, items: list[ProgrammeItem], tz: ZoneInfo
) -> list[tuple[date, list[ProgrammeItem]]]:
    """The items on each day of the meeting; one on a day the meeting no longer has (it was
    shortened) shows on the first."""
    days = meeting_days(meeting, tz)
    return [
        (day, [i for i in items if i.day == number or (number == 1 and i.day > len(days))])
        for number, day in enumerate(days, 1)
    ]


@dataclass(frozen=True)
class ProgrammeDay:
    """A day of a meeting's programme: its number, its date in words, the items' lines."""

    number: int
    date: str
    items: list[str]


async def programme_days(
    db: AsyncSession, meeting: Session, lang: str, tz: ZoneInfo
) -> list[ProgrammeDay]:
    """The programme per day, each item as /programma shows it (without the lessons)."""
    items = await items_of(db, meeting.id)
    owners = await names_of(db, [i.owner_id for i in items])
    return [
        ProgrammeDay(
            number,
            format_date(day, "EEEE d MMMM", locale=lang),
            [item_text(i, owners.get(i.owner_id or 0), meeting, lang, tz) for i in on_day],
        )
        for number, (day, on_day) in enumerate(items_by_day(meeting, items, tz), 1)
    ]


def item_text(
    item: ProgrammeItem, owner: str | None, meeting: Session, lang: str, tz: ZoneInfo
) -> str:
    when = when_label(item.day, span(item), meeting, lang, tz)
    details = [TEXTS(lang, "programme_room", room=item.room)] if item.room else []
    if item.speaker:
        details.append(TEXTS(lang, "programme_speaker", name=item.speaker))
    return TEXTS(
        lang,
        "programme_item",
        n=item.number,
        time=f"{when} " if when else "",
        title=item.title
        + (TEXTS(lang, "programme_details", details=", ".join(details)) if details else ""),
        owner=TEXTS(lang, "programme_owner", name=owner) if owner else "",
    )


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
    if action in {"tijd", "time"}:
        return await set_time(ctx, meeting, rest)
    if action in {"zaal", "room"}:
        return await set_detail(ctx, meeting, "room", rest)
    if action in {"spreker", "gast", "speaker", "guest"}:
        return await set_detail(ctx, meeting, "speaker", rest)
    if action in {"aankondigen", "announce"}:
        return await announce(ctx, meeting)
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
        lines += await render(ctx, meeting, items, ctx.lang, lessons=True)
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
    day, time, end = 1, "", ""
    if len(words) > 1:
        try:
            when, end = parse_span(words[1:], meeting, ctx.services.settings.tz)
        except WhenProblem as problem:
            return when_refused(ctx, meeting, problem, " ".join(words[1:])[:20])
        if end and end <= when.time:
            return Reply(ctx.t(TEXTS, "programme_end_before", start=when.time, end=end))
        day, time = when.day, when.time
    items = await items_of(ctx.db, meeting.id)
    for item in items:
        if item.proposal_id == proposal.id:
            return Reply(ctx.t(TEXTS, "programme_already", proposal=proposal.id, n=item.number))
    lessons = await suggest_lessons(ctx, proposal)
    last = await ctx.db.scalar(
        select(func.max(ProgrammeItem.number)).where(ProgrammeItem.session_id == meeting.id)
    )
    item = ProgrammeItem(
        session_id=meeting.id,
        proposal_id=proposal.id,
        title=proposal.title,
        time=time,
        end_time=end,
        day=day,
        owner_id=None,
        number=(last or 0) + 1,
        position=(last or 0) + 1,
        lessons=",".join(lesson.id for lesson in lessons)[:200],
    )
    ctx.db.add(item)
    await ctx.db.flush()
    added = await line_of(ctx, meeting, item)
    told = await publish(ctx, meeting, lambda lang: TEXTS(lang, "change_added", line=added))
    text = ctx.t(TEXTS, "programme_taken", n=item.number, title=proposal.title)
    if told:
        text += "\n" + ctx.t(TEXTS, "programme_told", count=told)
    if lessons:
        suggestions = "\n".join(f"- {lesson_line(lesson, ctx.lang)}" for lesson in lessons)
        text += "\n" + ctx.t(TEXTS, "programme_suggestions", lessons=suggestions)
    else:
        text += "\n" + ctx.t(TEXTS, "programme_no_suggestions")
    return Reply(text)


async def set_owner(ctx: Context, meeting: Session, words: list[str]) -> Reply:
    if len(words) < 2:
        return Reply(ctx.t(TEXTS, "programme_owner_usage", id=meeting.id))
    item = await item_at(ctx, meeting, words[0])
    reference = " ".join(words[1:])
    person = await find_participant(ctx.db, reference, ctx.incoming.platform)
    if person is None:
        return Reply(ctx.t(TEXTS, "prep_not_found", who=reference[:40]))
    before = await line_of(ctx, meeting, item)
    item.owner_id = person.id
    await ctx.db.flush()
    after = await line_of(ctx, meeting, item)
    told = await publish(
        ctx, meeting, lambda lang: TEXTS(lang, "change_item", n=item.number, old=before, new=after)
    )
    text = ctx.t(
        TEXTS, "programme_owner_set", name=person.display_name, n=item.number, title=item.title
    )
    return Reply(text + ("\n" + ctx.t(TEXTS, "programme_told", count=told) if told else ""))


async def remove(ctx: Context, meeting: Session, words: list[str]) -> Reply:
    if not words:
        return Reply(ctx.t(TEXTS, "programme_take_usage", id=meeting.id))
    item = await item_at(ctx, meeting, words[0])
    title, number = item.title, item.number
    await ctx.db.delete(item)
    await ctx.db.flush()
    told = await publish(
        ctx, meeting, lambda lang: TEXTS(lang, "change_removed", n=number, title=title)
    )
    text = ctx.t(TEXTS, "programme_removed", n=number, title=title)
    return Reply(text + ("\n" + ctx.t(TEXTS, "programme_told", count=told) if told else ""))


def register(registry: Registry) -> None:
    registry.command(
        "programma",
        programme,
        name_en="programme",
        aliases=("programme", "program"),
        help_nl="het programma van een bijeenkomst; het voorbereidingsgroepje bouwt het",
        help_en="the programme of a meeting; the preparation group builds it",
        usage="/programma [bijeenkomst] [neem <voorstel> [dag] [tijd] | eigenaar <item> @naam]",
    )
