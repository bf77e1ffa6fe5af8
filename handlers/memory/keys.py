"""The outbox keys of the collective memory, one function per kind of message.

Stored rows carry these strings, so they never change: a rerun after a crash finds its rows
and sends nothing twice. Erasure (handlers/memory/erasure.py) calls these same functions with
"%" for the parts it does not know.
"""

from __future__ import annotations

# An id, or "%" when erasure builds an SQL LIKE pattern.
Part = int | str


def to_participant(prefix: str, participant_id: Part) -> str:
    """One recipient's row of a kind (the key `scheduler.outbox.enqueue_many` builds too)."""
    return f"{prefix}:participant:{participant_id}"


def ask_prefix(meeting_id: Part) -> str:
    """The day after a meeting: "which lesson do you take from it?", to those who came."""
    return f"memory:ask:session:{meeting_id}"


def followup_prefix(meeting_id: Part) -> str:
    """Three months later: "what did you do with it in your own city?", quoting the answer."""
    return f"memory:followup:session:{meeting_id}"


def consent_key(participant_id: Part) -> str:
    """Asked once: may your name stand with the lessons you contributed to?"""
    return f"memory:consent:participant:{participant_id}"
