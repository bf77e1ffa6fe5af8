"""Planning a meeting: the date examples, weekdays that contradict the date, plans made twice."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from sqlalchemy import func, select

from bot.core.clock import ManualClock
from bot.db.models import ScheduledJob, Session
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


async def jobs_count(services: Services) -> int:
    async with services.database() as db:
        query = select(func.count()).select_from(ScheduledJob)
        return int(await db.scalar(query.where(ScheduledJob.key.startswith("step:"))) or 0)


async def test_a_second_plan_on_the_same_day_asks_first(
    services: Services, organiser: Person
) -> None:
    await organiser.say(PLAN)
    jobs = await jobs_count(services)
    text = await organiser.text(PLAN)
    assert "Op die dag staat al bijeenkomst 1 gepland" in text
    assert organiser.buttons() == [
        ("Toch plannen", "sessie:dubbel:ja"),
        ("Niet plannen", "sessie:dubbel:nee"),
    ]
    [reply] = await organiser.press("sessie:dubbel:nee")
    assert "Niet gepland" in reply.text
    assert await meeting_count(services) == 1 and await jobs_count(services) == jobs
    # The same day at another hour asks too; "plan anyway" plans it.
    await organiser.say("/sessie nieuw 3 december 2026 19:00 | Delft | Diner")
    assert "Op die dag staat al bijeenkomst 1 gepland" in organiser.last[0].text
    text = "\n".join(r.text for r in await organiser.press("sessie:dubbel:ja"))
    assert "Bijeenkomst 2 staat gepland" in text
    assert await meeting_count(services) == 2
    # Another day plans straight away.
    assert "Bijeenkomst 3 staat gepland" in await organiser.text(
        "/sessie nieuw 4 december 2026 10:00 | Delft | Diner"
    )
