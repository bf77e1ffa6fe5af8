"""Scheduled jobs: idempotent scheduling, due or not, missed while down, claims, failures."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.core.clock import ManualClock
from bot.core.messages import Reply
from bot.db.models import OutboxMessage, ScheduledJob
from bot.wiring import App
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


def clock(app: App) -> ManualClock:
    assert isinstance(app.clock, ManualClock)
    return app.clock


async def get_job(app: App, key: str) -> ScheduledJob:
    async with app.sessions() as db:
        job = await db.scalar(select(ScheduledJob).where(ScheduledJob.key == key))
        assert job is not None
        return job


def record_runs(app: App, kind: str = "ping") -> list[JobContext]:
    runs: list[JobContext] = []

    @app.registry.jobs.job(kind)
    async def handler(ctx: JobContext) -> None:
        runs.append(ctx)

    return runs


async def test_schedule_is_idempotent_by_key(app: App) -> None:
    now = app.clock.now()
    async with app.sessions() as db, db.begin():
        first = await schedule(db, kind="ping", key="k1", due_at=now + timedelta(hours=1))
        again = await schedule(
            db, kind="ping", key="k1", due_at=now + timedelta(hours=2), payload={"n": 2}
        )
        assert again.id == first.id
    async with app.sessions() as db:
        assert await db.scalar(select(func.count()).select_from(ScheduledJob)) == 1
    job = await get_job(app, "k1")
    assert job.due_at == now + timedelta(hours=2)
    assert job.payload == {"n": 2}


async def test_a_done_job_is_never_scheduled_again(app: App) -> None:
    runs = record_runs(app)
    now = app.clock.now()
    async with app.sessions() as db, db.begin():
        await schedule(db, kind="ping", key="once", due_at=now)
    assert await run_due_jobs(app) == 1
    async with app.sessions() as db, db.begin():
        job = await schedule(
            db, kind="ping", key="once", due_at=now + timedelta(hours=1), revive=True
        )
        assert job.status == "done"
    clock(app).advance(timedelta(hours=2))
    assert await run_due_jobs(app) == 0
    assert len(runs) == 1


async def test_a_job_runs_when_due_and_not_before(app: App) -> None:
    runs = record_runs(app)
    now = app.clock.now()
    async with app.sessions() as db, db.begin():
        await schedule(
            db, kind="ping", key="later", due_at=now + timedelta(hours=1), payload={"x": 1}
        )
    assert await run_due_jobs(app) == 0
    clock(app).advance(timedelta(minutes=59, seconds=59))
    assert await run_due_jobs(app) == 0
    clock(app).advance(timedelta(seconds=1))
    assert await run_due_jobs(app) == 1
    assert [r.payload for r in runs] == [{"x": 1}]
    assert runs[0].now == now + timedelta(hours=1)
    job = await get_job(app, "later")
    assert (job.status, job.done_at, job.attempts) == ("done", now + timedelta(hours=1), 1)
    assert await run_due_jobs(app) == 0
    assert len(runs) == 1


async def test_missed_while_down_runs_if_not_too_late_else_skipped(
    app: App, caplog: pytest.LogCaptureFixture
) -> None:
    runs = record_runs(app)
    now = app.clock.now()
    async with app.sessions() as db, db.begin():
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
    clock(app).advance(timedelta(hours=5))  # the bot was down all that time
    with caplog.at_level(logging.WARNING, logger="scheduler.jobs"):
        assert await run_due_jobs(app) == 2
    assert [r.job.key for r in runs] == ["still-useful"]
    skipped = await get_job(app, "too-late")
    assert skipped.status == "skipped"
    assert "not_after" in (skipped.last_error or "")
    assert any("too-late" in message for message in caplog.messages)


async def test_only_one_worker_gets_a_claimed_job(app: App) -> None:
    now = app.clock.now()
    async with app.sessions() as db, db.begin():
        for n in range(5):
            await schedule(db, kind="ping", key=f"j{n}", due_at=now)
    first, second = new_worker_id(), new_worker_id()
    got_first = await claim_due_jobs(app, worker=first)
    got_second = await claim_due_jobs(app, worker=second)
    assert len(got_first) == 5
    assert got_second == []
    # The second worker cannot run what the first one holds.
    runs = record_runs(app)
    assert await run_due_jobs(app, worker=second) == 0
    assert runs == []
    # Once the lease has run out, the job is free again: it is run once, by whoever takes it.
    clock(app).advance(timedelta(minutes=11))
    assert await run_due_jobs(app, worker=second) == 5
    assert await run_due_jobs(app, worker=first) == 0
    assert sorted(r.job.key for r in runs) == [f"j{n}" for n in range(5)]


async def test_jobs_of_a_killed_process_on_this_host_are_freed_at_once(app: App) -> None:
    now = app.clock.now()
    async with app.sessions() as db, db.begin():
        job = await schedule(db, kind="ping", key="orphan", due_at=now)
        job.claimed_by = f"{new_worker_id().split(':')[0]}:999999999:dead"
        job.claimed_until = now + timedelta(minutes=10)
    runs = record_runs(app)
    assert await run_due_jobs(app) == 0
    assert await release_dead_job_claims(app) == 1
    assert await run_due_jobs(app) == 1
    assert len(runs) == 1


async def test_unknown_kind_fails_with_a_clear_error(
    app: App, caplog: pytest.LogCaptureFixture
) -> None:
    async with app.sessions() as db, db.begin():
        await schedule(db, kind="no-such-kind", key="mystery", due_at=app.clock.now())
    with caplog.at_level(logging.ERROR, logger="scheduler.jobs"):
        assert await run_due_jobs(app) == 1
    job = await get_job(app, "mystery")
    assert job.status == "failed"
    assert "unknown job kind 'no-such-kind'" in (job.last_error or "")
    assert any("no-such-kind" in message for message in caplog.messages)
    clock(app).advance(timedelta(days=1))
    assert await run_due_jobs(app) == 0


async def test_a_failing_handler_is_retried_with_backoff_then_failed(app: App) -> None:
    people = await add_people(app, 2)
    calls: list[int] = []

    @app.registry.jobs.job("broken")
    async def broken(ctx: JobContext) -> None:
        calls.append(ctx.job.attempts)
        # What it wrote before failing must not survive.
        await enqueue_many(
            ctx.db, key_prefix="broken", participant_ids=people, reply_for=lambda p: Reply("x")
        )
        raise RuntimeError("database of the moon is down")

    now = app.clock.now()
    async with app.sessions() as db, db.begin():
        await schedule(db, kind="broken", key="b", due_at=now)
    assert await run_due_jobs(app) == 0
    job = await get_job(app, "b")
    assert (job.status, job.attempts) == ("pending", 1)
    assert job.retry_at == now + timedelta(seconds=30)
    assert "database of the moon" in (job.last_error or "")
    assert await run_due_jobs(app) == 0  # not before retry_at
    assert len(calls) == 1
    for _ in range(MAX_JOB_ATTEMPTS * 2):
        clock(app).advance(timedelta(hours=1))
        await run_due_jobs(app)
    assert len(calls) == MAX_JOB_ATTEMPTS
    job = await get_job(app, "b")
    assert (job.status, job.attempts) == ("failed", MAX_JOB_ATTEMPTS)
    async with app.sessions() as db:
        assert await db.scalar(select(func.count()).select_from(OutboxMessage)) == 0


async def test_a_jobs_messages_and_its_done_mark_commit_together(app: App) -> None:
    people = await add_people(app, 3)

    @app.registry.jobs.job("remind")
    async def remind(ctx: JobContext) -> None:
        await enqueue_many(
            ctx.db,
            key_prefix=f"remind:{ctx.job.key}",
            participant_ids=people,
            reply_for=lambda p: Reply(f"Hallo {p.display_name}"),
        )

    async with app.sessions() as db, db.begin():
        await schedule(db, kind="remind", key="r1", due_at=app.clock.now())
    assert await run_due_jobs(app) == 1
    async with app.sessions() as db:
        keys = (await db.scalars(select(OutboxMessage.key).order_by(OutboxMessage.key))).all()
    assert keys == sorted(f"remind:r1:participant:{p}" for p in people)


async def test_cancel_removes_pending_jobs_by_key_or_prefix(app: App) -> None:
    now = app.clock.now()
    async with app.sessions() as db, db.begin():
        for key in ("step:a:session:1", "step:b:session:1", "step:a:session:10", "other"):
            await schedule(db, kind="ping", key=key, due_at=now + timedelta(days=1))
    async with app.sessions() as db, db.begin():
        assert await cancel(db, key_prefix="step:a:session:1") == 2
        assert await cancel(db, key="other") == 1
        assert await cancel(db, key="other") == 0
    async with app.sessions() as db:
        left = (await db.scalars(select(ScheduledJob.key))).all()
    assert left == ["step:b:session:1"]


async def test_cancel_prefix_is_not_a_pattern(app: App) -> None:
    now = app.clock.now()
    async with app.sessions() as db, db.begin():
        await schedule(db, kind="ping", key="a_b", due_at=now)
        await schedule(db, kind="ping", key="axb", due_at=now)
        assert await cancel(db, key_prefix="a_") == 1
