"""Agenda polls: proposals, the vote, its life cycle, and the programme built from it."""

from bot.kernel.services import Registry
from handlers.polls import commands, programme
from handlers.polls.programme import ProgrammeDay, programme_days
from handlers.polls.programme_items import items_of, span
from handlers.polls.storage import (
    agenda_meeting,
    names_of,
    poll_of,
    poll_view,
    proposals_of,
    support_counts,
    voter_count,
)
from handlers.polls.views import PollView, ranking


def register(registry: Registry) -> None:
    commands.register(registry)
    programme.register(registry)


__all__ = [
    "PollView",
    "ProgrammeDay",
    "agenda_meeting",
    "items_of",
    "names_of",
    "poll_of",
    "poll_view",
    "programme_days",
    "proposals_of",
    "ranking",
    "register",
    "span",
    "support_counts",
    "voter_count",
]
