"""All models; importing this package registers every table on Base.metadata."""

from bot.db.models.base import Base, UTCDateTime
from bot.db.models.books import Book, BookPick, Presenter, Verdict
from bot.db.models.buddies import BuddyOffer, Departure, HandoverNote, Pairing, Succession
from bot.db.models.core import (
    AuditNote,
    DialogueState,
    Identity,
    InboxUpdate,
    LinkCode,
    LinkFailure,
    Participant,
    ProcessedUpdate,
)
from bot.db.models.dashboard import DashboardLink, DashboardSession
from bot.db.models.memory import HarvestedLesson, LessonContributor, MemoryAnswer, NamingConsent
from bot.db.models.polls import (
    AgendaProposal,
    Ballot,
    Poll,
    PollMessage,
    PrepGroupMember,
    ProgrammeItem,
    Support,
    Vote,
)
from bot.db.models.scheduling import OutboxMessage, ScheduledJob
from bot.db.models.sessions import CalendarFeed, CommunitySetting, Rsvp, Session

__all__ = [
    "AgendaProposal",
    "AuditNote",
    "Ballot",
    "Base",
    "Book",
    "BookPick",
    "BuddyOffer",
    "CalendarFeed",
    "CommunitySetting",
    "DashboardLink",
    "DashboardSession",
    "Departure",
    "DialogueState",
    "HandoverNote",
    "HarvestedLesson",
    "Identity",
    "InboxUpdate",
    "LessonContributor",
    "LinkCode",
    "LinkFailure",
    "MemoryAnswer",
    "NamingConsent",
    "OutboxMessage",
    "Pairing",
    "Participant",
    "Poll",
    "PollMessage",
    "PrepGroupMember",
    "Presenter",
    "ProcessedUpdate",
    "ProgrammeItem",
    "Rsvp",
    "ScheduledJob",
    "Session",
    "Succession",
    "Support",
    "UTCDateTime",
    "Verdict",
    "Vote",
]
