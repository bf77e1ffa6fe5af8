"""The outbox and job keys of the buddies, one function per kind of message or job.

Stored rows carry these strings, so they never change: a rerun after a crash finds its rows
and sends nothing twice. Erasure (handlers/buddies/erasure.py) calls these same functions with
"%" for the parts it does not know, so the rows that name a person are found whatever the keys
look like. A `*_prefix` is per kind; each recipient's row adds `to_participant`.
"""

from __future__ import annotations

# An id, or "%" when erasure builds an SQL LIKE pattern.
Part = int | str


def to_participant(prefix: str, participant_id: Part) -> str:
    """One recipient's row of a kind (the key `scheduler.outbox.enqueue_many` builds too)."""
    return f"{prefix}:participant:{participant_id}"


# -- a pair ------------------------------------------------------------------------------------


def intro_prefix(pair_id: Part) -> str:
    """The introduction of a pair: the job's key, and the prefix of both messages."""
    return f"buddy:intro:pair:{pair_id}"


def intro_group_key(pair_id: Part) -> str:
    """The introduction in a Slack group chat of the two."""
    return f"{intro_prefix(pair_id)}:group"


def history_prefix(pair_id: Part) -> str:
    """The collective memory, sent to the newcomer with the introduction."""
    return f"buddy:history:pair:{pair_id}"


def checkin_prefix(pair_id: Part) -> str:
    """What every check-in round of a pair starts with."""
    return f"buddy:checkin:pair:{pair_id}:round:"


def checkin_key(pair_id: Part, round_: Part) -> str:
    """Check-in round `round_`: the job's key, and the prefix of both questions."""
    return f"{checkin_prefix(pair_id)}{round_}"


def checkin_failed_prefix(pair_id: Part) -> str:
    """The organisers told that a pair has not spoken after two rounds."""
    return f"buddy:checkin-failed:pair:{pair_id}"


def brief_prefix(session_id: Part, pair_id: Part) -> str:
    """The buddy asked, a week before a meeting, to brief their newcomer."""
    return f"buddy:brief:session:{session_id}:pair:{pair_id}"


def after_prefix(session_id: Part, pair_id: Part) -> str:
    """The buddy asked, after a meeting, how it was for their newcomer."""
    return f"buddy:after:session:{session_id}:pair:{pair_id}"


def graduated_prefix(pair_id: Part) -> str:
    """The thanks to both after the newcomer's third meeting."""
    return f"buddy:graduated:pair:{pair_id}"


def left_prefix(pair_id: Part) -> str:
    """The buddy told that their newcomer left the CoP."""
    return f"buddy:left:pair:{pair_id}"


def undone_prefix(pair_id: Part) -> str:
    """Both told that an organiser undid their pairing."""
    return f"buddy:undone:pair:{pair_id}"


# -- a person ----------------------------------------------------------------------------------


def unpaired_prefix(newcomer_id: Part) -> str:
    """The organisers told that a newcomer found no buddy."""
    return f"buddy:unpaired:participant:{newcomer_id}"


def successor_prefix(leaver_id: Part) -> str:
    """The successor told that someone who leaves named them."""
    return f"buddy:successor:{leaver_id}"


def buddy_left_prefix(leaver_id: Part) -> str:
    """The newcomers told that their buddy leaves."""
    return f"buddy:buddy-left:{leaver_id}"


def handover_prefix(note_id: Part) -> str:
    """A handover note, sent to the successor and the newcomers left behind."""
    return f"buddy:handover:{note_id}"
