"""The App: migrations at start and the organisers named in the settings."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from bot.db.models import Identity, Participant
from bot.platforms.telegram import ANONYMOUS_ADMIN as TELEGRAM_ANONYMOUS_ADMIN
from bot.wiring import prepare
from tests.factories import Person, make_app


async def test_configured_organisers_are_organisers_before_they_ever_speak(
    tmp_path: Path,
) -> None:
    services = await make_app(
        tmp_path, organisers=f"telegram:42,slack:U7,telegram:{TELEGRAM_ANONYMOUS_ADMIN}"
    )
    try:
        async with services.database() as db:
            rows = (await db.execute(select(Identity.platform, Identity.user_id))).all()
        assert {(p, u) for p, u in rows} == {("telegram", "42"), ("slack", "U7")}
        # The first message of the Telegram organiser lands on that participant.
        text = await Person(services, "42", name="Olga", platform="telegram").text("/help")
        assert "/organisator" in text
        await prepare(services)  # a second start changes nothing
        async with services.database() as db:
            people = (await db.scalars(select(Participant))).all()
        assert len(people) == 2 and all(p.is_organiser for p in people)
    finally:
        await services.close()
