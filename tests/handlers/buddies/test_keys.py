"""Erasure finds the buddies' messages and jobs through the same key functions that make them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from bot.db.models import OutboxMessage, ScheduledJob
from bot.db.models.buddies import Pairing
from bot.kernel.services import Services
from handlers.buddies import keys
from tests.factories import Person
from tests.history_factory import add_person, deliver, install_postbox


def renamed(function: Callable[..., str]) -> Callable[..., str]:
    """The same key function, as if someone changed its format."""

    def changed(*parts: object) -> str:
        return function(*parts).replace("buddy:", "maatjes/v2|", 1)

    return changed


async def stored_keys(services: Services) -> tuple[list[str], list[str]]:
    async with services.database() as db:
        outbox = (await db.scalars(select(OutboxMessage.key))).all()
        jobs = (
            await db.scalars(select(ScheduledJob.key).where(ScheduledJob.status == "pending"))
        ).all()
    return list(outbox), list(jobs)


@pytest.mark.parametrize("change", [False, True], ids=["as-is", "changed-key-format"])
async def test_erasing_a_buddy_removes_the_rows_their_pair_keys_name(
    services: Services, monkeypatch: pytest.MonkeyPatch, change: bool
) -> None:
    if change:
        for name in ("intro_prefix", "history_prefix", "checkin_prefix", "to_participant"):
            monkeypatch.setattr(keys, name, renamed(getattr(keys, name)))
    install_postbox(services)
    await add_person(services, "Bert Buddy", city="Delft", user_id="bert", experienced=True)
    bert = Person(services, "bert", name="Bert Buddy")
    await bert.say("/maatje word")
    nina = Person(services, "nina", name="Nina Nieuw")
    await nina.say("/start")
    await nina.press("nieuw:ja")
    assert "Bert Buddy" in await nina.text("Arnhem")
    await deliver(services)
    async with services.database() as db:
        pair = await db.scalar(select(Pairing))
        assert pair is not None
        nina_id, pair_id = pair.newcomer_id, pair.id
    assert nina_id is not None
    mine = [
        keys.to_participant(keys.intro_prefix(pair_id), nina_id),
        keys.to_participant(keys.history_prefix(pair_id), nina_id),
    ]
    outbox, jobs = await stored_keys(services)
    assert set(mine) <= set(outbox)  # the check below can fail
    assert keys.checkin_key(pair_id, 1) in jobs

    await bert.say("/vergeet")
    await bert.press("vergeet:ja")

    outbox, jobs = await stored_keys(services)
    assert not set(mine) & set(outbox)
    assert keys.checkin_key(pair_id, 1) not in jobs
