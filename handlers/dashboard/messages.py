"""The messages page: the outbox per meeting and kind (sent, pending, failed, uncertain), the
failed and uncertain rows with recipient and error, and a resend of uncertain ones after a
confirmation that says they may arrive twice (the same requeue as the chat's button)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, func, select

from bot.core.dates import format_date
from bot.core.ports import WebPage
from bot.db.models import OutboxMessage, Participant, Session
from bot.db.models.polls import Poll
from bot.db.models.scheduling import (
    OUT_CANCELLED,
    OUT_FAILED,
    OUT_PENDING,
    OUT_SENDING,
    OUT_SENT,
    OUT_SKIPPED,
    OUT_UNCERTAIN,
)
from bot.kernel.lookup import parse_id
from bot.kernel.services import Registry
from handlers.dashboard.texts import TEXTS
from handlers.dashboard.web import Page, guarded
from handlers.outbox import kind_column, kind_of
from scheduler.outbox import requeue_rows

PER_PAGE = 50  # failed and uncertain rows listed at a time
NAMED = 20  # recipients named on the confirmation page
# Which column of the table a status is counted in.
COLUMNS = {
    OUT_SENT: "sent",
    OUT_PENDING: "pending",
    OUT_SENDING: "pending",
    OUT_FAILED: "failed",
    OUT_UNCERTAIN: "uncertain",
    OUT_SKIPPED: "withdrawn",
    OUT_CANCELLED: "withdrawn",
}
# Keys name their meeting as "...:session:<id>..." (each feature's keys.py), a poll as
# "poll:<id>".
_MEETING = re.compile(r"(?:^|:)session:(\d+)(?::|$)")
_POLL = re.compile(r"^poll:(\d+)(?::|$)")


@dataclass
class Counts:
    sent: int = 0
    pending: int = 0
    failed: int = 0
    uncertain: int = 0
    withdrawn: int = 0

    def add(self, status: str, number: int) -> None:
        column = COLUMNS.get(status, "pending")
        setattr(self, column, getattr(self, column) + number)


@dataclass
class KindRow:
    kind: str
    label: str
    counts: Counts = field(default_factory=Counts)


@dataclass
class Group:
    heading: str
    kinds: list[KindRow] = field(default_factory=list)


@dataclass(frozen=True)
class Problem:
    to: str
    kind: str
    status: str
    error: str
    when: str
    why: str = ""  # the error in words, when it is a known one


# What a platform's error says, in words an organiser can act on (the first match counts).
REASONS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("blocked",), "messages_why_blocked"),
    (
        ("chat not found", "can't initiate", "deactivated", "user_not_found", "channel_not_found"),
        "messages_why_unreachable",
    ),
    (("timed out", "in flight", "may have arrived"), "messages_why_uncertain"),
    (("gave up after",), "messages_why_gave_up"),
)


def reason_key(error: str | None) -> str | None:
    lowered = (error or "").lower()
    for needles, key in REASONS:
        if any(needle in lowered for needle in needles):
            return key
    return None


def label(lang: str, kind: str) -> str:
    """The kind in words ("herinnering"), from the key's first part."""
    key = "messages_kind_" + kind.split(":", 1)[0]
    return TEXTS(lang, key) if key in TEXTS else kind.split(":", 1)[0]


async def meetings_of(page: Page, kinds: Iterable[str]) -> dict[str, int | None]:
    """The meeting each kind belongs to, when its key says so (a poll's through the poll)."""
    found: dict[str, int | None] = {}
    polls: dict[str, int] = {}
    for kind in kinds:
        meeting, poll = _MEETING.search(kind), _POLL.match(kind)
        found[kind] = int(meeting.group(1)) if meeting else None
        if meeting is None and poll is not None:
            polls[kind] = int(poll.group(1))
    if polls:
        sessions = dict(
            (
                await page.db.execute(
                    select(Poll.id, Poll.session_id).where(Poll.id.in_(set(polls.values())))
                )
            ).all()
        )
        for kind, poll_id in polls.items():
            found[kind] = sessions.get(poll_id)
    return found


