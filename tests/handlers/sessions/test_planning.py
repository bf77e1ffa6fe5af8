"""Planning a meeting: the date examples, weekdays that contradict the date, plans made twice."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from sqlalchemy import func, select

from bot.core.clock import ManualClock
from bot.db.models import Session
from bot.kernel.services import Services
from tests.factories import Person

PLAN = "/sessie nieuw 3 december 2026 10:00 | Utrecht, wijk Zuilen | Durf | overnachting"


def set_now(services: Services, when: datetime) -> None:
    clock = services.clock
    assert isinstance(clock, ManualClock)
    clock.set(when)


async def meeting_count(services: Services) -> int:
    async with services.database() as db:
        return int(await db.scalar(select(func.count()).select_from(Session)) or 0)


async def test_date_examples_lie_ahead_and_can_be_copied(
    services: Services, organiser: Person
) -> None:
    set_now(services, datetime(2026, 12, 7, 9, 0, tzinfo=UTC))
    text = await organiser.text("/sessie nieuw gisteren | Utrecht | Durf")
    assert "Schrijf bijvoorbeeld 21 december 2026 10:00 of 2026-12-21 10:00." in text
    example = re.search(r"bijvoorbeeld (.+?) of", text)
    assert example is not None
    planned = await organiser.text(f"/sessie nieuw {example[1]} | Utrecht | Durf")
    assert "Bijeenkomst 1 staat gepland" in planned
    assert "maandag 21 december 2026, 10:00" in planned
    ann = Person(services, "1000", name="Ann", platform="telegram", language="en")  # organiser
    await ann.say("/ik taal en")
    asked = await ann.text("/session new")
    assert "Write for example 21 December 2026 10:00 or 2026-12-21 10:00." in asked


async def test_the_organisers_empty_list_shows_a_future_example(
    services: Services, organiser: Person
) -> None:
    set_now(services, datetime(2026, 12, 7, 9, 0, tzinfo=UTC))
    text = await organiser.text("/sessies")
    assert "/sessie nieuw 21 december 2026 10:00 | Utrecht" in text
    assert "3 december" not in text


async def test_a_weekday_that_contradicts_the_date_is_asked_about(
    services: Services, organiser: Person
) -> None:
    text = await organiser.text("/sessie nieuw vrijdag 10 juni 2027 10:00 | Utrecht | Durf")
    assert "10 juni 2027 is een donderdag" in text and "niets" in text
    assert await meeting_count(services) == 0
    ok = await organiser.text("/sessie nieuw donderdag 10 juni 2027 10:00 | Utrecht | Durf")
    assert "Bijeenkomst 1 staat gepland" in ok
    ann = Person(services, "1000", name="Ann", platform="telegram", language="en")
    await ann.say("/ik taal en")
    text = await ann.text("/session new friday 10 june 2027 10:00 | Utrecht | Durf")
    assert "10 June 2027 is a Thursday" in text
    assert await meeting_count(services) == 1
