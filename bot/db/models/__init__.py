"""All models; importing this package registers every table on Base.metadata."""

from bot.db.models.base import Base, UTCDateTime
from bot.db.models.core import (
    AuditNote,
    DialogueState,
    Identity,
    LinkCode,
    Participant,
    ProcessedUpdate,
)

__all__ = [
    "AuditNote",
    "Base",
    "DialogueState",
    "Identity",
    "LinkCode",
    "Participant",
    "ProcessedUpdate",
    "UTCDateTime",
]
