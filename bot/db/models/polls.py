"""Agenda polls: proposals, their support, polls and votes, the preparation group, the programme.

Anonymous polls keep no link from a voter to a proposal that can be shown: a vote row then has
no participant, only a keyed hash of (participant, proposal) under the poll's own random key,
so the voter can still change their vote; at the close the key and the hashes are erased and
the votes are rewritten in proposal order, after which the counts are all that is left.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models.base import Base, UTCDateTime

# AgendaProposal.status
PROPOSED = "proposed"
WITHDRAWN = "withdrawn"

# Poll.status
POLL_OPEN = "open"
POLL_CLOSED = "closed"

DEFAULT_MAX_VOTES = 3
MAX_TITLE = 100  # a Telegram poll option's limit, and short enough for a button
MAX_WHY = 500


class AgendaProposal(Base):
    """A topic someone wants on the agenda of a session ("/agenda voorstel ...")."""

    __tablename__ = "agenda_proposals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    proposer_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(MAX_TITLE))
    why: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default=PROPOSED)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Support(Base):
    """Someone who supports a proposal instead of proposing the same topic again."""

    __tablename__ = "agenda_supports"
    __table_args__ = (UniqueConstraint("proposal_id", "participant_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_proposals.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Poll(Base):
    """The vote on the proposals of one session."""

    __tablename__ = "agenda_polls"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), unique=True
    )
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    max_votes: Mapped[int] = mapped_column(Integer, default=DEFAULT_MAX_VOTES)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)  # results only after close
    status: Mapped[str] = mapped_column(String(20), default=POLL_OPEN)
    opened_by: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL")
    )
    # Anonymous polls only: the key of the ballot hashes while open; erased at the close.
    ballot_key: Mapped[str | None] = mapped_column(String(64))


class Vote(Base):
    """One vote for one proposal. Anonymous: no participant, a ballot hash until the close."""

    __tablename__ = "agenda_votes"
    __table_args__ = (
        UniqueConstraint("poll_id", "proposal_id", "participant_id"),
        UniqueConstraint("poll_id", "ballot", name="uq_agenda_votes_ballot"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    poll_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_polls.id", ondelete="CASCADE"), index=True
    )
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_proposals.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    ballot: Mapped[str | None] = mapped_column(String(64))


class Ballot(Base):
    """That someone voted in a poll, and how many votes they use: never what they voted for."""

    __tablename__ = "agenda_ballots"
    __table_args__ = (UniqueConstraint("poll_id", "participant_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    poll_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_polls.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    votes: Mapped[int] = mapped_column(Integer, default=0)


class PrepGroupMember(Base):
    """A member of a session's voorbereidingsgroepje, who builds the programme."""

    __tablename__ = "prep_group_members"
    __table_args__ = (UniqueConstraint("session_id", "participant_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )


class ProgrammeItem(Base):
    """A topic on a session's programme, with an optional time and an owner."""

    __tablename__ = "programme_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    proposal_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_proposals.id", ondelete="SET NULL")
    )
    title: Mapped[str] = mapped_column(String(MAX_TITLE))
    time: Mapped[str] = mapped_column(String(20), default="")  # as typed, e.g. "10:30"
    end_time: Mapped[str] = mapped_column(String(20), default="", server_default="")  # "11:00"
    room: Mapped[str] = mapped_column(String(100), default="", server_default="")
    speaker: Mapped[str] = mapped_column(String(100), default="", server_default="")  # a guest
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL")
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    # The item's number within its meeting, given when taken on; it never shifts (so
    # "/programma 1 eigenaar 2" means the item announced as 2).
    number: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    day: Mapped[int] = mapped_column(Integer, default=1, server_default="1")  # 1 = first day
    # Booklet lesson ids suggested for this topic when it was taken on, e.g. "2.4-03".
    lessons: Mapped[str] = mapped_column(String(200), default="")


class PollMessage(Base):
    """Where a participant's vote message is, so it can be edited with the latest counts."""

    __tablename__ = "agenda_poll_messages"
    __table_args__ = (UniqueConstraint("poll_id", "platform", "chat_id", "message_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    poll_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_polls.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    platform: Mapped[str] = mapped_column(String(20))
    chat_id: Mapped[str] = mapped_column(String(64))
    message_id: Mapped[str] = mapped_column(String(64))
    # The counts it shows are older than this vote (an edit is owed).
    stale: Mapped[bool] = mapped_column(Boolean, default=False)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
