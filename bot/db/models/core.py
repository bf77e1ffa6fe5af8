"""Participants, their platform identities, and the bookkeeping of handled updates."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.db.models.base import Base, UTCDateTime


class Participant(Base):
    """A person in the CoP. One participant may have identities on several platforms."""

    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(8), default="nl")
    city: Mapped[str | None] = mapped_column(String(100))
    organisation: Mapped[str | None] = mapped_column(String(200))
    is_organiser: Mapped[bool] = mapped_column(Boolean, default=False)
    # "active" | "leaving" | "left"; leavers get no reminders.
    status: Mapped[str] = mapped_column(String(20), default="active")
    # Set by the participant or an organiser for history from before the bot.
    experienced: Mapped[bool] = mapped_column(Boolean, default=False)
    # None until the participant answered "are you new to the CoP?".
    is_newcomer: Mapped[bool | None] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    registered: Mapped[bool] = mapped_column(Boolean, default=False)  # said /start
    # Set by /ik naam: the platform profile's name no longer overwrites display_name.
    name_chosen: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    identities: Mapped[list[Identity]] = relationship(
        back_populates="participant", cascade="all, delete-orphan", lazy="selectin"
    )


class Identity(Base):
    """A participant's account on one platform."""

    __tablename__ = "identities"
    __table_args__ = (UniqueConstraint("platform", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    platform: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[str] = mapped_column(String(64))
    username: Mapped[str | None] = mapped_column(String(100))
    # Where private messages go: Telegram's private chat id, Slack's DM channel id.
    dm_chat_id: Mapped[str | None] = mapped_column(String(64))
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Sends in a group's name (Telegram's anonymous admins): never a person with a role.
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    participant: Mapped[Participant] = relationship(back_populates="identities", lazy="selectin")


class ProcessedUpdate(Base):
    """Updates already handled, so a redelivered update is never handled twice."""

    __tablename__ = "processed_updates"
    __table_args__ = (UniqueConstraint("platform", "update_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    update_key: Mapped[str] = mapped_column(String(128))
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class LinkCode(Base):
    """A one-time code that links an identity on another platform to a participant."""

    __tablename__ = "link_codes"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())


class LinkFailure(Base):
    """A /koppel code that did not fit, by whom and when: failures are limited per participant
    (rows, not memory, so every replica counts the same)."""

    __tablename__ = "link_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    failed_at: Mapped[datetime] = mapped_column(UTCDateTime())


class DialogueState(Base):
    """A guided dialogue in progress (e.g. planning a meeting), kept across restarts.

    One per participant and chat: a greeting in the group does not answer a question the bot
    asked in the private chat.
    """

    __tablename__ = "dialogues"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    chat_key: Mapped[str] = mapped_column(String(100), primary_key=True)  # "platform:chat_id"
    name: Mapped[str] = mapped_column(String(50))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AuditNote(Base):
    """Organiser actions worth keeping a trace of (role changes, broadcasts)."""

    __tablename__ = "audit_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(50))
    detail: Mapped[str] = mapped_column(Text, default="")


class InboxUpdate(Base):
    """An incoming update, stored before it is acknowledged (offset confirmed, webhook
    answered), in the same transaction as its ProcessedUpdate.

    status: "received" (not handled yet), "handled" (the handler's transaction committed; the
    answer is being sent; left so by a crash it is uncertain and never answered again),
    "answered" (done) or "skipped" (could not be read).
    """

    __tablename__ = "inbox"
    __table_args__ = (UniqueConstraint("platform", "update_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    update_key: Mapped[str] = mapped_column(String(128))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20), default="received", index=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
