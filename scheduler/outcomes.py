"""What a delivery writes into the outbox rows: the "sending" mark, sent, retries with backoff,
429 pauses, failures, uncertain sends, and the rows a dead sender left (see scheduler.delivery
for the policy). Writes take turns and are committed in groups."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.ports import (
    DeliveryError,
    Messenger,
    NotSupported,
    PermanentFailure,
    RetryLater,
    TransientFailure,
)
from bot.db.models import Identity, OutboxMessage
from bot.db.models.scheduling import (
    OUT_FAILED,
    OUT_PENDING,
    OUT_SENDING,
    OUT_SKIPPED,
    OUT_UNCERTAIN,
)
from bot.kernel.services import Services
from scheduler.claims import LEASE, claimant_is_dead
from scheduler.jobs import schedule

log = logging.getLogger(__name__)

# The job that tells the organisers which messages may not have arrived (after a crash).
UNCERTAIN_NOTICE = "outbox-uncertain"


def uncertain_notice_key(row_ids: list[int]) -> str:
    """One notice per set of rows found in flight; the same set never twice."""
    digest = hashlib.sha256(",".join(map(str, sorted(row_ids))).encode()).hexdigest()[:16]
    return f"outbox:uncertain:{digest}"


MAX_FAILURES = 6
BACKOFF_BASE = timedelta(seconds=15)
BACKOFF_MAX = timedelta(minutes=30)


def backoff(failures: int) -> timedelta:
    """15 s, 30 s, 1 min, 2 min, ... capped at 30 minutes."""
    return min(BACKOFF_BASE * (2 ** max(failures - 1, 0)), BACKOFF_MAX)


@dataclass
class DeliveryReport:
    claimed: int = 0
    sent: int = 0
    retry_later: int = 0  # rate limited, back to pending
    backoff: int = 0  # transient failure, back to pending
    failed: int = 0
    uncertain: int = 0
    skipped: int = 0
    released: int = 0  # claimed but handed back unsent (platform paused or absent)
    errors: list[str] = field(default_factory=list)

    def add(self, other: DeliveryReport) -> None:
        """Count `other`'s outcomes into this report."""
        for count in fields(self):
            if count.name != "errors":
                setattr(self, count.name, getattr(self, count.name) + getattr(other, count.name))
        self.errors.extend(other.errors)


@dataclass
class Recipient:
    """Where a row goes: a chat on a platform, through its messenger."""

    platform: str
    chat_id: str
    messenger: Messenger
    identity_id: int | None = None  # set when a DM chat was opened and should be remembered


_Write = Callable[[AsyncSession], Awaitable[bool]]


