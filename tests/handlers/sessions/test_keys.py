"""The outbox keys of meetings are the strings stored rows already carry."""

from __future__ import annotations

from handlers.sessions import keys


def test_outbox_keys_keep_their_stored_form() -> None:
    assert keys.reminder_key(1, "-P2D") == "reminder:session:1:offset:-P2D"
    assert keys.nudge_key(1) == "rsvp-nudge:session:1"
    assert keys.logistics_key(1) == "logistics:session:1"
    assert keys.moved_key(1, 4) == "moved:session:1:seq:4"
    assert keys.cancelled_key(1) == "cancelled:session:1"
    assert keys.broadcast_key(9) == "broadcast:9"


def test_a_cancel_stops_the_unsent_messages_of_that_meeting_only() -> None:
    prefixes = keys.unsent_after_cancel(1)
    assert prefixes == (
        "reminder:session:1:",
        "rsvp-nudge:session:1:",
        "logistics:session:1:",
        "moved:session:1:",
    )
    about_12 = keys.reminder_key(12, "-P2D") + ":participant:5"
    assert not any(about_12.startswith(prefix) for prefix in prefixes)
    assert keys.moved_key(1, 2).startswith(prefixes[3])
