"""/organisator: organisers appoint and remove organisers; checked on the server side."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from bot.db.models import AuditNote
from bot.kernel.services import Services
from tests.factories import Person, make_app


async def test_usage_and_unknown_people_get_clear_answers(organiser: Person) -> None:
    assert "Gebruik: /organisator" in await organiser.text("/organisator")
    assert "Gebruik" in await organiser.text("/organisator weg")
    assert "vind niemand die @nobody heet" in await organiser.text("/organisator @nobody")


async def test_the_last_organiser_cannot_remove_themselves(tmp_path: Path) -> None:
    services = await make_app(tmp_path, organisers="console:organiser")
    try:
        olga = Person(services, "organiser", name="Olga", username="olga")
        await olga.say("/start")
        assert "laatste organisator" in await olga.text("/organisator weg @olga")
        assert "/organisator" in await olga.text("/help")
    finally:
        await services.close()


async def test_role_changes_leave_an_audit_note(
    services: Services, organiser: Person, participant: Person
) -> None:
    await participant.say("/start")
    await organiser.say("/organisator @esther")
    await organiser.say("/organisator weg @esther")
    async with services.database() as db:
        actions = (await db.scalars(select(AuditNote.action).order_by(AuditNote.id))).all()
    assert actions == ["organiser-grant", "organiser-revoke"]
