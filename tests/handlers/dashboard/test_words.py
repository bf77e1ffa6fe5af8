"""Words an organiser reads: singulars where there is one, platform errors in plain words."""

from __future__ import annotations

from handlers.dashboard.messages import reason_key
from handlers.dashboard.texts import TEXTS


def test_one_message_is_said_in_the_singular() -> None:
    assert TEXTS("nl", "messages_resent", count=1).startswith("1 bericht gaat")
    assert TEXTS("nl", "messages_resent", count="1").startswith("1 bericht gaat")
    assert TEXTS("nl", "messages_resent", count=2).startswith("2 berichten gaan")
    assert TEXTS("en", "messages_confirm_text", count=1).startswith(
        "The bot cannot tell whether 1 message arrived"
    )
    assert "(en)" not in TEXTS("nl", "messages_confirm_text", count=3)


def test_platform_errors_are_said_in_words() -> None:
    assert reason_key("PermanentFailure: Forbidden: bot was blocked by the user") == (
        "messages_why_blocked"
    )
    assert reason_key("PermanentFailure: Bad Request: chat not found") == (
        "messages_why_unreachable"
    )
    assert reason_key("UncertainDelivery: timed out after 10 s") == "messages_why_uncertain"
    assert reason_key("gave up after 5 failures; 502") == "messages_why_gave_up"
    assert reason_key("something new") is None and reason_key(None) is None
    assert TEXTS("nl", "messages_why_blocked") == "heeft de bot geblokkeerd"
