"""The overnight meeting's logistics: /sessie <n> wie | opgeven | aanmeldingen | lijst | hotel |
kamers, the nudge to decide for those who said maybe, erasing dietary needs after the meeting,
and what erasing a participant means here."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.dates import DateProblem, format_date, parse_datetime
from bot.core.lists import join_names
from bot.core.messages import Attachment, Reply
from bot.db.models import Participant, Rsvp, Session
from bot.kernel.roles import require_organiser
from bot.kernel.services import Context, JobContext, Registry
from handlers.sessions import signup
from handlers.sessions.keys import maybe_nudge_key, request_prefix
from handlers.sessions.rooms import (
    COMING,
    move_up,
    release_room,
    rooms_taken,
    waiting_list,
)
from handlers.sessions.roster import NO_ROOM, ROOM, WAITING, hotel_csv, overnight_state
from handlers.sessions.roster_texts import TEXTS
from handlers.sessions.texts import TEXTS as MEETING_TEXTS
from handlers.sessions.views import MAYBE, NO, YES, active_participants, card, rsvps_of
from scheduler.jobs import cancel, schedule
from scheduler.outbox import enqueue_many
from scheduler.timeline import step_due

PUBLIC = {"wie": "who", "who": "who", "opgeven": "signup", "signup": "signup",
          "aanmelden": "signup"}  # fmt: skip
ORGANISERS = {
    "aanmeldingen": "signups", "signups": "signups",
    "lijst": "list", "list": "list", "csv": "list",
    "hotel": "hotel", "deadline": "hotel", "termijn": "hotel",
    "kamers": "rooms", "rooms": "rooms",
}  # fmt: skip
ACTIONS = frozenset(PUBLIC) | frozenset(ORGANISERS)
DIET_KEPT = timedelta(days=30)
NUDGE_BEFORE = timedelta(days=3)
MAYBE_NUDGE = "rsvp-maybe-nudge"
DIET_ERASE = "diet-erase"
ANY = "%"


async def logistics_action(ctx: Context, meeting: Session, action: str, value: str) -> Reply:
    """One of ACTIONS on a meeting; the organisers' ones check the role."""
    if action in PUBLIC:
        if PUBLIC[action] == "who":
            return await who(ctx, meeting)
        return await signup.signup_command(ctx, meeting)
    require_organiser(ctx, hint=ctx.t(MEETING_TEXTS, "organisers_hint"))
    kind = ORGANISERS[action]
    if kind == "signups":
        return await signups(ctx, meeting)
    if kind == "list":
        return await hotel_list(ctx, meeting)
    if kind == "rooms":
        return await set_rooms(ctx, meeting, value.strip())
    return await set_deadline(ctx, meeting, value.strip())


async def people_of(db: AsyncSession, ids: list[int]) -> dict[int, Participant]:
    rows = await db.scalars(select(Participant).where(Participant.id.in_(ids)))
    return {p.id: p for p in rows.all()}


def named(person: Participant | None, lang: str) -> str:
    if person is None:
        return "?"
    return f"{person.display_name} ({person.city or TEXTS(lang, 'city_unknown')})"


def when_text(ctx: Context, meeting: Session) -> str:
    return format_date(meeting.starts_at, ctx.lang, ctx.services.settings.tz)


# -- who comes ---------------------------------------------------------------------------------


async def who(ctx: Context, meeting: Session) -> Reply:
    """Names and cities of those who said yes; the maybes counted."""
    rsvps = await rsvps_of(ctx.db, meeting.id)
    people = await people_of(ctx.db, list(rsvps))
    yes = sorted(
        (named(people.get(pid), ctx.lang) for pid, r in rsvps.items() if r.answer == YES),
        key=str.casefold,
    )
    maybe = sum(1 for r in rsvps.values() if r.answer == MAYBE)
    lines = [
        ctx.t(TEXTS, "who_header", id=meeting.id, when=when_text(ctx, meeting)),
        ctx.t(TEXTS, "who_yes", count=len(yes), names=", ".join(yes) or ctx.t(TEXTS, "nobody")),
    ]
    if maybe:
        lines.append(ctx.t(TEXTS, "who_maybe", count=maybe))
    return Reply("\n".join(lines))


