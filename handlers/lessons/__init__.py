"""Lessons on request: /les, /vannaar, /tien, /citaat, and plain questions in a private chat."""

from handlers.lessons.commands import register
from handlers.lessons.views import source_name

__all__ = ["register", "source_name"]
