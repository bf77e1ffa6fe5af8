"""A newcomer's way in: /start asks who is new, the city question, /ik opvolger, /ik ervaren."""

from __future__ import annotations

from bot.core.cities import normalise_city
from bot.core.messages import Button, Reply
from bot.core.texts import NO_WORDS, YES_WORDS
from bot.db.models import Participant
from bot.db.models.buddies import END_REPAIRED, RULE_SUCCESSOR, Succession
from bot.kernel.lookup import find_participant
from bot.kernel.roles import stale_button
from bot.kernel.services import Context, Registry
from handlers.buddies import rules as pairing
from handlers.buddies.pairs import (
    ACTIVE,
    PairResult,
    attended_counts,
    end_pairing,
    pair_newcomer,
    pair_waiting,
    pairing_of_newcomer,
    past_pairs,
    predecessor_of,
)
from handlers.buddies.texts import TEXTS
from handlers.buddies.views import reason_text

MAX_CITY = 100
CITY_DIALOGUE = "maatje-stad"


async def ask_if_new(ctx: Context, first_time: bool) -> list[Reply]:
    p = ctx.participant
    # Asked once; not of someone noted as experienced or leaving.
    if p.is_newcomer is not None or p.experienced or p.status != ACTIVE or ctx.incoming.is_group:
        return []
    return [
        Reply(ctx.t(TEXTS, "ask_new")).with_buttons(
            (
                Button(ctx.t(TEXTS, "button_new"), "nieuw:ja"),
                Button(ctx.t(TEXTS, "button_not_new"), "nieuw:nee"),
            )
        )
    ]


async def answer_new(ctx: Context) -> Reply:
    """The buttons "nieuw:ja" and "nieuw:nee" of /start's question."""
    p = ctx.participant
    if ctx.args not in YES_WORDS | NO_WORDS:
        return stale_button(ctx)
    if p.is_newcomer is not None or p.experienced:
        # Answered before (an old /start message, a second tap): what holds now, unchanged.
        return await current_answer(ctx)
    if ctx.args in NO_WORDS:
        p.is_newcomer = False
        p.experienced = True
        return Reply(ctx.t(TEXTS, "not_new"), edit=True)
    attended = (await attended_counts(ctx.db, ctx.now, [p.id])).get(p.id, 0)
    if pairing.is_experienced(False, attended):
        p.is_newcomer = False
        return Reply(ctx.t(TEXTS, "already_experienced", count=attended))
    p.is_newcomer = True
    if not p.city:
        await ctx.start_dialogue(CITY_DIALOGUE, {})
        return Reply(ctx.t(TEXTS, "ask_city"), edit=True)
    return paired_reply(ctx.lang, p, await pair_newcomer(ctx.services, ctx.db, ctx.now, p))


async def current_answer(ctx: Context) -> Reply:
    """The refusal of a choice made before: says what is noted and how to change it."""
    p = ctx.participant
    if not p.is_newcomer:
        return Reply(ctx.t(TEXTS, "answered_not_new"))
    row = await pairing_of_newcomer(ctx.db, p.id)
    buddy = await ctx.db.get(Participant, row.buddy_id or 0) if row is not None else None
    if buddy is None:
        return Reply(ctx.t(TEXTS, "answered_new_waiting"))
    return Reply(ctx.t(TEXTS, "answered_new_paired", buddy=buddy.display_name))


async def city_answer(ctx: Context) -> Reply:
    text = ctx.args.strip()
    words = text.split(maxsplit=1)
    if words and words[0].lower().lstrip("/") in {"opvolger", "successor"}:
        reply = await set_successor(ctx, words[1] if len(words) > 1 else "")
        await ctx.end_dialogue()
        return reply
    if len(text) > MAX_CITY:
        return Reply(ctx.t(TEXTS, "city_too_long", max=MAX_CITY))
    ctx.participant.city = normalise_city(text)
    await ctx.end_dialogue()
    p = ctx.participant
    return paired_reply(ctx.lang, p, await pair_newcomer(ctx.services, ctx.db, ctx.now, p))


async def set_successor(ctx: Context, value: str) -> Reply:
    """/ik opvolger van @naam: a successor is paired with their predecessor."""
    words = value.split()
    if words and words[0].lower() in {"van", "of"}:
        words = words[1:]
    who = " ".join(words)
    if not who:
        return Reply(ctx.t(TEXTS, "successor_usage"))
    predecessor = await find_participant(ctx.db, who, ctx.incoming.platform)
    if predecessor is None:
        return Reply(ctx.t(TEXTS, "not_found", who=who[:60]))
    p = ctx.participant
    if predecessor.id == p.id:
        return Reply(ctx.t(TEXTS, "successor_self"))
    succession = await ctx.db.get(Succession, p.id)
    if succession is None:
        ctx.db.add(
            Succession(participant_id=p.id, predecessor_id=predecessor.id, created_at=ctx.now)
        )
    else:
        succession.predecessor_id = predecessor.id
    p.city = p.city or predecessor.city  # a successor normally comes from the same city
    if p.is_newcomer is None:
        p.is_newcomer = True
    await ctx.db.flush()
    lines = [ctx.t(TEXTS, "successor_saved", name=predecessor.display_name)]
    if p.is_newcomer:
        current = await pairing_of_newcomer(ctx.db, p.id)
        if current is not None and current.rule != RULE_SUCCESSOR:
            # The predecessor turned up after the first pairing: a better handover.
            match = pairing.successor_match(
                pairing.Person(id=p.id, city=p.city),
                await predecessor_of(ctx.db, p.id),
                await past_pairs(ctx.db),
            )
            if match is not None:
                await end_pairing(ctx.db, current, END_REPAIRED, ctx.now)
                await ctx.db.flush()
        result = await pair_newcomer(ctx.services, ctx.db, ctx.now, p)
        lines.append(paired_reply(ctx.lang, p, result).text)
    return Reply("\n".join(lines))


async def set_experienced(ctx: Context, value: str) -> Reply:
    ctx.participant.experienced = True
    ctx.participant.is_newcomer = False
    await pair_waiting(ctx.services, ctx.db, ctx.now)
    lines = [ctx.t(TEXTS, "experienced_self")]
    row = await pairing_of_newcomer(ctx.db, ctx.participant.id)
    buddy = await ctx.db.get(Participant, row.buddy_id or 0) if row is not None else None
    if buddy is not None:
        lines.append(ctx.t(TEXTS, "experienced_self_still_paired", buddy=buddy.display_name))
    return Reply("\n".join(lines))


def paired_reply(lang: str, newcomer: Participant, result: PairResult) -> Reply:
    if result.pairing is None or result.buddy is None:
        return Reply(TEXTS(lang, "nobody"))
    reason = reason_text(lang, result.pairing.rule, newcomer, result.buddy)
    return Reply(TEXTS(lang, "paired_newcomer", buddy=result.buddy.display_name, reason=reason))


def register(registry: Registry) -> None:
    registry.on_start_command(ask_if_new)
    registry.callback("nieuw", answer_new)
    registry.dialogue(CITY_DIALOGUE, city_answer)
    registry.profile_field(("opvolger", "successor"), set_successor)
    registry.profile_field(("ervaren", "experienced"), set_experienced)
