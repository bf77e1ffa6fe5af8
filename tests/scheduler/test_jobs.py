"""Scheduled jobs: idempotent scheduling, due or not, missed while down, claims, failures."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.core.clock import ManualClock
from bot.core.messages import Reply
from bot.db.models import OutboxMessage, ScheduledJob
from bot.kernel.services import Services
from scheduler.claims import new_worker_id
from scheduler.jobs import (
    MAX_JOB_ATTEMPTS,
    JobContext,
    cancel,
    claim_due_jobs,
    release_dead_job_claims,
    run_due_jobs,
    schedule,
)
from scheduler.outbox import enqueue_many
from tests.scheduler.helpers import add_people


def clock(services: Services) -> ManualClock:
    assert isinstance(services.clock, ManualClock)
    return services.clock


async def get_job(services: Services, key: str) -> ScheduledJob:
    async with services.database() as db:
        job = await db.scalar(select(ScheduledJob).where(ScheduledJob.key == key))
        assert job is not None
        return job


def record_runs(services: Services, kind: str = "ping") -> list[JobContext]:
    runs: list[JobContext] = []

    async def handler(ctx: JobContext) -> None:
        runs.append(ctx)

    services.registry.job(kind, handler)

    return runs


async def test_schedule_is_idempotent_by_key(services: Services) -> None:
    now = services.clock.now()
    async with services.database() as db, db.begin():
        first = await schedule(db, kind="ping", key="k1", due_at=now + timedelta(hours=1))
        again = await schedule(
            db, kind="ping", key="k1", due_at=now + timedelta(hours=2), payload={"n": 2}
        )
        assert again.id == first.id
    async with services.database() as db:
        assert await db.scalar(select(func.count()).select_from(ScheduledJob)) == 1
    job = await get_job(services, "k1")
    assert job.due_at == now + timedelta(hours=2)
    assert job.payload == {"n": 2}


async def test_a_done_job_is_never_scheduled_again(services: Services) -> None:
    runs = record_runs(services)
    now = services.clock.now()
    async with services.database() as db, db.begin():
        await schedule(db, kind="ping", key="once", due_at=now)
    assert await run_due_jobs(services) == 1
    async with services.database() as db, db.begin():
        job = await schedule(
            db, kind="ping", key="once", due_at=now + timedelta(hours=1), revive=True
        )
        assert job.status == "done"
    clock(services).advance(timedelta(hours=2))
    assert await run_due_jobs(services) == 0
    assert len(runs) == 1


async def test_a_job_runs_when_due_and_not_before(services: Services) -> None:
    runs = record_runs(services)
    now = services.clock.now()
    async with services.database() as db, db.begin():
        await schedule(
            db, kind="ping", key="later", due_at=now + timedelta(hours=1), payload={"x": 1}
        )
    assert await run_due_jobs(services) == 0
    clock(services).advance(timedelta(minutes=59, seconds=59))
    assert await run_due_jobs(services) == 0
    clock(services).advance(timedelta(seconds=1))
    assert await run_due_jobs(services) == 1
    assert [r.payload for r in runs] == [{"x": 1}]
    assert runs[0].now == now + timedelta(hours=1)
    job = await get_job(services, "later")
    assert (job.status, job.done_at, job.attempts) == ("done", now + timedelta(hours=1), 1)
    assert await run_due_jobs(services) == 0
    assert len(runs) == 1


async def test_missed_while_down_runs_if_not_too_late_else_skipped(
    services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    runs = record_runs(services)
    now = services.clock.now()
    async with services.database() as db, db.begin():
        # Reminders before two sessions: one has not begun when we come back, one has.
        await schedule(
            db,
            kind="ping",
            key="still-useful",
            due_at=now + timedelta(hours=1),
            not_after=now + timedelta(hours=10),
        )
        await schedule(
            db,
            kind="ping",
            key="too-late",
            due_at=now + timedelta(hours=2),
            not_after=now + timedelta(hours=3),
        )
    clock(services).advance(timedelta(hours=5))  # the bot was down all that time
    with caplog.at_level(logging.WARNING, logger="scheduler.jobs"):
        assert await run_due_jobs(services) == 2
    assert [r.job.key for r in runs] == ["still-useful"]
    skipped = await get_job(services, "too-late")
    assert skipped.status == "skipped"
    assert "not_after" in (skipped.last_error or "")
    assert any("too-late" in message for message in caplog.messages)


async def test_only_one_worker_gets_a_claimed_job(services: Services) -> None:
    now = services.clock.now()
    async with services.database() as db, db.begin():
        for n in range(5):
            await schedule(db, kind="ping", key=f"j{n}", due_at=now)
    first, second = new_worker_id(), new_worker_id()
    got_first = await claim_due_jobs(services, worker=first)
    got_second = await claim_due_jobs(services, worker=second)
    assert len(got_first) == 5
    assert got_second == []
    # The second worker cannot run what the first one holds.
    runs = record_runs(services)
    assert await run_due_jobs(services, worker=second) == 0
    assert runs == []
    # Once the lease has run out, the job is free again: it is run once, by whoever takes it.
    clock(services).advance(timedelta(minutes=11))
    assert await run_due_jobs(services, worker=second) == 5
    assert await run_due_jobs(services, worker=first) == 0
    assert sorted(r.job.key for r in runs) == [f"j{n}" for n in range(5)]


async def test_jobs_of_a_killed_process_on_this_host_are_freed_at_once(services: Services) -> None:
    now = services.clock.now()
    async with services.database() as db, db.begin():
        job = await schedule(db, kind="ping", key="orphan", due_at=now)
        job.claimed_by = f"{new_worker_id().split(':')[0]}:999999999:dead"
        job.claimed_until = now + timedelta(minutes=10)
    runs = record_runs(services)
    assert await run_due_jobs(services) == 0
    assert await release_dead_job_claims(services) == 1
    assert await run_due_jobs(services) == 1
    assert len(runs) == 1


async def test_unknown_kind_fails_with_a_clear_error(
    services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    async with services.database() as db, db.begin():
        await schedule(db, kind="no-such-kind", key="mystery", due_at=services.clock.now())
    with caplog.at_level(logging.ERROR, logger="scheduler.jobs"):
        assert await run_due_jobs(services) == 1
    job = await get_job(services, "mystery")
    assert job.status == "failed"
    assert "unknown job kind 'no-such-kind'" in (job.last_error or "")
    assert any("no-such-kind" in message for message in caplog.messages)
    clock(services).advance(timedelta(days=1))
    assert await run_due_jobs(services) == 0


async def test_a_failing_handler_is_retried_with_backoff_then_failed(services: Services) -> None:
    people = await add_people(services, 2)
    calls: list[int] = []

    async def broken(ctx: JobContext) -> None:
        calls.append(ctx.job.attempts)
        # What it wrote before failing must not survive.
        await enqueue_many(
            ctx.db, key_prefix="broken", participant_ids=people, reply_for=lambda p: Reply("x")
        )
        raise RuntimeError("database of the moon is down")

    services.registry.job("broken", broken)

    now = services.clock.now()
    async with services.database() as db, db.begin():
        await schedule(db, kind="broken", key="b", due_at=now)
    assert await run_due_jobs(services) == 0
    job = await get_job(services, "b")
    assert (job.status, job.attempts) == ("pending", 1)
    assert job.retry_at == now + timedelta(seconds=30)
    assert "database of the moon" in (job.last_error or "")
    assert await run_due_jobs(services) == 0  # not before retry_at
    assert len(calls) == 1
    for _ in range(MAX_JOB_ATTEMPTS * 2):
        clock(services).advance(timedelta(hours=1))
        await run_due_jobs(services)
    assert len(calls) == MAX_JOB_ATTEMPTS
    job = await get_job(services, "b")
    assert (job.status, job.attempts) == ("failed", MAX_JOB_ATTEMPTS)
    async with services.database() as db:
        assert await db.scalar(select(func.count()).select_from(OutboxMessage)) == 0


async def test_a_jobs_messages_and_its_done_mark_commit_together(services: Services) -> None:
    people = await add_people(services, 3)

    async def remind(ctx: JobContext) -> None:
        await enqueue_many(
            ctx.db,
            key_prefix=f"remind:{ctx.job.key}",
            participant_ids=people,
            reply_for=lambda p: Reply(f"Hallo {p.display_name}"),
        )

    services.registry.job("remind", remind)

    async with services.database() as db, db.begin():
        await schedule(db, kind="remind", key="r1", due_at=services.clock.now())
    assert await run_due_jobs(services) == 1
    async with services.database() as db:
        keys = (await db.scalars(select(OutboxMessage.key).order_by(OutboxMessage.key))).all()
    assert keys == sorted(f"remind:r1:participant:{p}" for p in people)


async def test_cancel_removes_pending_jobs_by_key_or_prefix(services: Services) -> None:
    now = services.clock.now()
    async with services.database() as db, db.begin():
        for key in ("step:a:session:1", "step:b:session:1", "step:a:session:10", "other"):
            await schedule(db, kind="ping", key=key, due_at=now + timedelta(days=1))
    async with services.database() as db, db.begin():
        assert await cancel(db, key_prefix="step:a:session:1") == 2
        assert await cancel(db, key="other") == 1
        assert await cancel(db, key="other") == 0
    async with services.database() as db:
        left = (await db.scalars(select(ScheduledJob.key))).all()
    assert left == ["step:b:session:1"]


async def test_cancel_prefix_is_not_a_pattern(services: Services) -> None:
    now = services.clock.now()
    async with services.database() as db, db.begin():
        await schedule(db, kind="ping", key="a_b", due_at=now)
        await schedule(db, kind="ping", key="axb", due_at=now)
        assert await cancel(db, key_prefix="a_") == 1
