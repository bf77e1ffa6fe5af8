"""The collective memory after the booklet: the questions after each meeting, curating the
answers into lessons (/oogst), harvested lessons found by /les beside the booklet's, a meeting's
page in the memory, and the tussenbalans (/tussenbalans, `copbot memory export`)."""

from handlers.memory.commands import register
from handlers.memory.meetings import meeting_memory
from handlers.memory.storage import harvested_lessons, load_harvest
from handlers.memory.tussenbalans import tussenbalans_document

__all__ = [
    "harvested_lessons",
    "load_harvest",
    "meeting_memory",
    "register",
    "tussenbalans_document",
]
