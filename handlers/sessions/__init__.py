"""Meetings: planning, RSVPs, reminders, announcements and the calendar feed."""

from handlers.sessions.commands import register
from handlers.sessions.views import active_participants, next_session, upcoming_sessions

__all__ = ["active_participants", "next_session", "register", "upcoming_sessions"]
