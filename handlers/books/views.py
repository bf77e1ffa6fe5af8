"""What the reading club shows: the next pick (/boek), the library (/boeken), one book."""

from __future__ import annotations

from sqlalchemy import select

from bot.core.dates import format_date, format_datetime
from bot.core.messages import Button, Reply
from bot.db.models import Book, BookPick, Participant, Session, Verdict
from bot.db.models.books import (
    SOURCE_BOOKLET,
    THOUGHT_PROVOKING,
    UNREADABLE,
    USEFUL,
    VERDICTS,
)
from bot.db.models.sessions import PLANNED
from bot.kernel.services import Context
from handlers.books.storage import (
    may_volunteer,
    picks_of,
    presenters_of,
    upcoming_pick,
    verdicts_of,
)
from handlers.books.texts import TEXTS
from handlers.sessions import upcoming_sessions

LATEST_VERDICTS = 3
# /boeken shows at most this many verdicts under a discussed book, their takes clipped to this.
LIBRARY_VERDICTS = 3
LIBRARY_TAKE = 120
CALLBACK = "boek"
VERDICT_CODES = {"b": USEFUL, "d": THOUGHT_PROVOKING, "n": UNREADABLE}


def label(book: Book) -> str:
    return f"{book.title} — {book.author}" if book.author else book.title


def when(ctx: Context, session: Session) -> str:
    return format_datetime(session.starts_at, ctx.lang, ctx.services.settings.tz)


def where(lang: str, session: Session) -> str:
    return TEXTS(lang, "place", place=session.place) if session.place else ""


def verdict_label(lang: str, verdict: str) -> str:
    key = f"verdict_{verdict}"
    return TEXTS(lang, key) if verdict in VERDICTS else verdict


def reader(lang: str, verdict: Verdict, person: Participant | None, book: Book) -> str:
    if person is not None:
        return person.display_name
    if book.source == SOURCE_BOOKLET:
        return TEXTS(lang, "booklet_reader", source="1.6")
    return TEXTS(lang, "former_participant")


def take_suffix(take: str, clip: int | None = None) -> str:
    if clip is not None and len(take) > clip:
        take = take[:clip].rsplit(" ", 1)[0].rstrip(" ,.;:") + "…"
    return f": “{take}”" if take else ""


def verdict_buttons(lang: str, book_id: int) -> tuple[tuple[Button, ...], ...]:
    return tuple(
        (Button(verdict_label(lang, verdict), f"{CALLBACK}:v:{book_id}:{code}"),)
        for code, verdict in VERDICT_CODES.items()
    )


def present_button(lang: str, book_id: int) -> tuple[Button, ...]:
    return (Button(TEXTS(lang, "button_present", id=book_id), f"{CALLBACK}:p:{book_id}"),)


def verdict_line(
    lang: str,
    key: str,
    verdict: Verdict,
    person: Participant | None,
    book: Book,
    clip: int | None = None,
) -> str:
    return TEXTS(
        lang,
        key,
        book=book.title,
        verdict=verdict_label(lang, verdict.verdict),
        who=reader(lang, verdict, person, book),
        take=take_suffix(verdict.take, clip),
    )


def counts_text(lang: str, verdicts: list[Verdict]) -> str:
    if not verdicts:
        return ""
    parts = [
        TEXTS(lang, "count", n=n, verdict=verdict_label(lang, verdict))
        for verdict in VERDICTS
        if (n := sum(1 for v in verdicts if v.verdict == verdict))
    ]
    return " — " + ", ".join(parts) if parts else ""


async def next_view(ctx: Context) -> Reply:
    """/boek: the pick(s) for the next session, their presenters, and the latest verdicts."""
    lines: list[str] = []
    buttons: list[tuple[Button, ...]] = []
    sessions = await upcoming_sessions(ctx.db, ctx.now)
    if not sessions:
        lines += [ctx.t(TEXTS, "no_session"), ctx.t(TEXTS, "how_to_propose")]
    else:
        session = sessions[0]
        picks = await picks_of(ctx.db, session.id)
        if not picks:
            lines.append(
                ctx.t(TEXTS, "no_pick", date=when(ctx, session), place=where(ctx.lang, session))
            )
            lines.append(ctx.t(TEXTS, "how_to_propose"))
        else:
            lines.append(
                ctx.t(
                    TEXTS, "next_header", date=when(ctx, session), place=where(ctx.lang, session)
                )
            )
            presenters = await presenters_of(ctx.db, session.id)
            for pick, book in picks:
                lines.append(ctx.t(TEXTS, "pick_line", id=book.id, book=label(book)))
                if book.link:
                    lines.append(ctx.t(TEXTS, "link_line", link=book.link))
                names = [row.person.display_name for row in presenters if row.pick.id == pick.id]
                if names:
                    lines.append(ctx.t(TEXTS, "presenters_line", names=", ".join(names)))
                else:
                    lines.append(ctx.t(TEXTS, "no_presenters_yet", id=book.id))
                if may_volunteer(presenters, pick.id, ctx.participant.id):
                    buttons.append(present_button(ctx.lang, book.id))
            lines.append(ctx.t(TEXTS, "basic_question"))
    latest = await verdicts_of(ctx.db, limit=LATEST_VERDICTS)
    if latest:
        lines.append("")
        lines.append(ctx.t(TEXTS, "latest_verdicts"))
        for verdict, book, person in latest:
            lines.append(verdict_line(ctx.lang, "verdict_line", verdict, person, book))
    buttons.append((Button(ctx.t(TEXTS, "button_all_books"), f"{CALLBACK}:l"),))
    return Reply("\n".join(lines)).with_buttons(*buttons)


