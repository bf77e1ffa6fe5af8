"""The outbox keys of the reading club, one function per kind of message.

Stored rows carry these strings, so they never change: a rerun after a crash finds its rows
and sends nothing twice. Erasure (handlers/books/erasure.py) calls these same functions with
"%" for the parts it does not know.
"""

from __future__ import annotations

# An id, or "%" when erasure builds an SQL LIKE pattern.
Part = int | str


def invite_key(pick_id: Part, participant_id: Part) -> str:
    """An organiser asks someone to present a picked book."""
    return f"book:invite:pick:{pick_id}:participant:{participant_id}"


def presenters_prefix(session_id: Part) -> str:
    """The presenters' reminder a week before a meeting; it names the other presenters."""
    return f"book:presenters:session:{session_id}"


def presenters_key(session_id: Part, participant_id: Part) -> str:
    return f"{presenters_prefix(session_id)}:participant:{participant_id}"


def verdict_key(session_id: Part, book_id: Part, participant_id: Part) -> str:
    """A presenter asked for their verdict on a book after the meeting."""
    return f"book:verdict:session:{session_id}:book:{book_id}:participant:{participant_id}"
