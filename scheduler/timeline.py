"""The session timeline: one scheduled job per registered step and session, kept in step with it.

Steps are declared by features (`registry.jobs.step`); a step is due at the session's start +
its offset, or for a step after the meeting (offset > 0) at its end + the offset, on a working
day (per-session steps, the reminders, take their offsets from the session). Whole days
are counted on the local calendar, so "2 days before 10:00" is 10:00 also across a DST change.
Job keys: "step:<kind>:session:<id>" and "step:<kind>:session:<id>:offset:<ISO-8601>".
A step only runs while its meeting is planned; its handler reads it with `step_meeting(job)`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.dates import iso_duration, offset_from_stored, parse_iso_duration, shift
from bot.db.models import ScheduledJob, Session
from bot.db.models.scheduling import JOB_PENDING
from bot.db.models.sessions import PLANNED
from bot.kernel.registry import TimelineStep
from bot.kernel.services import JobContext, Services
from scheduler.jobs import cancel, schedule


@dataclass(frozen=True)
class PlannedStep:
    """One step of one session: what runs, under which key, and when."""

    step: TimelineStep
    key: str
    offset: timedelta  # relative to the session's start; negative is before
    due_at: datetime


@dataclass(frozen=True)
class TimelineEntry:
    """A line of `/sessie <id> tijdlijn`."""

    kind: str
    label_nl: str
    label_en: str
    offset: timedelta
    due_at: datetime
    status: str  # the job's status, or "not-scheduled" when it was already past

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_nl


def step_key(kind: str, session_id: int, offset: timedelta | None = None) -> str:
    key = f"step:{kind}:session:{session_id}"
    return key if offset is None else f"{key}:offset:{iso_duration(offset)}"


def session_offsets(session: Session) -> list[timedelta]:
    """The session's own offsets for per-session steps (the reminders), before the start."""
    return sorted({offset_from_stored(value) for value in session.reminder_offsets or []})


def planned_steps(
    session: Session, steps: Mapping[str, TimelineStep], tz: ZoneInfo
) -> list[PlannedStep]:
    """Every step this session has, in order of time."""
    planned = []
    for step in steps.values():
        if step.per_session:
            for offset in session_offsets(session):
                key = step_key(step.kind, session.id, offset)
                planned.append(
                    PlannedStep(step, key, offset, shift(session.starts_at, offset, tz))
                )
        else:
            key = step_key(step.kind, session.id)
            planned.append(PlannedStep(step, key, step.offset, step_due(session, step.offset, tz)))
    return sorted(planned, key=lambda p: (p.due_at, p.key))


def step_due(session: Session, offset: timedelta, tz: ZoneInfo) -> datetime:
    """When a step is due: before the meeting counted from its start; after it counted from
    its end and on a working day (a step that would fall in the weekend moves to Monday, at
    the same local time), so the questions after a Thursday-Friday meeting don't come on
    Saturday."""
    if offset <= timedelta(0):
        return shift(session.starts_at, offset, tz)
    due = shift(session.ends_at, offset, tz)
    weekend_days = max(0, due.astimezone(tz).weekday() - 4)  # Saturday 1, Sunday 2
    return shift(due, timedelta(days=3 - weekend_days), tz) if weekend_days else due


async def _step_jobs(db: AsyncSession, session_id: int) -> list[ScheduledJob]:
    rows = await db.scalars(
        select(ScheduledJob)
        .where(ScheduledJob.session_id == session_id, ScheduledJob.key.startswith("step:"))
        .order_by(ScheduledJob.due_at, ScheduledJob.key)
    )
    return list(rows.all())


