"""Replicas on one PostgreSQL database stay within Telegram's overall limit together.

Each process has its own limiter (about 30 messages a second); with two or three replicas
the platform must still see at most 30 a second, measured at a counting stand-in.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core.messages import Reply
from bot.kernel.services import Services
from scheduler.claims import new_worker_id
from scheduler.delivery import Delivery
from scheduler.outbox import enqueue_many
from tests.factories import make_app
from tests.fakes.counting_api import CountingApi
from tests.fakes.http_messenger import HttpMessenger
from tests.faults.postgres import fresh_database, peak_per_second
from tests.scheduler.helpers import add_people, outbox_rows

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

RECIPIENTS = 120  # four seconds of sending at 30 a second


@pytest.fixture
async def pg_app(tmp_path: Path) -> AsyncIterator[Services]:
    async with fresh_database() as url:
        application = await make_app(tmp_path, database_url=url)
        try:
            yield application
        finally:
            await application.close()


async def _replica(delivery: Delivery, api: CountingApi) -> None:
    while api.total < RECIPIENTS:
        await delivery.recover()
        await delivery.deliver_until_idle()
        await asyncio.sleep(0.05)  # the other replica has the turn, or holds the rest


@pytest.mark.parametrize("replicas", [1, 2, 3])
async def test_replicas_together_send_at_most_30_messages_a_second(
    pg_app: Services, tmp_path: Path, replicas: int
) -> None:
    api = CountingApi(latency=0.02)
    await api.start()
    messengers = [HttpMessenger(api.url, sender=f"r{n}") for n in range(replicas)]
    try:
        people = await add_people(pg_app, RECIPIENTS, first_user=8000)
        async with pg_app.database() as db, db.begin():
            await enqueue_many(
                db,
                key_prefix="omroep:rate",
                participant_ids=people,
                reply_for=lambda p: Reply("!"),
            )
        deliveries = []
        for messenger in messengers:
            # Each replica its own services (engine, messengers) on the one database.
            home = tmp_path / messenger.sender
            home.mkdir()
            replica = await make_app(home, database_url=pg_app.settings.database_url)
            replica.messengers["telegram"] = messenger  # type: ignore[assignment]
            deliveries.append(Delivery(replica, worker=new_worker_id(), batch=20))
        try:
            async with asyncio.timeout(60):
                await asyncio.gather(*(_replica(d, api) for d in deliveries))
        finally:
            for delivery in deliveries:
                await delivery.services.close()
    finally:
        for messenger in messengers:
            await messenger.close()
        await api.stop()

    assert [api.received[str(8000 + n)] for n in range(RECIPIENTS)] == [1] * RECIPIENTS
    assert {row.status for row in await outbox_rows(pg_app)} == {"sent"}
    peak = peak_per_second(api.arrivals)
    print(f"{replicas} replica(s): peak {peak} messages a second, senders {dict(api.senders)}")
    assert peak <= 30
