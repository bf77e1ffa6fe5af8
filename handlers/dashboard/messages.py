"""The messages page (not yet served)."""

from __future__ import annotations

from bot.kernel.services import Registry


def register(registry: Registry) -> None:
    """Its pages and actions (paths under /dashboard/messages)."""
