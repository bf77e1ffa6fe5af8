"""The maatjessysteem: /start asks who is new, /maatje, /maatjes; `register` wires the feature.

Booklet §1.7 "Community of duiventil?" and §1.9 (Jan Jans, Arnhem): "zorg dan voor goede
overdracht, of regel een maatjessysteem van ervaren en nieuwe deelnemers die elkaar op de
hoogte houden". The rules that choose a buddy live in handlers/pairing.py, the pairs in storage
in handlers/buddy_pairs.py, how people are shown in handlers/buddy_views.py, the introduction in
handlers/buddy_intro.py, the check-ins in handlers/buddy_checkins.py and /vertrek with
/overdracht in handlers/leaving.py.
"""

from __future__ import annotations

from sqlalchemy import select

from bot.core.dates import format_date
from bot.core.messages import Button, Reply
from bot.db.models import Participant
from bot.db.models.buddies import (
    CHECKIN_FAILURE_LIMIT,
    END_REPAIRED,
    RULE_MANUAL,
    RULE_SUCCESSOR,
    BuddyOffer,
    Succession,
)
from bot.kernel.lookup import find_participant, split_references
from bot.kernel.services import Context, Registry
from handlers.buddies import checkins as buddy_checkins
from handlers.buddies import intro as buddy_intro
from handlers.buddies import leaving
from handlers.buddies import rules as pairing
from handlers.buddies.pairs import (
    ACTIVE,
    PairResult,
    active_pairings,
    attended_counts,
    candidates,
    create_pairing,
    end_pairing,
    newcomers_of,
    pair_newcomer,
    pair_waiting,
    pairing_of_newcomer,
    past_pairs,
    predecessor_of,
    waiting_newcomers,
)
from handlers.buddies.texts import TEXTS
from handlers.buddies.views import details_of, display, reason_text

MAX_CITY = 100
CITY_DIALOGUE = "maatje-stad"


async def ask_if_new(ctx: Context, first_time: bool) -> list[Reply]:
    if ctx.participant.is_newcomer is not None or ctx.incoming.is_group:
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
    p = ctx.participant
    if ctx.args == "nee":
        p.is_newcomer = False
        p.experienced = True
        return Reply(ctx.t(TEXTS, "not_new"), edit=True)
    p.is_newcomer = True
    if not p.city:
        await ctx.start_dialogue(CITY_DIALOGUE, {})
        return Reply(ctx.t(TEXTS, "ask_city"), edit=True)
    return paired_reply(ctx.lang, p, await pair_newcomer(ctx.services, ctx.db, ctx.now, p))


async def city_answer(ctx: Context) -> Reply:
    text = ctx.args.strip()
    words = text.split(maxsplit=1)
    if words and words[0].lower().lstrip("/") in {"opvolger", "successor"}:
        reply = await set_successor(ctx, words[1] if len(words) > 1 else "")
        await ctx.end_dialogue()
        return reply
    if len(text) > MAX_CITY:
        return Reply(ctx.t(TEXTS, "city_too_long", max=MAX_CITY))
    ctx.participant.city = text
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
    return Reply(ctx.t(TEXTS, "experienced_self"))


async def buddy_command(ctx: Context) -> Reply:
    sub, _, rest = ctx.args.strip().partition(" ")
    sub = sub.lower()
    if not sub:
        return await show(ctx)
    if sub in {"word", "worden", "become", "aan"}:
        return await volunteer(ctx, rest.strip())
    if sub in {"pauze", "pause", "stop"}:
        return await pause(ctx)
    if sub in {"koppel", "pair"} and ctx.is_organiser:
        return await organiser_pair(ctx, rest.strip())
    if sub in {"ervaren", "experienced"} and ctx.is_organiser:
        return await mark_experienced(ctx, rest.strip())
    return Reply(ctx.t(TEXTS, "usage"))


async def show(ctx: Context) -> Reply:
    db, p, lang = ctx.db, ctx.participant, ctx.lang
    parts: list[str] = []
    mine = await pairing_of_newcomer(db, p.id)
    if mine is not None and mine.buddy_id is not None:
        buddy = await db.get(Participant, mine.buddy_id)
        if buddy is not None:
            parts.append(
                ctx.t(
                    TEXTS,
                    "your_buddy",
                    details=await details_of(db, buddy, lang, ctx.incoming.platform),
                    date=format_date(mine.created_at, lang, ctx.services.settings.tz),
                    reason=reason_text(lang, mine.rule, p, buddy),
                )
            )
    elif p.is_newcomer and p.status == ACTIVE:
        parts.append(ctx.t(TEXTS, "waiting"))
    offer = await db.get(BuddyOffer, p.id)
    newcomers = await newcomers_of(db, p.id)
    paused = ctx.t(TEXTS, "paused_note") if offer and offer.paused else ""
    if newcomers:
        capacity = offer.capacity if offer else len(newcomers)
        lines = [
            ctx.t(TEXTS, "your_newcomers", count=len(newcomers), capacity=capacity, paused=paused)
        ]
        for row in newcomers:
            person = await db.get(Participant, row.newcomer_id or 0)
            if person is not None:
                lines.append("")
                lines.append(await details_of(db, person, lang, ctx.incoming.platform))
        parts.append("\n".join(lines))
    elif offer is not None:
        parts.append(ctx.t(TEXTS, "offer_line", capacity=offer.capacity, paused=paused))
    return Reply("\n\n".join(parts) if parts else ctx.t(TEXTS, "nothing"))


