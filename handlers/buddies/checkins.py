"""Check-ins of a pair: two weeks after pairing, the brief before a session, the day after."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.dates import format_date
from bot.core.messages import Button, Reply
from bot.core.texts import NO_WORDS, YES_WORDS
from bot.db.models import Participant, Rsvp, Session
from bot.db.models.buddies import CHECKIN_FAILURE_LIMIT, END_GRADUATED, Pairing
from bot.kernel.lookup import parse_id
from bot.kernel.roles import stale_button
from bot.kernel.services import Context, JobContext, Registry
from handlers.buddies import keys
from handlers.buddies import rules as pairing
from handlers.buddies.checkin_texts import CHECKIN_TEXTS
from handlers.buddies.pairs import (
    active_pairings,
    attended_counts,
    end_pairing,
    pair_people,
    pair_waiting,
    present_clause,
    tell,
    tell_organisers,
)
from handlers.buddies.views import display
from scheduler.jobs import schedule
from scheduler.outbox import enqueue
from scheduler.timeline import step_meeting

CHECKIN_AGAIN_AFTER = timedelta(days=7)
BRIEF_BEFORE = timedelta(days=-7)
# Sessions last one and a half days: two days after the start is the day after it ended.
ASK_AFTER = timedelta(days=2)


async def run_checkin(job: JobContext) -> None:
    db = job.db
    row = await db.get(Pairing, int(job.payload["pair_id"]))
    round_ = int(job.payload.get("round", 1))
    if row is None or not row.active or row.checked_in_at is not None:
        return
    if row.checkin_round != round_:
        return
    people = await pair_people(db, row)
    if people is None:
        return
    newcomer, buddy = people
    for me, other in ((newcomer, buddy), (buddy, newcomer)):
        lang = me.language
        data = f"mci:{row.id}:{round_}"
        reply = Reply(
            CHECKIN_TEXTS(lang, "checkin_question", other=other.display_name)
        ).with_buttons(
            (
                Button(CHECKIN_TEXTS(lang, "button_yes"), f"{data}:ja"),
                Button(CHECKIN_TEXTS(lang, "button_not_yet"), f"{data}:nee"),
            )
        )
        await enqueue(
            db,
            key=keys.to_participant(keys.checkin_key(row.id, round_), me.id),
            participant_id=me.id,
            reply=reply,
        )


async def checkin_answer(ctx: Context) -> Reply:
    """The buttons "mci:<pair>:<round>:ja|nee"."""
    parts = ctx.args.split(":")
    if len(parts) != 3:
        return stale_button(ctx)
    pair_id, round_, answer = parse_id(parts[0]), parse_id(parts[1]), parts[2]
    if pair_id is None or round_ is None or answer not in YES_WORDS | NO_WORDS:
        return stale_button(ctx)
    row = await ctx.db.get(Pairing, pair_id)
    me = ctx.participant.id
    if row is None or me not in (row.newcomer_id, row.buddy_id):
        return stale_button(ctx)
    if not row.active or row.checked_in_at is not None or row.checkin_round != round_:
        return Reply(ctx.t(CHECKIN_TEXTS, "checkin_done"), edit=True)
    other = await ctx.db.get(
        Participant, (row.buddy_id if me == row.newcomer_id else row.newcomer_id) or 0
    )
    other_name = display(other, ctx.lang)
    if answer in YES_WORDS:
        row.checked_in_at = ctx.now
        return Reply(ctx.t(CHECKIN_TEXTS, "checkin_yes"), edit=True)
    row.checkin_failures += 1
    row.checkin_round += 1
    if row.checkin_failures >= CHECKIN_FAILURE_LIMIT:
        newcomer = await ctx.db.get(Participant, row.newcomer_id or 0)
        buddy = await ctx.db.get(Participant, row.buddy_id or 0)

        def text_for(lang: str) -> str:
            return CHECKIN_TEXTS(
                lang,
                "checkin_organisers",
                newcomer=display(newcomer, lang),
                buddy=display(buddy, lang),
            )

        await tell_organisers(ctx.db, keys.checkin_failed_prefix(row.id), text_for)
        return Reply(ctx.t(CHECKIN_TEXTS, "checkin_not_yet_final"), edit=True)
    await schedule(
        ctx.db,
        kind="buddy-checkin",
        key=keys.checkin_key(row.id, row.checkin_round),
        due_at=ctx.now + CHECKIN_AGAIN_AFTER,
        payload={"pair_id": row.id, "round": row.checkin_round},
    )
    return Reply(ctx.t(CHECKIN_TEXTS, "checkin_not_yet", other=other_name), edit=True)


async def run_brief(job: JobContext) -> None:
    session = step_meeting(job)
    db = job.db
    previous = await db.scalar(
        select(Session)
        .where(Session.status == "planned", Session.starts_at < session.starts_at)
        .order_by(Session.starts_at.desc())
    )
    for row in await active_pairings(db):
        people = await pair_people(db, row)
        if people is None:
            continue
        newcomer, buddy = people
        lang = buddy.language
        theme = CHECKIN_TEXTS(lang, "brief_theme", theme=session.theme) if session.theme else ""
        last = ""
        if previous is not None and previous.theme:
            last = CHECKIN_TEXTS(
                lang, "brief_last", theme=previous.theme, place=previous.place or "?"
            )
        text = CHECKIN_TEXTS(
            lang,
            "brief",
            when=format_date(session.starts_at, lang, job.services.settings.tz),
            place=session.place or "?",
            theme=theme,
            newcomer=newcomer.display_name,
            last=last,
        )
        await enqueue(
            db,
            key=keys.to_participant(keys.brief_prefix(session.id, row.id), buddy.id),
            participant_id=buddy.id,
            reply=Reply(text),
        )


async def run_after(job: JobContext) -> None:
    session = step_meeting(job)
    db = job.db
    rows = await active_pairings(db)
    ids = [r.newcomer_id for r in rows if r.newcomer_id is not None]
    attended = await attended_counts(db, job.now, ids)
    there = set(
        (
            await db.scalars(
                select(Rsvp.participant_id).where(
                    Rsvp.session_id == session.id,
                    Rsvp.participant_id.in_(ids),
                    present_clause(),
                )
            )
        ).all()
    )
    graduated = False
    for row in rows:
        people = await pair_people(db, row)
        if people is None:
            continue
        newcomer, buddy = people
        if attended.get(newcomer.id, 0) >= pairing.EXPERIENCED_AFTER:
            await graduate(db, job.now, row, newcomer, buddy)
            graduated = True
        elif newcomer.id in there:
            await tell(
                db,
                keys.after_prefix(session.id, row.id),
                buddy,
                CHECKIN_TEXTS,
                "after",
                newcomer=newcomer.display_name,
            )
    if graduated:
        await db.flush()
        await pair_waiting(job.services, db, job.now)


def register(registry: Registry) -> None:
    registry.job("buddy-checkin", run_checkin)
    registry.callback("mci", checkin_answer)
    registry.step(
        "buddy-brief",
        BRIEF_BEFORE,
        run_brief,
        label_nl="maatjes: nieuwkomer bijpraten",
        label_en="buddies: brief your newcomer",
    )
    registry.step(
        "buddy-after",
        ASK_AFTER,
        run_after,
        label_nl="maatjes: hoe was het voor je maatje?",
        label_en="buddies: how was it for your newcomer?",
    )


async def graduate(
    db: AsyncSession, now: datetime, row: Pairing, newcomer: Participant, buddy: Participant
) -> None:
    """After the newcomer's third session: thanks to both, and an invitation to become a buddy."""
    await end_pairing(db, row, END_GRADUATED, now)
    newcomer.is_newcomer = False
    key_prefix = keys.graduated_prefix(row.id)
    await tell(
        db, key_prefix, newcomer, CHECKIN_TEXTS, "graduated_newcomer", buddy=buddy.display_name
    )
    await tell(
        db, key_prefix, buddy, CHECKIN_TEXTS, "graduated_buddy", newcomer=newcomer.display_name
    )
