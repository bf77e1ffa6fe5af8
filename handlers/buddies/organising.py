"""What organisers do in the maatjessysteem: /maatje koppel (a round, or a pair by hand),
/maatje ervaren @naam, and /maatjes, the overview of pairs, waiting newcomers and load."""

from __future__ import annotations

from sqlalchemy import select

from bot.core.dates import format_date
from bot.core.messages import Reply
from bot.db.models import Identity, Participant
from bot.db.models.buddies import END_REPAIRED, RULE_MANUAL
from bot.kernel.lookup import find_participant, split_references
from bot.kernel.roles import require_organiser
from bot.kernel.services import Context
from handlers.buddies import rules as pairing
from handlers.buddies.organising_texts import ORGANISING_TEXTS
from handlers.buddies.pairs import (
    ACTIVE,
    CHECKIN_FAILED,
    CHECKIN_SPOKEN,
    active_pairings,
    candidates,
    checkin_state,
    create_pairing,
    end_pairing,
    pair_waiting,
    pairing_of_newcomer,
    past_pairs,
    waiting_newcomers,
)
from handlers.buddies.texts import TEXTS
from handlers.buddies.views import display, reason_text


async def organiser_pair(ctx: Context, rest: str) -> Reply:
    require_organiser(ctx, hint=ctx.t(TEXTS, "organisers_only_hint"))
    refs = split_references(rest)
    if not refs:
        results = await pair_waiting(ctx.services, ctx.db, ctx.now)
        lines = [
            ctx.t(
                ORGANISING_TEXTS,
                "round_done",
                paired=sum(1 for _, b in results if b is not None),
                unpaired=sum(1 for _, b in results if b is None),
            )
        ]
        for newcomer, buddy in results:
            if buddy is None:
                lines.append(
                    ctx.t(ORGANISING_TEXTS, "round_unpaired", newcomer=newcomer.display_name)
                )
                continue
            row = await pairing_of_newcomer(ctx.db, newcomer.id)
            reason = reason_text(ctx.lang, row.rule if row else RULE_MANUAL, newcomer, buddy)
            lines.append(
                ctx.t(
                    ORGANISING_TEXTS,
                    "round_line",
                    newcomer=newcomer.display_name,
                    buddy=buddy.display_name,
                    reason=reason,
                )
            )
        return Reply("\n".join(lines))
    if len(refs) != 2:
        return Reply(ctx.t(ORGANISING_TEXTS, "manual_usage"))
    found = []
    for ref in refs:
        person = await find_participant(ctx.db, ref, ctx.incoming.platform)
        if person is None:
            return Reply(ctx.t(TEXTS, "not_found", who=ref[:60]))
        found.append(person)
    newcomer, buddy = found
    if newcomer.id == buddy.id:
        return Reply(ctx.t(ORGANISING_TEXTS, "manual_same"))
    for person in found:
        if person.status != ACTIVE:
            return Reply(ctx.t(ORGANISING_TEXTS, "manual_inactive", name=person.display_name))
    if pairing.paired_before(newcomer.id, buddy.id, await past_pairs(ctx.db)):
        return Reply(
            ctx.t(
                ORGANISING_TEXTS,
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
        lines.append(ctx.t(ORGANISING_TEXTS, "manual_replaced", old=display(old, ctx.lang)))
    newcomer.is_newcomer = True
    await create_pairing(ctx.services, ctx.db, ctx.now, newcomer, buddy, RULE_MANUAL)
    if current is not None:
        await pair_waiting(ctx.services, ctx.db, ctx.now)  # the old buddy has room again
    lines.insert(
        0,
        ctx.t(
            ORGANISING_TEXTS,
            "manual_done",
            newcomer=newcomer.display_name,
            buddy=buddy.display_name,
        ),
    )
    return Reply("\n".join(lines))


async def mark_experienced(ctx: Context, rest: str) -> Reply:
    require_organiser(ctx, hint=ctx.t(TEXTS, "organisers_only_hint"))
    person = await find_participant(ctx.db, rest, ctx.incoming.platform) if rest else None
    if person is None:
        return Reply(ctx.t(TEXTS, "not_found", who=rest[:60] or "?"))
    person.experienced = True
    person.is_newcomer = False
    await pair_waiting(ctx.services, ctx.db, ctx.now)
    lines = [ctx.t(TEXTS, "experienced_set", name=person.display_name)]
    row = await pairing_of_newcomer(ctx.db, person.id)
    if row is not None:
        buddy = await ctx.db.get(Participant, row.buddy_id or 0)
        lines.append(
            ctx.t(
                ORGANISING_TEXTS,
                "experienced_still_paired",
                name=person.display_name,
                buddy=display(buddy, ctx.lang),
                ref=await reference(ctx, person),
            )
        )
    return Reply("\n".join(lines))


async def reference(ctx: Context, person: Participant) -> str:
    """How to name someone in a command: their username when known, else their name."""
    username = await ctx.db.scalar(
        select(Identity.username)
        .where(Identity.participant_id == person.id, Identity.username.is_not(None))
        .order_by(Identity.platform != ctx.incoming.platform, Identity.id)
    )
    return f"@{username}" if username else person.display_name


async def overview(ctx: Context) -> Reply:
    db, lang, tz = ctx.db, ctx.lang, ctx.services.settings.tz
    rows = await active_pairings(db)
    names = {p.id: p for p in (await db.scalars(select(Participant))).all()}
    lines = [ctx.t(ORGANISING_TEXTS, "overview_pairs", count=len(rows))]
    failed = []
    for row in rows:
        state = checkin_state(row)
        flag = ""
        if state == CHECKIN_SPOKEN:
            flag = ctx.t(ORGANISING_TEXTS, "flag_ok")
        elif state == CHECKIN_FAILED:
            flag = ctx.t(ORGANISING_TEXTS, "flag_failed")
        line = ctx.t(
            ORGANISING_TEXTS,
            "overview_pair",
            newcomer=display(names.get(row.newcomer_id or 0), lang),
            buddy=display(names.get(row.buddy_id or 0), lang),
            date=format_date(row.created_at, lang, tz),
            rule=ctx.t(ORGANISING_TEXTS, f"rule_{row.rule}"),
            flag=flag,
        )
        lines.append("• " + line)
        if state == CHECKIN_FAILED:
            failed.append(line)
    if not rows:
        lines.append(ctx.t(ORGANISING_TEXTS, "overview_none"))
    waiting = await waiting_newcomers(db, ctx.now)
    lines += ["", ctx.t(ORGANISING_TEXTS, "overview_unpaired", count=len(waiting))]
    lines += [f"• {p.display_name} ({p.city or ctx.t(TEXTS, 'city_unknown')})" for p in waiting]
    if not waiting:
        lines.append(ctx.t(ORGANISING_TEXTS, "overview_none"))
    lines += ["", ctx.t(ORGANISING_TEXTS, "overview_load")]
    offers = await candidates(db, ctx.now)
    for person in sorted(offers, key=lambda c: (-c.load, display(names.get(c.id), lang))):
        lines.append(
            "• "
            + ctx.t(
                ORGANISING_TEXTS,
                "overview_load_line",
                name=display(names.get(person.id), lang),
                load=person.load,
                capacity=person.capacity,
                paused=ctx.t(TEXTS, "paused_note") if person.paused else "",
            )
        )
    if not offers:
        lines.append(ctx.t(ORGANISING_TEXTS, "overview_none"))
    lines += ["", ctx.t(ORGANISING_TEXTS, "overview_failed")]
    lines += [f"• {line}" for line in failed] or [ctx.t(ORGANISING_TEXTS, "overview_none")]
    return Reply("\n".join(lines))
