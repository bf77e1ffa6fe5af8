"""The reading club: picks, presenters and verdicts."""

from bot.kernel.services import Registry
from handlers.books import commands, erasure
from handlers.books.storage import picks_of, presenters_of, verdicts_of
from handlers.books.views import label, reader, verdict_label


def register(registry: Registry) -> None:
    commands.register(registry)
    erasure.register(registry)


__all__ = [
    "label",
    "picks_of",
    "presenters_of",
    "reader",
    "register",
    "verdict_label",
    "verdicts_of",
]
