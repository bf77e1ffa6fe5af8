"""Texts: Dutch first, English for English clients, Dutch as the fallback."""

import pytest

from bot.core.i18n import Texts, language_of


@pytest.mark.parametrize(
    ("code", "expected"),
    [("en-GB", "en"), ("en", "en"), ("nl", "nl"), ("nl-BE", "nl"), ("de", "nl"), (None, "nl")],
)
def test_language_of_client_codes(code: str | None, expected: str) -> None:
    assert language_of(code) == expected


def test_texts_fall_back_to_dutch_and_fill_in_values() -> None:
    texts = Texts({"hi": {"nl": "Hallo {name}", "en": "Hello {name}"}, "only": {"nl": "Alleen"}})
    assert texts("en", "hi", name="Ann") == "Hello Ann"
    assert texts("nl", "hi", name="Jan") == "Hallo Jan"
    assert texts("en", "only") == "Alleen"


def test_a_text_without_dutch_is_refused() -> None:
    with pytest.raises(ValueError, match="without Dutch"):
        Texts({"x": {"en": "only English"}})


def test_membership_asks_the_table() -> None:
    texts = Texts({"hi": {"nl": "Hallo"}})
    assert "hi" in texts and "bye" not in texts
