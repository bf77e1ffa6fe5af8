"""Leaving the CoP: /vertrek (after a yes) re-pairs your newcomers, /overdracht sends your
handover note, /terug brings a leaver back."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.lists import join_names
from bot.core.messages import Button, Reply
from bot.core.texts import NO_WORDS, YES_WORDS
from bot.db.models import Participant
from bot.db.models.buddies import (
    END_LEFT,
    BuddyOffer,
    Departure,
    HandoverNote,
    Pairing,
    Succession,
)
from bot.kernel.lookup import find_participant
from bot.kernel.roles import stale_button
from bot.kernel.services import Context, Registry
from handlers.buddies import keys
from handlers.buddies.leaving_texts import LEAVING_TEXTS
from handlers.buddies.pairs import (
    ACTIVE,
    end_pairing,
    newcomers_of,
    pair_waiting,
    pairing_of_newcomer,
    tell,
)
from handlers.buddies.texts import TEXTS

LEAVING = "leaving"
MAX_HANDOVER = 3000
CONFIRM_DIALOGUE = "vertrek-bevestig"


async def leave(ctx: Context) -> Reply:
    words = ctx.args.split(maxsplit=1)
    successor: Participant | None = None
    if words:
        if words[0].lower() not in {"opvolger", "successor"} or len(words) < 2:
            return Reply(ctx.t(LEAVING_TEXTS, "leave_usage"))
        successor = await find_participant(ctx.db, words[1], ctx.incoming.platform)
        if successor is None:
            return Reply(ctx.t(TEXTS, "not_found", who=words[1][:60]))
        if successor.id == ctx.participant.id:
            return Reply(ctx.t(TEXTS, "successor_self"))
    if ctx.participant.status != ACTIVE:
        return Reply(ctx.t(LEAVING_TEXTS, "leave_already"))
    # Leaving tells the buddy, the newcomers and the successor: ask first (buttons or typing).
    await ctx.start_dialogue(
        CONFIRM_DIALOGUE, {"successor": successor.id if successor is not None else None}
    )
    key = "leave_confirm_successor" if successor is not None else "leave_confirm"
    name = successor.display_name if successor is not None else ""
    return Reply(ctx.t(LEAVING_TEXTS, key, name=name)).with_buttons(
        (
            Button(ctx.t(LEAVING_TEXTS, "leave_yes"), "vertrek:ja"),
            Button(ctx.t(LEAVING_TEXTS, "leave_no"), "vertrek:nee"),
        )
    )


async def confirm_button(ctx: Context) -> Reply:
    """The buttons of /vertrek's question: "vertrek:ja" and "vertrek:nee"."""
    if ctx.args not in {"ja", "nee"}:
        return stale_button(ctx)
    return await confirmed(ctx, ctx.args == "ja")


async def confirm_typed(ctx: Context) -> Reply:
    """A typed answer to /vertrek's question."""
    answer = ctx.args.strip().lower()
    if answer in YES_WORDS | NO_WORDS:
        return await confirmed(ctx, answer in YES_WORDS)
    return Reply(ctx.t(LEAVING_TEXTS, "leave_confirm_again"))


async def confirmed(ctx: Context, yes: bool) -> Reply:
    state = await ctx.current_dialogue()
    data = state.data if state is not None and state.name == CONFIRM_DIALOGUE else None
    await ctx.end_dialogue()
    if not yes:
        return Reply(ctx.t(LEAVING_TEXTS, "leave_cancelled"))
    if ctx.participant.status != ACTIVE:
        return Reply(ctx.t(LEAVING_TEXTS, "leave_already"))
    if data is None:
        return stale_button(ctx, hint=ctx.t(LEAVING_TEXTS, "leave_usage"))
    successor_id = data.get("successor")
    successor = await ctx.db.get(Participant, successor_id) if successor_id else None
    return await depart(ctx, successor)


async def come_back(ctx: Context) -> Reply:
    """/terug: a leaver is active again (reminders, pairing); their departure is forgotten."""
    me = ctx.participant
    if me.status == ACTIVE:
        return Reply(ctx.t(LEAVING_TEXTS, "back_not_leaving"))
    me.status = ACTIVE
    departure = await ctx.db.get(Departure, me.id)
    if departure is not None:
        await ctx.db.delete(departure)
    await ctx.db.flush()
    await pair_waiting(ctx.services, ctx.db, ctx.now)
    return Reply(ctx.t(LEAVING_TEXTS, "back_done", name=me.display_name))


