"""All models; importing this package registers every table on Base.metadata."""

from bot.db.models.base import Base, UTCDateTime
from bot.db.models.books import Book, BookPick, Presenter, Verdict
from bot.db.models.buddies import BuddyOffer, Departure, HandoverNote, Pairing, Succession
from bot.db.models.core import (
    AuditNote,
    DialogueState,
    Identity,
    LinkCode,
    Participant,
    ProcessedUpdate,
)
from bot.db.models.scheduling import OutboxMessage, ScheduledJob
from bot.db.models.sessions import CommunitySetting, Rsvp, Session

__all__ = [
    "AuditNote",
    "Base",
    "Book",
    "BookPick",
    "BuddyOffer",
    "CommunitySetting",
    "Departure",
    "DialogueState",
    "HandoverNote",
    "Identity",
    "LinkCode",
    "OutboxMessage",
    "Pairing",
    "Participant",
    "Presenter",
    "ProcessedUpdate",
    "Rsvp",
    "ScheduledJob",
    "Session",
    "Succession",
    "UTCDateTime",
    "Verdict",
]
