"""The books page: per meeting the picked books, their presenters and the readers' verdicts
(read through the reading club's own queries), and the verdicts per book as a chart."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup
from sqlalchemy import select

from bot.core.lists import join_names
from bot.core.ports import WebPage
from bot.db.models import BookPick, Session
from bot.db.models.books import VERDICTS
from bot.kernel.services import Registry
from handlers.books import label, picks_of, presenters_of, reader, verdict_label, verdicts_of
from handlers.dashboard.charts import Series, Words, column_chart
from handlers.dashboard.web import Page, guarded


@dataclass(frozen=True)
class VerdictRow:
    reader: str
    verdict: str
    take: str


@dataclass(frozen=True)
class PickRow:
    book_id: int
    book: str
    presenters: str
    counts: dict[str, int]  # verdict (stored value) -> readers
    verdicts: list[VerdictRow]


@dataclass(frozen=True)
class MeetingBooks:
    id: int
    line: str
    picks: list[PickRow]


async def books_page(page: Page) -> WebPage:
    meetings = (
        await page.db.scalars(
            select(Session)
            .where(Session.id.in_(select(BookPick.session_id)))
            .order_by(Session.starts_at)
        )
    ).all()
    shown: list[MeetingBooks] = []
    for meeting in meetings:
        line = page.meeting_line(meeting)
        shown.append(MeetingBooks(meeting.id, line, await pick_rows(page, meeting.id)))
    picks = [(m.id, p) for m in shown for p in m.picks]
    return page.render(
        "books.html",
        heading=page.t("books_title"),
        section="books",
        who=page.visitor.participant.display_name,
        meetings=list(reversed(shown)),  # the latest first
        chart=verdicts_chart(page, picks) if picks else None,
        verdict_names=[(v, verdict_label(page.lang, v)) for v in VERDICTS],
    )


async def pick_rows(page: Page, session_id: int) -> list[PickRow]:
    picks = await picks_of(page.db, session_id)
    presenters = await presenters_of(page.db, session_id)
    verdicts = await verdicts_of(page.db, [book.id for _, book in picks])
    rows = []
    for pick, book in picks:
        names = [r.person.display_name for r in presenters if r.pick.id == pick.id]
        mine = [(v, p) for v, b, p in verdicts if b.id == book.id]
        rows.append(
            PickRow(
                book_id=book.id,
                book=label(book),
                presenters=join_names(names, page.lang) if names else "",
                counts={kind: sum(1 for v, _ in mine if v.verdict == kind) for kind in VERDICTS},
                verdicts=[
                    VerdictRow(
                        reader=reader(page.lang, v, p, book),
                        verdict=verdict_label(page.lang, v.verdict),
                        take=v.take,
                    )
                    for v, p in mine
                ],
            )
        )
    return rows


def verdicts_chart(page: Page, picks: list[tuple[int, PickRow]]) -> Markup:
    words = Words(
        title=page.t("books_chart_title"),
        description=page.t("books_chart_desc"),
        numbers=page.t("books_numbers"),
        label_header=page.t("books_col_book"),
    )
    series = [
        Series(verdict_label(page.lang, kind), tuple(p.counts[kind] for _, p in picks))
        for kind in VERDICTS
    ]
    return column_chart("verdicts", words, [f"{m}: {p.book}" for m, p in picks], series)


def register(registry: Registry) -> None:
    """Its pages and actions (paths under /dashboard/books)."""
    registry.page("/dashboard/books", guarded(books_page))