def person_details(ctx: Context, meeting: Session, rsvps: dict[int, Rsvp], rsvp: Rsvp) -> str:
    lang = ctx.lang
    details = []
    if meeting.overnight:
        details.append(signup.parts_text(meeting, rsvp, lang))
        state, place = overnight_state(rsvps, rsvp)
        key = {ROOM: "signups_room", WAITING: "signups_waiting", NO_ROOM: "signups_no_room"}
        details.append(ctx.t(TEXTS, key.get(state, "signups_overnight_unknown"), place=place))
    diet = signup.diet_text(rsvp, lang)
    if diet:
        details.append(ctx.t(TEXTS, "signups_diet", diet=diet))
    if rsvp.note:
        details.append(ctx.t(TEXTS, "signups_note", note=rsvp.note))
    return " · ".join(d for d in details if d)


async def signups(ctx: Context, meeting: Session) -> Reply:
    """Everything per person, for the organisers."""
    rsvps = await rsvps_of(ctx.db, meeting.id)
    active = {p.id: p for p in await active_participants(ctx.db)}
    people = {**active, **await people_of(ctx.db, list(rsvps))}
    silent = sorted(active[pid].display_name for pid in active if pid not in rsvps)
    by_answer: dict[str, list[Rsvp]] = {YES: [], MAYBE: [], NO: []}
    for rsvp in rsvps.values():
        by_answer[rsvp.answer].append(rsvp)
    lines = [
        ctx.t(
            TEXTS,
            "signups_header",
            id=meeting.id,
            when=when_text(ctx, meeting),
            yes=len(by_answer[YES]),
            maybe=len(by_answer[MAYBE]),
            no=len(by_answer[NO]),
            silent=len(silent),
        )
    ]
    if meeting.overnight:
        taken, waiting = rooms_taken(rsvps), len(waiting_list(rsvps))
        if meeting.rooms is None:
            lines.append(ctx.t(TEXTS, "signups_rooms_open", taken=taken, id=meeting.id))
        else:
            lines.append(
                ctx.t(TEXTS, "signups_rooms", taken=taken, rooms=meeting.rooms, waiting=waiting)
            )
    lines.append(deadline_line(ctx, meeting))

    def name_of(rsvp: Rsvp) -> str:
        return named(people.get(rsvp.participant_id), ctx.lang)

    for answer, key in ((YES, "signups_coming"), (MAYBE, "signups_maybe")):
        if by_answer[answer]:
            lines += ["", ctx.t(TEXTS, key)]
            for rsvp in sorted(by_answer[answer], key=lambda r: name_of(r).casefold()):
                details = person_details(ctx, meeting, rsvps, rsvp)
                lines.append(ctx.t(TEXTS, "signups_person", name=name_of(rsvp), details=details))
    lines.append("")
    waiting_names = [name_of(r) for r in waiting_list(rsvps)]
    if waiting_names:
        numbered = ", ".join(f"{i}. {n}" for i, n in enumerate(waiting_names, 1))
        lines.append(ctx.t(TEXTS, "signups_waiting_list", names=numbered))
    no_names = sorted((name_of(r) for r in by_answer[NO]), key=str.casefold)
    lines.append(ctx.t(TEXTS, "signups_no", names=join_names(no_names, ctx.lang) or "-"))
    lines.append(ctx.t(TEXTS, "signups_silent", names=join_names(silent, ctx.lang) or "-"))
    lines.append(ctx.t(TEXTS, "diet_retention", date=erase_date(ctx, meeting)))
    return Reply("\n".join(lines).replace("\n\n\n", "\n\n"))


