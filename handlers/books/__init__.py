"""The reading club: picks, presenters and verdicts."""

from handlers.books.commands import register

__all__ = ["register"]
