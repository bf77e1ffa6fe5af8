"""How a meeting looks in chat (the card with RSVP buttons) and the queries behind it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.dates import describe_offset, format_datetime, localize
from bot.core.messages import Button, Reply
from bot.db.models import Identity, Participant, Rsvp, Session
from bot.db.models.sessions import PLANNED
from bot.kernel.lookup import parse_id
from bot.kernel.services import Context
from handlers.sessions.texts import TEXTS

YES, NO, MAYBE = "yes", "no", "maybe"
# What the buttons send: "rsvp:<meeting id>:<choice>".
RSVP_PREFIX = "rsvp"
CHOICES = {"ja": YES, "nee": NO, "misschien": MAYBE}
OVERNIGHT_CHOICES = {"nacht-ja": True, "nacht-nee": False}
# The start parameter of the private-chat link on Telegram: "/start sessie-<id>".
START_PREFIX = "sessie-"


def default_end(starts_at: datetime, overnight: bool, tz: ZoneInfo) -> datetime:
    """A meeting with an overnight stay ends the next day at 16:00; otherwise at 17:00."""
    local = starts_at.astimezone(tz)
    if overnight:
        day = local.date() + timedelta(days=1)
        return localize(datetime(day.year, day.month, day.day, 16, 0), tz)
    if local.hour < 16:
        return localize(datetime(local.year, local.month, local.day, 17, 0), tz)
    return starts_at + timedelta(hours=3)


async def get_meeting(ctx: Context, reference: str) -> Session:
    """The meeting numbered `reference`, or a clear error."""
    number = parse_id(reference)
    meeting = await ctx.db.get(Session, number) if number is not None else None
    if meeting is None:
        raise ctx.fail(TEXTS, "not_found", id=reference.strip()[:20])
    return meeting


async def upcoming_sessions(
    db: AsyncSession, now: datetime, *, under_way: bool = True, limit: int | None = None
) -> list[Session]:
    """The planned meetings not over yet (with `under_way=False`: not begun yet), by start."""
    still = Session.ends_at > now if under_way else Session.starts_at > now
    query = (
        select(Session)
        .where(Session.status == PLANNED, still)
        .order_by(Session.starts_at, Session.id)
        .limit(limit)
    )
    return list((await db.scalars(query)).all())


async def next_session(db: AsyncSession, now: datetime) -> Session | None:
    """The first planned meeting that has not begun."""
    found = await upcoming_sessions(db, now, under_way=False, limit=1)
    return found[0] if found else None


async def rsvp_of(db: AsyncSession, session_id: int, participant_id: int) -> Rsvp | None:
    return await db.scalar(
        select(Rsvp).where(Rsvp.session_id == session_id, Rsvp.participant_id == participant_id)
    )


async def rsvps_of(db: AsyncSession, session_id: int) -> dict[int, Rsvp]:
    rows = await db.scalars(select(Rsvp).where(Rsvp.session_id == session_id))
    return {r.participant_id: r for r in rows.all()}


async def active_participants(db: AsyncSession) -> list[Participant]:
    """Who gets reminders and broadcasts: active people who have talked to the bot.

    Organisers listed in the settings exist before they ever wrote; the bot cannot reach them
    privately until they do (Telegram refuses messages to people who never started the bot).
    """
    seen = select(Identity.participant_id).where(Identity.last_seen_at.is_not(None))
    rows = await db.scalars(
        select(Participant)
        .where(Participant.status == "active", Participant.id.in_(seen))
        .order_by(Participant.id)
    )
    return list(rows.all())


@dataclass(frozen=True)
class Counts:
    yes: int
    maybe: int
    no: int


def coming_ids(rsvps: Mapping[int, Rsvp]) -> list[int]:
    """Who said yes or maybe, in id order."""
    return sorted(pid for pid, rsvp in rsvps.items() if rsvp.answer in (YES, MAYBE))


def count(rsvps: Sequence[Rsvp]) -> Counts:
    answers = [r.answer for r in rsvps]
    return Counts(answers.count(YES), answers.count(MAYBE), answers.count(NO))


async def counts_of(db: AsyncSession, session_ids: Sequence[int]) -> dict[int, Counts]:
    """The answers per meeting, counted in the database (meetings without answers: zeros)."""
    found: dict[int, dict[str, int]] = {i: {} for i in session_ids}
    rows = await db.execute(
        select(Rsvp.session_id, Rsvp.answer, func.count())
        .where(Rsvp.session_id.in_(session_ids))
        .group_by(Rsvp.session_id, Rsvp.answer)
    )
    for session_id, answer, number in rows.all():
        found[session_id][answer] = number
    return {i: Counts(a.get(YES, 0), a.get(MAYBE, 0), a.get(NO, 0)) for i, a in found.items()}


def meeting_lines(meeting: Session, lang: str, tz: ZoneInfo) -> list[str]:
    """Title, when, where, theme, overnight: the facts of a meeting."""
    title = TEXTS(lang, "card_title", id=meeting.id)
    if meeting.theme:
        title += f": {meeting.theme}"
    lines = [title]
    if not meeting.is_planned:
        lines.append(TEXTS(lang, "card_cancelled"))
    start = format_datetime(meeting.starts_at, lang, tz)
    end = format_datetime(meeting.ends_at, lang, tz)
    lines.append(TEXTS(lang, "card_when", start=start, end=end))
    if meeting.place:
        lines.append(TEXTS(lang, "card_where", place=meeting.place))
    if meeting.overnight:
        lines.append(TEXTS(lang, "card_overnight"))
    return lines


def answer_lines(meeting: Session, rsvp: Rsvp | None, lang: str) -> list[str]:
    if rsvp is None:
        return [TEXTS(lang, "card_no_answer")]
    lines = [TEXTS(lang, "card_your_answer", answer=TEXTS(lang, f"answer_{rsvp.answer}"))]
    if meeting.overnight and rsvp.answer != NO:
        key = {True: "overnight_yes", False: "overnight_no", None: "overnight_unknown"}[
            rsvp.overnight
        ]
        lines.append(TEXTS(lang, "card_your_overnight", answer=TEXTS(lang, key)))
    return lines


def rsvp_buttons(meeting: Session, rsvp: Rsvp | None, lang: str) -> tuple[tuple[Button, ...], ...]:
    if not meeting.is_planned:
        return ()

    def button(label_key: str, choice: str, chosen: bool) -> Button:
        label = TEXTS(lang, label_key)
        return Button(f"✓ {label}" if chosen else label, f"{RSVP_PREFIX}:{meeting.id}:{choice}")

    answer = rsvp.answer if rsvp else None
    rows = [tuple(button(f"button_{value}", c, answer == value) for c, value in CHOICES.items())]
    if meeting.overnight and answer != NO:
        stay = rsvp.overnight if rsvp else None
        rows.append(
            tuple(
                button("button_overnight_yes" if flag else "button_overnight_no", c, stay is flag)
                for c, flag in OVERNIGHT_CHOICES.items()
            )
        )
    return tuple(rows)


def card(
    meeting: Session,
    rsvp: Rsvp | None,
    lang: str,
    tz: ZoneInfo,
    *,
    intro: str | None = None,
    extra: Sequence[str] = (),
    edit: bool = False,
    now: datetime | None = None,
) -> Reply:
    """The meeting as one message: the facts, your answer and the RSVP buttons; a meeting
    that is over (by `now`) has neither."""
    parts = [intro] if intro else []
    parts.append("\n".join(meeting_lines(meeting, lang, tz)))
    if extra:
        parts.append("\n".join(extra))
    if now is not None and meeting.ends_at <= now:
        parts.append(TEXTS(lang, "card_over"))
        return Reply("\n\n".join(parts), edit=edit)
    if meeting.is_planned:
        parts.append("\n".join(answer_lines(meeting, rsvp, lang)))
    return Reply("\n\n".join(parts), buttons=rsvp_buttons(meeting, rsvp, lang), edit=edit)


def private_chat_url(ctx: Context, meeting: Session) -> str | None:
    """On Telegram, a link that opens the private chat with the bot at this meeting's card
    (/start sessie-<id>); None where no such link exists."""
    bot = ctx.incoming.bot_username
    if ctx.incoming.platform != "telegram" or not bot:
        return None
    return f"https://t.me/{bot}?start={START_PREFIX}{meeting.id}"


def answer_privately(ctx: Context, meeting: Session) -> Reply:
    """In a group nobody answers on a shared message: this says where to, with a button
    that opens the private chat where the platform has one."""
    url = private_chat_url(ctx, meeting)
    key = "rsvp_in_private_link" if url else "rsvp_in_private"
    reply = Reply(ctx.t(TEXTS, key, id=meeting.id))
    if url:
        reply = reply.with_buttons((Button(ctx.t(TEXTS, "button_answer_privately"), url=url),))
    return reply


async def meeting_reply(
    ctx: Context,
    meeting: Session,
    *,
    intro: str | None = None,
    extra: Sequence[str] = (),
    edit: bool = False,
    with_counts: bool = False,
) -> Reply:
    """The card for whoever asked: in a private chat with their answer and the RSVP buttons;
    in a group (everyone sees the same message) with the counts and a way to answer privately.
    """
    tz = ctx.services.settings.tz
    group = ctx.incoming.is_group
    lines = []
    if (with_counts or group) and meeting.is_planned and meeting.ends_at > ctx.now:
        counts = count(list((await rsvps_of(ctx.db, meeting.id)).values()))
        yes, maybe, no = counts.yes, counts.maybe, counts.no
        lines.append(ctx.t(TEXTS, "card_counts", yes=yes, maybe=maybe, no=no))
    extra = [*lines, *extra]
    if not group:
        rsvp = await rsvp_of(ctx.db, meeting.id, ctx.participant.id)
        return card(meeting, rsvp, ctx.lang, tz, intro=intro, extra=extra, edit=edit, now=ctx.now)
    parts = [intro] if intro else []
    parts.append("\n".join(meeting_lines(meeting, ctx.lang, tz)))
    if extra:
        parts.append("\n".join(extra))
    if not meeting.is_planned or meeting.ends_at <= ctx.now:
        return Reply("\n\n".join(parts), edit=edit)
    private = answer_privately(ctx, meeting)
    parts.append(private.text)
    return Reply("\n\n".join(parts), buttons=private.buttons, edit=edit)


def offsets_text(offsets: Sequence[timedelta], lang: str) -> str:
    """[14 days, 2 days, 3 hours] → "14 dagen, 2 dagen en 3 uur"."""
    names = [describe_offset(offset, lang) for offset in sorted(offsets, key=abs, reverse=True)]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {TEXTS(lang, 'and')} " + names[-1]
