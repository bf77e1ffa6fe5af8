"""Dates as people type them (Dutch, English, ISO), as the bot shows them, and offsets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.core.dates import (
    DateProblem,
    describe_offset,
    format_datetime,
    iso_duration,
    offset_from_stored,
    parse_datetime,
    parse_iso_duration,
    parse_offsets,
    shift,
)

TZ = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 19, 9, 0, tzinfo=UTC)  # Thursday 19 November 2026, 10:00 local
DEC_3_10H = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)  # 10:00 CET


@pytest.mark.parametrize(
    "text",
    [
        "3 december 2026 10:00",
        "3 dec 10:00",
        "3 dec. 2026 om 10.00",
        "3 december 10u",
        "donderdag 3 december 2026, 10:00",
        "2026-12-03 10:00",
        "2026-12-03T10:00",
        "3-12-2026 10:00",
        "03/12/2026 10:00",
        "10:00 3 december",
        "3 December 2026 10:00",
        "December 3, 2026 10:00",
        "3 dec 10",
    ],
)
def test_dutch_english_and_iso_forms_mean_the_same_moment(text: str) -> None:
    assert parse_datetime(text, now=NOW, tz=TZ) == DEC_3_10H


def test_relative_days() -> None:
    assert parse_datetime("morgen 10:00", now=NOW, tz=TZ) == datetime(2026, 11, 20, 9, tzinfo=UTC)
    assert parse_datetime("overmorgen 9:30", now=NOW, tz=TZ) == datetime(
        2026, 11, 21, 8, 30, tzinfo=UTC
    )
    assert parse_datetime("tomorrow 10:00", now=NOW, tz=TZ).day == 20


def test_without_a_year_the_next_such_date_is_meant() -> None:
    assert parse_datetime("3 jan 10:00", now=NOW, tz=TZ).year == 2027
    assert parse_datetime("3 dec 10:00", now=NOW, tz=TZ).year == 2026


def test_summer_time_is_two_hours_ahead_of_utc() -> None:
    assert parse_datetime("4 juni 2027 10:00", now=NOW, tz=TZ) == datetime(
        2027, 6, 4, 8, 0, tzinfo=UTC
    )


def test_a_time_in_the_spring_gap_moves_forward_and_an_ambiguous_one_is_the_first() -> None:
    gap = parse_datetime("28 maart 2027 02:30", now=NOW, tz=TZ)
    assert format_datetime(gap, "nl", TZ) == "zondag 28 maart 2027, 03:30"
    repeated = parse_datetime("25 oktober 2026 02:30", now=datetime(2026, 1, 1, tzinfo=UTC), tz=TZ)
    assert repeated == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # still summer time (+2)


@pytest.mark.parametrize(
    "text", ["32 december 10:00", "3 decembre 10:00", "gisteren 10:00", "", "3 dec 25:00",
             "2026-13-01 10:00", "30 februari 2027 10:00", "blabla"]
)  # fmt: skip
def test_nonsense_is_refused(text: str) -> None:
    with pytest.raises(DateProblem) as problem:
        parse_datetime(text, now=NOW, tz=TZ)
    assert problem.value.reason == "unknown"


def test_a_date_without_a_time_says_so() -> None:
    with pytest.raises(DateProblem) as problem:
        parse_datetime("3 december 2026", now=NOW, tz=TZ)
    assert problem.value.reason == "no_time"


def test_shown_in_dutch_and_english_local_time() -> None:
    assert format_datetime(DEC_3_10H, "nl", TZ) == "donderdag 3 december 2026, 10:00"
    assert format_datetime(DEC_3_10H, "en", TZ) == "Thursday 3 December 2026, 10:00"


def test_offsets_typed_the_dutch_way() -> None:
    assert parse_offsets("14d 2d 3u") == [
        timedelta(days=14),
        timedelta(days=2),
        timedelta(hours=3),
    ]
    assert parse_offsets("2 dagen, 90m 1w P1DT2H") == [
        timedelta(days=7),
        timedelta(days=2),
        timedelta(days=1, hours=2),
        timedelta(minutes=90),
    ]
    for bad in ("14x", "morgen", "0d", "400d", ""):
        with pytest.raises(DateProblem):
            parse_offsets(bad)


def test_iso_durations_round_trip() -> None:
    for offset in (
        timedelta(days=-14),
        timedelta(hours=-3),
        timedelta(days=-1, hours=-2, minutes=-30),
        timedelta(days=1),
    ):
        assert parse_iso_duration(iso_duration(offset)) == offset
    assert iso_duration(timedelta(days=-14)) == "-P14D"
    assert iso_duration(timedelta(hours=-3)) == "-PT3H"
    assert offset_from_stored("-P2D") == offset_from_stored("P2D") == timedelta(days=-2)
    assert offset_from_stored(180) == timedelta(hours=-3)
    with pytest.raises(ValueError):
        parse_iso_duration("P")


def test_whole_days_follow_the_local_calendar_across_dst() -> None:
    # 5 November 2026 10:00 CET; 14 days earlier is 22 October 10:00 CEST (08:00 UTC).
    start = datetime(2026, 11, 5, 9, 0, tzinfo=UTC)
    assert shift(start, timedelta(days=-14), TZ) == datetime(2026, 10, 22, 8, 0, tzinfo=UTC)
    # Hours stay real hours.
    assert shift(start, timedelta(hours=-3), TZ) == datetime(2026, 11, 5, 6, 0, tzinfo=UTC)
    # Spring: 1 April 2027 10:00 CEST; 7 days earlier is 25 March 10:00 CET (09:00 UTC).
    spring = datetime(2027, 4, 1, 8, 0, tzinfo=UTC)
    assert shift(spring, timedelta(days=-7), TZ) == datetime(2027, 3, 25, 9, 0, tzinfo=UTC)


def test_offsets_described_in_words() -> None:
    assert describe_offset(timedelta(days=14), "nl") == "14 dagen"
    assert describe_offset(timedelta(days=1), "nl") == "1 dag"
    assert describe_offset(timedelta(hours=3), "nl") == "3 uur"
    assert describe_offset(timedelta(hours=27), "en") == "1 day 3 hours"
    assert describe_offset(timedelta(minutes=-30), "nl") == "30 minuten"