async def volunteer(ctx: Context, rest: str) -> Reply:
    p = ctx.participant
    words = [w for w in rest.lower().split() if w not in {"max", "maximaal", "maximum"}]
    offer = await ctx.db.get(BuddyOffer, p.id)
    # Coming back from a pause without a number keeps the capacity offered before.
    capacity = offer.capacity if offer is not None else pairing.DEFAULT_CAPACITY
    if words:
        if not words[0].isdigit() or not 1 <= int(words[0]) <= pairing.MAX_CAPACITY:
            return Reply(ctx.t(TEXTS, "bad_capacity", max=pairing.MAX_CAPACITY))
        capacity = int(words[0])
    if p.status != ACTIVE:
        return Reply(ctx.t(TEXTS, "offer_not_active"))
    attended = (await attended_counts(ctx.db, ctx.now, [p.id])).get(p.id, 0)
    if not pairing.is_experienced(p.experienced, attended):
        return Reply(ctx.t(TEXTS, "offer_not_experienced", count=attended))
    if offer is None:
        offer = BuddyOffer(participant_id=p.id, created_at=ctx.now)
        ctx.db.add(offer)
    offer.capacity = capacity
    offer.paused = False
    offer.updated_at = ctx.now
    await ctx.db.flush()
    lines = [ctx.t(TEXTS, "offer_saved", capacity=capacity)]
    results = await pair_waiting(ctx.services, ctx.db, ctx.now)
    mine = [n.display_name for n, buddy in results if buddy is not None and buddy.id == p.id]
    if mine:
        lines.append(ctx.t(TEXTS, "offer_paired", names=", ".join(mine)))
    return Reply("\n".join(lines))


async def pause(ctx: Context) -> Reply:
    offer = await ctx.db.get(BuddyOffer, ctx.participant.id)
    if offer is None:
        return Reply(ctx.t(TEXTS, "pause_without_offer"))
    offer.paused = True
    offer.updated_at = ctx.now
    return Reply(ctx.t(TEXTS, "paused"))


async def organiser_pair(ctx: Context, rest: str) -> Reply:
    refs = split_references(rest)
    if not refs:
        results = await pair_waiting(ctx.services, ctx.db, ctx.now)
        lines = [
            ctx.t(
                TEXTS,
                "round_done",
                paired=sum(1 for _, b in results if b is not None),
                unpaired=sum(1 for _, b in results if b is None),
            )
        ]
        for newcomer, buddy in results:
            if buddy is None:
                lines.append(ctx.t(TEXTS, "round_unpaired", newcomer=newcomer.display_name))
                continue
            row = await pairing_of_newcomer(ctx.db, newcomer.id)
            reason = reason_text(ctx.lang, row.rule if row else RULE_MANUAL, newcomer, buddy)
            lines.append(
                ctx.t(
                    TEXTS,
                    "round_line",
                    newcomer=newcomer.display_name,
                    buddy=buddy.display_name,
                    reason=reason,
                )
            )
        return Reply("\n".join(lines))
    if len(refs) != 2:
        return Reply(ctx.t(TEXTS, "manual_usage"))
    found = []
    for ref in refs:
        person = await find_participant(ctx.db, ref, ctx.incoming.platform)
        if person is None:
            return Reply(ctx.t(TEXTS, "not_found", who=ref[:60]))
        found.append(person)
    newcomer, buddy = found
    if newcomer.id == buddy.id:
        return Reply(ctx.t(TEXTS, "manual_same"))
    for person in found:
        if person.status != ACTIVE:
            return Reply(ctx.t(TEXTS, "manual_inactive", name=person.display_name))
    if pairing.paired_before(newcomer.id, buddy.id, await past_pairs(ctx.db)):
        return Reply(
            ctx.t(
                TEXTS,
                "manual_repeat",
                newcomer=newcomer.display_name,
                buddy=buddy.display_name,
            )
        )
    lines = []
    current = await pairing_of_newcomer(ctx.db, newcomer.id)
    if current is not None:
        old = await ctx.db.get(Participant, current.buddy_id or 0)
        await end_pairing(ctx.db, current, END_REPAIRED, ctx.now)
        lines.append(ctx.t(TEXTS, "manual_replaced", old=display(old, ctx.lang)))
    newcomer.is_newcomer = True
    await create_pairing(ctx.services, ctx.db, ctx.now, newcomer, buddy, RULE_MANUAL)
    if current is not None:
        await pair_waiting(ctx.services, ctx.db, ctx.now)  # the old buddy has room again
    lines.insert(
        0,
        ctx.t(TEXTS, "manual_done", newcomer=newcomer.display_name, buddy=buddy.display_name),
    )
    return Reply("\n".join(lines))


