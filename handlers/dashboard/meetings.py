"""The meetings pages: upcoming and past meetings with their counts, and one meeting with its
answers, waiting list, hotel list, programme and timeline."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bot.core.dates import format_date, format_datetime
from bot.core.ports import WebPage
from bot.db.models import Participant, Session
from bot.kernel.lookup import parse_id
from bot.kernel.services import Registry
from handlers.dashboard.meeting_steps import NOTICES, confirm, missing, send, timeline
from handlers.dashboard.web import HEADERS, Page, guarded
from handlers.polls import programme_days
from handlers.sessions import (
    DIETS,
    MAYBE,
    NO,
    PARTS,
    YES,
    active_participants,
    chosen_parts,
    count,
    counts_of,
    diet_name,
    diet_text,
    hotel_csv,
    overnight_state,
    part_name,
    parts_text,
    rooms_taken,
    rsvps_of,
    waiting_list,
)

ANSWER_ORDER = {YES: 0, MAYBE: 1, NO: 2}


@dataclass(frozen=True)
class MeetingRow:
    id: int
    number: int
    date: str
    place: str
    theme: str
    coming: int
    status: str


@dataclass(frozen=True)
class RsvpRow:
    name: str
    city: str
    answer: str
    parts: str
    overnight: str
    diet: str
    note: str


async def meetings(page: Page) -> WebPage:
    rows = (await page.db.scalars(select(Session).order_by(Session.starts_at))).all()
    tz = page.services.settings.tz
    counts = await counts_of(page.db, [m.id for m in rows])
    upcoming: list[MeetingRow] = []
    past: list[MeetingRow] = []
    for meeting in rows:
        done = meeting.ends_at <= page.now
        row = MeetingRow(
            id=meeting.id,
            number=meeting.id,
            date=format_date(meeting.starts_at, page.lang, tz),
            place=meeting.place,
            theme=meeting.theme,
            coming=counts[meeting.id].yes,
            status=status_of(page, meeting),
        )
        (past if done else upcoming).append(row)
    past.reverse()
    return page.render(
        "meetings.html",
        heading=page.t("meetings_title"),
        section="meetings",
        who=page.visitor.participant.display_name,
        upcoming=upcoming,
        past=past,
    )


def status_of(page: Page, meeting: Session) -> str:
    done = meeting.ends_at <= page.now
    return meeting.status if meeting.status != "planned" or not done else "done"


async def meeting_of(page: Page) -> Session | None:
    reference = page.request.params.get("id", "")
    number = parse_id(reference)
    return await page.db.get(Session, number) if number is not None else None


async def meeting(page: Page) -> WebPage:
    """One meeting: its facts, counts, answers, waiting list, hotel list, programme, timeline."""
    found = await meeting_of(page)
    if found is None:
        return missing(page)
    tz, lang = page.services.settings.tz, page.lang
    rsvps = await rsvps_of(page.db, found.id)
    ids = list(rsvps)
    people = {
        p.id: p
        for p in (await page.db.scalars(select(Participant).where(Participant.id.in_(ids)))).all()
    }
    active = await active_participants(page.db)

    def name_of(pid: int) -> str:
        person = people.get(pid)
        return person.display_name if person else "?"

    table = []
    for rsvp in sorted(
        rsvps.values(),
        key=lambda r: (ANSWER_ORDER.get(r.answer, 3), name_of(r.participant_id).casefold()),
    ):
        person = people.get(rsvp.participant_id)
        night = chosen = ""
        if found.overnight and rsvp.answer != NO:
            state, place = overnight_state(rsvps, rsvp)
            night = page.t(f"meeting_night_{state}", place=place)
            chosen = parts_text(found, rsvp, lang)
        table.append(
            RsvpRow(
                name=name_of(rsvp.participant_id),
                city=(person.city or "") if person else "",
                answer=page.t(f"meeting_answer_{rsvp.answer}"),
                parts=chosen,
                overnight=night,
                diet=diet_text(rsvp, lang),
                note=rsvp.note or "",
            )
        )
    yes = [r for r in rsvps.values() if r.answer == YES]
    answers = count(list(rsvps.values()))
    counts = [
        ("meeting_count_yes", answers.yes),
        ("meeting_count_maybe", answers.maybe),
        ("meeting_count_no", answers.no),
        ("meeting_count_silent", sum(1 for p in active if p.id not in rsvps)),
    ]
    if found.overnight:
        counts += [
            ("meeting_count_rooms", rooms_taken(rsvps)),
            ("meeting_count_waiting", len(waiting_list(rsvps))),
        ]
    parts = (
        [(part_name(p, lang), sum(1 for r in yes if p in chosen_parts(found, r))) for p in PARTS]
        if found.overnight
        else []
    )
    diets = [(diet_name(d, lang), sum(1 for r in yes if d in (r.diets or []))) for d in DIETS]
    waiting = [
        (
            place,
            name_of(r.participant_id),
            format_datetime(r.waiting_since, lang, tz) if r.waiting_since else "",
        )
        for place, r in enumerate(waiting_list(rsvps), 1)
    ]
    hotel = await hotel_csv(page.db, found, lang)
    notice = page.request.query.get("notice", "")
    return page.render(
        "meeting.html",
        heading=page.t("meeting_title", id=found.id),
        section="meetings",
        who=page.visitor.participant.display_name,
        meeting=found,
        meeting_status=status_of(page, found),
        when=format_datetime(found.starts_at, lang, tz)
        + " – "
        + format_datetime(found.ends_at, lang, tz),
        deadline=format_datetime(found.rsvp_deadline, lang, tz) if found.rsvp_deadline else "",
        counts=counts,
        parts=parts,
        diets=[(name, n) for name, n in diets if n],
        rsvps=table,
        waiting=waiting,
        hotel=hotel,
        programme=await programme_days(page.db, found, lang, tz),
        steps=await timeline(page, found),
        notice=f"meeting_notice_{notice}" if notice in NOTICES else "",
    )


async def hotel(page: Page) -> WebPage:
    """The hotel and caterer's CSV, as /sessie <n> lijst sends it in the chat."""
    found = await meeting_of(page)
    if found is None:
        return missing(page)
    made = await hotel_csv(page.db, found, page.lang)
    headers = {**HEADERS, "Content-Disposition": f'attachment; filename="{made.filename}"'}
    return WebPage(made.content, content_type="text/csv", headers=headers)


async def send_page(page: Page) -> WebPage:
    found = await meeting_of(page)
    return missing(page) if found is None else await confirm(page, found)


def register(registry: Registry) -> None:
    """Its pages and actions (paths under /dashboard/meetings)."""
    registry.page("/dashboard/meetings", guarded(meetings))
    registry.page("/dashboard/meetings/{id}", guarded(meeting))
    registry.page("/dashboard/meetings/{id}/hotel.csv", guarded(hotel))
    registry.page("/dashboard/meetings/{id}/steps/{job}/send", guarded(send_page))
    registry.page(
        "/dashboard/meetings/{id}/steps/{job}/send", guarded(send, action=True), methods=("POST",)
    )
