"""A meeting's roster for the organisers, outside the chat too: where each answer stands for
the night, and the CSV for the hotel and the caterer."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Participant, Rsvp, Session
from handlers.sessions import signup
from handlers.sessions.logistics_texts import TEXTS as LOGISTICS
from handlers.sessions.rooms import has_room, is_waiting, waiting_list
from handlers.sessions.roster_texts import TEXTS
from handlers.sessions.views import MAYBE, YES, rsvps_of

# Where an answer stands for the night of an overnight meeting.
ROOM, WAITING, NO_ROOM, UNKNOWN = "room", "waiting", "no_room", "unknown"


def overnight_state(rsvps: dict[int, Rsvp], rsvp: Rsvp) -> tuple[str, int]:
    """ROOM, WAITING (with the place on the waiting list, 1 first), NO_ROOM or UNKNOWN."""
    if has_room(rsvp):
        return ROOM, 0
    if is_waiting(rsvp):
        return WAITING, [r.id for r in waiting_list(rsvps)].index(rsvp.id) + 1
    if rsvp.overnight is False:
        return NO_ROOM, 0
    return UNKNOWN, 0


@dataclass(frozen=True)
class HotelList:
    """The CSV (UTF-8 with a BOM) and what it leaves out."""

    filename: str
    content: bytes
    people: int
    nights: int
    maybe: int
    waiting: int


async def hotel_csv(db: AsyncSession, meeting: Session, lang: str) -> HotelList:
    """Who comes (yes): name, organisation, nights, diet; sorted by name."""
    rsvps = await rsvps_of(db, meeting.id)
    coming = [r for r in rsvps.values() if r.answer == YES]
    found = await db.scalars(
        select(Participant).where(Participant.id.in_([r.participant_id for r in coming]))
    )
    people = {p.id: p for p in found.all()}
    rows: list[list[str]] = []
    for rsvp in coming:
        person = people.get(rsvp.participant_id)
        nights = 1 if meeting.overnight and has_room(rsvp) else 0
        rows.append(
            [
                person.display_name if person else "?",
                (person.organisation or "") if person else "",
                str(nights),
                signup.diet_text(rsvp, lang),
            ]
        )
    rows.sort(key=lambda row: row[0].casefold())
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(TEXTS(lang, "list_columns").split(","))
    writer.writerows(rows)
    return HotelList(
        filename=TEXTS(lang, "list_file", id=meeting.id),
        content=out.getvalue().encode("utf-8-sig"),  # the BOM lets spreadsheets read é and ë
        people=len(rows),
        nights=sum(int(row[2]) for row in rows),
        maybe=sum(1 for r in rsvps.values() if r.answer == MAYBE),
        waiting=len(waiting_list(rsvps)),
    )


def part_name(part: str, lang: str) -> str:
    """ "dag 1", "diner", ... as the sign-up shows a part (PARTS)."""
    return LOGISTICS(lang, f"part_{part}")


def diet_name(diet: str, lang: str) -> str:
    """ "vegetarisch", ... as the sign-up shows a dietary need (DIETS)."""
    return LOGISTICS(lang, f"diet_{diet}")
