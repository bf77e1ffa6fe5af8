"""The collective memory after the booklet: what participants took from a meeting (answers),
the lessons the preparation group made of them, who contributed, and whether they may be named.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models.base import Base, UTCDateTime

# MemoryAnswer.status
OPEN = "open"  # waiting for the preparation group
USED = "used"  # part of a lesson
SKIPPED = "skipped"  # the preparation group passed it over

# HarvestedLesson.status
ACTIVE = "active"
WITHDRAWN = "withdrawn"

MAX_ANSWER = 1000
MAX_LESSON_TITLE = 200


class MemoryAnswer(Base):
    """A participant's answer to "which lesson do you take from this meeting?", and three months
    later to "what did you do with it in your own city?"."""

    __tablename__ = "memory_answers"
    __table_args__ = (UniqueConstraint("session_id", "participant_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    # Personal: erasing the participant deletes the answer (a lesson made of it stays).
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    programme_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("programme_items.id", ondelete="SET NULL")
    )
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    followup: Mapped[str | None] = mapped_column(Text)
    followup_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(20), default=OPEN)
    lesson_id: Mapped[int | None] = mapped_column(
        ForeignKey("memory_lessons.id", ondelete="SET NULL"), index=True
    )


class HarvestedLesson(Base):
    """A lesson made from participants' answers, stored with where and when it was learnt."""

    __tablename__ = "memory_lessons"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="SET NULL"), index=True
    )
    # Kept on the lesson itself, so it still says where it comes from if the meeting goes.
    meeting_number: Mapped[int] = mapped_column(Integer, default=0)
    meeting_date: Mapped[datetime] = mapped_column(UTCDateTime())
    place: Mapped[str] = mapped_column(String(200), default="")
    cities: Mapped[str] = mapped_column(Text, default="")  # "Groningen, Rotterdam"
    programme_item: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(MAX_LESSON_TITLE))
    text: Mapped[str] = mapped_column(Text, default="")
    theme: Mapped[str] = mapped_column(String(50), default="")
    status: Mapped[str] = mapped_column(String(20), default=ACTIVE)
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class LessonContributor(Base):
    """Someone whose answer went into a lesson; erasing them leaves the row without a name."""

    __tablename__ = "memory_contributors"
    __table_args__ = (UniqueConstraint("lesson_id", "participant_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lesson_id: Mapped[int] = mapped_column(
        ForeignKey("memory_lessons.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True
    )


class NamingConsent(Base):
    """Whether a participant's name may stand with the lessons they contributed to (asked once)."""

    __tablename__ = "memory_consents"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    named: Mapped[bool | None] = mapped_column(Boolean)  # None: asked, no answer yet
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
