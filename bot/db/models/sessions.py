"""Meetings of the CoP (sessions), the answers to them (RSVPs) and community-wide settings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models.base import Base, UTCDateTime

# Reminder offsets before the start, as signed ISO-8601 durations (minutes also accepted).
DEFAULT_REMINDER_OFFSETS = ["-P14D", "-P2D", "-PT3H"]

PLANNED = "planned"
CANCELLED = "cancelled"


def _default_offsets() -> list[str]:
    return list(DEFAULT_REMINDER_OFFSETS)


class Session(Base):
    """One meeting: 1.5 days somewhere in the country, often with an overnight stay."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    place: Mapped[str] = mapped_column(String(200), default="")
    theme: Mapped[str] = mapped_column(String(200), default="")
    overnight: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default=PLANNED)  # planned | cancelled
    reminder_offsets: Mapped[list[Any]] = mapped_column(JSON, default=_default_offsets)
    # Free text for the day's programme; features may fill it, the logistics message shows it.
    programme: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # iCalendar SEQUENCE: goes up each time the session moves or is cancelled.
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    # Until when participants change their own answer (after it: a request to the organisers).
    rsvp_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Hotel rooms for the night; None is no limit. Beyond it overnight requests wait.
    rooms: Mapped[int | None] = mapped_column(Integer)
    # When the programme went to those coming (/programma <n> aankondigen): later changes to it
    # are told to them.
    programme_announced_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    @property
    def is_planned(self) -> bool:
        return self.status == PLANNED


class Rsvp(Base):
    """A participant's answer for a session, and afterwards whether they were there."""

    __tablename__ = "rsvps"
    __table_args__ = (UniqueConstraint("session_id", "participant_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    answer: Mapped[str] = mapped_column(String(10))  # yes | no | maybe
    overnight: Mapped[bool | None] = mapped_column(Boolean)
    # Set by an organiser (/aanwezig 3 @naam ja): who was really there.
    attended: Mapped[bool | None] = mapped_column(Boolean)
    # Which parts besides the night ("day1", "dinner", "day2"); None: not asked (all of them).
    parts: Mapped[list[Any] | None] = mapped_column(JSON)
    # Dietary needs ("vegetarian", "halal", "allergy", ...) and free text (an allergy). Sensitive:
    # erased 30 days after the meeting (handlers/sessions/rooms.py).
    diets: Mapped[list[Any] | None] = mapped_column(JSON)
    diet_note: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)  # for the organisers: "ik kom pas om 14:00"
    # Asked for a room when none was free: on the waiting list since then, first come first.
    waiting_since: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CommunitySetting(Base):
    """A setting of the whole community, e.g. the secret token of the calendar feed."""

    __tablename__ = "community_settings"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class CalendarFeed(Base):
    """A participant's own calendar feed: its secret token (/sessie feed in a private chat)."""

    __tablename__ = "calendar_feeds"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
