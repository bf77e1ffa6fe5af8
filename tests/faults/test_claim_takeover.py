"""A replica on another host dies holding claims: its rows are taken over within 30 s.

Another host's process can only be judged by its lease (its pid means nothing here), so the
lease is short and renewed by a heartbeat while the holder works.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import update

from bot.core.clock import ManualClock
from bot.core.messages import Reply
from bot.db.models import OutboxMessage
from bot.kernel.services import JobContext, Services
from scheduler.delivery import Delivery
from scheduler.jobs import claim_due_jobs, run_due_jobs, schedule
from scheduler.outbox import enqueue_many
from scheduler.ratelimit import PlatformLimits, RateLimiter
from tests.fakes.flaky_messenger import FlakyMessenger
from tests.scheduler.helpers import add_people, outbox_rows

ELSEWHERE = "other-host:4242:deadbeef-00000000"  # a replica on another machine
NO_LIMITS = {"telegram": PlatformLimits(per_second=10_000.0, chat_interval=0.0)}


def _clock(services: Services) -> ManualClock:
    assert isinstance(services.clock, ManualClock)
    return services.clock


async def test_a_dead_replicas_outbox_claims_are_taken_over_within_30_seconds(
    services: Services,
) -> None:
    people = await add_people(services, 12, first_user=6100)
    async with services.database() as db, db.begin():
        await enqueue_many(
            db, key_prefix="omroep:t", participant_ids=people, reply_for=lambda p: Reply("Hoi")
        )
    messenger = FlakyMessenger()
    services.messengers["telegram"] = messenger  # type: ignore[assignment]
    dead = Delivery(services, worker=ELSEWHERE, limiter=RateLimiter(NO_LIMITS))
    claimed = await dead._claim(_clock(services).now())  # claims, then dies (kill -9)
    assert len(claimed) == 12
    # One row was in flight when it died: it may have arrived, so it is never resent.
    async with services.database() as db, db.begin():
        await db.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == claimed[0].row.id)
            .values(status="sending", attempts=1)
        )

    _clock(services).advance(timedelta(seconds=30))
    live = Delivery(services, limiter=RateLimiter(NO_LIMITS))
    await live.recover()
    report = await live.deliver_until_idle()

    assert report.sent == 11
    statuses = sorted(row.status for row in await outbox_rows(services))
    assert statuses == ["sent"] * 11 + ["uncertain"]
    assert len(messenger.delivered) == 11


async def test_a_dead_replicas_job_claims_are_taken_over_within_30_seconds(
    services: Services,
) -> None:
    ran: list[str] = []

    async def ping(job: JobContext) -> None:
        ran.append(job.job.key)

    services.registry.job("ping-takeover", ping)
    now = _clock(services).now()
    async with services.database() as db, db.begin():
        for n in range(3):
            await schedule(db, kind="ping-takeover", key=f"t{n}", due_at=now)
    assert len(await claim_due_jobs(services, worker=ELSEWHERE)) == 3  # then it dies
    assert await run_due_jobs(services) == 0  # its lease still holds

    _clock(services).advance(timedelta(seconds=30))
    assert await run_due_jobs(services) == 3
    assert sorted(ran) == ["t0", "t1", "t2"]


async def test_a_working_replica_keeps_its_claims_by_its_heartbeat(services: Services) -> None:
    """A send that takes longer than the lease: the heartbeat renews it, nobody takes over."""
    people = await add_people(services, 2, first_user=6200)
    async with services.database() as db, db.begin():
        await enqueue_many(
            db, key_prefix="omroep:h", participant_ids=people, reply_for=lambda p: Reply("Hoi")
        )
    clock = _clock(services)
    release = asyncio.Event()

    class SlowMessenger(FlakyMessenger):
        async def send(self, chat_id: str, reply: Reply) -> str | None:
            await release.wait()
            return await super().send(chat_id, reply)

    services.messengers["telegram"] = SlowMessenger()  # type: ignore[assignment]
    busy = Delivery(services, worker=ELSEWHERE, limiter=RateLimiter(NO_LIMITS), concurrency=2)
    busy.heartbeat_every = 0.02
    sending = asyncio.create_task(busy.deliver_due())
    other = Delivery(services, limiter=RateLimiter(NO_LIMITS))
    for _ in range(6):  # three minutes pass while the first replica waits for the platform
        clock.advance(timedelta(seconds=30))
        await asyncio.sleep(0.2)  # a heartbeat or more
        assert await other.recover() == 0
        assert (await other.deliver_due()).claimed == 0
    release.set()
    report = await sending
    assert report.sent == 2
    assert {row.status for row in await outbox_rows(services)} == {"sent"}