class OutcomeWriter:
    """The database side of a delivery: one per process, with the platforms' pauses."""

    def __init__(self, services: Services, worker: str) -> None:
        self.services = services
        self.worker = worker
        self.paused_until: dict[str, datetime] = {}
        self.lease = LEASE  # renewed by the delivery's heartbeat while it works
        # Our writes take turns and the small ones are committed in groups: SQLite has one
        # writer at a time (its busy handler sleeps up to 100 ms a go), and each commit costs
        # a disk flush, so a broadcast would otherwise crawl.
        self._turns = asyncio.Lock()
        self._waiting: list[tuple[_Write, asyncio.Future[bool]]] = []

    @contextlib.asynccontextmanager
    async def _tx(self) -> AsyncIterator[AsyncSession]:
        async with self._turns, self.services.database() as db, db.begin():
            yield db

    async def _write(self, write: _Write) -> bool:
        """Run `write` in a transaction shared with the writes that queued up meanwhile."""
        done: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._waiting.append((write, done))
        async with self._turns:
            if not done.done():
                group, self._waiting = self._waiting, []
                try:
                    async with self.services.database() as db, db.begin():
                        results = [await w(db) for w, _ in group]
                except BaseException as problem:  # cancelled too: nobody may wait forever
                    failure = (
                        problem if isinstance(problem, Exception) else RuntimeError("stopped")
                    )
                    for _, future in group:
                        if future is not done:
                            future.set_exception(failure)
                    raise
                else:
                    for (_, future), result in zip(group, results, strict=True):
                        future.set_result(result)
        return await done

    def _now(self) -> datetime:
        return self.services.clock.now()

    async def recover(self) -> int:
        """Rows left by a dead sender: "sending" → uncertain, claimed "pending" → released."""
        now = self._now()
        async with self._tx() as db:
            rows = await db.execute(
                select(
                    OutboxMessage.id,
                    OutboxMessage.key,
                    OutboxMessage.status,
                    OutboxMessage.claimed_by,
                    OutboxMessage.claimed_until,
                ).where(
                    or_(
                        OutboxMessage.status == OUT_SENDING,
                        (OutboxMessage.status == OUT_PENDING)
                        & OutboxMessage.claimed_by.is_not(None),
                    )
                )
            )
            uncertain, released = [], []
            for row_id, key, status, owner, until in rows.all():
                if owner == self.worker:
                    continue
                expired = until is None or until < now
                if not (expired or claimant_is_dead(owner)):
                    continue
                if status == OUT_SENDING:
                    uncertain.append(row_id)
                    log.warning(
                        "outbox %s was in flight when %s stopped: marked uncertain, not resent",
                        key,
                        owner,
                    )
                elif not expired:
                    released.append(row_id)
            if uncertain:
                await db.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.id.in_(uncertain), OutboxMessage.status == OUT_SENDING)
                    .values(
                        status=OUT_UNCERTAIN,
                        claimed_by=None,
                        claimed_until=None,
                        last_error="in flight when its sender stopped; may have arrived",
                    )
                )
                # Someone has to hear of it: one job tells the organisers (handlers.outbox).
                await schedule(
                    db,
                    kind=UNCERTAIN_NOTICE,
                    key=uncertain_notice_key(uncertain),
                    due_at=now,
                    payload={"ids": sorted(uncertain)},
                )
            if released:
                await db.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.id.in_(released), OutboxMessage.status == OUT_PENDING)
                    .values(claimed_by=None, claimed_until=None)
                )
        return len(uncertain)

    async def renew_claims(self) -> bool:
        """The heartbeat: our claimed rows (waiting or in flight) stay ours for another lease."""
        now = self._now()

        async def write(db: AsyncSession) -> bool:
            await db.execute(
                update(OutboxMessage)
                .where(
                    OutboxMessage.claimed_by == self.worker,
                    OutboxMessage.status.in_((OUT_PENDING, OUT_SENDING)),
                )
                .values(claimed_until=now + self.lease)
            )
            return True

        return await self._write(write)

    async def _update(self, row_id: int, *statuses: str, **values: Any) -> bool:
        async def write(db: AsyncSession) -> bool:
            result = await db.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == row_id, OutboxMessage.status.in_(statuses))
                .values(**values)
            )
            return bool(result.rowcount)  # type: ignore[attr-defined]

        return await self._write(write)

    async def _release(self, ids: list[int]) -> None:
        async def write(db: AsyncSession) -> bool:
            await db.execute(
                update(OutboxMessage)
                .where(
                    OutboxMessage.id.in_(ids),
                    OutboxMessage.status == OUT_PENDING,
                    OutboxMessage.claimed_by == self.worker,
                )
                .values(claimed_by=None, claimed_until=None)
            )
            return True

        await self._write(write)

    async def _mark_sending(self, row_id: int, recipient: Recipient) -> bool:
        """pending → sending, committed before the request goes out; False if not ours."""
        now = self._now()

        async def write(db: AsyncSession) -> bool:
            result = await db.execute(
                update(OutboxMessage)
                .where(
                    OutboxMessage.id == row_id,
                    OutboxMessage.status == OUT_PENDING,
                    OutboxMessage.claimed_by == self.worker,
                )
                .values(
                    status=OUT_SENDING,
                    platform=recipient.platform,
                    chat_id=recipient.chat_id,
                    attempts=OutboxMessage.attempts + 1,
                    claimed_until=now + self.lease,
                )
            )
            if not result.rowcount:  # type: ignore[attr-defined]
                return False
            if recipient.identity_id is not None:
                await db.execute(
                    update(Identity)
                    .where(Identity.id == recipient.identity_id, Identity.dm_chat_id.is_(None))
                    .values(dm_chat_id=recipient.chat_id)
                )
            return True

        return await self._write(write)

    async def _settle(
        self, row: OutboxMessage, status: str, reason: str, report: DeliveryReport
    ) -> None:
        await self._update(
            row.id,
            OUT_PENDING,
            OUT_SENDING,
            status=status,
            last_error=reason,
            claimed_by=None,
            claimed_until=None,
        )
        if status == OUT_SKIPPED:
            report.skipped += 1
        else:
            report.failed += 1
            log.warning("outbox %s failed: %s", row.key, reason)

    async def _record_error(
        self,
        row: OutboxMessage,
        platform: str | None,
        problem: DeliveryError,
        report: DeliveryReport,
    ) -> None:
        now = self._now()
        detail = f"{type(problem).__name__}: {problem}"[:2000]
        statuses = (OUT_PENDING, OUT_SENDING)
        if isinstance(problem, RetryLater):
            wait = timedelta(seconds=max(float(problem.retry_after), 0.0))
            until = now + wait
            if platform and self.paused_until.get(platform, now) <= until:
                self.paused_until[platform] = until
                log.warning(
                    "%s asks us to wait %.1f s; pausing its sends", platform, wait.total_seconds()
                )
            await self._update(
                row.id,
                *statuses,
                status=OUT_PENDING,
                next_attempt_at=until,
                claimed_by=None,
                claimed_until=None,
                last_error=detail,
            )
            report.retry_later += 1
        elif isinstance(problem, TransientFailure):
            await self._back_off(row, detail, now, report)
        elif isinstance(problem, NotSupported):  # e.g. an edit on a platform that cannot
            await self._settle(row, OUT_SKIPPED, detail, report)
        elif isinstance(problem, PermanentFailure):
            await self._settle(row, OUT_FAILED, detail, report)
        else:  # UncertainDelivery, or an error we cannot classify
            await self._update(
                row.id,
                *statuses,
                status=OUT_UNCERTAIN,
                claimed_by=None,
                claimed_until=None,
                last_error=detail,
            )
            report.uncertain += 1
            log.warning("outbox %s may or may not have arrived; not resent: %s", row.key, detail)

    async def _back_off(
        self, row: OutboxMessage, detail: str, now: datetime, report: DeliveryReport
    ) -> None:
        """A transient failure: try again later, or give up after MAX_FAILURES."""
        failures = row.failures + 1
        if failures >= MAX_FAILURES:
            await self._update(
                row.id,
                OUT_PENDING,
                OUT_SENDING,
                status=OUT_FAILED,
                failures=failures,
                claimed_by=None,
                claimed_until=None,
                last_error=f"gave up after {failures} failures; {detail}",
            )
            report.failed += 1
            log.error("outbox %s failed %d times; giving up: %s", row.key, failures, detail)
        else:
            await self._update(
                row.id,
                OUT_PENDING,
                OUT_SENDING,
                status=OUT_PENDING,
                failures=failures,
                next_attempt_at=now + backoff(failures),
                claimed_by=None,
                claimed_until=None,
                last_error=detail,
            )
            report.backoff += 1
