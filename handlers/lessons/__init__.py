"""Lessons on request: /les, /vannaar, /tien, /citaat, and plain questions in a private chat."""

from handlers.lessons.commands import register

__all__ = ["register"]
