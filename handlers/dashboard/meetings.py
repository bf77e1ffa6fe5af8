"""The meetings page: upcoming and past meetings with their counts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bot.core.dates import format_date
from bot.core.ports import WebPage
from bot.db.models import Session
from bot.kernel.services import Registry
from handlers.dashboard.web import Page, guarded
from handlers.sessions import counts_of


@dataclass(frozen=True)
class MeetingRow:
    id: int
    number: int
    date: str
    place: str
    theme: str
    coming: int
    status: str


async def meetings(page: Page) -> WebPage:
    rows = (await page.db.scalars(select(Session).order_by(Session.starts_at))).all()
    tz = page.services.settings.tz
    counts = await counts_of(page.db, [m.id for m in rows])
    upcoming: list[MeetingRow] = []
    past: list[MeetingRow] = []
    for meeting in rows:
        done = meeting.ends_at <= page.now
        status = meeting.status if meeting.status != "planned" or not done else "done"
        row = MeetingRow(
            id=meeting.id,
            number=meeting.id,
            date=format_date(meeting.starts_at, page.lang, tz),
            place=meeting.place,
            theme=meeting.theme,
            coming=counts[meeting.id].yes,
            status=status,
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


def register(registry: Registry) -> None:
    """Its pages and actions (paths under /dashboard/meetings)."""
    registry.page("/dashboard/meetings", guarded(meetings))
