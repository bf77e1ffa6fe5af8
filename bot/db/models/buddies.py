"""The maatjessysteem: buddy pairs, buddy offers, successions, departures and handover notes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models.base import Base, UTCDateTime

# Pairing.rule: why a pair was made.
RULE_SUCCESSOR = "successor"  # paired with the predecessor from the same city (handover)
RULE_CROSS_CITY = "cross_city"  # an experienced buddy from another city (diagonal learning)
RULE_UNKNOWN_CITY = "unknown_city"  # a city is not known, so "another city" cannot be told
RULE_SAME_CITY = "same_city"  # nobody from another city was available
RULE_MANUAL = "manual"  # an organiser paired them by hand

# Pairing.end_reason
END_GRADUATED = "graduated"  # the newcomer attended their third session
END_LEFT = "left"  # one of the two left the CoP
END_ERASED = "erased"  # one of the two had their data erased
END_REPAIRED = "repaired"  # replaced by a better pairing (e.g. the predecessor turned up)

# Check-in answers are counted per round; after this many "nog niet" organisers are told.
CHECKIN_FAILURE_LIMIT = 2


class Pairing(Base):
    """A newcomer and their experienced buddy ("maatje"), and why they were paired.

    Both sides are nullable: when one of them has their data erased the row stays, ended and
    anonymous, so load figures and "never the same pair twice" keep working for the other.
    """

    __tablename__ = "buddy_pairings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    newcomer_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True
    )
    buddy_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True
    )
    rule: Mapped[str] = mapped_column(String(20))  # one of the RULE_* codes
    # The reason as said at the time (Dutch), without names; cleared when someone is erased.
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    end_reason: Mapped[str | None] = mapped_column(String(20))
    # "Hebben jullie elkaar gesproken?": the current round, its "nog niet" count, and when
    # someone answered "ja".
    checkin_round: Mapped[int] = mapped_column(Integer, default=1)
    checkin_failures: Mapped[int] = mapped_column(Integer, default=0)
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    @property
    def active(self) -> bool:
        return self.ended_at is None


class BuddyOffer(Base):
    """Someone who volunteered as a buddy (/maatje word), for at most `capacity` newcomers."""

    __tablename__ = "buddy_offers"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    capacity: Mapped[int] = mapped_column(Integer, default=2)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Succession(Base):
    """ "/ik opvolger van @naam": this participant took over from their predecessor."""

    __tablename__ = "buddy_successions"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    predecessor_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Departure(Base):
    """ "/vertrek": someone leaves the CoP (counted by /kern), perhaps naming a successor."""

    __tablename__ = "buddy_departures"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    left_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    # The city at the time, so the turnover per city survives a later change of profile.
    city: Mapped[str | None] = mapped_column(String(100))
    successor_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL")
    )
    # Set once the handover note went out, so a second /overdracht is a correction.
    handover_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class HandoverNote(Base):
    """What a leaver passes on to their successor and their newcomers (/overdracht)."""

    __tablename__ = "buddy_handover_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    author_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
