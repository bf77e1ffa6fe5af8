"""Meetings: planning, RSVPs, reminders, announcements and the calendar feed."""

from handlers.sessions.commands import register
from handlers.sessions.rooms import rooms_taken, waiting_list
from handlers.sessions.roster import (
    NO_ROOM,
    ROOM,
    UNKNOWN,
    WAITING,
    HotelList,
    diet_name,
    hotel_csv,
    overnight_state,
    part_name,
)
from handlers.sessions.signup import DIETS, PARTS, chosen_parts, diet_text, parts_text
from handlers.sessions.views import (
    MAYBE,
    NO,
    YES,
    Counts,
    active_participants,
    count,
    counts_of,
    next_session,
    rsvps_of,
    upcoming_sessions,
)

__all__ = [
    "DIETS",
    "MAYBE",
    "NO",
    "NO_ROOM",
    "PARTS",
    "ROOM",
    "UNKNOWN",
    "WAITING",
    "YES",
    "Counts",
    "HotelList",
    "active_participants",
    "chosen_parts",
    "count",
    "counts_of",
    "diet_name",
    "diet_text",
    "hotel_csv",
    "next_session",
    "overnight_state",
    "part_name",
    "parts_text",
    "register",
    "rooms_taken",
    "rsvps_of",
    "upcoming_sessions",
    "waiting_list",
]
