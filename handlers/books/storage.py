"""The reading club's storage: the booklet's books, picks, presenters, verdicts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Book, BookPick, Participant, Presenter, Session, Verdict
from bot.db.models.books import MAX_PRESENTERS, SOURCE_BOOKLET
from bot.db.models.sessions import PLANNED
from bot.kernel.services import Context
from handlers.books.parsing import normalise_title, similarity

# Titles this similar (0-100, on normalised titles) are the same book.
DUPLICATE_SCORE = 88


async def seed_booklet_books(ctx: Context) -> int:
    """Add the booklet's books (with the booklet's verdict) that are not there yet."""
    records = ctx.services.knowledge.books
    present = set(
        (await ctx.db.scalars(select(Book.booklet_id).where(Book.booklet_id.is_not(None)))).all()
    )
    added = 0
    for record in records:
        if record.id in present:
            continue
        try:
            async with ctx.db.begin_nested():
                book = Book(
                    title=record.title,
                    author=record.author,
                    source=SOURCE_BOOKLET,
                    booklet_id=record.id,
                    created_at=ctx.now,
                )
                ctx.db.add(book)
                await ctx.db.flush()
                ctx.db.add(
                    Verdict(
                        book_id=book.id,
                        participant_id=None,
                        verdict=record.verdict,
                        take=record.summary,
                        created_at=ctx.now,
                    )
                )
                await ctx.db.flush()
        except IntegrityError:  # seeded at the same moment by another update
            continue
        added += 1
    return added


@dataclass
class PresenterRow:
    presenter: Presenter
    person: Participant
    pick: BookPick
    book: Book


async def picks_of(db: AsyncSession, session_id: int) -> list[tuple[BookPick, Book]]:
    rows = await db.execute(
        select(BookPick, Book)
        .join(Book, BookPick.book_id == Book.id)
        .where(BookPick.session_id == session_id)
        .order_by(BookPick.created_at, BookPick.id)
    )
    return [(pick, book) for pick, book in rows.all()]


async def presenters_of(db: AsyncSession, session_id: int) -> list[PresenterRow]:
    rows = await db.execute(
        select(Presenter, Participant, BookPick, Book)
        .join(Participant, Presenter.participant_id == Participant.id)
        .join(BookPick, Presenter.pick_id == BookPick.id)
        .join(Book, BookPick.book_id == Book.id)
        .where(BookPick.session_id == session_id)
        .order_by(Presenter.created_at, Presenter.id)
    )
    return [PresenterRow(*row) for row in rows.all()]


def presents(rows: Sequence[PresenterRow], pick_id: int, participant_id: int) -> bool:
    return any(r.pick.id == pick_id and r.person.id == participant_id for r in rows)


def may_volunteer(rows: Sequence[PresenterRow], pick_id: int, participant_id: int) -> bool:
    """There is room among the session's presenters and this one does not present it yet."""
    return len(rows) < MAX_PRESENTERS and not presents(rows, pick_id, participant_id)


async def upcoming_pick(
    db: AsyncSession, book_id: int, now: datetime
) -> tuple[BookPick, Session] | None:
    row = (
        await db.execute(
            select(BookPick, Session)
            .join(Session, BookPick.session_id == Session.id)
            .where(BookPick.book_id == book_id, Session.status == PLANNED, Session.ends_at > now)
            .order_by(Session.starts_at)
            .limit(1)
        )
    ).first()
    return (row[0], row[1]) if row else None


async def verdicts_of(
    db: AsyncSession, book_ids: Sequence[int] | None = None, limit: int | None = None
) -> list[tuple[Verdict, Book, Participant | None]]:
    query = (
        select(Verdict, Book, Participant)
        .join(Book, Verdict.book_id == Book.id)
        .outerjoin(Participant, Verdict.participant_id == Participant.id)
        .order_by(Verdict.created_at.desc(), Verdict.id.desc())
    )
    if book_ids is not None:
        query = query.where(Verdict.book_id.in_(book_ids))
    if limit is not None:
        query = query.limit(limit)
    return [(v, b, p) for v, b, p in (await db.execute(query)).all()]


async def find_duplicate(db: AsyncSession, title: str) -> Book | None:
    wanted = normalise_title(title)
    best: tuple[float, Book] | None = None
    for book in (await db.scalars(select(Book))).all():
        score = similarity(wanted, normalise_title(book.title))
        if score >= DUPLICATE_SCORE and (best is None or score > best[0]):
            best = (score, book)
    return best[1] if best else None


async def save_verdict(ctx: Context, book: Book, verdict: str, take: str) -> Verdict:
    """The reader's verdict on `book`; a later one replaces the earlier."""
    discussed = await ctx.db.scalar(
        select(BookPick.session_id)
        .join(Session, BookPick.session_id == Session.id)
        .where(BookPick.book_id == book.id, Session.starts_at <= ctx.now)
        .order_by(Session.starts_at.desc())
        .limit(1)
    )
    row = await ctx.db.scalar(
        select(Verdict).where(
            Verdict.book_id == book.id, Verdict.participant_id == ctx.participant.id
        )
    )
    if row is None:
        row = Verdict(book_id=book.id, participant_id=ctx.participant.id)
        ctx.db.add(row)
    row.verdict = verdict
    row.take = take
    row.created_at = ctx.now
    row.session_id = discussed
    await ctx.db.flush()
    return row
