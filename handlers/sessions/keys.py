"""The outbox keys of the meetings feature, one function per kind of message.

Each is the `key_prefix` of `scheduler.outbox.enqueue_many`, which adds ":participant:<id>"
per recipient. Stored rows carry these strings, so they never change: a rerun after a crash
finds its rows and sends nothing twice.
"""

from __future__ import annotations


def announce_key(meeting_id: int) -> str:
    """The save-the-date of a newly planned meeting, to every participant (sent once)."""
    return f"announce:session:{meeting_id}"


def reminder_prefix(meeting_id: int) -> str:
    """What every reminder of a meeting starts with, whatever its offset."""
    return f"reminder:session:{meeting_id}"


def reminder_key(meeting_id: int, offset: str) -> str:
    """The reminder `offset` (ISO 8601, e.g. "-P2D") before the meeting."""
    return f"{reminder_prefix(meeting_id)}:offset:{offset}"


def nudge_key(meeting_id: int) -> str:
    """The question to those who have not answered yet."""
    return f"rsvp-nudge:session:{meeting_id}"


def logistics_key(meeting_id: int) -> str:
    """The practical information of the day before, to those coming."""
    return f"logistics:session:{meeting_id}"


def moved_prefix(meeting_id: int) -> str:
    """What every "the meeting moved" message starts with, whatever the move."""
    return f"moved:session:{meeting_id}"


def moved_key(meeting_id: int, sequence: int) -> str:
    """ "The meeting moved" after change number `sequence` (each move is told once)."""
    return f"{moved_prefix(meeting_id)}:seq:{sequence}"


def cancelled_key(meeting_id: int) -> str:
    """ "The meeting is cancelled", to those who were coming."""
    return f"cancelled:session:{meeting_id}"


def unsent_after_cancel(meeting_id: int) -> tuple[str, ...]:
    """The prefixes of the messages about a meeting that must not go out once it is cancelled
    (reminders, the nudge, logistics, moves); the trailing ":" keeps meeting 1 from matching 12."""
    kinds = (
        reminder_prefix(meeting_id),
        nudge_key(meeting_id),
        logistics_key(meeting_id),
        moved_prefix(meeting_id),
    )
    return tuple(f"{prefix}:" for prefix in kinds)


def broadcast_key(draft_id: int) -> str:
    """An organiser's /omroep message, by the number of its draft."""
    return f"broadcast:{draft_id}"


# -- the overnight sign-up (handlers/sessions/rooms.py, signup.py); "%" builds erasure patterns


def room_free_prefix(meeting_id: int | str, since: str) -> str:
    """ "A room came free for you", to someone who waited since `since` (one per wait)."""
    return f"room-free:session:{meeting_id}:since:{since}"


def request_prefix(meeting_id: int | str, participant_id: int | str, at: str) -> str:
    """A participant's change after the deadline, sent to the organisers (quotes the person)."""
    return f"rsvp-request:session:{meeting_id}:from:{participant_id}:at:{at}"


def maybe_nudge_key(meeting_id: int, deadline: str) -> str:
    """The job and the message asking those who said maybe to decide before `deadline`."""
    return f"maybe-nudge:session:{meeting_id}:until:{deadline}"
