"""The reading club: picks, presenters and verdicts."""

from bot.kernel.services import Registry
from handlers.books import commands, erasure


def register(registry: Registry) -> None:
    commands.register(registry)
    erasure.register(registry)


__all__ = ["register"]