async def mark_experienced(ctx: Context, rest: str) -> Reply:
    person = await find_participant(ctx.db, rest, ctx.incoming.platform) if rest else None
    if person is None:
        return Reply(ctx.t(TEXTS, "not_found", who=rest[:60] or "?"))
    person.experienced = True
    await pair_waiting(ctx.services, ctx.db, ctx.now)
    return Reply(ctx.t(TEXTS, "experienced_set", name=person.display_name))


async def overview(ctx: Context) -> Reply:
    db, lang, tz = ctx.db, ctx.lang, ctx.services.settings.tz
    rows = await active_pairings(db)
    names = {p.id: p for p in (await db.scalars(select(Participant))).all()}
    lines = [ctx.t(TEXTS, "overview_pairs", count=len(rows))]
    failed = []
    for row in rows:
        flag = ""
        if row.checked_in_at is not None:
            flag = ctx.t(TEXTS, "flag_ok")
        elif row.checkin_failures >= CHECKIN_FAILURE_LIMIT:
            flag = ctx.t(TEXTS, "flag_failed")
        line = ctx.t(
            TEXTS,
            "overview_pair",
            newcomer=display(names.get(row.newcomer_id or 0), lang),
            buddy=display(names.get(row.buddy_id or 0), lang),
            date=format_date(row.created_at, lang, tz),
            rule=ctx.t(TEXTS, f"rule_{row.rule}"),
            flag=flag,
        )
        lines.append("• " + line)
        if row.checkin_failures >= CHECKIN_FAILURE_LIMIT and row.checked_in_at is None:
            failed.append(line)
    if not rows:
        lines.append(ctx.t(TEXTS, "overview_none"))
    waiting = await waiting_newcomers(db, ctx.now)
    lines += ["", ctx.t(TEXTS, "overview_unpaired", count=len(waiting))]
    lines += [f"• {p.display_name} ({p.city or ctx.t(TEXTS, 'unknown')})" for p in waiting]
    if not waiting:
        lines.append(ctx.t(TEXTS, "overview_none"))
    lines += ["", ctx.t(TEXTS, "overview_load")]
    offers = await candidates(db, ctx.now)
    for person in sorted(offers, key=lambda c: (-c.load, display(names.get(c.id), lang))):
        lines.append(
            "• "
            + ctx.t(
                TEXTS,
                "overview_load_line",
                name=display(names.get(person.id), lang),
                load=person.load,
                capacity=person.capacity,
                paused=ctx.t(TEXTS, "paused_note") if person.paused else "",
            )
        )
    if not offers:
        lines.append(ctx.t(TEXTS, "overview_none"))
    lines += ["", ctx.t(TEXTS, "overview_failed")]
    lines += [f"• {line}" for line in failed] or [ctx.t(TEXTS, "overview_none")]
    return Reply("\n".join(lines))


def register(registry: Registry) -> None:
    registry.start_hooks.append(ask_if_new)
    registry.callback("nieuw", answer_new)
    registry.dialogue(CITY_DIALOGUE, city_answer)
    for name in ("opvolger", "successor"):
        registry.profile_fields[name] = set_successor
    for name in ("ervaren", "experienced"):
        registry.profile_fields[name] = set_experienced
    registry.command(
        "maatje",
        buddy_command,
        aliases=("buddy",),
        help_nl="je maatje (of je nieuwkomers); /maatje word [max 2] om maatje te worden",
        help_en="your buddy (or your newcomers); /maatje word [max 2] to become a buddy",
        usage="/maatje [word [max]|pauze|koppel [@nieuw @ervaren]|ervaren @naam]",
    )
    registry.command(
        "maatjes",
        overview,
        aliases=("buddies",),
        help_nl="alle maatjesparen, nieuwkomers zonder maatje, belasting en mislukte check-ins",
        help_en="all buddy pairs, newcomers without a buddy, load and failed check-ins",
        organiser_only=True,
    )
    # The introduction, the check-ins and leaving, in this order after /maatje and /maatjes.
    buddy_intro.register(registry)
    buddy_checkins.register(registry)
    leaving.register(registry)


def paired_reply(lang: str, newcomer: Participant, result: PairResult) -> Reply:
    if result.pairing is None or result.buddy is None:
        return Reply(TEXTS(lang, "nobody"))
    reason = reason_text(lang, result.pairing.rule, newcomer, result.buddy)
    return Reply(TEXTS(lang, "paired_newcomer", buddy=result.buddy.display_name, reason=reason))
