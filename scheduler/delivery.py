"""Delivering the outbox: claims, rate limits, retries, and the policy for uncertain sends.

A delivery pass claims due rows (`FOR UPDATE SKIP LOCKED` on PostgreSQL, `BEGIN IMMEDIATE` on
SQLite) with a lease, so two processes never work on one row. For each row:
resolve where it goes (a participant's private chat: the identity seen most recently on a
platform that is connected; a chat; a group chat of several users, opened here; the chat of a
message to edit) → wait for a sending slot (`scheduler.ratelimit`) → mark the row "sending"
and commit → call the platform (send, or edit) → record the outcome (`scheduler.outcomes`):

- sent: status "sent", sent_at and the platform's message id.
- `RetryLater` (HTTP 429): back to "pending" at now + retry_after, and the whole platform
  pauses until then (Telegram's flood control is per bot); it does not count as a failure.
- `TransientFailure` (5xx, network down before anything went out): back to "pending" with
  exponential backoff; after MAX_FAILURES the row is "failed".
- `PermanentFailure` (the person blocked the bot, the chat is gone): "failed" at once, with
  the platform's reason in last_error; never retried. `NotSupported` (the platform cannot
  edit, or open a group chat): "skipped".
- Rows for a platform that is not connected stay "pending" (logged once), never dropped.

Every network call (opening a chat, sending, editing) happens outside any database
transaction: SQLite has one writer, and a slow platform must not hold its lock.

Uncertain sends. A request that went out without an answer (`UncertainDelivery`, a timeout,
an unexpected error from the adapter) may have been delivered. So may a row that is still
"sending" when its process died (kill -9 between the platform's answer and our commit). Such
rows become "uncertain" and are NOT sent again automatically: a reminder that arrives twice
is worse than one that might be missing, and the platforms give us no way to ask whether a
message arrived. They are logged as warnings and stay visible in the table; an operator can
send them once more with `scheduler.outbox.requeue_uncertain` knowing they may arrive twice.
Only rows whose request was in flight can end up uncertain: a row is marked "sending" just
before its request, so at most `concurrency` rows per process are ever uncertain after a crash.
A row is taken for dead when its lease ran out (a short lease, renewed by a heartbeat while
its sender works: `scheduler.claims`), or at once when the process that claimed it
ran on this host and is gone (`scheduler.claims`).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.ports import DeliveryError, TransientFailure, UncertainDelivery
from bot.db.models import Identity, OutboxMessage, Participant
from bot.db.models.scheduling import (
    OUT_FAILED,
    OUT_PENDING,
    OUT_SENDING,
    OUT_SENT,
    OUT_SKIPPED,
    OUT_UNCERTAIN,
)
from bot.kernel.services import Services
from scheduler.claims import HEARTBEAT_SECONDS, WORKER_ID, heartbeat, sender_turn
from scheduler.outbox import ACTIVE, recency, reply_from_json
from scheduler.outcomes import DeliveryReport, OutcomeWriter, Recipient
from scheduler.ratelimit import RateLimiter, shared_limits

log = logging.getLogger(__name__)


@dataclass
class _Work:
    row: OutboxMessage
    participant: Participant | None
    identities: list[Identity]


class _Release(Exception):
    """Hand the row back unsent (it stays pending)."""


class Delivery(OutcomeWriter):
    """Sends due outbox rows through the messengers; one per process (it holds the limits)."""

    def __init__(
        self,
        services: Services,
        *,
        limiter: RateLimiter | None = None,
        concurrency: int | None = None,
        batch: int = 100,
        worker: str = WORKER_ID,
    ) -> None:
        super().__init__(services, worker)
        shared = services.engine.dialect.name == "postgresql"
        self.limiter = limiter or RateLimiter(shared_limits() if shared else None)
        self.concurrency = concurrency or services.settings.outbox_concurrency
        self.batch = batch
        self.stopping = False
        self.heartbeat_every = HEARTBEAT_SECONDS
        self._warned_missing: set[str] = set()

    # -- claiming ---------------------------------------------------------------------------

    def _available(self, now: datetime) -> list[str]:
        return [
            name
            for name in self.services.messengers
            if name not in self.paused_until or self.paused_until[name] <= now
        ]

    def _paused(self, platform: str) -> bool:
        until = self.paused_until.get(platform)
        return until is not None and until > self._now()

    async def _claim(self, now: datetime) -> list[_Work]:
        platforms = self._available(now)
        async with self._tx() as db:
            await self._warn_missing(db, now)
            if not platforms:
                return []
            ids = list(
                (
                    await db.scalars(
                        select(OutboxMessage.id)
                        .where(
                            OutboxMessage.status == OUT_PENDING,
                            OutboxMessage.next_attempt_at <= now,
                            or_(
                                OutboxMessage.claimed_until.is_(None),
                                OutboxMessage.claimed_until < now,
                            ),
                            or_(
                                OutboxMessage.platform.is_(None),
                                OutboxMessage.platform.in_(platforms),
                            ),
                        )
                        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
                        .limit(self.batch)
                        .with_for_update(skip_locked=True)
                    )
                ).all()
            )
            if not ids:
                return []
            await db.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(ids))
                .values(claimed_by=self.worker, claimed_until=now + self.lease)
            )
            return await self._snapshots(db, ids)

    async def _snapshots(self, db: AsyncSession, ids: list[int]) -> list[_Work]:
        """The claimed rows with their recipients, read in the claiming transaction."""
        rows = (
            await db.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.id.in_(ids))
                .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
                .execution_options(populate_existing=True)
            )
        ).all()
        person_ids = {r.participant_id for r in rows if r.participant_id is not None}
        people = {
            p.id: p
            for p in (
                await db.scalars(select(Participant).where(Participant.id.in_(person_ids)))
            ).all()
        }
        identities: dict[int, list[Identity]] = {}
        for identity in (
            await db.scalars(select(Identity).where(Identity.participant_id.in_(person_ids)))
        ).all():
            identities.setdefault(identity.participant_id, []).append(identity)
        return [
            _Work(
                row,
                people.get(row.participant_id) if row.participant_id is not None else None,
                identities.get(row.participant_id, []) if row.participant_id is not None else [],
            )
            for row in rows
        ]

    async def _warn_missing(self, db: AsyncSession, now: datetime) -> None:
        rows = await db.scalars(
            select(OutboxMessage.platform)
            .where(
                OutboxMessage.status == OUT_PENDING,
                OutboxMessage.next_attempt_at <= now,
                OutboxMessage.platform.is_not(None),
                OutboxMessage.platform.not_in(list(self.services.messengers)),
            )
            .distinct()
        )
        for platform in rows.all():
            if platform is not None:
                self._warn_not_connected(platform)

    def _warn_not_connected(self, platform: str) -> None:
        if platform not in self._warned_missing:
            self._warned_missing.add(platform)
            log.warning("outbox messages for %s wait: that platform is not connected", platform)

    # -- one pass ---------------------------------------------------------------------------

    async def deliver_due(self) -> DeliveryReport:
        """Claim what is due now and send it, when it is our turn to send (on PostgreSQL one
        replica at a time: `scheduler.claims.sender_turn`); returns what happened."""
        async with sender_turn(self.services.engine) as ours:
            if not ours:
                return DeliveryReport()
            report = await self._deliver_due()
            # The next sender knows nothing of our slots: keep the turn until our last one
            # is a full gap ago, so the replicas together stay within the overall rate.
            delay = self.limiter.handover_delay()
            if delay > 0 and self.services.engine.dialect.name == "postgresql":
                await self.limiter.sleep(delay)
            return report

    async def _deliver_due(self) -> DeliveryReport:
        report = DeliveryReport()
        now = self._now()
        claimed = await self._claim(now)
        report.claimed = len(claimed)
        if not claimed:
            return report
        queue: asyncio.Queue[_Work] = asyncio.Queue()
        for work in claimed:
            queue.put_nowait(work)

        async def worker() -> None:
            while not queue.empty():
                work = queue.get_nowait()
                try:
                    await self._deliver_one(work, report)
                except Exception as problem:  # one bad row never stops the others
                    log.exception("outbox row %s: unexpected error", work.row.key)
                    report.errors.append(f"{work.row.key}: {problem}")
                    await self._release([work.row.id])

        async with heartbeat(self.renew_claims, self.heartbeat_every):
            workers = min(self.concurrency, len(claimed))
            await asyncio.gather(*(worker() for _ in range(workers)))
        return report

    async def deliver_until_idle(self, max_passes: int = 100) -> DeliveryReport:
        """Passes until nothing due is left (tests, and the first tick after a start)."""
        total = DeliveryReport()
        for _ in range(max_passes):
            report = await self.deliver_due()
            total.add(report)
            if report.claimed == 0 or report.claimed == report.released:
                break
        return total

    async def _deliver_one(self, work: _Work, report: DeliveryReport) -> None:
        row, participant, identities = work.row, work.participant, work.identities
        row_id = row.id
        try:
            if self.stopping:
                raise _Release()
            recipient = await self._resolve(row, participant, identities, report)
        except _Release:
            await self._release([row_id])
            report.released += 1
            return
        except DeliveryError as problem:
            # Opening a chat sends nothing, so even an unanswered request is safe to retry.
            if isinstance(problem, UncertainDelivery):
                problem = TransientFailure(str(problem))
            await self._record_error(row, row.platform, problem, report)
            return
        if recipient is None:
            return
        reply = reply_from_json(row.reply)
        # A text with a document is two API calls: both count against the platform's rate.
        calls = 2 if reply.attachment is not None and reply.text else 1
        await self.limiter.wait(recipient.platform, recipient.chat_id, calls, window=False)
        if self.stopping or self._paused(recipient.platform):
            await self._release([row_id])
            report.released += 1
            return
        if not await self._mark_sending(row_id, recipient):
            return
        # Counted as close to the request as can be: marking the row may take a while.
        await self.limiter.within_window(recipient.platform, calls)
        messenger = recipient.messenger
        try:
            if row.edit_of is not None:
                await messenger.edit_message(recipient.chat_id, row.edit_of, reply)
                message_id: str | None = row.edit_of
            else:
                message_id = await messenger.send(recipient.chat_id, reply)
        except asyncio.CancelledError:
            await asyncio.shield(
                self._update(row_id, OUT_SENDING, status=OUT_UNCERTAIN, last_error="cancelled")
            )
            raise
        except DeliveryError as problem:
            await self._record_error(row, recipient.platform, problem, report)
            return
        except Exception as problem:
            log.exception("outbox %s: the %s adapter failed", row.key, recipient.platform)
            problem_ = UncertainDelivery(repr(problem))
            await self._record_error(row, recipient.platform, problem_, report)
            return
        await self._update(
            row_id,
            OUT_SENDING,
            OUT_UNCERTAIN,
            status=OUT_SENT,
            sent_at=self._now(),
            message_id=None if message_id is None else str(message_id)[:64],
            claimed_by=None,
            claimed_until=None,
            last_error=None,
        )
        report.sent += 1

    async def _resolve(
        self,
        row: OutboxMessage,
        participant: Participant | None,
        identities: list[Identity],
        report: DeliveryReport,
    ) -> Recipient | None:
        """Where the row goes; None when it was settled here (skipped/failed)."""
        if row.participant_id is None or row.edit_of is not None:
            # A chat, a group chat, or the message to edit: the platform is fixed.
            platform = row.platform or ""
            messenger = self.services.messengers.get(platform)
            if messenger is None or self._paused(platform):
                raise _Release()
            if row.chat_id:
                return Recipient(platform, row.chat_id, messenger)
            if row.group_users:
                chat_id = await messenger.open_group_chat(list(row.group_users))
                return Recipient(platform, str(chat_id), messenger)
            raise _Release()
        if participant is None:
            await self._settle(row, OUT_SKIPPED, "participant erased", report)
            return None
        if participant.status != ACTIVE and not row.force:
            await self._settle(row, OUT_SKIPPED, f"participant {participant.status}", report)
            return None
        if not identities:
            await self._settle(row, OUT_FAILED, "participant has no platform identity", report)
            return None
        identities = sorted(identities, key=lambda i: recency(i.last_seen_at, i.id), reverse=True)
        for identity in identities:
            messenger = self.services.messengers.get(identity.platform)
            if messenger is None:
                continue
            if self._paused(identity.platform):
                raise _Release()
            if identity.dm_chat_id:
                return Recipient(identity.platform, identity.dm_chat_id, messenger)
            chat_id = await messenger.open_private_chat(identity.user_id)
            return Recipient(identity.platform, str(chat_id), messenger, identity.id)
        # None of their platforms is connected: wait, and stop claiming it until one is.
        preferred = identities[0].platform
        self._warn_not_connected(preferred)
        await self._update(row.id, OUT_PENDING, platform=preferred)
        raise _Release()


async def next_outbox_at(services: Services) -> datetime | None:
    """When the earliest pending message on a connected platform becomes due."""
    platforms = list(services.messengers)
    if not platforms:
        return None
    async with services.database() as db:
        value: datetime | None = await db.scalar(
            select(func.min(OutboxMessage.next_attempt_at)).where(
                OutboxMessage.status == OUT_PENDING,
                or_(OutboxMessage.platform.is_(None), OutboxMessage.platform.in_(platforms)),
            )
        )
    return value


async def pending_count(services: Services) -> int:
    async with services.database() as db:
        return int(
            await db.scalar(
                select(func.count())
                .select_from(OutboxMessage)
                .where(OutboxMessage.status.in_((OUT_PENDING, OUT_SENDING)))
            )
            or 0
        )
