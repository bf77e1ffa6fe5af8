"""The scheduler service: tick() runs due jobs and sends their messages; APScheduler wakes it."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.core.clock import ManualClock
from bot.core.messages import Reply
from bot.kernel.services import JobContext, Services
from scheduler import service as service_module
from scheduler.jobs import schedule
from scheduler.outbox import enqueue, enqueue_many
from scheduler.service import SchedulerService, start_scheduler_service, tick
from tests.fakes.flaky_messenger import FlakyMessenger
from tests.scheduler.helpers import add_people, outbox_rows


async def test_tick_runs_a_due_job_and_delivers_what_it_queued(services: Services) -> None:
    people = await add_people(services, 3)
    telegram = FlakyMessenger("telegram")
    services.messengers["telegram"] = telegram

    async def logistics(ctx: JobContext) -> None:
        await enqueue_many(
            ctx.db,
            key_prefix=f"logistics:{ctx.job.key}",
            participant_ids=people,
            reply_for=lambda p: Reply("Morgen om 10:00 in Zuilen"),
        )

    services.registry.job("test-logistics", logistics)

    async with services.database() as db, db.begin():
        await schedule(
            db, kind="test-logistics", key="s1", due_at=services.clock.now() + timedelta(days=1)
        )
    await tick(services)
    assert telegram.delivered == []
    assert isinstance(services.clock, ManualClock)
    services.clock.advance(timedelta(days=1))
    await tick(services)
    assert sorted(d.chat_id for d in telegram.delivered) == ["2000", "2001", "2002"]
    await tick(services)
    assert len(telegram.delivered) == 3


async def test_the_service_catches_up_at_start_and_wakes_when_messages_are_queued(
    services: Services,
) -> None:
    [first, second] = await add_people(services, 2)
    services.messengers["telegram"] = telegram = FlakyMessenger("telegram")
    async with services.database() as db, db.begin():
        await enqueue(db, key="left-from-before", participant_id=first, reply=Reply("1"))
    service = SchedulerService(services, interval=3600)  # only the start and the commit wake it
    await service.start()
    try:
        async with asyncio.timeout(10):
            await telegram.wait_for(1)
            async with services.database() as db, db.begin():
                await enqueue(db, key="new", participant_id=second, reply=Reply("2"))
            await telegram.wait_for(2)
        assert service.scheduler.running
    finally:
        await service.stop()
    assert not service.scheduler.running
    assert {row.status for row in await outbox_rows(services)} == {"sent"}


async def test_start_scheduler_service_returns_a_stopper(services: Services) -> None:
    service = await start_scheduler_service(services)
    assert isinstance(service, SchedulerService)
    stop = service.stop
    await stop()


async def test_stopping_waits_out_no_gap_between_ticks(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stopped right after a tick (a piped console exits at once), the service does not sit
    out the pause it keeps between ticks before its last look."""
    monkeypatch.setattr(service_module, "MIN_GAP_SECONDS", 60.0)
    service = SchedulerService(services)
    await service.start()
    async with asyncio.timeout(10):
        while service.ticks < 1:  # noqa: ASYNC110 (nothing to wait on but the counter)
            await asyncio.sleep(0.01)
        await service.stop()  # before the fix: 60 s
    assert service.ticks == 2  # and the last look was taken
