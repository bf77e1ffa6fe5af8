"""Agenda polls: proposals, the vote, its life cycle, and the programme built from it."""

from bot.kernel.services import Registry
from handlers.polls import commands, programme
from handlers.polls.programme import ProgrammeDay, programme_days


def register(registry: Registry) -> None:
    commands.register(registry)
    programme.register(registry)


__all__ = ["ProgrammeDay", "programme_days", "register"]
