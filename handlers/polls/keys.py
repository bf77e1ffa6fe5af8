"""The job and outbox keys of agenda polls, one function per kind.

Job keys name one scheduled job; outbox keys are the `key_prefix` of
`scheduler.outbox.enqueue_many`, which adds ":participant:<id>" per recipient. Stored rows
carry these strings, so they never change: scheduling or sending again finds the row that is
there and does nothing twice.
"""

from __future__ import annotations

# -- scheduled jobs ------------------------------------------------------------------------------

# A meeting's timeline steps (scheduler.timeline keys them by kind and meeting).
OPEN_STEP = "poll-open"
CLOSE_STEP = "poll-close"


def close_key(poll_id: int) -> str:
    """The job that closes the poll at its deadline."""
    return f"poll:{poll_id}:close"


def nudge_job_key(poll_id: int) -> str:
    """The job that reminds those who have not voted, a day before the close."""
    return f"poll:{poll_id}:nudge"


def refresh_key(poll_id: int, bucket: int) -> str:
    """The round of vote-message edits of one poll in time slot `bucket`."""
    return f"poll:{poll_id}:refresh:{bucket}"


# -- messages (outbox) ---------------------------------------------------------------------------


def opened_key(poll_id: int) -> str:
    """Everyone's vote message when the poll opens."""
    return f"poll:{poll_id}:open"


def edit_key(poll_id: int, poll_message_id: int, stamp: int) -> str:
    """One edit of a vote message (a PollMessage row) with new counts, at second `stamp`."""
    return f"poll:{poll_id}:message:{poll_message_id}:edit:{stamp}"


def nudge_key(poll_id: int) -> str:
    """The reminder to vote, to those who have not."""
    return f"poll:{poll_id}:nudge"


def result_key(poll_id: int) -> str:
    """The ranking everyone gets at the close."""
    return f"poll:{poll_id}:result"


def prep_result_key(poll_id: int) -> str:
    """The full result for the preparation group at the close."""
    return f"poll:{poll_id}:prep"


def prep_welcome_key(meeting_id: int) -> str:
    """The welcome to a new member of a meeting's preparation group."""
    return f"prep:session:{meeting_id}:welcome"


def programme_announce_key(session_id: int) -> str:
    """The programme sent to those coming to the meeting (once)."""
    return f"programme:session:{session_id}"


def programme_change_key(session_id: int, sequence: int) -> str:
    """A change to an announced programme, by the meeting's iCalendar sequence after it."""
    return f"programme-change:session:{session_id}:seq:{sequence}"
