"""The maatjessysteem's commands: /maatje (your buddy or newcomers, become a buddy, pause;
organisers pair), /maatjes; `register` wires the feature.

Booklet §1.7 "Community of duiventil?" and §1.9 (Jan Jans, Arnhem): "zorg dan voor goede
overdracht, of regel een maatjessysteem van ervaren en nieuwe deelnemers die elkaar op de
hoogte houden". The rules that choose a buddy live in rules.py, the pairs in storage in
pairs.py, how people are shown in views.py, the way in for newcomers in onboarding.py, what
organisers do in organising.py, the introduction in intro.py, the check-ins in checkins.py,
/vertrek with /overdracht in leaving.py, and what erasure must cover in erasure.py.
"""

from __future__ import annotations

from bot.core.dates import format_date
from bot.core.lists import join_names
from bot.core.messages import Reply
from bot.db.models import Participant
from bot.db.models.buddies import BuddyOffer
from bot.kernel.services import Context, Registry
from handlers.buddies import checkins as buddy_checkins
from handlers.buddies import erasure, leaving, onboarding, unpairing
from handlers.buddies import intro as buddy_intro
from handlers.buddies import rules as pairing
from handlers.buddies.organising import mark_experienced, organiser_pair, overview
from handlers.buddies.pairs import (
    ACTIVE,
    attended_counts,
    newcomers_of,
    pair_waiting,
    pairing_of_newcomer,
)
from handlers.buddies.texts import TEXTS
from handlers.buddies.views import details_of, reason_text


async def buddy_command(ctx: Context) -> Reply:
    sub, _, rest = ctx.args.strip().partition(" ")
    sub = sub.lower()
    if not sub:
        return await show(ctx)
    if sub in {"word", "worden", "become", "aan"}:
        return await volunteer(ctx, rest.strip())
    if sub in {"pauze", "pause", "stop"}:
        return await pause(ctx)
    if sub in {"koppel", "pair"}:
        return await organiser_pair(ctx, rest.strip())
    if sub in {"ervaren", "experienced"}:
        return await mark_experienced(ctx, rest.strip())
    if sub in {"ontkoppel", "unpair"}:
        return await unpairing.ask_unpair(ctx, rest.strip())
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
        lines.append(ctx.t(TEXTS, "offer_paired", names=join_names(mine, ctx.lang)))
    return Reply("\n".join(lines))


async def pause(ctx: Context) -> Reply:
    offer = await ctx.db.get(BuddyOffer, ctx.participant.id)
    if offer is None:
        return Reply(ctx.t(TEXTS, "pause_without_offer"))
    offer.paused = True
    offer.updated_at = ctx.now
    return Reply(ctx.t(TEXTS, "paused"))


def register(registry: Registry) -> None:
    onboarding.register(registry)
    unpairing.register(registry)
    registry.command(
        "maatje",
        buddy_command,
        name_en="buddy",
        aliases=("buddy",),
        help_nl="je maatje (of je nieuwkomers); /maatje word [max 2] om maatje te worden",
        help_en="your buddy (or your newcomers); /buddy become [max 2] to become a buddy",
        usage="/maatje [word [max]|pauze|koppel [@nieuw @ervaren]|ervaren @naam|ontkoppel @naam]",
    )
    registry.command(
        "maatjes",
        overview,
        name_en="buddies",
        aliases=("buddies",),
        help_nl="alle maatjesparen, nieuwkomers zonder maatje, belasting en mislukte check-ins",
        help_en="all buddy pairs, newcomers without a buddy, load and failed check-ins",
        organiser_only=True,
    )
    # The introduction, the check-ins and leaving, in this order after /maatje and /maatjes.
    buddy_intro.register(registry)
    buddy_checkins.register(registry)
    leaving.register(registry)
    erasure.register(registry)
