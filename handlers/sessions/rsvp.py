"""Answers to meetings: the RSVP buttons, and /aanwezig for organisers (who comes, who came)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.dates import format_datetime
from bot.core.messages import Reply
from bot.core.texts import NO_WORDS, YES_WORDS
from bot.db.models import Participant, Rsvp, Session
from bot.kernel.lookup import find_participant
from bot.kernel.services import Context, Registry
from handlers.sessions.logistics_texts import TEXTS as SIGNUP_TEXTS
from handlers.sessions.rooms import release_room, request_room, waiting_place
from handlers.sessions.signup import choice_text, deadline_passed, send_request, start_signup
from handlers.sessions.texts import TEXTS
from handlers.sessions.views import (
    CHOICES,
    NO,
    OVERNIGHT_CHOICES,
    RSVP_PREFIX,
    START_PREFIX,
    YES,
    active_participants,
    answer_privately,
    card,
    get_meeting,
    meeting_reply,
    rsvp_of,
    rsvps_of,
)

MAX_NAMES = 60


async def rsvp_or_new(db: AsyncSession, session_id: int, participant_id: int) -> Rsvp:
    """The participant's answer to the meeting; a new "yes" (added to `db`) when there is none."""
    rsvp = await rsvp_of(db, session_id, participant_id)
    if rsvp is None:
        rsvp = Rsvp(session_id=session_id, participant_id=participant_id, answer=YES)
        db.add(rsvp)
    return rsvp


async def answer(
    db: AsyncSession,
    meeting: Session,
    participant_id: int,
    choice: str,
    now: datetime,
    tz: ZoneInfo,
) -> tuple[Rsvp | None, str]:
    """Record a button press ("ja", "nee", "misschien", "nacht-ja", "nacht-nee"); returns the
    answer and the key of the text that says what happened.

    The overnight buttons never change whether someone comes: after "nee" they change
    nothing and say so, without any answer only "Overnachting: ja" counts (as coming).
    A night takes a hotel room while there is one, else a place on the waiting list; giving
    up the night (or coming) lets the first who wait move up.
    """
    rsvp = await rsvp_of(db, meeting.id, participant_id)
    if choice in CHOICES:
        rsvp = rsvp or await rsvp_or_new(db, meeting.id, participant_id)
        rsvp.updated_at = now
        rsvp.answer = CHOICES[choice]
        if rsvp.answer == NO:
            await release_room(db, meeting, rsvp, overnight=None, tz=tz)
        note = "rsvp_saved"
    elif rsvp is not None and rsvp.answer == NO:
        return rsvp, "overnight_after_no"
    elif rsvp is None and not OVERNIGHT_CHOICES[choice]:
        return None, "overnight_without_answer"
    else:
        note = "rsvp_saved" if rsvp is not None else "overnight_means_coming"
        rsvp = rsvp or await rsvp_or_new(db, meeting.id, participant_id)
        rsvp.updated_at = now
        if not OVERNIGHT_CHOICES[choice]:
            await release_room(db, meeting, rsvp, overnight=False, tz=tz)
        elif not await request_room(db, meeting, rsvp, now):
            note = "room_waiting"
    rsvp.updated_at = now
    await db.flush()
    return rsvp, note


def was_there(rsvp: Rsvp) -> bool:
    """Corrected by an organiser, else a yes."""
    return rsvp.attended if rsvp.attended is not None else rsvp.answer == YES


async def attended_participant_ids(db: AsyncSession, session_id: int) -> list[int]:
    """Who was at a meeting: corrected by an organiser, else those who said yes."""
    rsvps = await rsvps_of(db, session_id)
    return sorted(pid for pid, rsvp in rsvps.items() if was_there(rsvp))


async def pressed(ctx: Context) -> Reply | list[Reply]:
    meeting_ref, _, choice = ctx.args.partition(":")
    meeting = await get_meeting(ctx, meeting_ref)
    tz = ctx.services.settings.tz
    if choice not in CHOICES and choice not in OVERNIGHT_CHOICES:
        raise ctx.fail(TEXTS, "not_found", id=meeting_ref)
    if ctx.incoming.is_group:  # the card is shared: answering it would show one answer to all
        return answer_privately(ctx, meeting)
    if not meeting.is_planned or meeting.ends_at <= ctx.now:
        rsvp = await rsvp_of(ctx.db, meeting.id, ctx.participant.id)
        when = format_datetime(meeting.starts_at, ctx.lang, tz)
        key = "rsvp_cancelled" if not meeting.is_planned else "rsvp_over"
        intro = ctx.t(TEXTS, key, id=meeting.id, when=when)
        return card(meeting, rsvp, ctx.lang, tz, intro=intro, edit=True, now=ctx.now)
    if deadline_passed(ctx, meeting):  # after the deadline a change is a request
        return await send_request(ctx, meeting, choice_text(choice, ctx.lang))
    rsvp, note = await answer(ctx.db, meeting, ctx.participant.id, choice, ctx.now, tz)
    if note == "room_waiting" and rsvp is not None:
        place = waiting_place(await rsvps_of(ctx.db, meeting.id), rsvp)
        said = ctx.t(SIGNUP_TEXTS, note, rooms=meeting.rooms or 0, place=place)
    else:
        said = ctx.t(TEXTS, note)
    shown = card(meeting, rsvp, ctx.lang, tz, edit=True, extra=[said])
    if rsvp is not None and choice in ("ja", "misschien"):  # parts, diet, a note
        return [shown, await start_signup(ctx, meeting, rsvp)]
    return shown


