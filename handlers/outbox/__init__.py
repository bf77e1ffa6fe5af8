"""Messages that may not have arrived: after a crash the organisers hear whose they were,
with a button to send them once more (they may then arrive twice)."""

from __future__ import annotations

from sqlalchemy import select

from bot.core.messages import Button, Reply
from bot.db.models import OutboxMessage, Participant, ScheduledJob
from bot.kernel.roles import require_organiser, stale_button
from bot.kernel.services import Context, JobContext, Registry
from handlers.outbox.kinds import kind_column, kind_of
from handlers.outbox.texts import TEXTS
from scheduler.outbox import enqueue_many, requeue_rows
from scheduler.outcomes import UNCERTAIN_NOTICE

BUTTON = "onz"  # "onz:<job id>": send the rows of that notice once more


async def tell_organisers(job: JobContext) -> None:
    ids = [int(i) for i in job.payload.get("ids", [])]
    rows = (
        await job.db.scalars(
            select(OutboxMessage).where(
                OutboxMessage.id.in_(ids), OutboxMessage.status == "uncertain"
            )
        )
    ).all()
    if not rows:
        return
    people = {
        p.id: p.display_name
        for p in (
            await job.db.scalars(
                select(Participant).where(
                    Participant.id.in_([r.participant_id for r in rows if r.participant_id])
                )
            )
        ).all()
    }
    organisers = (
        await job.db.scalars(select(Participant.id).where(Participant.is_organiser.is_(True)))
    ).all()

    def notice(person: Participant) -> Reply:
        lang = person.language or "nl"
        lines = "\n".join(
            TEXTS(
                lang,
                "line",
                name=people.get(row.participant_id or 0) or TEXTS(lang, "nobody"),
                kind=kind_of(row.key),
            )
            for row in rows
        )
        text = TEXTS(lang, "notice", count=len(rows), lines=lines)
        return Reply(text).with_buttons(
            [Button(TEXTS(lang, "button_resend"), f"{BUTTON}:{job.job.id}")]
        )

    await enqueue_many(
        job.db,
        key_prefix=f"outbox:uncertain-notice:{job.job.id}",
        participant_ids=organisers,
        reply_for=notice,
        force=True,
    )


async def resend(ctx: Context) -> Reply:
    require_organiser(ctx, hint=ctx.t(TEXTS, "hint"))
    notice = await ctx.db.get(ScheduledJob, int(ctx.args)) if ctx.args.isdigit() else None
    if notice is None or notice.kind != UNCERTAIN_NOTICE:
        return stale_button(ctx)
    ids = [int(i) for i in (notice.payload or {}).get("ids", [])]
    count = await requeue_rows(ctx.db, ids, now=ctx.now)
    if not count:
        return Reply(ctx.t(TEXTS, "already"), edit=True)
    return Reply(ctx.t(TEXTS, "resent", count=count), edit=True)


def register(registry: Registry) -> None:
    registry.job(UNCERTAIN_NOTICE, tell_organisers)
    registry.callback(BUTTON, resend)


__all__ = ["kind_column", "kind_of", "register"]
