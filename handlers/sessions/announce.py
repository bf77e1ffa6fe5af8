"""Telling everyone: the save-the-date when a meeting is planned, and what changed (old → new)
or that it is cancelled, to everyone who has not said no."""

from __future__ import annotations

from dataclasses import replace
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.dates import format_datetime
from bot.core.messages import Attachment, Reply
from bot.db.models import Participant, Session
from bot.kernel.services import Context
from handlers.sessions.announce_texts import ANNOUNCE_TEXTS
from handlers.sessions.calendar import meeting_ics
from handlers.sessions.keys import announce_key
from handlers.sessions.texts import TEXTS
from handlers.sessions.views import NO, active_participants, card, rsvps_of
from scheduler.outbox import enqueue_many

# A change to one of these is told to everyone who has not said no.
TOLD_FIELDS = ("starts_at", "ends_at", "place")


def with_ics(
    ctx: Context, meeting: Session, reply: Reply, lang: str, cache: dict[str, bytes]
) -> Reply:
    """`reply` with the meeting's .ics attached (made once per language)."""
    if lang not in cache:
        cache[lang] = meeting_ics(meeting, ctx.services.settings, lang)
    name = f"copbot-bijeenkomst-{meeting.id}.ics"
    return replace(reply, attachment=Attachment(name, cache[lang], "text/calendar"))


async def announce(ctx: Context, meeting: Session) -> int:
    """Save the date: one message to every participant, with the RSVP buttons and the .ics."""
    tz = ctx.services.settings.tz
    files: dict[str, bytes] = {}

    def reply_for(person: Participant) -> Reply:
        lang = person.language
        intro = ANNOUNCE_TEXTS(lang, "save_the_date", id=meeting.id)
        return with_ics(ctx, meeting, card(meeting, None, lang, tz, intro=intro), lang, files)

    people = [p.id for p in await active_participants(ctx.db)]
    return await enqueue_many(
        ctx.db, key_prefix=announce_key(meeting.id), participant_ids=people, reply_for=reply_for
    )


async def not_declined_ids(db: AsyncSession, meeting: Session) -> list[int]:
    """Everyone active except those who said no (those who said nothing may still come)."""
    answers = await rsvps_of(db, meeting.id)
    said_no = {pid for pid, rsvp in answers.items() if rsvp.answer == NO}
    return [p.id for p in await active_participants(db) if p.id not in said_no]


Snapshot = dict[str, object]


def snapshot(meeting: Session) -> Snapshot:
    return {name: getattr(meeting, name) for name in TOLD_FIELDS}


def change_lines(before: Snapshot, meeting: Session, lang: str, tz: ZoneInfo) -> list[str]:
    """One "what: old → new" line per told field that changed."""
    lines = []
    for name, what in (
        ("starts_at", "what_when"),
        ("ends_at", "what_end"),
        ("place", "what_place"),
    ):
        old, new = before[name], getattr(meeting, name)
        if old == new:
            continue
        if name == "place":
            shown_old = str(old) or ANNOUNCE_TEXTS(lang, "nothing")
            shown_new = str(new) or ANNOUNCE_TEXTS(lang, "nothing")
        else:
            shown_old = format_datetime(old, lang, tz)  # type: ignore[arg-type]
            shown_new = format_datetime(new, lang, tz)
        lines.append(
            ANNOUNCE_TEXTS(
                lang, "change_line", what=ANNOUNCE_TEXTS(lang, what), old=shown_old, new=shown_new
            )
        )
    return lines


async def tell_change(ctx: Context, meeting: Session, before: Snapshot, key_prefix: str) -> int:
    """Tell everyone who has not said no what changed, with the card and the new .ics."""
    if not change_lines(before, meeting, "nl", ctx.services.settings.tz):
        return 0
    tz = ctx.services.settings.tz
    answers = await rsvps_of(ctx.db, meeting.id)
    files: dict[str, bytes] = {}

    def reply_for(person: Participant) -> Reply:
        lang = person.language
        changes = "\n".join(change_lines(before, meeting, lang, tz))
        intro = ANNOUNCE_TEXTS(lang, "changed_notice", id=meeting.id, changes=changes)
        if before["starts_at"] != meeting.starts_at:
            when = format_datetime(meeting.starts_at, lang, tz)
            moved = TEXTS(lang, "moved_notice", id=meeting.id, when=when)
            intro = moved + "\n" + changes
        shown = card(meeting, answers.get(person.id), lang, tz, intro=intro)
        return with_ics(ctx, meeting, shown, lang, files)

    return await enqueue_many(
        ctx.db,
        key_prefix=key_prefix,
        participant_ids=await not_declined_ids(ctx.db, meeting),
        reply_for=reply_for,
    )


async def tell_cancelled(ctx: Context, meeting: Session, key_prefix: str) -> int:
    """Tell everyone who has not said no that the meeting is cancelled (the .ics cancels it)."""
    tz = ctx.services.settings.tz
    files: dict[str, bytes] = {}

    def reply_for(person: Participant) -> Reply:
        lang = person.language
        when = format_datetime(meeting.starts_at, lang, tz)
        text = TEXTS(lang, "cancel_notice", id=meeting.id, when=when, place=meeting.place or "?")
        return with_ics(ctx, meeting, Reply(text), lang, files)

    return await enqueue_many(
        ctx.db,
        key_prefix=key_prefix,
        participant_ids=await not_declined_ids(ctx.db, meeting),
        reply_for=reply_for,
    )
