"""Scheduled jobs and outbox messages: the rows that are the bot's schedule and its post."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models.base import Base, UTCDateTime

# ScheduledJob.status
JOB_PENDING = "pending"
JOB_DONE = "done"
JOB_SKIPPED = "skipped"  # due while the bot was down and past `not_after`
JOB_FAILED = "failed"  # unknown kind, or the handler kept failing

# OutboxMessage.status
OUT_PENDING = "pending"
OUT_SENDING = "sending"  # the request is (or was, when the process died) in flight
OUT_SENT = "sent"
OUT_FAILED = "failed"
OUT_UNCERTAIN = "uncertain"  # may or may not have arrived; never resent blindly
OUT_SKIPPED = "skipped"  # the recipient left before it went out
OUT_CANCELLED = "cancelled"  # withdrawn before it went out (e.g. the session was cancelled)


class ScheduledJob(Base):
    """One thing to do at one instant; APScheduler only wakes the bot up to look at these."""

    __tablename__ = "scheduled_jobs"
    __table_args__ = (Index("ix_scheduled_jobs_status_due_at", "status", "due_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))
    # Idempotency key, e.g. "session:12:step:reminder:-P2D".
    key: Mapped[str] = mapped_column(String(255), unique=True)
    # The session a timeline step belongs to (no foreign key: sessions live in their own module).
    session_id: Mapped[int | None] = mapped_column(Integer, index=True)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # When the bot was down past this instant, the job is skipped instead of run late.
    not_after: Mapped[datetime | None] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16), default=JOB_PENDING)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # After a failed attempt: not before this instant.
    retry_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # "host:pid:token" of the process that claimed it, and until when the claim holds.
    claimed_by: Mapped[str | None] = mapped_column(String(128))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class OutboxMessage(Base):
    """One message the bot sends on its own initiative: to one participant, to one chat, to a
    group chat of several users, or the edit of a message it sent earlier."""

    __tablename__ = "outbox_messages"
    __table_args__ = (
        Index("ix_outbox_messages_status_next_attempt_at", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Idempotency key, e.g. "reminder:session:12:offset:-P2D:participant:7".
    key: Mapped[str] = mapped_column(String(255), unique=True)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    # For a participant: the platform of the identity seen most recently, re-resolved at send
    # time; chat_id is filled in when the message goes out.
    platform: Mapped[str | None] = mapped_column(String(20))
    chat_id: Mapped[str | None] = mapped_column(String(64))
    reply: Mapped[dict[str, Any]] = mapped_column(JSON)
    # An edit: the platform's id of the message in chat_id that this row's reply replaces.
    edit_of: Mapped[str | None] = mapped_column(String(64))
    # A group chat of these platform user ids and the bot, opened by the delivery (chat_id is
    # filled in then).
    group_users: Mapped[list[str] | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default=OUT_PENDING)
    force: Mapped[bool] = mapped_column(Boolean, default=False)  # also to leavers
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # requests made
    failures: Mapped[int] = mapped_column(Integer, default=0)  # transient failures (5xx)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str | None] = mapped_column(String(128))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    message_id: Mapped[str | None] = mapped_column(String(64))
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
