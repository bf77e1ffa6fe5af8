"""Agenda polls: proposals, the vote, its life cycle, and the programme built from it."""

from bot.kernel.services import Registry
from handlers.polls import commands, programme


def register(registry: Registry) -> None:
    commands.register(registry)
    programme.register(registry)


__all__ = ["register"]
