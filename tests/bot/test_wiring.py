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


async def test_a_configured_organiser_gets_the_language_of_their_client_at_first_contact(
    tmp_path: Path,
) -> None:
    services = await make_app(tmp_path, organisers="telegram:42,telegram:43")
    try:
        oliver = Person(services, "42", name="Oliver", platform="telegram", language="en-GB")
        assert "Welcome" in await oliver.text("/start")
        await oliver.say("/ik taal nl")  # chosen later: kept from then on
        assert "Fijn je weer te zien" in await oliver.text("/start")
        # Someone whose client says nothing keeps the bot's default.
        await Person(services, "43", name="Olga", platform="telegram", language=None).say("/help")
        async with services.database() as db:
            languages = {
                p.display_name: p.language for p in (await db.scalars(select(Participant))).all()
            }
        assert languages == {"Oliver": "nl", "Olga": "nl"}
    finally:
        await services.close()
