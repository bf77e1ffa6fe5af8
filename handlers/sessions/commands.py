"""Sessions: organisers plan meetings (/sessie nieuw ...), participants see them and answer.

Planning (one line or a guided dialogue) lives in handlers/session_planning.py, the RSVP
buttons and /aanwezig in handlers/rsvp.py, /omroep in handlers/broadcast.py, the timeline
steps (reminders, nudge, logistics) in handlers/reminders.py; `register` wires them all.
"""

from __future__ import annotations

from datetime import timedelta

from bot.core.dates import (
    DateProblem,
    describe_offset,
    format_datetime,
    format_short,
    iso_duration,
    parse_datetime,
    parse_offsets,
)
from bot.core.messages import Attachment, Button, Reply
from bot.db.models import Participant, Session
from bot.db.models.sessions import CANCELLED
from bot.kernel.services import Context, Registry
from handlers.sessions import broadcast, reminders, rsvp
from handlers.sessions.calendar import agenda_feed, calendar_bytes, feed_token, feed_url
from handlers.sessions.planning import (
    DIALOGUE,
    MAX_PROGRAMME,
    check_length,
    continue_planning,
    create,
    overnight_word,
    parse_when,
)
from handlers.sessions.texts import TEXTS
from handlers.sessions.views import (
    card,
    coming_ids,
    count,
    get_session,
    offsets_text,
    require_organiser,
    rsvp_of,
    rsvps_of,
    upcoming_sessions,
)
from scheduler.outbox import cancel_pending, enqueue_many
from scheduler.timeline import clear_timeline, sync_timeline, timeline_of


async def list_sessions(ctx: Context) -> list[Reply]:
    sessions = await upcoming_sessions(ctx.db, ctx.now, limit=10)
    if not sessions:
        key = "none_upcoming_organiser" if ctx.is_organiser else "none_upcoming"
        return [Reply(ctx.t(TEXTS, key))]
    replies = [Reply(ctx.t(TEXTS, "upcoming_header", count=len(sessions)))]
    for session in sessions:
        answer = await rsvp_of(ctx.db, session.id, ctx.participant.id)
        replies.append(card(session, answer, ctx.lang, ctx.services.settings.tz))
    return replies


async def session_command(ctx: Context) -> Reply | list[Reply]:
    head, _, rest = ctx.args.strip().partition(" ")
    head = head.lower()
    if not head:
        usage = ctx.t(TEXTS, "usage")
        if ctx.is_organiser:
            usage += "\n\n" + ctx.t(TEXTS, "usage_organiser")
        return Reply(usage)
    if head in {"nieuw", "new", "plan"}:
        require_organiser(ctx)
        return await create(ctx, rest)
    if head == "feed":
        require_organiser(ctx)
        token = await feed_token(ctx.db)
        return Reply(ctx.t(TEXTS, "feed", url=feed_url(ctx.services, token)))
    session = await get_session(ctx, head)
    action, _, value = rest.strip().partition(" ")
    action = action.lower()
    if not action:
        return await details(ctx, session)
    if action in {"ics", "agenda", "ical"}:
        return ics_reply(ctx, session)
    require_organiser(ctx)
    if action in {"wijzig", "change", "edit"}:
        return await change(ctx, session, value.strip())
    if action in {"annuleer", "cancel"}:
        return await ask_cancel(ctx, session)
    if action in {"herinneringen", "reminders"}:
        return await set_offsets(ctx, session, value.strip())
    if action in {"tijdlijn", "timeline"}:
        return await show_timeline(ctx, session)
    return Reply(ctx.t(TEXTS, "unknown_action", action=action[:30]))


async def planning(ctx: Context) -> Reply:
    return await continue_planning(ctx, ctx.args)


async def session_button(ctx: Context) -> Reply:
    require_organiser(ctx)
    action, _, value = ctx.args.partition(":")
    if action == "nacht":
        return await continue_planning(ctx, value)
    session = await get_session(ctx, value)
    if action == "annuleer":
        return await cancel_session(ctx, session)
    return Reply(ctx.t(TEXTS, "cancel_kept", id=session.id), edit=True)


def register(registry: Registry) -> None:
    rsvp.register(registry)
    broadcast.register(registry)
    reminders.register(registry)
    registry.command(
        "sessies",
        list_sessions,
        aliases=("sessions", "bijeenkomsten"),
        help_nl="de komende bijeenkomsten, met aanmelden",
        help_en="the coming meetings, with sign-up",
    )
    registry.command(
        "sessie",
        session_command,
        aliases=("session", "bijeenkomst"),
        help_nl="een bijeenkomst bekijken; organisatoren plannen en wijzigen ermee",
        help_en="see a meeting; organisers plan and change meetings with it",
        usage="/sessie <nummer> | nieuw ... | feed",
    )
    registry.dialogue(DIALOGUE, planning)
    registry.callback("sessie", session_button)
    registry.route("/agenda/{token}.ics", agenda_feed)


# -- seeing ------------------------------------------------------------------------------------


async def details(ctx: Context, session: Session) -> Reply:
    answer = await rsvp_of(ctx.db, session.id, ctx.participant.id)
    counts = count(list((await rsvps_of(ctx.db, session.id)).values()))
    extra = [ctx.t(TEXTS, "card_counts", yes=counts.yes, maybe=counts.maybe, no=counts.no)]
    if session.programme:
        extra.append(ctx.t(TEXTS, "logistics_programme", programme=session.programme))
    return card(session, answer, ctx.lang, ctx.services.settings.tz, extra=extra)


