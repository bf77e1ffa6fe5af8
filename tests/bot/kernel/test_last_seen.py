"""When a person was last seen: written when it changes how they are reached, not per update."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import event, select

from bot.core.clock import ManualClock
from bot.db.models import Identity
from bot.kernel.services import Services
from scheduler.outbox import recency
from tests.factories import Person


def identity_writes(services: Services) -> tuple[list[str], Any]:
    written: list[str] = []

    def spot(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        if statement.lstrip().upper().startswith("UPDATE IDENTITIES"):
            written.append(statement)

    event.listen(services.engine.sync_engine, "before_cursor_execute", spot)
    return written, spot


async def identities(services: Services) -> dict[str, Identity]:
    async with services.database() as db:
        return {i.platform: i for i in await db.scalars(select(Identity))}


async def test_someone_writing_again_within_minutes_costs_no_update(services: Services) -> None:
    clock = services.clock
    assert isinstance(clock, ManualClock)
    esther = Person(services, "501", name="Esther", platform="telegram")
    await esther.say("/start")
    first = (await identities(services))["telegram"].last_seen_at
    written, spot = identity_writes(services)
    try:
        for _ in range(3):
            clock.advance(timedelta(seconds=30))
            await esther.say("/help")
    finally:
        event.remove(services.engine.sync_engine, "before_cursor_execute", spot)
    assert written == []
    assert (await identities(services))["telegram"].last_seen_at == first
    clock.advance(timedelta(minutes=5))  # later than the precision: written again
    await esther.say("/help")
    assert (await identities(services))["telegram"].last_seen_at == clock.now()


async def test_the_platform_written_on_last_stays_the_way_to_reach_someone(
    services: Services,
) -> None:
    clock = services.clock
    assert isinstance(clock, ManualClock)
    on_telegram = Person(services, "502", name="Wessel", platform="telegram")
    await on_telegram.say("/start")
    async with services.database() as db, db.begin():
        telegram = await db.scalar(select(Identity).where(Identity.user_id == "502"))
        assert telegram is not None
        db.add(Identity(participant_id=telegram.participant_id, platform="slack", user_id="U502"))
    on_slack = Person(services, "U502", name="Wessel", platform="slack")
    for person, expected in [
        (on_slack, "slack"),
        (on_telegram, "telegram"),
        (on_slack, "slack"),
        (on_telegram, "telegram"),
    ]:
        clock.advance(timedelta(seconds=10))  # all within the precision
        await person.say("/help")
        seen = await identities(services)
        best = max(seen.values(), key=lambda i: recency(i.last_seen_at, i.id))
        assert best.platform == expected
