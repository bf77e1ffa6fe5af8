"""A meeting's timeline on the overview: its scheduled steps with their state, and "send now"
for a pending one (a confirmation page, then the job runner, once)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.dates import describe_offset, format_datetime, format_short, parse_iso_duration
from bot.core.ports import WebPage
from bot.db.models import ScheduledJob, Session
from bot.db.models.scheduling import JOB_PENDING, JOB_SKIPPED
from bot.kernel.lookup import parse_id
from handlers.dashboard.texts import TEXTS
from handlers.dashboard.web import Page
from handlers.sessions import NO, active_participants, rsvps_of
from scheduler.jobs import run_now

# What run_now answers, as the notice after the redirect; "not_pending" when nothing ran.
NOTICES = ("done", "failed", "pending", "skipped", "claimed", "not_pending")


@dataclass(frozen=True)
class StepRow:
    id: int
    due: str
    label: str
    state: str
    detail: str  # the error of a failed step (or of a pending one that will be tried again)
    pending: bool


def label_of(page: Page, job: ScheduledJob) -> str:
    """The step's label as registered (the reminders with their offset); else its kind."""
    step = page.services.registry.steps.get(job.kind)
    label = (step.label_en if page.lang == "en" else step.label_nl) if step else job.kind
    if step is None and "meeting_job_" + job.kind in TEXTS:
        label = page.t("meeting_job_" + job.kind)
    try:
        offset = parse_iso_duration(str((job.payload or {}).get("offset") or "PT0S"))
    except ValueError:
        offset = timedelta(0)
    if offset and step is not None and step.per_session:
        key = "meeting_offset_before" if offset < timedelta(0) else "meeting_offset_after"
        label += " (" + page.t(key, offset=describe_offset(offset, page.lang)) + ")"
    return label


async def jobs_of(db: AsyncSession, meeting_id: int) -> list[ScheduledJob]:
    """Every scheduled row of the meeting (its timeline steps and its own jobs), by time."""
    rows = await db.scalars(
        select(ScheduledJob)
        .where(ScheduledJob.session_id == meeting_id)
        .order_by(ScheduledJob.due_at, ScheduledJob.key)
    )
    return list(rows.all())


async def timeline(page: Page, meeting: Session) -> list[StepRow]:
    tz = page.services.settings.tz
    rows = []
    for job in await jobs_of(page.db, meeting.id):
        pending = job.status == JOB_PENDING
        detail = ""
        if job.status == JOB_SKIPPED and (job.last_error or "").startswith("missed"):
            detail = page.t("meeting_step_missed")
        elif job.last_error and pending:
            detail = page.t("meeting_step_retrying", attempts=job.attempts, error=job.last_error)
        elif job.last_error and job.status != "done":
            detail = page.t("meeting_step_error", error=job.last_error)
        rows.append(
            StepRow(
                id=job.id,
                due=format_short(job.due_at, page.lang, tz),
                label=label_of(page, job),
                state=job.status,
                detail=detail,
                pending=pending,
            )
        )
    return rows


def missing(page: Page) -> WebPage:
    """The 404 page of a meeting or step that is not there."""
    return page.render(
        "meeting.html",
        status=404,
        heading=page.t("meetings_title"),
        section="meetings",
        who=page.visitor.participant.display_name,
        missing=True,
    )


def step_path(meeting_id: int, job_id: int) -> str:
    return f"/dashboard/meetings/{meeting_id}/steps/{job_id}/send"


async def job_of(db: AsyncSession, meeting: Session, reference: str) -> ScheduledJob | None:
    """The meeting's scheduled row with that id (any other meeting's is not found)."""
    number = parse_id(reference)
    job = await db.get(ScheduledJob, number) if number is not None else None
    return job if job is not None and job.session_id == meeting.id else None


async def confirm(page: Page, meeting: Session) -> WebPage:
    """GET: what will be sent to whom, and "Weet je het zeker?" with the form."""
    job = await job_of(page.db, meeting, page.request.params.get("job", ""))
    if job is None:
        return missing(page)
    tz = page.services.settings.tz
    label = label_of(page, job)
    rsvps = await rsvps_of(page.db, meeting.id)
    active = await active_participants(page.db)
    coming = sum(1 for r in rsvps.values() if r.answer != NO)
    silent = sum(1 for p in active if p.id not in rsvps)
    due = format_short(job.due_at, page.lang, tz)
    return page.render(
        "meeting_send.html",
        heading=page.t("meeting_send_title"),
        section="meetings",
        who=page.visitor.participant.display_name,
        meeting=meeting,
        pending=job.status == JOB_PENDING,
        what=page.t(
            "meeting_send_what",
            step=label,
            id=meeting.id,
            when=format_datetime(meeting.starts_at, page.lang, tz),
            due=due,
        ),
        whom=page.t(
            "meeting_send_whom", step=label, active=len(active), coming=coming, silent=silent
        ),
        real=page.t("meeting_send_real", due=due),
        action=step_path(meeting.id, job.id),
        back=f"/dashboard/meetings/{meeting.id}#timeline",
    )


async def send(page: Page) -> WebPage:
    """POST: run the pending step now, outside any transaction (the job runner commits as it
    goes), then back to the meeting with what happened. A step no longer pending sends
    nothing: a second press of the same form (or a stale page) says so."""
    reference = page.request.params.get("id", "")
    async with page.db.begin():
        number = parse_id(reference)
        meeting = await page.db.get(Session, number) if number is not None else None
        job_ref = page.request.params.get("job", "")
        job = await job_of(page.db, meeting, job_ref) if meeting is not None else None
        key = job.key if job is not None and job.status == JOB_PENDING else None
    if meeting is None or job is None:
        return missing(page)
    status = await run_now(page.services, key) if key is not None else None
    notice = status if status in NOTICES else "not_pending"
    return page.redirect(f"/dashboard/meetings/{meeting.id}?notice={notice}")
