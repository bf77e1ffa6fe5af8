"""The session timeline: one job per step and session, moved with it, removed on cancel."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.core.clock import ManualClock
from bot.db.models import OutboxMessage, ScheduledJob, Session
from bot.kernel.registry import TimelineStep
from bot.kernel.services import JobContext, Services
from scheduler.jobs import run_due_jobs
from scheduler.timeline import (
    add_missing_steps,
    clear_timeline,
    planned_steps,
    sync_timeline,
    timeline_of,
)

NOW = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
# The steps of the sessions feature; other features add theirs to the same timeline.
OWN_KINDS = ("reminder", "rsvp-nudge", "logistics")


def own_steps(services: Services) -> dict[str, TimelineStep]:
    return {k: v for k, v in services.registry.steps.items() if k in OWN_KINDS}


async def add_session(services: Services, starts_at: datetime, **values: object) -> Session:
    async with services.database() as db, db.begin():
        session = Session(
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=30),
            place="Rotterdam, Katendrecht",
            theme="Sociale samenhang",
            overnight=True,
            created_at=NOW,
            updated_at=NOW,
            **values,
        )
        db.add(session)
        await db.flush()
        await sync(services, db, session)
    return session


async def sync(services: Services, db: object, session: Session) -> None:
    await sync_timeline(
        db,  # type: ignore[arg-type]
        session,
        own_steps(services),
        now=services.clock.now(),
        tz=services.settings.tz,
    )


async def jobs_of(services: Services, session_id: int) -> dict[str, ScheduledJob]:
    async with services.database() as db:
        rows = await db.scalars(select(ScheduledJob).where(ScheduledJob.session_id == session_id))
        return {job.key: job for job in rows.all()}


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


async def test_steps_are_due_at_local_wall_clock_times_across_the_autumn_change(
    services: Services,
) -> None:
    services.clock.set(NOW)  # type: ignore[attr-defined]
    # Thursday 5 November 2026, 10:00 CET (09:00 UTC); DST ended on 25 October.
    session = await add_session(services, at(2026, 11, 5, 9, 0))
    jobs = await jobs_of(services, session.id)
    sid = session.id
    assert {key: job.due_at for key, job in jobs.items()} == {
        f"step:reminder:session:{sid}:offset:-P14D": at(2026, 10, 22, 8, 0),  # 10:00 CEST
        f"step:rsvp-nudge:session:{sid}": at(2026, 10, 29, 9, 0),  # 10:00 CET
        f"step:reminder:session:{sid}:offset:-P2D": at(2026, 11, 3, 9, 0),
        f"step:logistics:session:{sid}": at(2026, 11, 4, 9, 0),
        f"step:reminder:session:{sid}:offset:-PT3H": at(2026, 11, 5, 6, 0),
    }
    assert all(job.not_after == session.starts_at for job in jobs.values())
    assert all(job.status == "pending" for job in jobs.values())


async def test_steps_across_the_spring_change(services: Services) -> None:
    services.clock.set(datetime(2027, 3, 1, tzinfo=UTC))  # type: ignore[attr-defined]
    # Thursday 1 April 2027, 10:00 CEST (08:00 UTC); DST starts on 28 March.
    session = await add_session(services, at(2027, 4, 1, 8, 0))
    due = {
        job.kind + job.payload["offset"]: job.due_at
        for job in (await jobs_of(services, 1)).values()
    }
    assert session.id == 1
    assert due == {
        "reminder-P14D": at(2027, 3, 18, 9, 0),  # 10:00 CET
        "rsvp-nudge-P7D": at(2027, 3, 25, 9, 0),
        "reminder-P2D": at(2027, 3, 30, 8, 0),  # 10:00 CEST
        "logistics-P1D": at(2027, 3, 31, 8, 0),
        "reminder-PT3H": at(2027, 4, 1, 5, 0),
    }


async def test_steps_already_past_are_not_scheduled(services: Services) -> None:
    services.clock.set(at(2026, 11, 1, 9, 0))  # type: ignore[attr-defined]
    session = await add_session(services, at(2026, 11, 5, 9, 0))
    kinds = sorted(
        job.key.split(":session:")[0] for job in (await jobs_of(services, session.id)).values()
    )
    assert kinds == ["step:logistics", "step:reminder", "step:reminder"]
    async with services.database() as db:
        entries = await timeline_of(db, session, own_steps(services), services.settings.tz)
    assert [e.status for e in entries] == [
        "not-scheduled",
        "not-scheduled",
        "pending",
        "pending",
        "pending",
    ]


async def test_moving_a_session_moves_its_pending_steps(services: Services) -> None:
    services.clock.set(NOW)  # type: ignore[attr-defined]
    session = await add_session(services, at(2026, 11, 5, 9, 0))
    async with services.database() as db, db.begin():
        row = await db.get(Session, session.id)
        assert row is not None
        row.starts_at = at(2026, 11, 12, 9, 0)
        await sync(services, db, row)
    jobs = await jobs_of(services, session.id)
    assert len(jobs) == 5
    assert jobs[f"step:logistics:session:{session.id}"].due_at == at(2026, 11, 11, 9, 0)
    assert all(job.not_after == at(2026, 11, 12, 9, 0) for job in jobs.values())


async def test_changing_offsets_removes_pending_reminders_that_are_gone(
    services: Services,
) -> None:
    services.clock.set(NOW)  # type: ignore[attr-defined]
    session = await add_session(services, at(2026, 11, 5, 9, 0))
    async with services.database() as db, db.begin():
        row = await db.get(Session, session.id)
        assert row is not None
        row.reminder_offsets = ["-P3D", 60]  # minutes are accepted too
        await sync(services, db, row)
    keys = sorted(k for k in await jobs_of(services, session.id) if "reminder" in k)
    assert keys == [
        f"step:reminder:session:{session.id}:offset:-P3D",
        f"step:reminder:session:{session.id}:offset:-PT1H",
    ]


async def test_cancelling_clears_pending_steps_but_keeps_history(services: Services) -> None:
    clock = services.clock
    assert isinstance(clock, ManualClock)
    clock.set(NOW)
    session = await add_session(services, at(2026, 11, 5, 9, 0))
    clock.set(at(2026, 10, 22, 8, 0))
    assert await run_due_jobs(services) == 1  # the 14-day reminder ran
    async with services.database() as db, db.begin():
        row = await db.get(Session, session.id)
        assert row is not None
        row.status = "cancelled"
        assert await clear_timeline(db, row) == 4
    jobs = await jobs_of(services, session.id)
    assert [job.status for job in jobs.values()] == ["done"]


async def test_missed_steps_run_late_before_the_start_and_are_skipped_after_it(
    services: Services,
) -> None:
    clock = services.clock
    assert isinstance(clock, ManualClock)
    clock.set(NOW)
    await add_session(services, at(2026, 11, 5, 9, 0))
    # The bot was down from 21 October to 30 October: both missed steps still go out.
    clock.set(at(2026, 10, 30, 12, 0))
    assert await run_due_jobs(services) == 2
    # Down again from 2 November until after the start: the rest is skipped, not sent late.
    clock.set(at(2026, 11, 5, 9, 30))
    assert await run_due_jobs(services) == 3
    jobs = await jobs_of(services, 1)
    statuses = {
        key.split(":")[1] + key.rsplit(":", 1)[-1]: job.status for key, job in jobs.items()
    }
    assert statuses == {
        "reminder-P14D": "done",
        "rsvp-nudge1": "done",
        "reminder-P2D": "skipped",
        "logistics1": "skipped",
        "reminder-PT3H": "skipped",
    }
    async with services.database() as db:
        keys = (await db.scalars(select(OutboxMessage.key))).all()
    assert all("-P2D" not in key and "logistics" not in key for key in keys)


async def test_a_step_declared_later_reaches_sessions_planned_before_it(
    services: Services,
) -> None:
    services.clock.set(NOW)  # type: ignore[attr-defined]
    session = await add_session(services, at(2026, 11, 5, 9, 0))
    before = await jobs_of(services, session.id)
    assert not any(key.startswith("step:feedback-later:") for key in before)

    # A new version of the bot declares a step; the next start gives old sessions that step.
    async def look_back(job: object) -> None:  # pragma: no cover - only scheduled here
        return None

    services.registry.step(
        "feedback-later", timedelta(days=2), look_back, label_nl="terugblik", label_en="look back"
    )

    overdue_key = next(key for key in before if key.startswith("step:rsvp-nudge:"))
    services.clock.set(before[overdue_key].due_at + timedelta(hours=1))  # down past the nudge
    added_count = await add_missing_steps(services)
    after = await jobs_of(services, session.id)
    # The test planned the session with the sessions feature's steps only, so the other
    # features' steps still ahead (e.g. the reading club's verdict question) come along.
    assert added_count == len(set(after) - set(before)) >= 1
    assert all(
        job.due_at > services.clock.now() for key, job in after.items() if key not in before
    )
    added = [job for key, job in after.items() if key.startswith("step:feedback-later:")]
    # Two days after the end (Friday 6 November, 16:00) is a Sunday: Monday 9 November, 16:00.
    assert len(added) == 1 and added[0].due_at == at(2026, 11, 9, 15, 0)
    # Only adds: the overdue nudge stays pending for the scheduler to run or skip.
    assert after[overdue_key].status == "pending"
    assert await add_missing_steps(services) == 0


async def test_a_step_of_a_cancelled_meeting_is_skipped_without_calling_its_handler(
    services: Services,
) -> None:
    ran: list[int] = []

    async def probe(job: JobContext) -> None:
        assert job.session is not None
        ran.append(job.session.id)

    services.registry.step("probe", timedelta(days=-1), probe, label_nl="proef", label_en="probe")
    steps = {"probe": services.registry.steps["probe"]}
    services.clock.set(NOW)  # type: ignore[attr-defined]
    async with services.database() as db, db.begin():
        meetings = [
            Session(
                starts_at=at(2026, 11, 5, 9, 0),
                ends_at=at(2026, 11, 5, 17, 0),
                place=place,
                created_at=NOW,
                updated_at=NOW,
            )
            for place in ("Utrecht", "Zwolle")
        ]
        db.add_all(meetings)
        await db.flush()
        for meeting in meetings:
            await sync_timeline(db, meeting, steps, now=NOW, tz=services.settings.tz)
        # Cancelled without clearing its timeline (e.g. by hand in the database): the step
        # must still not run.
        meetings[0].status = "cancelled"
    services.clock.set(at(2026, 11, 4, 12, 0))  # type: ignore[attr-defined]
    assert await run_due_jobs(services) == 2
    assert ran == [meetings[1].id]
    cancelled = await jobs_of(services, meetings[0].id)
    assert [job.status for job in cancelled.values()] == ["skipped"]
    assert [job.status for job in (await jobs_of(services, meetings[1].id)).values()] == ["done"]


def test_steps_after_a_meeting_count_from_its_end_on_a_working_day(
    services: Services,
) -> None:
    after = TimelineStep("after", timedelta(days=2), "erna", "after")
    same_week = TimelineStep("next-day", timedelta(days=1), "erna", "after")
    before = services.registry.steps["logistics"]
    steps = {"after": after, "next-day": same_week, "logistics": before}
    # Thursday 4 - Friday 5 March 2027 (10:00 CET until 16:00 CET the next day).
    meeting = Session(id=7, starts_at=at(2027, 3, 4, 9), ends_at=at(2027, 3, 5, 15))
    due = {p.step.kind: p.due_at for p in planned_steps(meeting, steps, services.settings.tz)}
    assert due["logistics"] == at(2027, 3, 3, 9)  # the day before the start, as before
    assert due["after"] == at(2027, 3, 8, 15)  # Sunday 16:00 → Monday 8 March, 16:00
    assert due["next-day"] == at(2027, 3, 8, 15)  # Saturday 16:00 → Monday, 16:00
    # A Monday-Tuesday meeting: two days after its end is Thursday, a working day.
    meeting = Session(id=8, starts_at=at(2027, 3, 1, 9), ends_at=at(2027, 3, 2, 15))
    due = {p.step.kind: p.due_at for p in planned_steps(meeting, steps, services.settings.tz)}
    assert due["after"] == at(2027, 3, 4, 15)
