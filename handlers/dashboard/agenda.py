"""The agenda page: a meeting's proposals with their support, its vote as a bar chart with
the counts the chat shows, and the programme built from it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from sqlalchemy import select

from bot.core.dates import format_date, format_short
from bot.core.ports import WebPage
from bot.db.models import Session
from bot.db.models.polls import POLL_OPEN
from bot.kernel.lookup import parse_id
from bot.kernel.services import Registry
from handlers.dashboard.charts import Words, bar_chart
from handlers.dashboard.web import Page, guarded
from handlers.polls import (
    agenda_meeting,
    items_of,
    names_of,
    poll_of,
    poll_view,
    proposals_of,
    ranking,
    span,
    support_counts,
    voter_count,
)


@dataclass(frozen=True)
class ProposalRow:
    id: int
    title: str
    proposer: str
    support: int
    why: str


@dataclass(frozen=True)
class ItemRow:
    number: int
    day: int
    time: str
    title: str
    room: str
    speaker: str
    owner: str


@dataclass(frozen=True)
class PollState:
    status: str  # open | closed
    line: str
    anonymous: bool
    hidden: bool  # the standing is hidden, as in the chat
    chart: Markup | None


async def agenda(page: Page) -> WebPage:
    """The meeting /agenda speaks of in the chat: the next one taking proposals, or the one
    whose vote just closed."""
    meeting, skipped = await agenda_meeting(page.db, page.now)
    if meeting is None and skipped is not None:
        meeting = await page.db.get(Session, skipped)
    if meeting is None:
        meeting = await page.db.scalar(select(Session).order_by(Session.starts_at.desc()))
    return await show(page, meeting)


async def agenda_of(page: Page) -> WebPage:
    number = parse_id(page.request.params.get("id", ""))
    meeting = await page.db.get(Session, number) if number is not None else None
    if meeting is None:
        return page.render(
            "message.html", status=404, heading=page.t("agenda_title"), text=page.t("not_found")
        )
    return await show(page, meeting)


async def show(page: Page, meeting: Session | None) -> WebPage:
    values: dict[str, Any] = {}
    if meeting is not None:
        values = {
            "meeting_line": page.meeting_line(meeting),
            "meeting_id": meeting.id,
            "proposals": await proposal_rows(page, meeting),
            "poll": await poll_state(page, meeting),
            "programme": await programme_rows(page, meeting),
        }
    return page.render(
        "agenda.html",
        heading=page.t("agenda_title"),
        section="agenda",
        who=page.visitor.participant.display_name,
        meeting=meeting,
        others=await other_meetings(page, meeting),
        **values,
    )


async def proposal_rows(page: Page, meeting: Session) -> list[ProposalRow]:
    proposals = await proposals_of(page.db, meeting.id)
    supports = await support_counts(page.db, [p.id for p in proposals])
    names = await names_of(page.db, [p.proposer_id for p in proposals])
    return [
        ProposalRow(
            id=p.id,
            title=p.title,
            proposer=names.get(p.proposer_id or 0, page.t("agenda_someone")),
            support=supports.get(p.id, 0),
            why=p.why or "",
        )
        for p in proposals
    ]


async def poll_state(page: Page, meeting: Session) -> PollState | None:
    poll = await poll_of(page.db, meeting.id)
    if poll is None:
        return None
    view = await poll_view(page.db, poll)
    voters = await voter_count(page.db, poll)
    tz = page.services.settings.tz
    closes = format_short(poll.closed_at or poll.closes_at, page.lang, tz)
    if poll.status == POLL_OPEN:
        line = page.t("agenda_poll_open", closes=closes, max=poll.max_votes, voters=voters)
    else:
        line = page.t("agenda_poll_closed", closes=closes, voters=voters)
    chart = None
    if view.show_counts():
        # The order and the counts of /peiling stand: ranking() over the same tally.
        bars = [(f"#{p.id} {p.title}", view.counts.get(p.id, 0)) for p in ranking(view)]
        top = bars[0][0] if bars and bars[0][1] else page.t("agenda_chart_none")
        words = Words(
            title=page.t("agenda_chart_title", id=meeting.id),
            description=page.t("agenda_chart_desc", top=top),
            numbers=page.t("agenda_numbers"),
            label_header=page.t("agenda_col_topic"),
            value_header=page.t("agenda_col_votes"),
        )
        chart = bar_chart("votes", words, bars)
    return PollState(
        status=poll.status,
        line=line,
        anonymous=poll.anonymous,
        hidden=not view.show_counts(),
        chart=chart,
    )


async def programme_rows(page: Page, meeting: Session) -> list[ItemRow]:
    items = await items_of(page.db, meeting.id)
    owners = await names_of(page.db, [i.owner_id for i in items])
    return [
        ItemRow(
            number=i.number,
            day=i.day,
            time=span(i),
            title=i.title,
            room=i.room or "",
            speaker=i.speaker or "",
            owner=owners.get(i.owner_id or 0, ""),
        )
        for i in items
    ]


async def other_meetings(page: Page, shown: Session | None) -> list[tuple[int, str]]:
    tz = page.services.settings.tz
    rows = (await page.db.scalars(select(Session).order_by(Session.starts_at))).all()
    return [
        (m.id, page.t("agenda_other_link", id=m.id, date=format_date(m.starts_at, page.lang, tz)))
        for m in rows
        if shown is None or m.id != shown.id
    ]


def register(registry: Registry) -> None:
    """Its pages and actions (paths under /dashboard/agenda)."""
    registry.page("/dashboard/agenda", guarded(agenda))
    registry.page("/dashboard/agenda/{id}", guarded(agenda_of))
