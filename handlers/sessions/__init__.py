"""Meetings: planning, RSVPs, reminders, announcements and the calendar feed."""

from handlers.sessions.commands import register
from handlers.sessions.views import (
    Counts,
    active_participants,
    counts_of,
    next_session,
    upcoming_sessions,
)

__all__ = [
    "Counts",
    "active_participants",
    "counts_of",
    "next_session",
    "register",
    "upcoming_sessions",
]
