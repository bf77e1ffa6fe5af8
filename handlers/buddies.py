"""The maatjessysteem: every newcomer gets an experienced buddy (/maatje, /maatjes, /vertrek).

Booklet §1.7 "Community of duiventil?" and §1.9 (Jan Jans, Arnhem): "zorg dan voor goede
overdracht, of regel een maatjessysteem van ervaren en nieuwe deelnemers die elkaar op de
hoogte houden". The rules that choose a buddy live in handlers/pairing.py; this module loads
the facts from storage, records pairs, and sends introductions and check-ins via the outbox.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.context import Context
from bot.dates import format_date
from bot.db.models import Identity, Participant, Rsvp, Session
from bot.db.models.buddies import (
    CHECKIN_FAILURE_LIMIT,
    END_GRADUATED,
    END_LEFT,
    END_REPAIRED,
    RULE_MANUAL,
    RULE_SUCCESSOR,
    BuddyOffer,
    Departure,
    HandoverNote,
    Pairing,
    Succession,
)
from bot.features import Registry
from bot.messages import Button, Reply
from handlers import pairing
from handlers.buddies_texts import TEXTS
from handlers.lookup import find_participant, split_references
from scheduler.jobs import JobContext, cancel, schedule
from scheduler.outbox import enqueue, enqueue_many, enqueue_to_chat
from scheduler.timeline import session_of

if TYPE_CHECKING:
    from bot.app import App

ACTIVE = "active"
LEAVING = "leaving"
CHECKIN_AFTER = timedelta(days=14)
CHECKIN_AGAIN_AFTER = timedelta(days=7)
BRIEF_BEFORE = timedelta(days=-7)
# Sessions last one and a half days: two days after the start is the day after it ended.
ASK_AFTER = timedelta(days=2)
MAX_CITY = 100
MAX_HANDOVER = 3000
CITY_DIALOGUE = "maatje-stad"


# -- facts from storage ------------------------------------------------------------------------


def attended_clause(now: datetime) -> list[object]:
    """A yes for a planned session that has started, unless an organiser corrected it."""
    return [
        Session.status == "planned",
        Session.starts_at < now,
        or_(Rsvp.attended.is_(True), (Rsvp.attended.is_(None)) & (Rsvp.answer == "yes")),
    ]


async def attended_counts(
    db: AsyncSession, now: datetime, ids: Iterable[int] | None = None
) -> dict[int, int]:
    """Sessions attended per participant."""
    query = (
        select(Rsvp.participant_id, func.count())
        .join(Session, Session.id == Rsvp.session_id)
        .where(*attended_clause(now))  # type: ignore[arg-type]
        .group_by(Rsvp.participant_id)
    )
    if ids is not None:
        query = query.where(Rsvp.participant_id.in_(list(ids)))
    return {int(pid): int(n) for pid, n in (await db.execute(query)).all()}


async def active_pairings(db: AsyncSession) -> list[Pairing]:
    return list(
        (
            await db.scalars(
                select(Pairing).where(Pairing.ended_at.is_(None)).order_by(Pairing.id)
            )
        ).all()
    )


async def pairing_of_newcomer(db: AsyncSession, participant_id: int) -> Pairing | None:
    pairing_row: Pairing | None = await db.scalar(
        select(Pairing).where(Pairing.newcomer_id == participant_id, Pairing.ended_at.is_(None))
    )
    return pairing_row


async def newcomers_of(db: AsyncSession, buddy_id: int) -> list[Pairing]:
    return list(
        (
            await db.scalars(
                select(Pairing)
                .where(Pairing.buddy_id == buddy_id, Pairing.ended_at.is_(None))
                .order_by(Pairing.id)
            )
        ).all()
    )


async def past_pairs(db: AsyncSession) -> list[tuple[int, int]]:
    rows = await db.execute(select(Pairing.newcomer_id, Pairing.buddy_id))
    return [(a, b) for a, b in rows.all() if a is not None and b is not None]


async def candidates(db: AsyncSession, now: datetime) -> list[pairing.Person]:
    """Everyone who volunteered as a buddy, with their experience and current load."""
    rows = (await db.execute(select(BuddyOffer, Participant).join(Participant))).all()
    ids = [participant.id for _, participant in rows]
    attended = await attended_counts(db, now, ids)
    load: dict[int, int] = {}
    for p in await active_pairings(db):
        if p.buddy_id is not None:
            load[p.buddy_id] = load.get(p.buddy_id, 0) + 1
    return [
        pairing.Person(
            id=participant.id,
            city=participant.city,
            active=participant.status == ACTIVE,
            experienced=pairing.is_experienced(
                participant.experienced, attended.get(participant.id, 0)
            ),
            offers=True,
            capacity=offer.capacity,
            paused=offer.paused,
            load=load.get(participant.id, 0),
        )
        for offer, participant in rows
    ]


async def predecessor_of(db: AsyncSession, participant_id: int) -> pairing.Person | None:
    succession = await db.get(Succession, participant_id)
    if succession is None:
        return None
    person = await db.get(Participant, succession.predecessor_id)
    if person is None:
        return None
    offer = await db.get(BuddyOffer, person.id)
    return pairing.Person(
        id=person.id,
        city=person.city,
        active=person.status == ACTIVE,
        paused=bool(offer and offer.paused),
    )


async def waiting_newcomers(db: AsyncSession, now: datetime) -> list[Participant]:
    """Newcomers without a buddy, oldest first."""
    people = (
        await db.scalars(
            select(Participant)
            .where(Participant.is_newcomer.is_(True), Participant.status == ACTIVE)
            .order_by(Participant.created_at, Participant.id)
        )
    ).all()
    paired = {p.newcomer_id for p in await active_pairings(db)}
    attended = await attended_counts(db, now, [p.id for p in people])
    return [
        p
        for p in people
        if p.id not in paired and attended.get(p.id, 0) < pairing.EXPERIENCED_AFTER
    ]


async def organiser_ids(db: AsyncSession) -> list[int]:
    return list(
        (
            await db.scalars(
                select(Participant.id).where(
                    Participant.is_organiser.is_(True), Participant.status == ACTIVE
                )
            )
        ).all()
    )


# -- how people are shown ----------------------------------------------------------------------


async def latest_platform(db: AsyncSession, participant_id: int) -> str | None:
    identity = await db.scalar(
        select(Identity)
        .where(Identity.participant_id == participant_id)
        .order_by(Identity.last_seen_at.desc().nulls_last(), Identity.id.desc())
    )
    return identity.platform if identity else None


async def contact_of(
    db: AsyncSession, participant_id: int, lang: str, reader_platform: str | None
) -> str:
    """How to reach someone: Telegram @username or a Slack mention."""
    identities = (
        await db.scalars(
            select(Identity)
            .where(Identity.participant_id == participant_id)
            .order_by(Identity.platform, Identity.id)
        )
    ).all()
    ways = []
    for identity in identities:
        if identity.platform == "telegram" and identity.username:
            ways.append(f"@{identity.username} (Telegram)")
        elif identity.platform == "slack":
            if reader_platform == "slack":
                ways.append(f"<@{identity.user_id}> (Slack)")
            elif identity.username:
                ways.append(f"@{identity.username} (Slack)")
            else:
                ways.append("Slack")
    return ", ".join(ways) if ways else TEXTS(lang, "no_contact")


async def details_of(
    db: AsyncSession, person: Participant, lang: str, reader_platform: str | None
) -> str:
    unknown = TEXTS(lang, "unknown")
    return TEXTS(
        lang,
        "details",
        name=person.display_name,
        city=person.city or unknown,
        organisation=person.organisation or unknown,
        contact=await contact_of(db, person.id, lang, reader_platform),
    )


def reason_text(lang: str, rule: str, newcomer: Participant, buddy: Participant) -> str:
    city = buddy.city or newcomer.city or TEXTS(lang, "unknown")
    return TEXTS(lang, f"reason_{rule}", buddy=buddy.display_name, city=city)


def display(person: Participant | None, lang: str) -> str:
    return person.display_name if person is not None else TEXTS(lang, "someone_erased")


async def next_session(db: AsyncSession, now: datetime) -> Session | None:
    found: Session | None = await db.scalar(
        select(Session)
        .where(Session.status == "planned", Session.starts_at > now)
        .order_by(Session.starts_at)
    )
    return found


async def meet_line(app: App, db: AsyncSession, now: datetime, lang: str) -> str:
    session = await next_session(db, now)
    if session is None:
        return TEXTS(lang, "meet_unplanned")
    when = format_date(session.starts_at, lang, app.settings.tz)
    return TEXTS(lang, "meet_next", when=when, place=session.place or "?")


# -- making and ending pairs ---------------------------------------------------------------------


def checkin_key(pairing_id: int, round_: int) -> str:
    return f"buddy:checkin:pair:{pairing_id}:round:{round_}"


async def create_pairing(
    app: App, db: AsyncSession, now: datetime, newcomer: Participant, buddy: Participant, rule: str
) -> Pairing:
    """Record the pair; the introduction (with the history) and the check-in are scheduled."""
    row = Pairing(
        newcomer_id=newcomer.id,
        buddy_id=buddy.id,
        rule=rule,
        reason=reason_text("nl", rule, newcomer, buddy),
        created_at=now,
        checkin_round=1,
        checkin_failures=0,
    )
    db.add(row)
    await db.flush()
    await schedule(
        db, kind="buddy-intro", key=f"buddy:intro:pair:{row.id}", due_at=now,
        payload={"pair_id": row.id},
    )  # fmt: skip
    await schedule(
        db, kind="buddy-checkin", key=checkin_key(row.id, 1), due_at=now + CHECKIN_AFTER,
        payload={"pair_id": row.id, "round": 1},
    )  # fmt: skip
    return row


async def end_pairing(db: AsyncSession, row: Pairing, reason: str, now: datetime) -> None:
    row.ended_at = now
    row.end_reason = reason
    await cancel(db, key_prefix=f"buddy:checkin:pair:{row.id}:")


@dataclass
class PairResult:
    pairing: Pairing | None
    buddy: Participant | None


async def pair_newcomer(
    app: App, db: AsyncSession, now: datetime, newcomer: Participant
) -> PairResult:
    """Find and record a buddy for one newcomer; organisers are told when there is none."""
    existing = await pairing_of_newcomer(db, newcomer.id)
    if existing is not None:
        return PairResult(existing, await db.get(Participant, existing.buddy_id or 0))
    person = pairing.Person(id=newcomer.id, city=newcomer.city)
    match = pairing.choose_buddy(
        person,
        await candidates(db, now),
        await past_pairs(db),
        await predecessor_of(db, newcomer.id),
    )
    if match is None:
        await tell_organisers_unpaired(db, newcomer)
        return PairResult(None, None)
    buddy = await db.get(Participant, match.buddy_id)
    assert buddy is not None
    return PairResult(await create_pairing(app, db, now, newcomer, buddy, match.rule), buddy)


async def tell_organisers_unpaired(db: AsyncSession, newcomer: Participant) -> None:
    def reply_for(organiser: Participant) -> Reply:
        lang = organiser.language
        city = newcomer.city or TEXTS(lang, "unknown")
        return Reply(TEXTS(lang, "organisers_nobody", name=newcomer.display_name, city=city))

    await enqueue_many(
        db,
        key_prefix=f"buddy:unpaired:participant:{newcomer.id}",
        participant_ids=await organiser_ids(db),
        reply_for=reply_for,
    )


async def pair_waiting(
    app: App, db: AsyncSession, now: datetime
) -> list[tuple[Participant, Participant | None]]:
    """A pairing round for every newcomer without a buddy (also: someone became available)."""
    results: list[tuple[Participant, Participant | None]] = []
    for newcomer in await waiting_newcomers(db, now):
        result = await pair_newcomer(app, db, now, newcomer)
        results.append((newcomer, result.buddy))
    return results


def paired_reply(lang: str, newcomer: Participant, result: PairResult) -> Reply:
    if result.pairing is None or result.buddy is None:
        return Reply(TEXTS(lang, "nobody"))
    reason = reason_text(lang, result.pairing.rule, newcomer, result.buddy)
    return Reply(TEXTS(lang, "paired_newcomer", buddy=result.buddy.display_name, reason=reason))


# -- the feature ---------------------------------------------------------------------------


def register(registry: Registry) -> None:
    d = registry.dispatcher
    jobs = registry.jobs

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

    registry.start_hooks.append(ask_if_new)

    @d.callback("nieuw")
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
        return paired_reply(ctx.lang, p, await pair_newcomer(ctx.app, ctx.db, ctx.now, p))

    @d.dialogue(CITY_DIALOGUE)
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
        return paired_reply(ctx.lang, p, await pair_newcomer(ctx.app, ctx.db, ctx.now, p))

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
            result = await pair_newcomer(ctx.app, ctx.db, ctx.now, p)
            lines.append(paired_reply(ctx.lang, p, result).text)
        return Reply("\n".join(lines))

    async def set_experienced(ctx: Context, value: str) -> Reply:
        ctx.participant.experienced = True
        ctx.participant.is_newcomer = False
        await pair_waiting(ctx.app, ctx.db, ctx.now)
        return Reply(ctx.t(TEXTS, "experienced_self"))

    for name in ("opvolger", "successor"):
        registry.profile_fields[name] = set_successor
    for name in ("ervaren", "experienced"):
        registry.profile_fields[name] = set_experienced

    @d.command(
        "maatje",
        aliases=("buddy",),
        help_nl="je maatje (of je nieuwkomers); /maatje word [max 2] om maatje te worden",
        help_en="your buddy (or your newcomers); /maatje word [max 2] to become a buddy",
        usage="/maatje [word [max]|pauze|koppel [@nieuw @ervaren]|ervaren @naam]",
    )
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
                        date=format_date(mine.created_at, lang, ctx.app.settings.tz),
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
                ctx.t(
                    TEXTS, "your_newcomers", count=len(newcomers), capacity=capacity, paused=paused
                )
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
        capacity = pairing.DEFAULT_CAPACITY
        if words:
            if not words[0].isdigit() or not 1 <= int(words[0]) <= pairing.MAX_CAPACITY:
                return Reply(ctx.t(TEXTS, "bad_capacity", max=pairing.MAX_CAPACITY))
            capacity = int(words[0])
        if p.status != ACTIVE:
            return Reply(ctx.t(TEXTS, "offer_not_active"))
        attended = (await attended_counts(ctx.db, ctx.now, [p.id])).get(p.id, 0)
        if not pairing.is_experienced(p.experienced, attended):
            return Reply(ctx.t(TEXTS, "offer_not_experienced", count=attended))
        offer = await ctx.db.get(BuddyOffer, p.id)
        if offer is None:
            offer = BuddyOffer(participant_id=p.id, created_at=ctx.now)
            ctx.db.add(offer)
        offer.capacity = capacity
        offer.paused = False
        offer.updated_at = ctx.now
        await ctx.db.flush()
        lines = [ctx.t(TEXTS, "offer_saved", capacity=capacity)]
        results = await pair_waiting(ctx.app, ctx.db, ctx.now)
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
            results = await pair_waiting(ctx.app, ctx.db, ctx.now)
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
        await create_pairing(ctx.app, ctx.db, ctx.now, newcomer, buddy, RULE_MANUAL)
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
        await pair_waiting(ctx.app, ctx.db, ctx.now)
        return Reply(ctx.t(TEXTS, "experienced_set", name=person.display_name))

    @d.command(
        "maatjes",
        aliases=("buddies",),
        help_nl="alle maatjesparen, nieuwkomers zonder maatje, belasting en mislukte check-ins",
        help_en="all buddy pairs, newcomers without a buddy, load and failed check-ins",
        organiser_only=True,
    )
    async def overview(ctx: Context) -> Reply:
        db, lang, tz = ctx.db, ctx.lang, ctx.app.settings.tz
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

    # -- check-ins ------------------------------------------------------------------------

    @jobs.job("buddy-intro")
    async def run_intro(job: JobContext) -> None:
        await send_intro(job.app, job.db, job.now, int(job.payload["pair_id"]))

    @jobs.job("buddy-checkin")
    async def run_checkin(job: JobContext) -> None:
        db = job.db
        row = await db.get(Pairing, int(job.payload["pair_id"]))
        round_ = int(job.payload.get("round", 1))
        if row is None or not row.active or row.checked_in_at is not None:
            return
        if row.checkin_round != round_:
            return
        people = [await db.get(Participant, pid or 0) for pid in (row.newcomer_id, row.buddy_id)]
        if people[0] is None or people[1] is None:
            return
        for me, other in ((people[0], people[1]), (people[1], people[0])):
            lang = me.language
            data = f"mci:{row.id}:{round_}"
            reply = Reply(TEXTS(lang, "checkin_question", other=other.display_name)).with_buttons(
                (
                    Button(TEXTS(lang, "button_yes"), f"{data}:ja"),
                    Button(TEXTS(lang, "button_not_yet"), f"{data}:nee"),
                )
            )
            await enqueue(
                db,
                key=f"{checkin_key(row.id, round_)}:participant:{me.id}",
                participant_id=me.id,
                reply=reply,
            )

    @d.callback("mci")
    async def checkin_answer(ctx: Context) -> Reply:
        parts = ctx.args.split(":")
        if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit():
            return Reply(ctx.t(TEXTS, "checkin_done"))
        row = await ctx.db.get(Pairing, int(parts[0]))
        me = ctx.participant.id
        if row is None or me not in (row.newcomer_id, row.buddy_id):
            return Reply(ctx.t(TEXTS, "checkin_done"))
        if not row.active or row.checked_in_at is not None or row.checkin_round != int(parts[1]):
            return Reply(ctx.t(TEXTS, "checkin_done"), edit=True)
        other = await ctx.db.get(
            Participant, (row.buddy_id if me == row.newcomer_id else row.newcomer_id) or 0
        )
        other_name = display(other, ctx.lang)
        if parts[2] == "ja":
            row.checked_in_at = ctx.now
            return Reply(ctx.t(TEXTS, "checkin_yes"), edit=True)
        row.checkin_failures += 1
        row.checkin_round += 1
        if row.checkin_failures >= CHECKIN_FAILURE_LIMIT:
            newcomer = await ctx.db.get(Participant, row.newcomer_id or 0)
            buddy = await ctx.db.get(Participant, row.buddy_id or 0)

            def reply_for(organiser: Participant) -> Reply:
                return Reply(
                    TEXTS(
                        organiser.language,
                        "checkin_organisers",
                        newcomer=display(newcomer, organiser.language),
                        buddy=display(buddy, organiser.language),
                    )
                )

            await enqueue_many(
                ctx.db,
                key_prefix=f"buddy:checkin-failed:pair:{row.id}",
                participant_ids=await organiser_ids(ctx.db),
                reply_for=reply_for,
            )
            return Reply(ctx.t(TEXTS, "checkin_not_yet_final"), edit=True)
        await schedule(
            ctx.db,
            kind="buddy-checkin",
            key=checkin_key(row.id, row.checkin_round),
            due_at=ctx.now + CHECKIN_AGAIN_AFTER,
            payload={"pair_id": row.id, "round": row.checkin_round},
        )
        return Reply(ctx.t(TEXTS, "checkin_not_yet", other=other_name), edit=True)

    @jobs.step(
        "buddy-brief",
        BRIEF_BEFORE,
        label_nl="maatjes: nieuwkomer bijpraten",
        label_en="buddies: brief your newcomer",
    )
    async def run_brief(job: JobContext) -> None:
        session = await session_of(job)
        if session is None:
            return
        db = job.db
        previous = await db.scalar(
            select(Session)
            .where(Session.status == "planned", Session.starts_at < session.starts_at)
            .order_by(Session.starts_at.desc())
        )
        for row in await active_pairings(db):
            newcomer = await db.get(Participant, row.newcomer_id or 0)
            buddy = await db.get(Participant, row.buddy_id or 0)
            if newcomer is None or buddy is None:
                continue
            lang = buddy.language
            theme = TEXTS(lang, "brief_theme", theme=session.theme) if session.theme else ""
            last = ""
            if previous is not None and previous.theme:
                last = TEXTS(lang, "brief_last", theme=previous.theme, place=previous.place or "?")
            text = TEXTS(
                lang,
                "brief",
                when=format_date(session.starts_at, lang, job.app.settings.tz),
                place=session.place or "?",
                theme=theme,
                newcomer=newcomer.display_name,
                last=last,
            )
            await enqueue(
                db,
                key=f"buddy:brief:session:{session.id}:pair:{row.id}:participant:{buddy.id}",
                participant_id=buddy.id,
                reply=Reply(text),
            )

    @jobs.step(
        "buddy-after",
        ASK_AFTER,
        label_nl="maatjes: hoe was het voor je maatje?",
        label_en="buddies: how was it for your newcomer?",
    )
    async def run_after(job: JobContext) -> None:
        session = await session_of(job)
        if session is None:
            return
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
                        or_(
                            Rsvp.attended.is_(True),
                            (Rsvp.attended.is_(None)) & (Rsvp.answer == "yes"),
                        ),
                    )
                )
            ).all()
        )
        graduated = False
        for row in rows:
            newcomer = await db.get(Participant, row.newcomer_id or 0)
            buddy = await db.get(Participant, row.buddy_id or 0)
            if newcomer is None or buddy is None:
                continue
            if attended.get(newcomer.id, 0) >= pairing.EXPERIENCED_AFTER:
                await graduate(db, job.now, row, newcomer, buddy)
                graduated = True
            elif newcomer.id in there:
                await enqueue(
                    db,
                    key=f"buddy:after:session:{session.id}:pair:{row.id}:participant:{buddy.id}",
                    participant_id=buddy.id,
                    reply=Reply(TEXTS(buddy.language, "after", newcomer=newcomer.display_name)),
                )
        if graduated:
            await db.flush()
            await pair_waiting(job.app, db, job.now)

    # -- leaving -----------------------------------------------------------------------------

    @d.command(
        "vertrek",
        aliases=("leave", "afscheid"),
        help_nl="je vertrekt uit de CoP: geen herinneringen meer, en een overdracht",
        help_en="you leave the CoP: no more reminders, and a handover note",
        usage="/vertrek [opvolger @naam]",
    )
    async def leave(ctx: Context) -> Reply:
        words = ctx.args.split(maxsplit=1)
        successor: Participant | None = None
        if words:
            if words[0].lower() not in {"opvolger", "successor"} or len(words) < 2:
                return Reply(ctx.t(TEXTS, "leave_usage"))
            successor = await find_participant(ctx.db, words[1], ctx.incoming.platform)
            if successor is None:
                return Reply(ctx.t(TEXTS, "not_found", who=words[1][:60]))
            if successor.id == ctx.participant.id:
                return Reply(ctx.t(TEXTS, "successor_self"))
        return await depart(ctx, successor)

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
                db.add(
                    Succession(participant_id=successor.id, predecessor_id=me.id, created_at=now)
                )
            await enqueue(
                db,
                key=f"buddy:successor:{me.id}:participant:{successor.id}",
                participant_id=successor.id,
                reply=Reply(
                    TEXTS(successor.language, "leave_successor_told", leaver=me.display_name)
                ),
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
                await enqueue(
                    db,
                    key=f"buddy:left:pair:{own.id}:participant:{buddy.id}",
                    participant_id=buddy.id,
                    reply=Reply(
                        TEXTS(buddy.language, "leave_buddy_told", newcomer=me.display_name)
                    ),
                )
        await db.flush()
        for newcomer in newcomers:
            await enqueue(
                db,
                key=f"buddy:buddy-left:{me.id}:participant:{newcomer.id}",
                participant_id=newcomer.id,
                reply=Reply(
                    TEXTS(newcomer.language, "leave_newcomer_repaired", old=me.display_name)
                ),
            )
            await pair_newcomer(ctx.app, db, now, newcomer)
        if successor is not None and newcomers:
            who = ctx.t(TEXTS, "leave_who_both", name=successor.display_name)
        elif successor is not None:
            who = ctx.t(TEXTS, "leave_who_successor", name=successor.display_name)
        elif newcomers:
            who = ctx.t(TEXTS, "leave_who_newcomers")
        else:
            who = ctx.t(TEXTS, "leave_who_nobody")
        hint = "" if successor is not None else ctx.t(TEXTS, "leave_hint")
        return Reply(ctx.t(TEXTS, "leave_done", who=who, hint=hint))

    @d.command(
        "overdracht",
        aliases=("handover",),
        help_nl="je overdracht bij vertrek, voor je opvolger en je nieuwkomers",
        help_en="your handover note when leaving, for your successor and newcomers",
        usage="/overdracht <tekst>",
    )
    async def handover(ctx: Context) -> Reply:
        text = ctx.args.strip()
        departure = await ctx.db.get(Departure, ctx.participant.id)
        if departure is None:
            return Reply(ctx.t(TEXTS, "handover_not_leaving"))
        if not text:
            return Reply(ctx.t(TEXTS, "handover_usage"))
        if len(text) > MAX_HANDOVER:
            return Reply(ctx.t(TEXTS, "handover_too_long", max=MAX_HANDOVER))
        ctx.db.add(HandoverNote(author_id=ctx.participant.id, text=text, created_at=ctx.now))
        await ctx.db.flush()
        names = await send_handover(ctx.db, ctx.participant)
        if not names:
            return Reply(ctx.t(TEXTS, "handover_kept"))
        departure.handover_sent_at = ctx.now
        return Reply(ctx.t(TEXTS, "handover_sent", names=", ".join(names)))


async def graduate(
    db: AsyncSession, now: datetime, row: Pairing, newcomer: Participant, buddy: Participant
) -> None:
    """After the newcomer's third session: thanks to both, and an invitation to become a buddy."""
    await end_pairing(db, row, END_GRADUATED, now)
    newcomer.is_newcomer = False
    await enqueue(
        db,
        key=f"buddy:graduated:pair:{row.id}:participant:{newcomer.id}",
        participant_id=newcomer.id,
        reply=Reply(TEXTS(newcomer.language, "graduated_newcomer", buddy=buddy.display_name)),
    )
    await enqueue(
        db,
        key=f"buddy:graduated:pair:{row.id}:participant:{buddy.id}",
        participant_id=buddy.id,
        reply=Reply(TEXTS(buddy.language, "graduated_buddy", newcomer=newcomer.display_name)),
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
        lang = person.language
        city = f" ({author.city})" if author.city else ""
        reply = Reply(
            TEXTS(lang, "handover_message", name=author.display_name, city=city, text=note.text)
        )
        await enqueue(
            db, key=f"buddy:handover:{note.id}:participant:{pid}", participant_id=pid, reply=reply
        )
        names.append(person.display_name)
    return names


async def send_intro(app: App, db: AsyncSession, now: datetime, pair_id: int) -> None:
    """Both get each other's details; on Slack, a group DM of the two plus the bot."""
    row = await db.get(Pairing, pair_id)
    if row is None or not row.active:
        return
    newcomer = await db.get(Participant, row.newcomer_id or 0)
    buddy = await db.get(Participant, row.buddy_id or 0)
    if newcomer is None or buddy is None:
        return
    if not await send_group_intro(app, db, now, row, newcomer, buddy):
        await send_direct_intros(app, db, now, row, newcomer, buddy)
    from handlers.history import history_reply

    # The collective memory, so the newcomer can connect quickly.
    await enqueue(
        db,
        key=f"buddy:history:pair:{row.id}:participant:{newcomer.id}",
        participant_id=newcomer.id,
        reply=await history_reply(app, db, now, newcomer.language),
    )


async def send_direct_intros(
    app: App,
    db: AsyncSession,
    now: datetime,
    row: Pairing,
    newcomer: Participant,
    buddy: Participant,
) -> None:
    for me, other, key in ((newcomer, buddy, "intro_newcomer"), (buddy, newcomer, "intro_buddy")):
        lang = me.language
        platform = await latest_platform(db, me.id)
        text = TEXTS(
            lang,
            key,
            buddy=buddy.display_name,
            newcomer=newcomer.display_name,
            details=await details_of(db, other, lang, platform),
            reason=reason_text(lang, row.rule, newcomer, buddy),
            meet=await meet_line(app, db, now, lang),
        )
        await enqueue(
            db,
            key=f"buddy:intro:pair:{row.id}:participant:{me.id}",
            participant_id=me.id,
            reply=Reply(text),
        )


async def slack_user(db: AsyncSession, participant_id: int) -> str | None:
    identity = await db.scalar(
        select(Identity).where(
            Identity.participant_id == participant_id, Identity.platform == "slack"
        )
    )
    return identity.user_id if identity else None


async def send_group_intro(
    app: App,
    db: AsyncSession,
    now: datetime,
    row: Pairing,
    newcomer: Participant,
    buddy: Participant,
) -> bool:
    """A Slack group DM when both are on Slack and the messenger can open one (optional)."""
    messenger = app.messengers.get("slack")
    open_group_chat = getattr(messenger, "open_group_chat", None)
    if open_group_chat is None:
        return False
    if (
        await latest_platform(db, newcomer.id) != "slack"
        or await latest_platform(db, buddy.id) != "slack"
    ):
        return False
    users = [await slack_user(db, newcomer.id), await slack_user(db, buddy.id)]
    if None in users:
        return False
    channel = await open_group_chat(users)
    lang = newcomer.language
    text = TEXTS(
        lang,
        "intro_group",
        newcomer=newcomer.display_name,
        buddy=buddy.display_name,
        newcomer_details=await details_of(db, newcomer, lang, "slack"),
        buddy_details=await details_of(db, buddy, lang, "slack"),
        reason=reason_text(lang, row.rule, newcomer, buddy),
        meet=await meet_line(app, db, now, lang),
    )
    await enqueue_to_chat(
        db,
        key=f"buddy:intro:pair:{row.id}:group",
        platform="slack",
        chat_id=str(channel),
        reply=Reply(text),
    )
    return True