def deadline_line(ctx: Context, meeting: Session) -> str:
    if meeting.rsvp_deadline is None:
        return ctx.t(TEXTS, "signups_no_deadline", id=meeting.id)
    deadline = format_date(meeting.rsvp_deadline, ctx.lang, ctx.services.settings.tz)
    return ctx.t(TEXTS, "signups_deadline", deadline=deadline)


def erase_date(ctx: Context, meeting: Session) -> str:
    """When the timeline step erases the meeting's dietary needs."""
    tz = ctx.services.settings.tz
    return format_date(step_due(meeting, DIET_KEPT, tz), ctx.lang, tz)


async def hotel_list(ctx: Context, meeting: Session) -> Reply:
    """A CSV for the hotel and the caterer: who comes (yes), organisation, nights, diet."""
    made = await hotel_csv(ctx.db, meeting, ctx.lang)
    text = ctx.t(
        TEXTS,
        "list_text",
        id=meeting.id,
        people=made.people,
        nights=made.nights,
        maybe=made.maybe,
        waiting=made.waiting,
    )
    text += "\n" + ctx.t(TEXTS, "diet_retention", date=erase_date(ctx, meeting))
    return Reply(text, attachment=Attachment(made.filename, made.content, "text/csv"))


# -- the hotel: rooms and the deadline ---------------------------------------------------------


async def set_rooms(ctx: Context, meeting: Session, value: str) -> Reply:
    if not meeting.overnight:
        return Reply(ctx.t(TEXTS, "no_overnight", id=meeting.id))
    lowered = value.lower()
    if lowered in {"geen", "none", "-", "onbeperkt", "unlimited"}:
        meeting.rooms = None
        moved = await move_up(ctx.db, meeting, ctx.services.settings.tz)
        text = ctx.t(TEXTS, "rooms_open", id=meeting.id)
        return Reply(text + moved_text(ctx, moved))
    if not lowered.isdigit() or int(lowered) > 1000:
        return Reply(ctx.t(TEXTS, "rooms_bad", id=meeting.id))
    meeting.rooms = int(lowered)
    meeting.updated_at = ctx.now
    moved = await move_up(ctx.db, meeting, ctx.services.settings.tz)
    rsvps = await rsvps_of(ctx.db, meeting.id)
    taken, waiting = rooms_taken(rsvps), len(waiting_list(rsvps))
    text = ctx.t(
        TEXTS, "rooms_set", id=meeting.id, rooms=meeting.rooms, taken=taken, waiting=waiting
    )
    if taken > meeting.rooms:
        text += "\n" + ctx.t(TEXTS, "rooms_over", taken=taken, rooms=meeting.rooms)
    return Reply(text + moved_text(ctx, moved))


def moved_text(ctx: Context, moved: list[int]) -> str:
    return "\n" + ctx.t(TEXTS, "rooms_moved_up", count=len(moved)) if moved else ""


def parse_deadline(ctx: Context, text: str) -> datetime:
    """ "20 januari" → the end of that day (23:59 there); a time may be given."""
    tz = ctx.services.settings.tz
    try:
        return parse_datetime(text, now=ctx.now, tz=tz)
    except DateProblem as problem:
        if problem.reason != "no_time":
            raise
    return parse_datetime(f"{text} 23:59", now=ctx.now, tz=tz)


