"""Buddies (maatjessysteem): pairing newcomers with experienced participants, introductions,
check-ins, leaving and continuity. What erasing a participant means for them is registered
too (erasure.py), so other features need none of these names."""

from bot.kernel.services import Registry
from handlers.buddies import commands, continuity
from handlers.buddies.continuity import CORE_MIN, CORE_WINDOW, Facts, Pulse, facts
from handlers.buddies.pairs import (
    CHECKIN_FAILED,
    CHECKIN_OPEN,
    CHECKIN_SPOKEN,
    active_pairings,
    candidates,
    checkin_state,
    waiting_newcomers,
)


def register(registry: Registry) -> None:
    commands.register(registry)


def register_continuity(registry: Registry) -> None:
    """Registered last of all features, so /help lists the continuity commands at the end."""
    continuity.register(registry)


__all__ = [
    "CHECKIN_FAILED",
    "CHECKIN_OPEN",
    "CHECKIN_SPOKEN",
    "CORE_MIN",
    "CORE_WINDOW",
    "Facts",
    "Pulse",
    "active_pairings",
    "candidates",
    "checkin_state",
    "facts",
    "register",
    "register_continuity",
    "waiting_newcomers",
]
