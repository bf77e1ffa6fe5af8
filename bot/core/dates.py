"""Dates and times as people type them (Dutch, English, ISO) and as the bot shows them (Babel)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_datetime as babel_format_datetime

# A date further ahead than this is a typo (or a probe), not a meeting being planned; refusing
# it also keeps every later step (a day after, the end time, reminders) inside date's range.
MAX_YEARS_AHEAD = 5


class DateProblem(ValueError):
    """Text that is no usable date and time. `reason` is "unknown", "no_time", "weekday"
    (a weekday that is not the date's: `day` is the date that was written) or "too_far"
    (more than MAX_YEARS_AHEAD years ahead: `day` is the date that was written)."""

    def __init__(self, text: str, reason: str = "unknown", day: date | None = None) -> None:
        super().__init__(f"{reason}: {text}")
        self.text = text
        self.reason = reason
        self.day = day


MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("januari", "january", "jan"),
        ("februari", "february", "feb"),
        ("maart", "march", "mrt", "mar"),
        ("april", "apr"),
        ("mei", "may"),
        ("juni", "june", "jun"),
        ("juli", "july", "jul"),
        ("augustus", "august", "aug"),
        ("september", "sep", "sept"),
        ("oktober", "october", "okt", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number

# Weekday names are allowed in front of a date ("donderdag 3 december") and must match it.
WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("maandag", "ma", "monday", "mon"),
        ("dinsdag", "di", "tuesday", "tue"),
        ("woensdag", "wo", "wednesday", "wed"),
        ("donderdag", "do", "thursday", "thu"),
        ("vrijdag", "vr", "friday", "fri"),
        ("zaterdag", "za", "saturday", "sat"),
        ("zondag", "zo", "sunday", "sun"),
    )
):
    for _name in _names:
        WEEKDAYS[_name] = _number
RELATIVE_DAYS = {
    "vandaag": 0, "today": 0, "morgen": 1, "tomorrow": 1, "overmorgen": 2,
}  # fmt: skip

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{2,4}))?$")
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?(?:u|h|uur)?$")
_FILLER = {"om", "at", "uur", "o'clock", "van", "vanaf", "from", ","}


def localize(naive: datetime, tz: ZoneInfo) -> datetime:
    """A wall-clock time in `tz` as an aware datetime.

    A time that does not exist (the hour skipped in spring) moves forward by the gap; an
    ambiguous time (the hour repeated in autumn) means its first occurrence.
    """
    # With fold=0 zoneinfo reads a skipped time with the offset from before the change, so
    # the round trip through UTC lands on the valid time one gap later.
    return naive.replace(tzinfo=tz, fold=0).astimezone(UTC).astimezone(tz)


def parse_datetime(text: str, *, now: datetime, tz: ZoneInfo) -> datetime:
    """ "3 december 2026 10:00", "3 dec 10:00", "2026-12-03 10:00", "morgen 10:00" → UTC.

    Without a year the next such date is meant (this year, or next year when it has passed).
    Raises DateProblem for anything else.
    """
    original = text.strip()
    # "2026-12-03T10:00" is ISO's way to join date and time.
    cleaned = re.sub(r"(\d{4}-\d{1,2}-\d{1,2})t(\d)", r"\1 \2", original.lower())
    cleaned = cleaned.replace(",", " ")
    words = [w.rstrip(".") for w in cleaned.split() if w.rstrip(".") not in _FILLER]
    named_days = {WEEKDAYS[w] for w in words if w in WEEKDAYS}
    words = [w for w in words if w and w not in WEEKDAYS]
    if not words:
        raise DateProblem(original)

    clock: time | None = None
    if len(words) > 1 and ":" in words[0] and _TIME.match(words[0]):  # "10:00 3 december"
        words = [*words[1:], words[0]]
    if words and (match := _TIME.match(words[-1])) and (len(words) > 1 or ":" in words[-1]):
        hour, minute = int(match[1]), int(match[2] or 0)
        if hour > 23 or minute > 59:
            raise DateProblem(original)
        # A bare number at the end is a time only when a month name or "morgen" precedes it
        # with a day already ("3 dec 10"), never the day itself ("3 dec").
        if match[2] is not None or words[-1].endswith(("u", "h", "uur")) or _has_day(words[:-1]):
            clock = time(hour, minute)
            words = words[:-1]

    local_now = now.astimezone(tz)
    day = _parse_day(words, local_now.date(), original)
    if day > _latest_day(local_now.date()):
        raise DateProblem(original, "too_far", day)
    if named_days and named_days != {day.weekday()}:  # "vrijdag 10 juni 2027" is a Thursday
        raise DateProblem(original, "weekday", day)
    if clock is None:
        raise DateProblem(original, "no_time")
    return localize(datetime.combine(day, clock), tz).astimezone(UTC)


def _latest_day(today: date) -> date:
    """The last day parse_datetime accepts: MAX_YEARS_AHEAD years from today (29 February
    falls back to the 28th)."""
    year = today.year + MAX_YEARS_AHEAD
    return today.replace(year=year, day=min(today.day, 28 if today.month == 2 else today.day))


def _has_day(words: list[str]) -> bool:
    return bool(words) and (
        any(w in MONTHS or w in RELATIVE_DAYS for w in words)
        or bool(_ISO_DATE.match(words[0]) or _NUMERIC_DATE.match(words[0]))
    )


def _parse_day(words: list[str], today: date, original: str) -> date:
    try:
        if len(words) == 1 and words[0] in RELATIVE_DAYS:
            return today + timedelta(days=RELATIVE_DAYS[words[0]])
        if len(words) == 1 and (match := _ISO_DATE.match(words[0])):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if len(words) == 1 and (match := _NUMERIC_DATE.match(words[0])):
            year = _full_year(match[3]) if match[3] else None
            return _with_year(int(match[1]), int(match[2]), year, today)
        if len(words) in (2, 3):
            day_word, month_word = words[0], words[1]
            if day_word in MONTHS and month_word.isdigit():  # "december 3 (2026)"
                day_word, month_word = month_word, day_word
            if day_word.isdigit() and month_word in MONTHS:
                year = None
                if len(words) == 3:
                    if not (words[2].isdigit() and len(words[2]) == 4):
                        raise DateProblem(original)
                    year = int(words[2])
                return _with_year(int(day_word), MONTHS[month_word], year, today)
    except ValueError as problem:  # day 32, month 13
        if isinstance(problem, DateProblem):
            raise
        raise DateProblem(original) from problem
    raise DateProblem(original)


def _full_year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _with_year(day: int, month: int, year: int | None, today: date) -> date:
    if year is not None:
        return date(year, month, day)
    candidate = date(today.year, month, day) if _valid(today.year, month, day) else None
    if candidate is None or candidate < today:
        return date(today.year + 1, month, day)
    return candidate


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


# -- showing dates ----------------------------------------------------------------------------


def format_datetime(moment: datetime, lang: str, tz: ZoneInfo) -> str:
    """ "donderdag 3 december 2026, 10:00" (nl) / "Thursday 3 December 2026, 10:00" (en)."""
    return babel_format_datetime(moment, "EEEE d MMMM y, HH:mm", tzinfo=tz, locale=lang)


def format_date(moment: datetime, lang: str, tz: ZoneInfo) -> str:
    return babel_format_datetime(moment, "EEEE d MMMM y", tzinfo=tz, locale=lang)


def format_time(moment: datetime, lang: str, tz: ZoneInfo) -> str:
    return babel_format_datetime(moment, "HH:mm", tzinfo=tz, locale=lang)


def format_short(moment: datetime, lang: str, tz: ZoneInfo) -> str:
    """ "do 3 dec 2026 10:00", for lists."""
    return babel_format_datetime(moment, "EEE d MMM y HH:mm", tzinfo=tz, locale=lang)


# -- offsets: "14d 2d 3u" and ISO-8601 durations ---------------------------------------------

_UNITS = {
    "w": 7 * 86400, "week": 7 * 86400, "weken": 7 * 86400, "weeks": 7 * 86400,
    "d": 86400, "dag": 86400, "dagen": 86400, "day": 86400, "days": 86400,
    "u": 3600, "uur": 3600, "h": 3600, "hour": 3600, "hours": 3600,
    "m": 60, "min": 60, "minuten": 60, "minuut": 60, "minutes": 60,
}  # fmt: skip
_OFFSET = re.compile(r"^(\d{1,3})\s*([a-z]+)$")
_ISO_DURATION = re.compile(
    r"^(-)?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$", re.IGNORECASE
)
MAX_OFFSET = timedelta(days=365)


def parse_offsets(text: str) -> list[timedelta]:
    """ "14d 2d 3u" (also "2 dagen", "90m", "P2D") → offsets before the start, largest first.

    Raises DateProblem naming the part it does not understand.
    """
    parts = re.findall(r"\d+\s*[a-zA-Z]+|P[\dWDTHMS]+|\S+", text.strip())
    offsets: set[timedelta] = set()
    for part in parts:
        lowered = part.lower().strip(",")
        if not lowered:
            continue
        match = _OFFSET.match(lowered)
        if match and match[2] in _UNITS:
            offset = timedelta(seconds=int(match[1]) * _UNITS[match[2]])
        elif lowered.isdigit():  # bare minutes
            offset = timedelta(minutes=int(lowered))
        else:
            try:
                offset = abs(parse_iso_duration(part))
            except ValueError as problem:
                raise DateProblem(part) from problem
        if not timedelta(0) < offset <= MAX_OFFSET:
            raise DateProblem(part)
        offsets.add(offset)
    if not offsets:
        raise DateProblem(text)
    return sorted(offsets, reverse=True)


def iso_duration(offset: timedelta) -> str:
    """timedelta(days=-14) → "-P14D"; timedelta(hours=-3) → "-PT3H"."""
    sign = "-" if offset < timedelta(0) else ""
    seconds = int(abs(offset).total_seconds())
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    out = f"{sign}P" + (f"{days}D" if days else "")
    clock = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    clock += f"{seconds}S" if seconds else ""
    if clock:
        out += "T" + clock
    return out if out not in ("P", "-P") else "PT0S"


def parse_iso_duration(text: str) -> timedelta:
    """The inverse of iso_duration (weeks, days, hours, minutes, seconds)."""
    match = _ISO_DURATION.match(text.strip())
    if not match or text.strip().upper() in ("P", "-P", "PT", "-PT"):
        raise ValueError(f"not an ISO-8601 duration: {text!r}")
    weeks, days, hours, minutes, seconds = (int(g or 0) for g in match.groups()[1:])
    value = timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)
    return -value if match[1] else value


def offset_from_stored(value: str | int) -> timedelta:
    """A stored reminder offset: an ISO-8601 duration, or minutes before the start."""
    if isinstance(value, int):
        return -timedelta(minutes=abs(value))
    return -abs(parse_iso_duration(value))


def shift(moment: datetime, offset: timedelta, tz: ZoneInfo) -> datetime:
    """`moment` + `offset`, whole days on the local calendar, the rest in absolute time.

    "2 days before 10:00" is 10:00 two days earlier also across a DST change, while
    "3 hours before" stays three real hours.
    """
    sign = -1 if offset < timedelta(0) else 1
    size = abs(offset)
    days = size.days
    rest = size - timedelta(days=days)
    local = moment.astimezone(tz).replace(tzinfo=None)
    moved = localize(local + sign * timedelta(days=days), tz)
    return (moved.astimezone(UTC) + sign * rest).astimezone(UTC)


def describe_offset(offset: timedelta, lang: str) -> str:
    """timedelta(days=14) → "14 dagen" / "14 days"; "1 dag 2 uur"; "30 minuten"."""
    seconds = int(abs(offset).total_seconds())
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes = seconds // 60
    names = {
        "nl": (("dag", "dagen"), ("uur", "uur"), ("minuut", "minuten")),
        "en": (("day", "days"), ("hour", "hours"), ("minute", "minutes")),
    }[lang if lang == "en" else "nl"]
    parts = [
        f"{amount} {name[0] if amount == 1 else name[1]}"
        for amount, name in zip((days, hours, minutes), names, strict=True)
        if amount
    ]
    return " ".join(parts) or ("0 minuten" if lang != "en" else "0 minutes")
