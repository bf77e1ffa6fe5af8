"""The programme's items and how the meeting learns of them: the stored programme text (no
words, read in every language), its iCalendar sequence, and the news to those coming once the
programme was announced."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.dates import format_datetime, format_short
from bot.core.messages import Reply
from bot.db.models import Participant, ProgrammeItem, Rsvp, Session
from bot.kernel.lookup import parse_id
from bot.kernel.services import Context
from handlers.polls.keys import programme_change_key
from handlers.polls.storage import names_of
from handlers.polls.texts import TEXTS
from handlers.polls.timing import WhenProblem, meeting_days
from scheduler.outbox import enqueue_many

COMING = "yes"
# What changed, in the reader's language: language → text.
Change = Callable[[str], str]


async def items_of(db: AsyncSession, session_id: int) -> list[ProgrammeItem]:
    """The items in programme order (day, time); each keeps the number it was given."""
    rows = await db.scalars(select(ProgrammeItem).where(ProgrammeItem.session_id == session_id))
    return sorted(rows.all(), key=lambda i: (i.day, i.time or "99:99", i.number, i.id))


async def item_at(ctx: Context, meeting: Session, reference: str) -> ProgrammeItem:
    """The item with that number; numbers stay when items are added or moved."""
    number = parse_id(reference)
    found = [i for i in await items_of(ctx.db, meeting.id) if i.number == number]
    if number is None or not found:
        raise ctx.fail(TEXTS, "programme_item_not_found", id=meeting.id, n=reference[:10])
    return found[0]


def span(item: ProgrammeItem) -> str:
    """ "09:30–11:00", "09:30" or ""."""
    if item.time and item.end_time:
        return f"{item.time}–{item.end_time}"
    return item.time


def item_line(item: ProgrammeItem, owner: str | None, days: list[str]) -> str:
    """One item without words: a later day as its date, room and guest in brackets, the owner
    after a dash ("2. 05/12 09:30–11:00 Title (Zaal 2, Jan Jansen) — Esther")."""
    when = span(item)
    if when and 2 <= item.day <= len(days):
        when = f"{days[item.day - 1]} {when}"
    details = ", ".join(part for part in (item.room, item.speaker) if part)
    return (
        f"{item.number}. {when + ' ' if when else ''}{item.title}"
        + (f" ({details})" if details else "")
        + (f" — {owner}" if owner else "")
    )


async def line_of(ctx: Context, meeting: Session, item: ProgrammeItem) -> str:
    owners = await names_of(ctx.db, [item.owner_id])
    days = [f"{d:%d/%m}" for d in meeting_days(meeting, ctx.services.settings.tz)]
    return item_line(item, owners.get(item.owner_id or 0), days)


async def publish(ctx: Context, meeting: Session, change: Change | None = None) -> int:
    """Write the programme into the meeting, where the card, the logistics message and the
    .ics show it. A different programme raises the meeting's iCalendar SEQUENCE; once the
    programme was announced, `change` goes to those coming. Returns how many are told."""
    items = await items_of(ctx.db, meeting.id)
    owners = await names_of(ctx.db, [i.owner_id for i in items])
    days = [f"{d:%d/%m}" for d in meeting_days(meeting, ctx.services.settings.tz)]
    text = "\n".join(item_line(i, owners.get(i.owner_id or 0), days) for i in items) or None
    if text == meeting.programme:
        return 0
    meeting.programme = text
    meeting.sequence += 1
    meeting.updated_at = ctx.now
    if meeting.programme_announced_at is None or change is None:
        return 0
    return await tell_coming(ctx, meeting, change)


async def coming_ids(db: AsyncSession, session_id: int) -> list[int]:
    rows = await db.scalars(
        select(Rsvp.participant_id).where(Rsvp.session_id == session_id, Rsvp.answer == COMING)
    )
    return list(rows.all())


async def tell_coming(ctx: Context, meeting: Session, change: Change) -> int:
    """The change and the whole programme as it is now, to those who said yes."""
    tz = ctx.services.settings.tz

    def reply_for(person: Participant) -> Reply:
        lang = person.language
        return Reply(
            TEXTS(
                lang,
                "programme_changed_message",
                id=meeting.id,
                change=change(lang),
                programme=meeting.programme or "-",
                when=format_short(meeting.starts_at, lang, tz),
            )
        )

    return await enqueue_many(
        ctx.db,
        key_prefix=programme_change_key(meeting.id, meeting.sequence),
        participant_ids=await coming_ids(ctx.db, meeting.id),
        reply_for=reply_for,
    )


def when_refused(ctx: Context, meeting: Session, problem: WhenProblem, typed: str) -> Reply:
    if problem.kind == "bad_time":
        return Reply(ctx.t(TEXTS, "programme_bad_time", time=typed))
    tz = ctx.services.settings.tz
    start = format_datetime(meeting.starts_at, ctx.lang, tz)
    end = format_datetime(meeting.ends_at, ctx.lang, tz)
    hours = ctx.t(TEXTS, "programme_hours", id=meeting.id, start=start, end=end)
    if len(meeting_days(meeting, tz)) > 1:
        hours += " " + ctx.t(TEXTS, "programme_day_hint")
    key = "programme_outside" if problem.kind == "outside" else "programme_bad_day"
    return Reply(ctx.t(TEXTS, key, time=typed) + " " + hours)
