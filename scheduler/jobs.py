"""Scheduled jobs: schedule and cancel them by key, and run the ones that are due.

Every job is a row (`ScheduledJob`); this module is the only code that runs them:

- `schedule` is idempotent by key; `cancel` removes pending jobs.
- `run_due_jobs` claims due rows (`FOR UPDATE SKIP LOCKED` on PostgreSQL, `BEGIN IMMEDIATE`
  on SQLite) with a lease, then runs each in its own transaction, holding the row lock, and
  marks it done in that same transaction: what the handler wrote (outbox rows, ...) and "done"
  commit together, so a crash mid-job rolls both back and the job runs again; never twice.
- A job whose `not_after` has passed (the bot was down) is skipped and logged, not run late.
- A timeline step whose meeting is gone or no longer planned is skipped and logged, so a
  step handler always gets a planned meeting in `job.session`.
- An unknown kind fails at once with a clear `last_error`; a handler that raises is retried
  with backoff a few times and then marked failed: never a crash loop.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import ScheduledJob, Session
from bot.db.models.scheduling import JOB_DONE, JOB_FAILED, JOB_PENDING, JOB_SKIPPED
from bot.kernel.services import JobContext, Services
from scheduler.claims import (
    HEARTBEAT_SECONDS,
    LEASE,
    WORKER_ID,
    claimant_is_dead,
    heartbeat,
    insert_ignoring_duplicates,
    session_now,
)

log = logging.getLogger(__name__)

# How long a claim holds before another process may take the job over; renewed by a heartbeat
# while the claimed jobs run, so a dead replica's jobs are taken over within about 25 s.
JOB_LEASE = LEASE
MAX_JOB_ATTEMPTS = 5
RETRY_BASE = timedelta(seconds=30)
RETRY_MAX = timedelta(hours=1)


async def schedule(
    db: AsyncSession,
    *,
    kind: str,
    key: str,
    due_at: datetime,
    payload: dict[str, Any] | None = None,
    session_id: int | None = None,
    not_after: datetime | None = None,
    revive: bool = False,
) -> ScheduledJob:
    """Schedule `kind` at `due_at` under the unique `key`; calling it again is safe.

    An existing pending job gets the new due_at/payload/not_after. A finished job (done,
    skipped, failed) is left alone and returned, unless `revive=True` brings a skipped or
    failed one back to pending (a done job is never run again).
    """
    if due_at.tzinfo is None:
        raise ValueError("due_at must be timezone-aware")
    job = await _by_key(db, key)
    if job is None:
        await insert_ignoring_duplicates(
            db,
            ScheduledJob.__table__,  # type: ignore[arg-type]
            [
                {
                    "kind": kind,
                    "key": key,
                    "session_id": session_id,
                    "due_at": due_at,
                    "not_after": not_after,
                    "status": JOB_PENDING,
                    "payload": payload or {},
                    "attempts": 0,
                    "created_at": session_now(db),
                }
            ],
        )
        job = await _by_key(db, key)
        assert job is not None
        return job
    revivable = revive and job.status in (JOB_SKIPPED, JOB_FAILED)
    if job.status != JOB_PENDING and not revivable:
        return job
    if revivable or job.due_at != due_at:
        job.attempts = 0
        job.retry_at = None
        job.last_error = None
    job.status = JOB_PENDING
    job.kind = kind
    job.due_at = due_at
    job.not_after = not_after
    job.session_id = session_id
    if payload is not None:
        job.payload = payload
    await db.flush()
    return job


async def _by_key(db: AsyncSession, key: str) -> ScheduledJob | None:
    job: ScheduledJob | None = await db.scalar(
        select(ScheduledJob)
        .where(ScheduledJob.key == key)
        .execution_options(populate_existing=True)
    )
    return job


async def cancel(
    db: AsyncSession, *, key: str | None = None, key_prefix: str | None = None
) -> int:
    """Remove pending jobs by key or key prefix; finished ones stay as history."""
    if key is None and key_prefix is None:
        raise ValueError("cancel needs a key or a key_prefix")
    stmt = delete(ScheduledJob).where(ScheduledJob.status == JOB_PENDING)
    if key is not None:
        stmt = stmt.where(ScheduledJob.key == key)
    if key_prefix is not None:
        stmt = stmt.where(ScheduledJob.key.startswith(key_prefix, autoescape=True))
    result = await db.execute(stmt.execution_options(synchronize_session=False))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def done_by_hand(db: AsyncSession, key: str, now: datetime) -> bool:
    """A pending job whose work someone did by hand (an organiser opened the agenda vote
    before its step came): marked done now, so it does not run and a meeting's timeline says
    it happened. A job that is running is left to finish. False when there was none."""
    result = await db.execute(
        update(ScheduledJob)
        .where(
            ScheduledJob.key == key,
            ScheduledJob.status == JOB_PENDING,
            ScheduledJob.claimed_by.is_(None),
        )
        .values(status=JOB_DONE, done_at=now)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


def _due(now: datetime) -> Any:
    return (
        (ScheduledJob.status == JOB_PENDING)
        & (ScheduledJob.due_at <= now)
        & or_(ScheduledJob.retry_at.is_(None), ScheduledJob.retry_at <= now)
    )


async def release_dead_job_claims(services: Services) -> int:
    """Free jobs claimed by a process on this host that is gone (killed mid-job)."""
    async with services.database() as db, db.begin():
        rows = await db.execute(
            select(ScheduledJob.id, ScheduledJob.claimed_by).where(
                ScheduledJob.status == JOB_PENDING, ScheduledJob.claimed_by.is_not(None)
            )
        )
        dead = [job_id for job_id, owner in rows.all() if claimant_is_dead(owner)]
        if dead:
            await db.execute(
                update(ScheduledJob)
                .where(ScheduledJob.id.in_(dead), ScheduledJob.status == JOB_PENDING)
                .values(claimed_by=None, claimed_until=None)
            )
            log.warning("released %d job(s) claimed by a process that is gone", len(dead))
    return len(dead)


async def claim_due_jobs(
    services: Services, *, limit: int = 100, worker: str = WORKER_ID
) -> list[int]:
    """Claim up to `limit` due jobs for `worker`; another process skips what we hold."""
    now = services.clock.now()
    async with services.database() as db, db.begin():
        ids = list(
            (
                await db.scalars(
                    select(ScheduledJob.id)
                    .where(
                        _due(now),
                        or_(
                            ScheduledJob.claimed_until.is_(None), ScheduledJob.claimed_until < now
                        ),
                    )
                    .order_by(ScheduledJob.due_at, ScheduledJob.id)
                    .limit(limit)
                    .with_for_update(skip_locked=True)
                )
            ).all()
        )
        if ids:
            await db.execute(
                update(ScheduledJob)
                .where(ScheduledJob.id.in_(ids))
                .values(claimed_by=worker, claimed_until=now + JOB_LEASE)
            )
    return ids


async def run_due_jobs(
    services: Services,
    *,
    limit: int = 100,
    worker: str = WORKER_ID,
    heartbeat_every: float = HEARTBEAT_SECONDS,
) -> int:
    """Claim and run what is due now; returns how many jobs were finished (any outcome)."""
    finished = 0
    ids = await claim_due_jobs(services, limit=limit, worker=worker)
    if not ids:
        return 0

    async def renew() -> None:
        await renew_job_claims(services, worker)

    async with heartbeat(renew, heartbeat_every):
        for job_id in ids:
            if await _run_one(services, job_id, worker):
                finished += 1
    return finished


async def renew_job_claims(services: Services, worker: str) -> None:
    """The heartbeat: `worker`'s claimed jobs stay its own for another lease. The job that is
    running holds its row lock; it is skipped (nobody can claim a locked row anyway)."""
    now = services.clock.now()
    async with services.database() as db, db.begin():
        held = (
            select(ScheduledJob.id)
            .where(ScheduledJob.claimed_by == worker, ScheduledJob.status == JOB_PENDING)
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        )
        await db.execute(
            update(ScheduledJob)
            .where(ScheduledJob.id.in_(held))
            .values(claimed_until=now + JOB_LEASE)
            .execution_options(synchronize_session=False)
        )


async def _run_one(services: Services, job_id: int, worker: str) -> bool:
    now = services.clock.now()
    kind = "?"
    try:
        async with services.database() as db, db.begin():
            db.info["now"] = now
            # Lock the row for the whole run: a second process cannot claim it meanwhile.
            job = await _lock(db, job_id)
            if job is None or job.status != JOB_PENDING or job.claimed_by != worker:
                return False  # cancelled, or taken over after our lease ran out
            kind = job.kind
            if job.not_after is not None and now > job.not_after:
                log.warning(
                    "skipping job %s (%s): due %s, too late after %s",
                    job.key,
                    job.kind,
                    job.due_at.isoformat(),
                    job.not_after.isoformat(),
                )
                _finish(job, JOB_SKIPPED, now, f"missed: now {now.isoformat()} is after not_after")
                return True
            handler = services.registry.jobs.get(job.kind)
            if handler is None:
                log.error("job %s has unknown kind %r; marked failed", job.key, job.kind)
                _finish(job, JOB_FAILED, now, f"unknown job kind {job.kind!r}: no feature has it")
                return True
            meeting = await db.get(Session, job.session_id) if job.session_id is not None else None
            if job.kind in services.registry.steps and (meeting is None or not meeting.is_planned):
                # Step handlers rely on this: their meeting (job.session) is a planned one.
                log.info("skipping timeline step %s: its meeting is gone or cancelled", job.key)
                _finish(job, JOB_SKIPPED, now, "meeting gone or no longer planned")
                return True
            ctx = JobContext(services=services, db=db, job=job, now=now, session=meeting)
            job.attempts += 1
            await handler(ctx)
            _finish(job, JOB_DONE, now, None)
            return True
    except Exception as problem:
        log.exception("job %s (%s) failed", job_id, kind)
        return await _record_failure(services, job_id, worker, now, problem)


async def _lock(db: AsyncSession, job_id: int) -> ScheduledJob | None:
    """The job's row, locked until the transaction ends, as the database has it now."""
    job: ScheduledJob | None = await db.scalar(
        select(ScheduledJob)
        .where(ScheduledJob.id == job_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return job


def _finish(job: ScheduledJob, status: str, now: datetime, error: str | None) -> None:
    job.status = status
    job.done_at = now
    job.last_error = error
    job.claimed_by = None
    job.claimed_until = None


async def _record_failure(
    services: Services, job_id: int, worker: str, now: datetime, problem: Exception
) -> bool:
    async with services.database() as db, db.begin():
        job = await _lock(db, job_id)
        if job is None or job.status != JOB_PENDING or job.claimed_by != worker:
            return False
        job.attempts += 1  # the handler's own increment was rolled back with its work
        error = f"{type(problem).__name__}: {problem}"[:2000]
        if job.attempts >= MAX_JOB_ATTEMPTS:
            log.error("job %s failed %d times; giving up: %s", job.key, job.attempts, error)
            _finish(job, JOB_FAILED, now, error)
            return True
        job.last_error = error
        job.retry_at = now + retry_delay(job.attempts)
        job.claimed_by = None
        job.claimed_until = None
        return False


def retry_delay(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, 4 min, ... capped at an hour."""
    return min(RETRY_BASE * (2 ** max(attempts - 1, 0)), RETRY_MAX)


async def next_due_at(services: Services) -> datetime | None:
    """When the earliest pending job becomes due (for waking up on time)."""
    async with services.database() as db:
        due = await db.scalar(
            select(ScheduledJob.due_at)
            .where(ScheduledJob.status == JOB_PENDING, ScheduledJob.retry_at.is_(None))
            .order_by(ScheduledJob.due_at)
            .limit(1)
        )
        retry = await db.scalar(
            select(ScheduledJob.retry_at)
            .where(ScheduledJob.status == JOB_PENDING, ScheduledJob.retry_at.is_not(None))
            .order_by(ScheduledJob.retry_at)
            .limit(1)
        )
    candidates = [t for t in (due, retry) if t is not None]
    return min(candidates) if candidates else None


async def pending_jobs(services: Services, *, session_id: int | None = None) -> list[ScheduledJob]:
    """Pending jobs by due time (of one meeting when `session_id` is given): what will run."""
    query = select(ScheduledJob).where(ScheduledJob.status == JOB_PENDING)
    if session_id is not None:
        query = query.where(ScheduledJob.session_id == session_id)
    async with services.database() as db:
        return list((await db.scalars(query.order_by(ScheduledJob.due_at, ScheduledJob.id))).all())


async def run_now(services: Services, key: str, *, worker: str = WORKER_ID) -> str | None:
    """Run the pending job `key` at once, whatever its due time (an operator's test run);
    returns its status afterwards, or None when no pending job has that key."""
    now = services.clock.now()
    async with services.database() as db, db.begin():
        job = await db.scalar(
            select(ScheduledJob)
            .where(ScheduledJob.key == key, ScheduledJob.status == JOB_PENDING)
            .with_for_update()
        )
        if job is None:
            return None
        if job.claimed_until is not None and job.claimed_until > now and job.claimed_by != worker:
            return "claimed"  # a running bot is at it right now
        job.due_at = min(job.due_at, now)
        job.not_after = None
        job.retry_at = None
        job.claimed_by, job.claimed_until = worker, now + JOB_LEASE
        job_id = job.id
    await _run_one(services, job_id, worker)
    async with services.database() as db:
        return await db.scalar(select(ScheduledJob.status).where(ScheduledJob.id == job_id))