async def sync_timeline(
    db: AsyncSession,
    session: Session,
    steps: Mapping[str, TimelineStep],
    *,
    now: datetime,
    tz: ZoneInfo,
) -> list[ScheduledJob]:
    """Make the scheduled jobs match the session (call after creating, moving or changing it).

    Steps still ahead get a job (a pending one is moved to the new time); pending jobs of
    steps that no longer exist or are now in the past are removed. Steps that already ran
    stay as they are. Things before the start are skipped when the bot comes back too late.
    """
    if not session.is_planned:
        await clear_timeline(db, session)
        return []
    await db.flush()
    wanted = {p.key: p for p in planned_steps(session, steps, tz) if p.due_at > now}
    for job in await _step_jobs(db, session.id):
        if job.status == JOB_PENDING and job.key not in wanted:
            await cancel(db, key=job.key)
    return [await _schedule_step(db, session, planned) for planned in wanted.values()]


async def _schedule_step(db: AsyncSession, session: Session, planned: PlannedStep) -> ScheduledJob:
    return await schedule(
        db,
        kind=planned.step.kind,
        key=planned.key,
        due_at=planned.due_at,
        payload={"session_id": session.id, "offset": iso_duration(planned.offset)},
        session_id=session.id,
        # Things before the start are pointless once it has begun.
        not_after=session.starts_at if planned.offset < timedelta(0) else None,
    )


async def add_missing_steps(services: Services) -> int:
    """Give every planned, future session the steps it lacks; returns how many were added.

    A feature added in a new version declares new steps; sessions planned before it would
    otherwise never get them. Unlike sync_timeline this only adds: a job that is pending but
    overdue (the bot was down) stays for the scheduler to run or skip by its not_after.
    """
    now = services.clock.now()
    steps = services.registry.steps
    added = 0
    async with services.database() as db, db.begin():
        sessions = (
            await db.scalars(
                select(Session).where(Session.status == PLANNED, Session.starts_at > now)
            )
        ).all()
        for session in sessions:
            existing = {job.key for job in await _step_jobs(db, session.id)}
            for planned in planned_steps(session, steps, services.settings.tz):
                if planned.key in existing or planned.due_at <= now:
                    continue
                await _schedule_step(db, session, planned)
                added += 1
    return added


async def clear_timeline(db: AsyncSession, session: Session) -> int:
    """Remove the session's pending steps (when it is cancelled); returns how many."""
    removed = 0
    for job in await _step_jobs(db, session.id):
        if job.status == JOB_PENDING:
            removed += await cancel(db, key=job.key)
    return removed


async def timeline_of(
    db: AsyncSession, session: Session, steps: Mapping[str, TimelineStep], tz: ZoneInfo
) -> list[TimelineEntry]:
    """The session's steps with due time and status, including ones that never got a job."""
    jobs = {job.key: job for job in await _step_jobs(db, session.id)}
    entries = []
    seen = set()
    for planned in planned_steps(session, steps, tz):
        job = jobs.get(planned.key)
        seen.add(planned.key)
        step = planned.step
        entries.append(
            TimelineEntry(
                kind=step.kind,
                label_nl=step.label_nl,
                label_en=step.label_en,
                offset=planned.offset,
                due_at=job.due_at if job is not None else planned.due_at,
                status=job.status if job is not None else "not-scheduled",
            )
        )
    for key, job in jobs.items():  # e.g. a reminder offset that was removed after it ran
        if key in seen or job.status == JOB_PENDING:
            continue
        known = steps.get(job.kind)
        offset_text = (job.payload or {}).get("offset")
        entries.append(
            TimelineEntry(
                kind=job.kind,
                label_nl=known.label_nl if known else job.kind,
                label_en=known.label_en if known else job.kind,
                offset=_stored_offset(offset_text),
                due_at=job.due_at,
                status=job.status,
            )
        )
    return sorted(entries, key=lambda e: (e.due_at, e.kind))


def _stored_offset(text: object) -> timedelta:
    try:
        return parse_iso_duration(str(text)) if text else timedelta(0)
    except ValueError:
        return timedelta(0)


def step_meeting(job: JobContext) -> Session:
    """The meeting of a timeline step, planned: the job runner skips a step whose meeting is
    gone or cancelled before its handler is called (scheduler.jobs)."""
    if job.session is None:
        raise RuntimeError(f"job {job.job.key} is not a timeline step of a meeting")
    return job.session