async def groups_of(page: Page) -> tuple[list[Group], Counts]:
    """Counts per meeting and kind, counted by the database (GROUP BY), newest meeting first."""
    kind = kind_column().label("kind")
    rows = (
        await page.db.execute(
            select(kind, OutboxMessage.status, func.count()).group_by(kind, OutboxMessage.status)
        )
    ).all()
    per_kind: dict[str, KindRow] = {}
    totals = Counts()
    for name, status, number in rows:
        row = per_kind.setdefault(name, KindRow(name, label(page.lang, name)))
        row.counts.add(status, number)
        totals.add(status, number)
    meeting_of = await meetings_of(page, per_kind)
    ids = {m for m in meeting_of.values() if m is not None}
    meetings = {
        m.id: m for m in (await page.db.scalars(select(Session).where(Session.id.in_(ids)))).all()
    }
    by_meeting: dict[int | None, Group] = {}
    for name in sorted(per_kind):
        meeting_id = meeting_of[name]
        group = by_meeting.get(meeting_id)
        if group is None:
            meeting = meetings.get(meeting_id or 0)
            if meeting_id is None:
                heading = page.t("messages_other")
            elif meeting is None:
                heading = page.t("messages_meeting_gone", number=meeting_id)
            else:
                heading = page.meeting_line(meeting)
            group = by_meeting[meeting_id] = Group(heading)
        group.kinds.append(per_kind[name])

    def order(item: tuple[int | None, Group]) -> tuple[int, float]:
        meeting = meetings.get(item[0] or 0)
        if item[0] is None:
            return (2, 0.0)
        return (0, -meeting.starts_at.timestamp()) if meeting else (1, -float(item[0]))

    return [group for _, group in sorted(by_meeting.items(), key=order)], totals


def _number(text: str | None, default: int) -> int:
    number = parse_id(text or "")
    return default if number is None else number


async def messages(page: Page) -> WebPage:
    groups, totals = await groups_of(page)
    problems_count = totals.failed + totals.uncertain
    pages = max(1, -(-problems_count // PER_PAGE))
    number = min(max(1, _number(page.request.query.get("page"), 1)), pages)
    tz = page.services.settings.tz
    listed = (
        await page.db.execute(
            select(
                OutboxMessage.key,
                OutboxMessage.status,
                OutboxMessage.last_error,
                OutboxMessage.created_at,
                Participant.display_name,
            )
            .outerjoin(Participant, Participant.id == OutboxMessage.participant_id)
            .where(OutboxMessage.status.in_((OUT_FAILED, OUT_UNCERTAIN)))
            .order_by(OutboxMessage.id.desc())
            .limit(PER_PAGE)
            .offset((number - 1) * PER_PAGE)
        )
    ).all()
    problems = [
        Problem(
            to=name or page.t("messages_chat"),
            kind=kind_of(key),
            status=status,
            error=error or page.t("messages_no_error"),
            when=format_date(created, page.lang, tz),
            why=page.t(why) if (why := reason_key(error)) else "",
        )
        for key, status, error, created, name in listed
    ]
    resent = page.request.query.get("resent")
    return page.render(
        "messages.html",
        heading=page.t("messages_title"),
        section="messages",
        who=page.visitor.participant.display_name,
        groups=groups,
        totals=totals,
        problems=problems,
        problems_count=problems_count,
        first=(number - 1) * PER_PAGE + 1,
        last=(number - 1) * PER_PAGE + len(problems),
        number=number,
        pages=pages,
        resent=_number(resent, 0) if resent is not None else None,
    )


def _uncertain(kind: str) -> list[ColumnElement[bool]]:
    where = [OutboxMessage.status == OUT_UNCERTAIN]
    if kind:
        where.append(kind_column() == kind)
    return where


async def confirm(page: Page) -> WebPage:
    """What a resend would do, before it is done: how many, to whom, that it may come twice."""
    kind = page.request.query.get("kind", "")[:255]
    count, upto = (
        await page.db.execute(
            select(func.count(), func.max(OutboxMessage.id)).where(*_uncertain(kind))
        )
    ).one()
    names = (
        await page.db.execute(
            select(Participant.display_name, OutboxMessage.chat_id)
            .select_from(OutboxMessage)
            .outerjoin(Participant, Participant.id == OutboxMessage.participant_id)
            .where(*_uncertain(kind))
            .order_by(OutboxMessage.id)
            .limit(NAMED)
        )
    ).all()
    return page.render(
        "messages_resend.html",
        heading=page.t("messages_confirm_title"),
        section="messages",
        who=page.visitor.participant.display_name,
        kind=kind,
        kind_label=f"{label(page.lang, kind)} ({kind})" if kind else "",
        count=count,
        upto=upto or 0,
        names=[name or page.t("messages_chat") for name, _ in names],
        more=max(0, count - NAMED),
    )


async def resend(page: Page) -> WebPage:
    """Send the confirmed uncertain rows once more (those made uncertain after the confirmation
    are left for a new decision); a second POST finds none and sends nothing."""
    kind = page.request.form.get("kind", "")[:255]
    upto = _number(page.request.form.get("upto"), 0)
    async with page.db.begin():
        ids = list(
            (
                await page.db.scalars(
                    select(OutboxMessage.id).where(*_uncertain(kind), OutboxMessage.id <= upto)
                )
            ).all()
        )
        count = await requeue_rows(page.db, ids, now=page.now) if ids else 0
    return page.redirect(f"/dashboard/messages?resent={count}")


def register(registry: Registry) -> None:
    """Its pages and actions (paths under /dashboard/messages)."""
    registry.page("/dashboard/messages", guarded(messages))
    registry.page("/dashboard/messages/resend", guarded(confirm))
    registry.page("/dashboard/messages/resend", guarded(resend, action=True), methods=("POST",))