def ics_reply(ctx: Context, session: Session) -> Reply:
    content = calendar_bytes([session], ctx.services.settings.tz, ctx.lang)
    return Reply(
        ctx.t(TEXTS, "ics_text", id=session.id),
        attachment=Attachment(f"copbot-bijeenkomst-{session.id}.ics", content, "text/calendar"),
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


async def change(ctx: Context, session: Session, text: str) -> Reply:
    field_word, _, value = text.partition(" ")
    field = FIELDS.get(field_word.lower())
    value = value.strip()
    if field is None or (not value and field != "programma"):
        return Reply(ctx.t(TEXTS, "change_usage", id=session.id))
    if not session.is_planned:
        raise ctx.fail(TEXTS, "already_cancelled", id=session.id)
    tz = ctx.services.settings.tz
    moved = False
    if field == "datum":
        starts_at = parse_when(ctx, value)
        session.ends_at = starts_at + (session.ends_at - session.starts_at)
        moved = starts_at != session.starts_at
        session.starts_at = starts_at
    elif field == "einde":
        try:
            ends_at = parse_datetime(value, now=ctx.now, tz=tz)
        except DateProblem:
            raise ctx.fail(TEXTS, "bad_date", text=value[:60]) from None
        if ends_at <= session.starts_at:
            start = format_datetime(session.starts_at, ctx.lang, tz)
            raise ctx.fail(TEXTS, "end_before_start", start=start)
        session.ends_at = ends_at
    elif field == "plaats":
        session.place = check_length(ctx, value)
    elif field == "thema":
        session.theme = "" if value == "-" else check_length(ctx, value)
    elif field == "overnachting":
        flag = overnight_word(value)
        if flag is None:
            raise ctx.fail(TEXTS, "yes_or_no")
        session.overnight = flag
    else:
        session.programme = check_length(ctx, value, MAX_PROGRAMME) or None
    session.sequence += 1
    session.updated_at = ctx.now
    await sync_timeline(ctx.db, session, ctx.services.registry.steps, now=ctx.now, tz=tz)
    if moved:
        await tell_coming(ctx, session, f"moved:session:{session.id}:seq:{session.sequence}")
    intro = ctx.t(TEXTS, "changed", field=ctx.t(TEXTS, f"field_{field}"), id=session.id)
    answer = await rsvp_of(ctx.db, session.id, ctx.participant.id)
    return card(session, answer, ctx.lang, tz, intro=intro)


async def tell_coming(ctx: Context, session: Session, key_prefix: str) -> int:
    """Tell everyone who said yes or maybe that the session moved or was cancelled."""
    tz = ctx.services.settings.tz
    answers = await rsvps_of(ctx.db, session.id)
    coming = coming_ids(answers)

    def reply_for(person: Participant) -> Reply:
        lang = person.language
        when = format_datetime(session.starts_at, lang, tz)
        if session.is_planned:
            intro = TEXTS(lang, "moved_notice", id=session.id, when=when)
            return card(session, answers.get(person.id), lang, tz, intro=intro)
        return Reply(
            TEXTS(lang, "cancel_notice", id=session.id, when=when, place=session.place or "?")
        )

    return await enqueue_many(
        ctx.db, key_prefix=key_prefix, participant_ids=coming, reply_for=reply_for
    )


async def ask_cancel(ctx: Context, session: Session) -> Reply:
    if not session.is_planned:
        raise ctx.fail(TEXTS, "already_cancelled", id=session.id)
    answers = await rsvps_of(ctx.db, session.id)
    coming = len(coming_ids(answers))
    when = format_datetime(session.starts_at, ctx.lang, ctx.services.settings.tz)
    return Reply(
        ctx.t(TEXTS, "cancel_confirm", id=session.id, when=when, count=coming)
    ).with_buttons(
        (
            Button(ctx.t(TEXTS, "button_cancel_yes"), f"sessie:annuleer:{session.id}"),
            Button(ctx.t(TEXTS, "button_cancel_no"), f"sessie:behoud:{session.id}"),
        )
    )


async def cancel_session(ctx: Context, session: Session) -> Reply:
    if not session.is_planned:
        return Reply(ctx.t(TEXTS, "already_cancelled", id=session.id), edit=True)
    session.status = CANCELLED
    session.sequence += 1
    session.updated_at = ctx.now
    await clear_timeline(ctx.db, session)
    for kind in ("reminder", "rsvp-nudge", "logistics", "moved"):  # not yet delivered
        await cancel_pending(ctx.db, key_prefix=f"{kind}:session:{session.id}:")
    told = await tell_coming(ctx, session, f"cancelled:session:{session.id}")
    return Reply(ctx.t(TEXTS, "cancelled", id=session.id, count=told), edit=True)


async def set_offsets(ctx: Context, session: Session, text: str) -> Reply:
    try:
        offsets = parse_offsets(text)
    except DateProblem as problem:
        raise ctx.fail(TEXTS, "offsets_usage", text=problem.text[:30], id=session.id) from None
    session.reminder_offsets = [iso_duration(-offset) for offset in offsets]
    session.updated_at = ctx.now
    tz = ctx.services.settings.tz
    await sync_timeline(ctx.db, session, ctx.services.registry.steps, now=ctx.now, tz=tz)
    saved = ctx.t(TEXTS, "offsets_saved", id=session.id, offsets=offsets_text(offsets, ctx.lang))
    return Reply(saved + "\n\n" + await timeline_text(ctx, session))


async def show_timeline(ctx: Context, session: Session) -> Reply:
    return Reply(await timeline_text(ctx, session))


async def timeline_text(ctx: Context, session: Session) -> str:
    tz = ctx.services.settings.tz
    entries = await timeline_of(ctx.db, session, ctx.services.registry.steps, tz)
    when = format_datetime(session.starts_at, ctx.lang, tz)
    lines = [ctx.t(TEXTS, "timeline_header", id=session.id, when=when)]
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