async def library_view(ctx: Context) -> Reply:
    """/boeken: what is picked, what was discussed (with its latest verdicts), the proposals."""
    books = list((await ctx.db.scalars(select(Book).order_by(Book.id))).all())
    if not books:
        return Reply(ctx.t(TEXTS, "library_empty"))
    pick_rows = await ctx.db.execute(
        select(BookPick.book_id, Session)
        .join(Session, BookPick.session_id == Session.id)
        .where(Session.status == PLANNED)
        .order_by(Session.starts_at)
    )
    upcoming: dict[int, Session] = {}
    discussed: dict[int, Session] = {}
    for book_id, session in pick_rows:
        if session.ends_at > ctx.now:
            upcoming.setdefault(book_id, session)
        else:
            discussed[book_id] = session  # ordered by time, so the last one stays
    all_verdicts: dict[int, list[tuple[Verdict, Participant | None]]] = {}
    for verdict, book, person in await verdicts_of(ctx.db):  # the latest first
        all_verdicts.setdefault(book.id, []).append((verdict, person))

    def line(book: Book, session: Session | None) -> str:
        if session is not None:
            moment = format_date(session.starts_at, ctx.lang, ctx.services.settings.tz)
            extra = ctx.t(TEXTS, "library_when", date=moment)
        elif book.source == SOURCE_BOOKLET:
            extra = ctx.t(TEXTS, "library_booklet")
        else:
            extra = ""
        counts = counts_text(ctx.lang, [v for v, _p in all_verdicts.get(book.id, [])])
        return ctx.t(
            TEXTS, "library_line", id=book.id, book=label(book), when=extra, counts=counts
        )

    def with_verdicts(book: Book, session: Session | None) -> str:
        """A discussed book, and under it its latest verdicts with their one-line takes."""
        verdicts = all_verdicts.get(book.id, [])
        lines = [line(book, session)]
        lines += [
            verdict_line(ctx.lang, "verdict_line_short", v, p, book, clip=LIBRARY_TAKE)
            for v, p in verdicts[:LIBRARY_VERDICTS]
        ]
        if len(verdicts) > LIBRARY_VERDICTS:
            more = len(verdicts) - LIBRARY_VERDICTS
            lines.append(ctx.t(TEXTS, "library_more_verdicts", n=more, id=book.id))
        return "\n".join(lines)

    sections: list[str] = []
    now_picked = sorted(
        (b for b in books if b.id in upcoming), key=lambda b: upcoming[b.id].starts_at
    )
    if now_picked:
        sections.append(
            "\n".join(
                [ctx.t(TEXTS, "library_upcoming")] + [line(b, upcoming[b.id]) for b in now_picked]
            )
        )
    history = [
        b
        for b in books
        if b.id not in upcoming and (b.id in discussed or b.source == SOURCE_BOOKLET)
    ]
    history.sort(key=lambda b: discussed[b.id].starts_at if b.id in discussed else b.created_at)
    history.reverse()
    if history:
        sections.append(
            "\n".join(
                [ctx.t(TEXTS, "library_history")]
                + [with_verdicts(b, discussed.get(b.id)) for b in history]
            )
        )
    proposals = [b for b in books if b.id not in upcoming and b not in history]
    if proposals:
        sections.append(
            "\n".join([ctx.t(TEXTS, "library_proposals")] + [line(b, None) for b in proposals])
        )
    sections.append(ctx.t(TEXTS, "library_footer"))
    return Reply("\n\n".join(sections))


async def book_view(ctx: Context, book: Book) -> Reply:
    """/boek <nummer>: one book with its picks, presenters and every verdict."""
    lines = [ctx.t(TEXTS, "detail_header", id=book.id, book=label(book))]
    if book.link:
        lines.append(book.link)
    if book.source == SOURCE_BOOKLET:
        lines.append(ctx.t(TEXTS, "detail_booklet", source="1.6"))
    elif book.proposed_by is not None:
        proposer = await ctx.db.get(Participant, book.proposed_by)
        if proposer is not None:
            lines.append(ctx.t(TEXTS, "detail_proposed_by", name=proposer.display_name))
    picks = await ctx.db.execute(
        select(BookPick, Session)
        .join(Session, BookPick.session_id == Session.id)
        .where(BookPick.book_id == book.id, Session.status == PLANNED)
        .order_by(Session.starts_at)
    )
    for pick, session in picks:
        presenters = [
            row.person.display_name
            for row in await presenters_of(ctx.db, session.id)
            if row.pick.id == pick.id
        ]
        names = ", ".join(presenters) or ctx.t(TEXTS, "nobody")
        lines.append(ctx.t(TEXTS, "detail_pick", date=when(ctx, session), names=names))
    verdicts = await verdicts_of(ctx.db, [book.id])
    lines.append("")
    if verdicts:
        lines.append(ctx.t(TEXTS, "detail_verdicts"))
        for verdict, _book, person in verdicts:
            lines.append(verdict_line(ctx.lang, "verdict_line_short", verdict, person, book))
    else:
        lines.append(ctx.t(TEXTS, "detail_no_verdicts"))
    buttons: list[tuple[Button, ...]] = []
    upcoming = await upcoming_pick(ctx.db, book.id, ctx.now)
    if upcoming is not None:
        taken = await presenters_of(ctx.db, upcoming[1].id)
        if may_volunteer(taken, upcoming[0].id, ctx.participant.id):
            buttons.append(present_button(ctx.lang, book.id))
    elif ctx.is_organiser and await upcoming_sessions(ctx.db, ctx.now):
        buttons.append((Button(ctx.t(TEXTS, "button_pick"), f"{CALLBACK}:k:{book.id}"),))
    return Reply("\n".join(lines)).with_buttons(*buttons)