async def attendance(ctx: Context) -> Reply:
    words = ctx.args.split()
    if not words:
        return Reply(ctx.t(TEXTS, "attendance_usage"))
    meeting = await get_meeting(ctx, words[0])
    if len(words) == 1:
        return await overview(ctx, meeting)
    said = words[-1].lower()
    if len(words) < 3 or said not in YES_WORDS | NO_WORDS:
        return Reply(ctx.t(TEXTS, "attendance_usage"))
    who = " ".join(words[1:-1])
    person = await find_participant(ctx.db, who, ctx.identity.platform)
    if person is None:
        raise ctx.fail(TEXTS, "person_not_found", who=who[:60])
    present = said in YES_WORDS
    rsvp = await rsvp_or_new(ctx.db, meeting.id, person.id)
    rsvp.updated_at = ctx.now
    if meeting.starts_at > ctx.now:  # before the meeting this is their answer
        rsvp.answer = YES if present else NO
        rsvp.attended = None
        if not present:  # their room (or place on the waiting list) goes to the next
            await release_room(ctx.db, meeting, rsvp, overnight=None, tz=ctx.services.settings.tz)
        key = "comes" if present else "does_not_come"
        return Reply(
            ctx.t(
                TEXTS,
                "attendance_planned",
                name=person.display_name,
                answer=ctx.t(TEXTS, key),
                id=meeting.id,
            )
        )
    rsvp.attended = present
    return Reply(
        ctx.t(
            TEXTS,
            "attendance_set",
            name=person.display_name,
            answer=ctx.t(TEXTS, "present" if present else "absent"),
            id=meeting.id,
        )
    )


async def opened_from_link(ctx: Context, first_time: bool) -> list[Reply]:
    """/start sessie-<id> (the private-chat link under a card in a group): that card."""
    reference = ctx.args.strip()
    if ctx.incoming.is_group or not reference.startswith(START_PREFIX):
        return []
    meeting = await get_meeting(ctx, reference.removeprefix(START_PREFIX))
    return [await meeting_reply(ctx, meeting)]


def register(registry: Registry) -> None:
    registry.callback(RSVP_PREFIX, pressed)
    registry.on_start_command(opened_from_link)
    registry.command(
        "aanwezig",
        attendance,
        name_en="attendance",
        aliases=("attendance", "aanwezigheid"),
        help_nl="wie komt er naar een bijeenkomst (en wie was er)",
        help_en="who is coming to a meeting (and who was there)",
        usage="/aanwezig <nummer> [@naam ja|nee]",
        organiser_only=True,
    )


async def overview(ctx: Context, meeting: Session) -> Reply:
    tz = ctx.services.settings.tz
    rsvps = await rsvps_of(ctx.db, meeting.id)
    people = {p.id: p for p in await active_participants(ctx.db)}
    missing_ids = [pid for pid in rsvps if pid not in people]
    if missing_ids:  # people who answered and left since
        rows = await ctx.db.scalars(select(Participant).where(Participant.id.in_(missing_ids)))
        people.update({p.id: p for p in rows.all()})

    def names(ids: list[int]) -> str:
        listed = sorted(people[i].display_name for i in ids if i in people)
        if not listed:
            return ctx.t(TEXTS, "nobody")
        shown = ", ".join(listed[:MAX_NAMES])
        return shown + (f" (+{len(listed) - MAX_NAMES})" if len(listed) > MAX_NAMES else "")

    by_answer: dict[str, list[int]] = {"yes": [], "maybe": [], "no": []}
    for pid, rsvp in rsvps.items():
        by_answer[rsvp.answer].append(pid)
    silent = [pid for pid, p in people.items() if pid not in rsvps and p.status == "active"]
    # Once the meeting has begun, the answers are what people said before it.
    past = "_past" if meeting.starts_at <= ctx.now else ""
    lines = [
        ctx.t(
            TEXTS,
            "attendance_header",
            id=meeting.id,
            when=format_datetime(meeting.starts_at, ctx.lang, tz),
        ),
        ctx.t(
            TEXTS,
            "attendance_yes" + past,
            count=len(by_answer["yes"]),
            names=names(by_answer["yes"]),
        ),
        ctx.t(
            TEXTS,
            "attendance_maybe" + past,
            count=len(by_answer["maybe"]),
            names=names(by_answer["maybe"]),
        ),
        ctx.t(
            TEXTS, "attendance_no" + past, count=len(by_answer["no"]), names=names(by_answer["no"])
        ),
        ctx.t(TEXTS, "attendance_none" + past, count=len(silent), names=names(silent)),
    ]
    if meeting.overnight:
        coming = [rsvps[pid] for pid in by_answer["yes"] + by_answer["maybe"]]
        lines.append(
            ctx.t(
                TEXTS,
                "attendance_overnight" + past,
                count=sum(1 for r in coming if r.overnight),
                unknown=sum(1 for r in coming if r.overnight is None),
            )
        )
    if meeting.starts_at <= ctx.now:
        present = [pid for pid, rsvp in rsvps.items() if was_there(rsvp)]
        lines.append(ctx.t(TEXTS, "attendance_present", count=len(present), names=names(present)))
    return Reply("\n".join(lines))
