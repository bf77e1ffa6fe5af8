"""Buddies (maatjessysteem): pairing newcomers with experienced participants, introductions,
check-ins, leaving and continuity."""

from bot.kernel.services import Registry
from handlers.buddies import commands, continuity
from handlers.buddies.pairs import pair_waiting


def register(registry: Registry) -> None:
    commands.register(registry)


def register_continuity(registry: Registry) -> None:
    """Registered last of all features, so /help lists the continuity commands at the end."""
    continuity.register(registry)


__all__ = ["pair_waiting", "register", "register_continuity"]
