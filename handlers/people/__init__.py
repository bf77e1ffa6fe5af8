"""Participants: /start, the profile (/ik), roles (/organisator), linking accounts (/koppel),
and their personal data (/mijngegevens, /vergeetmij)."""

from bot.kernel.services import Registry
from handlers.people import admin, commands, privacy


def register(registry: Registry) -> None:
    commands.register(registry)
    admin.register(registry)


def register_privacy(registry: Registry) -> None:
    """Registered after the other features, so /help lists the privacy commands last."""
    privacy.register(registry)


__all__ = ["register", "register_privacy"]
