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


def test_count_one_takes_the_singular_when_the_table_has_one() -> None:
    texts = Texts(
        {
            "told": {"nl": "{count} deelnemers", "en": "{count} participants"},
            "told_one": {"nl": "{count} deelnemer", "en": "{count} participant"},
            "sent": {"nl": "{count} berichten"},
        }
    )
    assert texts("nl", "told", count=1) == "1 deelnemer"
    assert texts("en", "told", count="1") == "1 participant"
    assert texts("nl", "told", count=0) == "0 deelnemers"
    assert texts("nl", "told", count=12) == "12 deelnemers"
    assert texts("nl", "sent", count=1) == "1 berichten"  # no singular in the table: as it is
