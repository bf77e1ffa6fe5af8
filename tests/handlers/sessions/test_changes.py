"""Changing a planned meeting: moving it keeps its local hours, the overnight stay its end."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.db.models import Session
from bot.kernel.services import Services
from tests.factories import Person


async def meeting(services: Services) -> Session:
    async with services.database() as db:
        found = await db.get(Session, 1)
    assert found is not None
    return found


async def test_moving_an_overnight_meeting_across_the_dst_change_keeps_its_local_end(
    services: Services, organiser: Person
) -> None:
    await organiser.say("/sessie nieuw 20 maart 2027 10:00 | Utrecht | Durf | overnachting")
    assert (await meeting(services)).ends_at == datetime(2027, 3, 21, 15, 0, tzinfo=UTC)  # 16:00
    text = await organiser.text("/sessie 1 wijzig datum 27 maart 2027 10:00")
    assert "zaterdag 27 maart 2027, 10:00 tot zondag 28 maart 2027, 16:00" in text
    moved = await meeting(services)
    assert moved.starts_at == datetime(2027, 3, 27, 9, 0, tzinfo=UTC)  # 10:00 CET
    assert moved.ends_at == datetime(2027, 3, 28, 14, 0, tzinfo=UTC)  # 16:00 CEST


async def test_no_overnight_stay_ends_the_meeting_on_its_first_day(
    services: Services, organiser: Person
) -> None:
    await organiser.say("/sessie nieuw 3 december 2026 10:00 | Utrecht | Durf | overnachting")
    text = await organiser.text("/sessie 1 wijzig overnachting nee")
    assert "donderdag 3 december 2026, 10:00 tot donderdag 3 december 2026, 17:00" in text
    assert (await meeting(services)).ends_at == datetime(2026, 12, 3, 16, 0, tzinfo=UTC)
    text = await organiser.text("/sessie 1 wijzig overnachting ja")
    assert "tot vrijdag 4 december 2026, 16:00" in text
