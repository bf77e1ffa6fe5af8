"""Dates far in the future (year 9999) are refused clearly, never an OverflowError."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.core.dates import DateProblem, parse_datetime
from tests.factories import Person

NOW = datetime(2026, 11, 19, 9, 0, tzinfo=UTC)
TZ = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    "text", ["31 december 9999 23:59", "9999-12-31 23:59", "31-12-9999 10:00", "1 jan 2032 10:00"]
)
def test_a_date_more_than_five_years_ahead_is_refused(text: str) -> None:
    with pytest.raises(DateProblem) as problem:
        parse_datetime(text, now=NOW, tz=TZ)
    assert problem.value.reason == "too_far"
    assert problem.value.day is not None


def test_five_years_ahead_is_still_a_date() -> None:
    assert parse_datetime("19 november 2031 10:00", now=NOW, tz=TZ).year == 2031


async def test_planning_a_meeting_in_year_9999_gets_a_clear_answer(organiser: Person) -> None:
    for text in (
        "/sessie nieuw 31 december 9999 23:59 | Utrecht | Durf",
        "/sessie nieuw 9999-12-31 23:59 | Utrecht | Durf | overnachting",
    ):
        answer = await organiser.text(text)
        assert "Sorry" not in answer
        assert "31 december 9999" in answer
        assert "5 jaar" in answer
    assert "Sorry" not in await organiser.text("/sessies")