async def depart(ctx: Context, successor: Participant | None) -> Reply:
    db, me, now = ctx.db, ctx.participant, ctx.now
    departure = await db.get(Departure, me.id)
    if departure is None:
        departure = Departure(participant_id=me.id, left_at=now, city=me.city)
        db.add(departure)
    me.status = LEAVING
    offer = await db.get(BuddyOffer, me.id)
    if offer is not None:
        offer.paused = True
    if successor is not None:
        departure.successor_id = successor.id
        if await db.get(Succession, successor.id) is None:
            db.add(Succession(participant_id=successor.id, predecessor_id=me.id, created_at=now))
        await tell(
            db,
            keys.successor_prefix(me.id),
            successor,
            LEAVING_TEXTS,
            "leave_successor_told",
            leaver=me.display_name,
        )
        await send_handover(db, me, successor_only=True)
    await db.flush()
    newcomers = []
    for row in await newcomers_of(db, me.id):
        await end_pairing(db, row, END_LEFT, now)
        newcomer = await db.get(Participant, row.newcomer_id or 0)
        if newcomer is not None:
            newcomers.append(newcomer)
    own = await pairing_of_newcomer(db, me.id)
    if own is not None:
        await end_pairing(db, own, END_LEFT, now)
        buddy = await db.get(Participant, own.buddy_id or 0)
        if buddy is not None:
            await tell(
                db,
                keys.left_prefix(own.id),
                buddy,
                LEAVING_TEXTS,
                "leave_buddy_told",
                newcomer=me.display_name,
            )
    await db.flush()
    for newcomer in newcomers:
        await tell(
            db,
            keys.buddy_left_prefix(me.id),
            newcomer,
            LEAVING_TEXTS,
            "leave_newcomer_repaired",
            old=me.display_name,
        )
    # The leaver's newcomers need a new buddy, and if the leaver was a newcomer their buddy
    # has room again: one pairing round covers both.
    await pair_waiting(ctx.services, db, now)
    if successor is not None and newcomers:
        who = ctx.t(LEAVING_TEXTS, "leave_who_both", name=successor.display_name)
    elif successor is not None:
        who = ctx.t(LEAVING_TEXTS, "leave_who_successor", name=successor.display_name)
    elif newcomers:
        who = ctx.t(LEAVING_TEXTS, "leave_who_newcomers")
    else:
        who = ctx.t(LEAVING_TEXTS, "leave_who_nobody")
    hint = "" if successor is not None else ctx.t(LEAVING_TEXTS, "leave_hint")
    return Reply(ctx.t(LEAVING_TEXTS, "leave_done", who=who, hint=hint))


async def handover(ctx: Context) -> Reply:
    text = ctx.args.strip()
    departure = await ctx.db.get(Departure, ctx.participant.id)
    if departure is None:
        return Reply(ctx.t(LEAVING_TEXTS, "handover_not_leaving"))
    if not text:
        return Reply(ctx.t(LEAVING_TEXTS, "handover_usage"))
    if len(text) > MAX_HANDOVER:
        return Reply(ctx.t(LEAVING_TEXTS, "handover_too_long", max=MAX_HANDOVER))
    ctx.db.add(HandoverNote(author_id=ctx.participant.id, text=text, created_at=ctx.now))
    await ctx.db.flush()
    names = await send_handover(ctx.db, ctx.participant)
    if not names:
        return Reply(ctx.t(LEAVING_TEXTS, "handover_kept"))
    departure.handover_sent_at = ctx.now
    return Reply(ctx.t(LEAVING_TEXTS, "handover_sent", names=join_names(names, ctx.lang)))


def register(registry: Registry) -> None:
    registry.callback("vertrek", confirm_button)
    registry.dialogue(CONFIRM_DIALOGUE, confirm_typed)
    registry.command(
        "vertrek",
        leave,
        name_en="leave",
        aliases=("leave", "afscheid"),
        help_nl="je vertrekt uit de CoP: geen herinneringen meer, en een overdracht",
        help_en="you leave the CoP: no more reminders, and a handover note",
        usage="/vertrek [opvolger @naam]",
    )
    registry.command(
        "overdracht",
        handover,
        name_en="handover",
        aliases=("handover",),
        help_nl="je overdracht bij vertrek, voor je opvolger en je nieuwkomers",
        help_en="your handover note when leaving, for your successor and newcomers",
        usage="/overdracht <tekst>",
    )
    registry.command(
        "terug",
        come_back,
        name_en="return",
        aliases=("return", "comeback"),
        help_nl="je komt terug na /vertrek: weer herinneringen en maatjes",
        help_en="you come back after /leave: reminders and buddies again",
    )


async def send_handover(
    db: AsyncSession, author: Participant, successor_only: bool = False
) -> list[str]:
    """Send the latest handover note to the successor and the newcomers left behind."""
    note = await db.scalar(
        select(HandoverNote)
        .where(HandoverNote.author_id == author.id)
        .order_by(HandoverNote.created_at.desc(), HandoverNote.id.desc())
    )
    if note is None:
        return []
    departure = await db.get(Departure, author.id)
    recipients: list[int] = []
    if departure is not None and departure.successor_id is not None:
        recipients.append(departure.successor_id)
    if not successor_only:
        left_behind = await db.scalars(
            select(Pairing.newcomer_id).where(
                Pairing.buddy_id == author.id, Pairing.end_reason == END_LEFT
            )
        )
        recipients += [pid for pid in left_behind.all() if pid is not None]
    names = []
    for pid in dict.fromkeys(recipients):
        person = await db.get(Participant, pid)
        if person is None:
            continue
        city = f" ({author.city})" if author.city else ""
        await tell(
            db,
            keys.handover_prefix(note.id),
            person,
            LEAVING_TEXTS,
            "handover_message",
            name=author.display_name,
            city=city,
            text=note.text,
        )
        names.append(person.display_name)
    return names
