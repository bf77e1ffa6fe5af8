"""The reading club: books and reports, the picks per session, presenters and verdicts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models.base import Base, UTCDateTime

# The booklet's three verdicts (§1.6): what colleagues really should read, what set the
# readers thinking, and where there is no getting through.
USEFUL = "bruikbaar"
THOUGHT_PROVOKING = "aan het denken gezet"
UNREADABLE = "niet doorheen te komen"
VERDICTS = (USEFUL, THOUGHT_PROVOKING, UNREADABLE)

SOURCE_BOOKLET = "booklet"
SOURCE_MEMBER = "member"

# At most this many presenters per session: "een boekbespreking door 2 of 3 mensen".
MAX_PRESENTERS = 3


class Book(Base):
    """A book or report, from the booklet or proposed by a participant."""

    __tablename__ = "books"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    author: Mapped[str | None] = mapped_column(String(200))
    link: Mapped[str | None] = mapped_column(String(500))
    proposed_by: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    source: Mapped[str] = mapped_column(String(20), default=SOURCE_MEMBER)  # booklet | member
    # The knowledge record's id for books from the booklet; unique, so seeding runs once.
    booklet_id: Mapped[str | None] = mapped_column(String(100), unique=True)


class BookPick(Base):
    """A book chosen for the discussion at the opening of one session."""

    __tablename__ = "book_picks"
    __table_args__ = (UniqueConstraint("book_id", "session_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    book_id: Mapped[int] = mapped_column(ForeignKey("books.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    picked_by: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Presenter(Base):
    """A participant who presents a pick at its session."""

    __tablename__ = "book_presenters"
    __table_args__ = (UniqueConstraint("pick_id", "participant_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pick_id: Mapped[int] = mapped_column(
        ForeignKey("book_picks.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Verdict(Base):
    """What a reader tells colleagues about a book, "zonder blad voor de mond".

    One per reader and book (a later verdict replaces the earlier one). The booklet's own
    verdicts have no participant.
    """

    __tablename__ = "book_verdicts"
    __table_args__ = (UniqueConstraint("book_id", "participant_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    book_id: Mapped[int] = mapped_column(ForeignKey("books.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True
    )
    verdict: Mapped[str] = mapped_column(String(40))  # one of VERDICTS
    take: Mapped[str] = mapped_column(Text, default="")  # one line; the booklet's is longer
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The session the book was discussed at, when there was one (no FK: history outlives it).
    session_id: Mapped[int | None] = mapped_column(Integer)