async def set_deadline(ctx: Context, meeting: Session, value: str) -> Reply:
    words = value.split()
    if words and words[0].lower() in {"tot", "until", "till", "t/m", "op", "on"}:
        words = words[1:]
    text = " ".join(words)
    if not text:
        return Reply(ctx.t(TEXTS, "hotel_usage", id=meeting.id))
    meeting_key_prefix = maybe_nudge_key(meeting.id, "")
    if text.lower() in {"geen", "none", "-"}:
        meeting.rsvp_deadline = None
        await cancel(ctx.db, key_prefix=meeting_key_prefix)
        return Reply(ctx.t(TEXTS, "deadline_removed", id=meeting.id))
    try:
        deadline = parse_deadline(ctx, text)
    except DateProblem:
        raise ctx.fail(TEXTS, "deadline_bad", text=text[:40], id=meeting.id) from None
    tz = ctx.services.settings.tz
    if deadline <= ctx.now or deadline >= meeting.starts_at:
        raise ctx.fail(TEXTS, "deadline_past", start=format_date(meeting.starts_at, ctx.lang, tz))
    meeting.rsvp_deadline = deadline
    meeting.updated_at = ctx.now
    await cancel(ctx.db, key_prefix=meeting_key_prefix)
    nudge_at = max(ctx.now, deadline - NUDGE_BEFORE)
    local_day = deadline.astimezone(tz).date().isoformat()
    await schedule(
        ctx.db,
        kind=MAYBE_NUDGE,
        key=maybe_nudge_key(meeting.id, local_day),
        due_at=nudge_at,
        session_id=meeting.id,
        payload={"deadline": deadline.isoformat()},
    )
    return Reply(
        ctx.t(
            TEXTS,
            "deadline_set",
            id=meeting.id,
            deadline=format_date(deadline, ctx.lang, tz),
            nudge=format_date(nudge_at, ctx.lang, tz),
        )
    )


# -- jobs --------------------------------------------------------------------------------------


async def nudge_maybes(job: JobContext) -> None:
    """Before the deadline: those who said maybe are asked to decide."""
    meeting = job.session
    if meeting is None or not meeting.is_planned or meeting.rsvp_deadline is None:
        return
    if meeting.rsvp_deadline.isoformat() != job.payload.get("deadline"):
        return  # the deadline moved since: its own job asks
    rsvps = await rsvps_of(job.db, meeting.id)
    maybes = [pid for pid, r in rsvps.items() if r.answer == MAYBE]
    tz = job.services.settings.tz
    deadline = meeting.rsvp_deadline

    def reply_for(person: Participant) -> Reply:
        lang = person.language
        intro = signup.TEXTS(
            lang, "maybe_nudge", id=meeting.id, deadline=format_date(deadline, lang, tz)
        )
        return card(meeting, rsvps.get(person.id), lang, tz, intro=intro)

    await enqueue_many(job.db, key_prefix=job.job.key, participant_ids=maybes, reply_for=reply_for)


async def erase_diets(job: JobContext) -> None:
    """30 days after a meeting its dietary needs go (and those of any meeting, cancelled too,
    whose 30 days have passed)."""
    ended = select(Session.id).where(Session.ends_at <= job.now - DIET_KEPT)
    await job.db.execute(
        update(Rsvp)
        .where(Rsvp.session_id.in_(ended))
        .values(diets=None, diet_note=None)
        .execution_options(synchronize_session=False)
    )


# -- erasure -----------------------------------------------------------------------------------


async def key_patterns(db: AsyncSession, participant_id: int) -> list[str]:
    """The requests after a deadline quote the person; they went to the organisers."""
    return [request_prefix(ANY, participant_id, ANY) + ":" + ANY]


async def give_back_rooms(ctx: Context, participant_id: int) -> None:
    """Before erasure: their rooms of meetings to come go to the first who wait."""
    rows = await ctx.db.scalars(select(Rsvp).where(Rsvp.participant_id == participant_id))
    for rsvp in rows.all():
        meeting = await ctx.db.get(Session, rsvp.session_id)
        if meeting is None or meeting.starts_at <= ctx.now or rsvp.answer not in COMING:
            continue
        await release_room(ctx.db, meeting, rsvp, overnight=None, tz=ctx.services.settings.tz)
        rsvp.answer = NO


def register(registry: Registry) -> None:
    registry.dialogue(signup.DIALOGUE, signup.signup_text)
    registry.callback(signup.PREFIX, signup.signup_button)
    registry.job(MAYBE_NUDGE, nudge_maybes)
    registry.step(
        DIET_ERASE,
        DIET_KEPT,
        erase_diets,
        label_nl="dieetwensen wissen",
        label_en="erase dietary needs",
    )
    registry.personal_keys("sessions", key_patterns)
    registry.on_erase(give_back_rooms)
