"""Incoming updates are stored before they are acknowledged, then handled from the store.

A platform adapter calls `receive` for each update *before* it confirms the update to the
platform (the getUpdates offset, the webhook's 200). `receive` writes the inbox row and the
dedup record (`processed_updates`) in one transaction: a redelivered update is not stored
again. An `InboxWorker` handles stored rows in order, at start (what a crash left) and each
time it is woken up.

A row's life: "received" → "handled" (claimed in the handler's own transaction, so the
handler's changes and the claim commit together) → "answered" once the answer went out.
A row a crash left "handled" is uncertain: its answer may or may not have reached the
participant, so it is never answered again (the platforms offer no idempotent send).
"received" rows are handled after a restart; "skipped" rows could not be read.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import InboxUpdate, ProcessedUpdate
from bot.kernel.services import Services

log = logging.getLogger(__name__)

RECEIVED, HANDLED, ANSWERED, SKIPPED = "received", "handled", "answered", "skipped"
BATCH = 50  # rows read per look at the inbox
IDLE = 5.0  # seconds between looks without a wake-up (rows stored by another replica)
MAX_BACKOFF = 30.0  # seconds at most between attempts after repeated errors


async def receive(services: Services, platform: str, key: str, payload: dict[str, Any]) -> bool:
    """Store an update with its dedup record; False when it was received before."""
    key = key[:128]
    now = services.clock.now()
    try:
        async with services.database() as db, db.begin():
            db.add(ProcessedUpdate(platform=platform, update_key=key, seen_at=now))
            db.add(
                InboxUpdate(platform=platform, update_key=key, payload=payload, received_at=now)
            )
    except IntegrityError:
        return False
    return True


async def waiting(services: Services, platform: str, limit: int = BATCH) -> list[InboxUpdate]:
    """Rows not handled yet, oldest first."""
    async with services.database() as db:
        rows = await db.scalars(
            select(InboxUpdate)
            .where(InboxUpdate.platform == platform, InboxUpdate.status == RECEIVED)
            .order_by(InboxUpdate.id)
            .limit(limit)
        )
        return list(rows)


async def claim(db: AsyncSession, item_id: int) -> bool:
    """In the handler's transaction: take the row (received → handled); False when taken."""
    result = await db.execute(
        update(InboxUpdate)
        .where(InboxUpdate.id == item_id, InboxUpdate.status == RECEIVED)
        .values(status=HANDLED)
    )
    return bool(getattr(result, "rowcount", 0))


async def claim_apart(services: Services, item_id: int) -> bool:
    """Take the row in a transaction of its own (the handler's was rolled back)."""
    async with services.database() as db, db.begin():
        return await claim(db, item_id)


async def finish(services: Services, item_id: int, status: str = ANSWERED) -> None:
    """handled → answered, or received → skipped (an update that cannot be read)."""
    before = RECEIVED if status == SKIPPED else HANDLED
    async with services.database() as db, db.begin():
        await db.execute(
            update(InboxUpdate)
            .where(InboxUpdate.id == item_id, InboxUpdate.status == before)
            .values(status=status)
        )


async def uncertain_count(services: Services, platform: str) -> int:
    async with services.database() as db:
        count = await db.scalar(
            select(func.count())
            .select_from(InboxUpdate)
            .where(InboxUpdate.platform == platform, InboxUpdate.status == HANDLED)
        )
        return int(count or 0)


async def prune_inbox(services: Services, older_than: Any) -> int:
    """Forget finished rows received before `older_than` (a datetime)."""
    async with services.database() as db, db.begin():
        result = await db.execute(
            delete(InboxUpdate).where(
                InboxUpdate.received_at < older_than, InboxUpdate.status != RECEIVED
            )
        )
    return int(getattr(result, "rowcount", 0) or 0)


class Backoff:
    """Waits longer after each consecutive failure (0.5 s doubling up to MAX_BACKOFF)."""

    def __init__(self, first: float = 0.5, most: float = MAX_BACKOFF) -> None:
        self.first = first
        self.most = most
        self.failures = 0

    def delay(self) -> float:
        return min(self.most, self.first * 2 ** max(0, self.failures - 1))

    async def failed(self) -> None:
        self.failures += 1
        await asyncio.sleep(self.delay())

    def succeeded(self) -> None:
        self.failures = 0


class InboxWorker:
    """Handles a platform's stored updates one at a time, oldest first, until stopped."""

    def __init__(
        self,
        services: Services,
        platform: str,
        handle: Callable[[InboxUpdate], Awaitable[None]],
        idle: float = IDLE,
    ) -> None:
        self.services = services
        self.platform = platform
        self.handle = handle
        self.idle = idle
        self._wake = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=f"inbox-{self.platform}")

    def wake(self) -> None:
        self._wake.set()

    async def drain(self) -> int:
        """Handle every stored row that is waiting; returns how many were handled."""
        done = 0
        while rows := await waiting(self.services, self.platform):
            for row in rows:
                await self.handle(row)
                done += 1
            if len(rows) < BATCH and not self._wake.is_set():
                break  # that was all, and nothing was stored since: no empty look per update
        return done

    async def _run(self) -> None:
        backoff = Backoff()
        with contextlib.suppress(Exception):
            if left := await uncertain_count(self.services, self.platform):
                log.warning(
                    "%s: %d update(s) were being answered when the bot stopped; "
                    "their answers are uncertain and are not sent again",
                    self.platform,
                    left,
                )
        while True:
            self._wake.clear()
            try:
                await self.drain()
            except Exception:
                if backoff.failures == 0:
                    log.exception("%s: error while handling stored updates", self.platform)
                if self._stopping:
                    return
                await backoff.failed()
                continue
            backoff.succeeded()
            if self._stopping:
                return
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.idle)

    async def stop(self, patience: float = 10.0) -> None:
        """Handle what is stored (within `patience` seconds), then stop."""
        if self._task is None:
            return
        task, self._task = self._task, None
        self._stopping = True
        self._wake.set()
        try:
            await asyncio.wait_for(asyncio.shield(task), patience)
        except TimeoutError:
            log.warning("%s: stopped before every stored update was handled", self.platform)
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
