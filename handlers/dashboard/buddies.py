"""The buddies page: pairs with since-when and check-in state, newcomers waiting for a buddy,
the load per buddy and failed check-ins (the same figures as /maatjes in the chat)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bot.core.dates import format_date
from bot.core.ports import WebPage
from bot.db.models import Participant
from bot.kernel.services import Registry
from handlers.buddies import (
    CHECKIN_FAILED,
    CHECKIN_SPOKEN,
    active_pairings,
    candidates,
    checkin_state,
    waiting_newcomers,
)
from handlers.dashboard.web import Page, guarded


@dataclass(frozen=True)
class PairRow:
    newcomer: str
    buddy: str
    since: str
    rule: str
    state: str  # CHECKIN_SPOKEN, CHECKIN_FAILED or CHECKIN_OPEN
    checkin: str


@dataclass(frozen=True)
class WaitingRow:
    name: str
    city: str
    joined: str


@dataclass(frozen=True)
class LoadRow:
    name: str
    load: int
    capacity: int
    paused: bool

    @property
    def full(self) -> bool:
        return self.load >= self.capacity


async def buddies(page: Page) -> WebPage:
    db, now, lang, tz = page.db, page.now, page.lang, page.services.settings.tz
    pairings = await active_pairings(db)
    offers = await candidates(db, now)
    ids = {p.newcomer_id for p in pairings} | {p.buddy_id for p in pairings}
    ids |= {offer.id for offer in offers}
    wanted = [i for i in ids if i is not None]
    names = {
        pid: name
        for pid, name in (
            await db.execute(
                select(Participant.id, Participant.display_name).where(Participant.id.in_(wanted))
            )
        ).all()
    }

    def name_of(participant_id: int | None) -> str:
        return names.get(participant_id or 0) or page.t("buddies_erased")

    pairs = []
    for row in pairings:
        state = checkin_state(row)
        if state == CHECKIN_SPOKEN:
            assert row.checked_in_at is not None
            checkin = page.t(
                "buddies_checkin_spoken", date=format_date(row.checked_in_at, lang, tz)
            )
        elif state == CHECKIN_FAILED:
            checkin = page.t("buddies_checkin_failed", failures=row.checkin_failures)
        else:
            checkin = page.t("buddies_checkin_open", round=row.checkin_round)
        pairs.append(
            PairRow(
                newcomer=name_of(row.newcomer_id),
                buddy=name_of(row.buddy_id),
                since=format_date(row.created_at, lang, tz),
                rule=page.t(f"buddies_rule_{row.rule}"),
                state=state,
                checkin=checkin,
            )
        )
    waiting = [
        WaitingRow(
            name=person.display_name,
            city=person.city or page.t("buddies_city_unknown"),
            joined=format_date(person.created_at, lang, tz),
        )
        for person in await waiting_newcomers(db, now)
    ]
    load = sorted(
        (LoadRow(name_of(o.id), o.load, o.capacity, o.paused) for o in offers),
        key=lambda r: (-r.load, r.name),
    )
    return page.render(
        "buddies.html",
        heading=page.t("buddies_title"),
        section="buddies",
        who=page.visitor.participant.display_name,
        pairs=pairs,
        waiting=waiting,
        load=load,
        failed=[p for p in pairs if p.state == CHECKIN_FAILED],
    )


def register(registry: Registry) -> None:
    """Its pages and actions (paths under /dashboard/buddies)."""
    registry.page("/dashboard/buddies", guarded(buddies))
