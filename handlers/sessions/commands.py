"""Sessions: organisers plan meetings (/sessie nieuw ...), participants see them and answer.

Planning (one line or a guided dialogue) lives in planning.py, the RSVP buttons and /aanwezig
in rsvp.py, /omroep in broadcast.py, the timeline steps (reminders, nudge, logistics) in
reminders.py, the outbox keys in keys.py; `register` wires them all. A `Session` row is a
meeting, so this package calls it `meeting` (`db` is the database session).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.dates import (
    DateProblem,
    describe_offset,
    format_datetime,
    format_short,
    iso_duration,
    localize,
    parse_offsets,
)
from bot.core.messages import Attachment, Button, Reply
from bot.db.models import Session
from bot.db.models.sessions import CANCELLED
from bot.kernel.roles import require_organiser
from bot.kernel.services import Context, Registry
from handlers.sessions import broadcast, logistics, reminders, rsvp
from handlers.sessions.announce import not_declined_ids, snapshot, tell_cancelled, tell_change
from handlers.sessions.announce_texts import ANNOUNCE_TEXTS
from handlers.sessions.calendar import (
    agenda_feed,
    feed_token,
    feed_url,
    meeting_ics,
    personal_token,
)
from handlers.sessions.keys import announce_key, cancelled_key, moved_key, unsent_after_cancel
from handlers.sessions.planning import (
    DIALOGUE,
    MAX_PROGRAMME,
    check_length,
    continue_planning,
    create,
    date_example,
    overnight_word,
    parse_moment,
    parse_when,
)
from handlers.sessions.texts import TEXTS
from handlers.sessions.views import (
    coming_ids,
    default_end,
    get_meeting,
    meeting_reply,
    offsets_text,
    rsvps_of,
    upcoming_sessions,
)
from scheduler.outbox import cancel_pending
from scheduler.timeline import clear_timeline, sync_timeline, timeline_of


async def list_meetings(ctx: Context) -> list[Reply]:
    meetings = await upcoming_sessions(ctx.db, ctx.now, limit=10)
    if not meetings:
        key = "none_upcoming_organiser" if ctx.is_organiser else "none_upcoming"
        return [Reply(ctx.t(TEXTS, key, **date_example(ctx)))]
    header = "upcoming_header_group" if ctx.incoming.is_group else "upcoming_header"
    replies = [Reply(ctx.t(TEXTS, header, count=len(meetings)))]
    for meeting in meetings:
        replies.append(await meeting_reply(ctx, meeting))
    return replies


async def meeting_command(ctx: Context) -> Reply | list[Reply]:
    head, _, rest = ctx.args.strip().partition(" ")
    head = head.lower()
    if not head:
        usage = ctx.t(TEXTS, "usage")
        if ctx.is_organiser:
            usage += "\n\n" + ctx.t(TEXTS, "usage_organiser")
        return Reply(usage)
    if head in {"nieuw", "new", "plan"}:
        require_organiser(ctx, hint=ctx.t(TEXTS, "organisers_hint"))
        return await create(ctx, rest)
    if head == "feed":
        return await feeds(ctx)
    meeting = await get_meeting(ctx, head)
    action, _, value = rest.strip().partition(" ")
    action = action.lower()
    if not action:
        return await details(ctx, meeting)
    if action in {"ics", "agenda", "ical"}:
        return ics_reply(ctx, meeting)
    if action in logistics.ACTIONS:  # who comes, sign-up, rooms, deadline, lists
        return await logistics.logistics_action(ctx, meeting, action, value)
    require_organiser(ctx, hint=ctx.t(TEXTS, "organisers_hint"))
    if action in {"wijzig", "change", "edit"}:
        return await change(ctx, meeting, value.strip())
    if action in {"annuleer", "cancel"}:
        return await ask_cancel(ctx, meeting)
    if action in {"herinneringen", "reminders"}:
        return await set_offsets(ctx, meeting, value.strip())
    if action in {"tijdlijn", "timeline"}:
        return await show_timeline(ctx, meeting)
    return Reply(ctx.t(TEXTS, "unknown_action", action=action[:30]))


async def planning(ctx: Context) -> Reply:
    return await continue_planning(ctx, ctx.args)


async def meeting_button(ctx: Context) -> Reply:
    require_organiser(ctx, hint=ctx.t(TEXTS, "organisers_hint"))
    action, _, value = ctx.args.partition(":")
    if action in {"nacht", "dubbel"}:
        return await continue_planning(ctx, value)
    meeting = await get_meeting(ctx, value)
    if action == "annuleer":
        return await cancel_meeting(ctx, meeting)
    return Reply(ctx.t(TEXTS, "cancel_kept", id=meeting.id), edit=True)


def register(registry: Registry) -> None:
    rsvp.register(registry)
    broadcast.register(registry)
    reminders.register(registry)
    logistics.register(registry)
    registry.command(
        "sessies",
        list_meetings,
        name_en="sessions",
        aliases=("sessions", "bijeenkomsten"),
        help_nl="de komende bijeenkomsten, met aanmelden",
        help_en="the coming meetings, with sign-up",
    )
    registry.command(
        "sessie",
        meeting_command,
        name_en="session",
        aliases=("session", "bijeenkomst"),
        help_nl="een bijeenkomst bekijken; organisatoren plannen en wijzigen ermee",
        help_en="see a meeting; organisers plan and change meetings with it",
        usage="/sessie <nummer> | nieuw ... | feed",
    )
    registry.dialogue(DIALOGUE, planning)
    registry.callback("sessie", meeting_button)
    registry.route("/agenda/{token}.ics", agenda_feed)


# -- seeing ------------------------------------------------------------------------------------


async def feeds(ctx: Context) -> Reply:
    """In a private chat: your own feed (and the community's for organisers); in a group the
    community's feed for organisers only."""
    lines = []
    if ctx.incoming.is_group:
        hint = ctx.t(TEXTS, "organisers_hint") + " " + ctx.t(ANNOUNCE_TEXTS, "feed_in_private")
        require_organiser(ctx, hint=hint)
    else:
        token = await personal_token(ctx.db, ctx.participant.id, ctx.now)
        lines.append(ctx.t(ANNOUNCE_TEXTS, "feed_personal", url=feed_url(ctx.services, token)))
    if ctx.is_organiser:
        token = await feed_token(ctx.db)
        lines.append(ctx.t(TEXTS, "feed", url=feed_url(ctx.services, token)))
    return Reply("\n\n".join(lines))


async def details(ctx: Context, meeting: Session) -> Reply:
    extra = []
    if meeting.programme:
        extra.append(ctx.t(TEXTS, "logistics_programme", programme=meeting.programme))
    return await meeting_reply(ctx, meeting, extra=extra, with_counts=True)


def ics_reply(ctx: Context, meeting: Session) -> Reply:
    content = meeting_ics(meeting, ctx.services.settings, ctx.lang)
    return Reply(
        ctx.t(TEXTS, "ics_text", id=meeting.id),
        attachment=Attachment(f"copbot-bijeenkomst-{meeting.id}.ics", content, "text/calendar"),
    )


# -- changing ----------------------------------------------------------------------------------

FIELDS = {
    "datum": "datum", "date": "datum", "tijd": "datum", "start": "datum",
    "einde": "einde", "end": "einde", "eind": "einde",
    "plaats": "plaats", "place": "plaats", "locatie": "plaats", "waar": "plaats",
    "thema": "thema", "theme": "thema",
    "overnachting": "overnachting", "overnight": "overnachting",
    "programma": "programma", "programme": "programma", "program": "programma",
}  # fmt: skip


async def change(ctx: Context, meeting: Session, text: str) -> Reply:
    field_word, _, value = text.partition(" ")
    field = FIELDS.get(field_word.lower())
    value = value.strip()
    if field is None or (not value and field != "programma"):
        return Reply(ctx.t(TEXTS, "change_usage", id=meeting.id))
    if not meeting.is_planned:
        raise ctx.fail(TEXTS, "already_cancelled", id=meeting.id)
    tz = ctx.services.settings.tz
    before = snapshot(meeting)
    if field == "datum":
        starts_at = parse_when(ctx, value)
        meeting.ends_at = moved_end(meeting, starts_at, tz)
        meeting.starts_at = starts_at
    elif field == "einde":
        ends_at = parse_moment(ctx, value)
        if ends_at <= meeting.starts_at:
            start = format_datetime(meeting.starts_at, ctx.lang, tz)
            raise ctx.fail(TEXTS, "end_before_start", start=start)
        meeting.ends_at = ends_at
    elif field == "plaats":
        meeting.place = check_length(ctx, value)
    elif field == "thema":
        meeting.theme = "" if value == "-" else check_length(ctx, value)
    elif field == "overnachting":
        flag = overnight_word(value)
        if flag is None:
            raise ctx.fail(TEXTS, "yes_or_no")
        if flag != meeting.overnight:  # a day longer or shorter: the default end of that
            meeting.ends_at = default_end(meeting.starts_at, flag, tz)
        meeting.overnight = flag
    else:
        meeting.programme = check_length(ctx, value, MAX_PROGRAMME) or None
    meeting.sequence += 1
    meeting.updated_at = ctx.now
    await sync_timeline(ctx.db, meeting, ctx.services.registry.steps, now=ctx.now, tz=tz)
    told = await tell_change(ctx, meeting, before, moved_key(meeting.id, meeting.sequence))
    intro = ctx.t(TEXTS, "changed", field=ctx.t(TEXTS, f"field_{field}"), id=meeting.id)
    if told:
        intro += " " + ctx.t(ANNOUNCE_TEXTS, "told", count=told)
    return await meeting_reply(ctx, meeting, intro=intro)


def moved_end(meeting: Session, starts_at: datetime, tz: ZoneInfo) -> datetime:
    """The end of a meeting moved to `starts_at`: as many days and clock hours after the new
    start as before (local wall-clock time, so a DST change in between keeps 16:00 at 16:00)."""
    old_start = meeting.starts_at.astimezone(tz).replace(tzinfo=None)
    old_end = meeting.ends_at.astimezone(tz).replace(tzinfo=None)
    new_start = starts_at.astimezone(tz).replace(tzinfo=None)
    return localize(new_start + (old_end - old_start), tz).astimezone(UTC)


async def ask_cancel(ctx: Context, meeting: Session) -> Reply:
    if not meeting.is_planned:
        raise ctx.fail(TEXTS, "already_cancelled", id=meeting.id)
    answers = await rsvps_of(ctx.db, meeting.id)
    coming = len(coming_ids(answers))
    silent = len(await not_declined_ids(ctx.db, meeting)) - coming
    when = format_datetime(meeting.starts_at, ctx.lang, ctx.services.settings.tz)
    return Reply(
        ctx.t(TEXTS, "cancel_confirm", id=meeting.id, when=when, count=coming, silent=silent)
    ).with_buttons(
        (
            Button(ctx.t(TEXTS, "button_cancel_yes"), f"sessie:annuleer:{meeting.id}"),
            Button(ctx.t(TEXTS, "button_cancel_no"), f"sessie:behoud:{meeting.id}"),
        )
    )


async def cancel_meeting(ctx: Context, meeting: Session) -> Reply:
    if not meeting.is_planned:
        return Reply(ctx.t(TEXTS, "already_cancelled", id=meeting.id), edit=True)
    meeting.status = CANCELLED
    meeting.sequence += 1
    meeting.updated_at = ctx.now
    await clear_timeline(ctx.db, meeting)
    for prefix in (*unsent_after_cancel(meeting.id), announce_key(meeting.id) + ":"):
        await cancel_pending(ctx.db, key_prefix=prefix)  # not yet delivered
    told = await tell_cancelled(ctx, meeting, cancelled_key(meeting.id))
    return Reply(ctx.t(TEXTS, "cancelled", id=meeting.id, count=told), edit=True)


async def set_offsets(ctx: Context, meeting: Session, text: str) -> Reply:
    try:
        offsets = parse_offsets(text)
    except DateProblem as problem:
        raise ctx.fail(TEXTS, "offsets_usage", text=problem.text[:30], id=meeting.id) from None
    meeting.reminder_offsets = [iso_duration(-offset) for offset in offsets]
    meeting.updated_at = ctx.now
    tz = ctx.services.settings.tz
    await sync_timeline(ctx.db, meeting, ctx.services.registry.steps, now=ctx.now, tz=tz)
    saved = ctx.t(TEXTS, "offsets_saved", id=meeting.id, offsets=offsets_text(offsets, ctx.lang))
    return Reply(saved + "\n\n" + await timeline_text(ctx, meeting))


async def show_timeline(ctx: Context, meeting: Session) -> Reply:
    return Reply(await timeline_text(ctx, meeting))


async def timeline_text(ctx: Context, meeting: Session) -> str:
    tz = ctx.services.settings.tz
    entries = await timeline_of(ctx.db, meeting, ctx.services.registry.steps, tz)
    when = format_datetime(meeting.starts_at, ctx.lang, tz)
    lines = [ctx.t(TEXTS, "timeline_header", id=meeting.id, when=when)]
    if not entries:
        lines.append(ctx.t(TEXTS, "timeline_empty"))
    for entry in entries:
        offset = ""
        if entry.offset:
            key = "timeline_offset" if entry.offset < timedelta(0) else "timeline_offset_after"
            offset = ctx.t(TEXTS, key, offset=describe_offset(entry.offset, ctx.lang))
        lines.append(
            ctx.t(
                TEXTS,
                "timeline_line",
                when=format_short(entry.due_at, ctx.lang, tz),
                label=entry.label(ctx.lang),
                offset=offset,
                status=status_text(ctx, entry.status),
            )
        )
    return "\n".join(lines)


def status_text(ctx: Context, status: str) -> str:
    key = f"status_{status}"
    return ctx.t(TEXTS, key) if key in TEXTS else status
