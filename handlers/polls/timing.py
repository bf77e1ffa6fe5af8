"""When a programme item happens: a time of day on one of the meeting's days, within its hours."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_format_date

from bot.core.dates import WEEKDAYS
from bot.db.models import Session

_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?(?:u|h|uur)?$")
DAY_WORDS = {"dag", "day"}


def parse_time(text: str) -> str | None:
    """ "10:30", "10.30", "10u" → "10:30" / "10:00"; None when it is no time of day."""
    match = _TIME.match(text.strip().lower())
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2] or 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


@dataclass(frozen=True)
class When:
    day: int  # 1 = the meeting's first day
    time: str  # "09:30"


class WhenProblem(Exception):
    """Why a typed moment does not fit: "bad_time", "bad_day" or "outside" (the meeting)."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def meeting_days(meeting: Session, tz: ZoneInfo) -> list[date]:
    """The local dates the meeting runs on, first to last."""
    first = meeting.starts_at.astimezone(tz).date()
    last = (meeting.ends_at - timedelta(seconds=1)).astimezone(tz).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def parse_when(words: list[str], meeting: Session, tz: ZoneInfo) -> When:
    """ "9:30", "vrijdag 9:30", "dag 2 9:30" → the day of the meeting and the time."""
    words = [w.lower().rstrip(",") for w in words]
    days = meeting_days(meeting, tz)
    day = 1
    if len(words) > 1 and words[0] in DAY_WORDS:
        if not words[1].isdigit():
            raise WhenProblem("bad_day")
        day, words = int(words[1]), words[2:]
    elif words and words[0] in WEEKDAYS:
        matching = [n for n, d in enumerate(days, 1) if d.weekday() == WEEKDAYS[words[0]]]
        if not matching:
            raise WhenProblem("bad_day")
        day, words = matching[0], words[1:]
    typed = parse_time(" ".join(words)) if words else None
    if typed is None:
        raise WhenProblem("bad_time")
    if not 1 <= day <= len(days):
        raise WhenProblem("bad_day")
    hour, minute = (int(part) for part in typed.split(":"))
    moment = datetime.combine(days[day - 1], time(hour, minute), tz).astimezone(UTC)
    if not meeting.starts_at <= moment < meeting.ends_at:
        raise WhenProblem("outside")
    return When(day, typed)


def when_label(day: int, typed: str, meeting: Session, lang: str, tz: ZoneInfo) -> str:
    """ "09:30" on the first day; "vr 09:30" on a later day of the meeting."""
    days = meeting_days(meeting, tz)
    if not typed or day < 2 or day > len(days):
        return typed
    return f"{babel_format_date(days[day - 1], 'EEE', locale=lang)} {typed}"
