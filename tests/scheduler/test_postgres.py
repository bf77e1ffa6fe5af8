"""Two copbot processes against one PostgreSQL database: nothing sent twice, no job run twice.

Needs COPBOT_TEST_POSTGRES_URL (`eval "$(.ci/postgres)"` starts a throwaway server); each
test gets a database of its own.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.core.messages import Reply
from bot.db.models import ScheduledJob
from bot.kernel.services import Services
from scheduler.claims import new_worker_id
from scheduler.delivery import Delivery
from scheduler.jobs import claim_due_jobs, schedule
from scheduler.outbox import enqueue_many
from tests.factories import make_app
from tests.fakes.counting_api import CountingApi
from tests.faults.postgres import fresh_database
from tests.scheduler.helpers import add_people, outbox_rows
from tests.scheduler.test_crash_restart import start_worker

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture
async def pg_url() -> AsyncIterator[str]:
    async with fresh_database() as url:
        yield url


@pytest.fixture
async def pg_app(tmp_path: Path, pg_url: str) -> AsyncIterator[Services]:
    application = await make_app(tmp_path, database_url=pg_url)
    try:
        yield application
    finally:
        await application.close()


@pytest.fixture
async def api() -> AsyncIterator[CountingApi]:
    stand_in = CountingApi(latency=0.01)
    await stand_in.start()
    try:
        yield stand_in
    finally:
        await stand_in.stop()


async def test_two_processes_send_nothing_twice_and_run_no_job_twice(
    pg_app: Services, api: CountingApi
) -> None:
    people = await add_people(pg_app, 60, first_user=7000)
    now = pg_app.clock.now()
    async with pg_app.database() as db, db.begin():
        await enqueue_many(
            db, key_prefix="omroep:pg", participant_ids=people, reply_for=lambda p: Reply("Hoi")
        )
        for n in range(20):
            # Due long ago for the workers' wall clock, whatever the test clock says.
            await schedule(
                db, kind="remote-ping", key=f"ping{n}", due_at=now - timedelta(days=3650)
            )
    url = pg_app.settings.database_url
    workers = [await start_worker(url, api.url, name) for name in ("one", "two")]
    async with asyncio.timeout(120):
        results = await asyncio.gather(*(w.communicate() for w in workers))
    for worker, (_, stderr) in zip(workers, results, strict=True):
        assert worker.returncode == 0, stderr.decode()

    chats = [str(7000 + n) for n in range(60)]
    assert [api.received[chat] for chat in chats] == [1] * 60
    assert sorted(api.jobs.elements()) == sorted(f"ping{n}" for n in range(20))
    assert all(api.received[f"pong-ping{n}"] == 1 for n in range(20))
    rows = await outbox_rows(pg_app)
    assert {row.status for row in rows} == {"sent"}
    async with pg_app.database() as db:
        jobs = (await db.scalars(select(ScheduledJob))).all()
    assert {(job.status, job.attempts) for job in jobs} == {("done", 1)}
    print(f"sent by one: {api.senders['one']}, by two: {api.senders['two']}")


async def test_concurrent_claims_skip_each_others_rows(pg_app: Services) -> None:
    now = pg_app.clock.now()
    async with pg_app.database() as db, db.begin():
        for n in range(40):
            await schedule(db, kind="ping", key=f"j{n}", due_at=now)
    first, second = new_worker_id(), new_worker_id()
    a, b = await asyncio.gather(
        claim_due_jobs(pg_app, limit=25, worker=first),
        claim_due_jobs(pg_app, limit=25, worker=second),
    )
    assert not set(a) & set(b)
    assert len(a) + len(b) == 40


async def test_outbox_claims_on_postgres_are_exclusive(pg_app: Services) -> None:
    people = await add_people(pg_app, 30)
    async with pg_app.database() as db, db.begin():
        await enqueue_many(
            db, key_prefix="x", participant_ids=people, reply_for=lambda p: Reply("x")
        )
    one = Delivery(pg_app, worker=new_worker_id(), batch=20)
    two = Delivery(pg_app, worker=new_worker_id(), batch=20)
    pg_app.messengers["telegram"] = object()  # type: ignore[assignment]  # only claiming here
    a, b = await asyncio.gather(one._claim(pg_app.clock.now()), two._claim(pg_app.clock.now()))
    ids_a, ids_b = {w.row.id for w in a}, {w.row.id for w in b}
    assert not ids_a & ids_b
    assert len(ids_a | ids_b) == 30
    assert len(await outbox_rows(pg_app)) == 30
