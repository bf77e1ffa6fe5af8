"""Incoming updates are stored before they are acknowledged, then handled from the store.

A platform adapter calls `receive` for each update *before* it confirms the update to the
platform (the getUpdates offset, the webhook's 200). `receive` writes the inbox row and the
dedup record (`processed_updates`) in one transaction: a redelivered update is not stored
again. An `InboxWorker` handles stored rows in order, at start (what a crash left) and each
time it is woken up.

A row's life: "received" → "handled" (claimed in the handler's own transaction, so the
handler's changes and the claim commit together) → "answered" once the answer went out
(marked in the next row's claim, or after a short pause: one transaction fewer per update,
and still at most one row per worker is "handled" at any moment).
Rows this process stored are handed to its worker in memory; the inbox is read at start,
after an error, when a look was full, and when idle (rows stored by another replica).
Long polling may go one step further (`InboxWorker.take`): when nothing waits before it, an
update is stored in the very transaction that handles it ("handled" at once), and the poller
confirms it only after that committed. One transaction per update instead of two; what a
crash leaves is the same: a committed update is remembered (a redelivery is dropped), one not
committed was not confirmed (Telegram delivers it again).
A row a crash left "handled" is uncertain: its answer may or may not have reached the
participant, so it is never answered again (the platforms offer no idempotent send).
"received" rows are handled after a restart; "skipped" rows could not be read.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import importlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, case, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.dml import Insert
from sqlalchemy.sql.elements import BindParameter

from bot.db.models import InboxUpdate, ProcessedUpdate
from bot.kernel.services import Services

log = logging.getLogger(__name__)

RECEIVED, HANDLED, ANSWERED, SKIPPED = "received", "handled", "answered", "skipped"
BATCH = 50  # rows read per look at the inbox
IDLE = 5.0  # seconds between looks without a wake-up (rows stored by another replica)
SETTLE = 0.5  # seconds without a new row before answered rows are marked on their own
MAX_BACKOFF = 30.0  # seconds at most between attempts after repeated errors
INBOX: Table = InboxUpdate.__table__  # type: ignore[assignment]
PROCESSED: Table = ProcessedUpdate.__table__  # type: ignore[assignment]
# Per update, on the tables (no ORM bookkeeping), built once: storing an update, and the
# claim alone or the claim and the marking of the rows answered since in one statement
# (the claimed id comes back).
_REMEMBER = insert(PROCESSED)
_STORE = insert(INBOX)
_ITEM: BindParameter[int] = bindparam("item")
_CLAIM = (
    update(INBOX).where(INBOX.c.id == _ITEM, INBOX.c.status == RECEIVED).values(status=HANDLED)
)
_MARK = (
    update(INBOX)
    .where(INBOX.c.id.in_(bindparam("answered", expanding=True)), INBOX.c.status == HANDLED)
    .values(status=ANSWERED)
)


@functools.cache
def _remember_new(dialect: str) -> Insert:
    """Remembering an update that may have been remembered before, without an error (an
    error would end a PostgreSQL transaction): INSERT ... ON CONFLICT DO NOTHING, from the
    dialect's own module (imported when first used: PostgreSQL's costs a start-up otherwise)."""
    module = importlib.import_module(f"sqlalchemy.dialects.{dialect}")
    return cast(Insert, module.insert(PROCESSED).on_conflict_do_nothing())


_CLAIM_AND_MARK = (
    update(INBOX)
    .where(
        or_(
            and_(INBOX.c.id == _ITEM, INBOX.c.status == RECEIVED),
            and_(INBOX.c.id.in_(bindparam("answered", expanding=True)), INBOX.c.status == HANDLED),
        )
    )
    .values(status=case((INBOX.c.id == _ITEM, HANDLED), else_=ANSWERED))
    .returning(INBOX.c.id)
)


async def receive(
    services: Services, platform: str, key: str, payload: dict[str, Any], status: str = RECEIVED
) -> InboxUpdate | None:
    """Store an update with its dedup record; the stored row, None when received before."""
    key = key[:128]
    now = services.clock.now()
    values = {"platform": platform, "update_key": key}
    stored = {**values, "payload": payload, "received_at": now, "status": status}
    # Two plain INSERTs on the engine's connection: this runs for every update, and the ORM's
    # unit of work cost about as much CPU as the rest of storing it.
    try:
        async with services.engine.begin() as connection:
            await connection.execute(_REMEMBER, {**values, "seen_at": now})
            result = await connection.execute(_STORE, stored)
    except IntegrityError:
        return None
    key_of_row = result.inserted_primary_key
    assert key_of_row is not None
    return InboxUpdate(id=key_of_row[0], **stored)


async def waiting(services: Services, platform: str, limit: int = BATCH) -> list[InboxUpdate]:
    """Rows not handled yet, oldest first (read without taking SQLite's write lock)."""
    async with services.database() as db:
        await db.connection(execution_options={"read_only": True})
        rows = await db.scalars(
            select(InboxUpdate)
            .where(InboxUpdate.platform == platform, InboxUpdate.status == RECEIVED)
            .order_by(InboxUpdate.id)
            .limit(limit)
        )
        return list(rows)


async def claim(db: AsyncSession, item_id: int, answered: Sequence[int] = ()) -> bool:
    """In the handler's transaction: take the row (received → handled); False when taken.

    `answered`: rows whose answers went out since, marked answered in the same statement.
    """
    if not answered:
        result = await db.execute(_CLAIM, {"item": item_id})
        return bool(getattr(result, "rowcount", 0))
    taken = await db.scalars(_CLAIM_AND_MARK, {"item": item_id, "answered": list(answered)})
    return item_id in taken.all()


async def take(db: AsyncSession, item: InboxUpdate, answered: Sequence[int] = ()) -> bool:
    """In the handler's transaction: claim a stored row, or store a row not stored yet
    (`item.id` is None, see InboxWorker.take) as handled, with its dedup record; False when
    it was taken or received before (then it is left as it is). `answered` is marked in
    either case."""
    if item.id is not None:
        return await claim(db, item.id, answered)
    if answered:
        await db.execute(_MARK, {"answered": list(answered)})
    remember = _remember_new(db.get_bind().dialect.name)
    values = {"platform": item.platform, "update_key": item.update_key}
    now = item.received_at
    if not getattr(await db.execute(remember, {**values, "seen_at": now}), "rowcount", 0):
        return False  # a redelivery of an update handled before
    stored = {**values, "payload": item.payload, "received_at": now, "status": HANDLED}
    key_of_row = (await db.execute(_STORE, stored)).inserted_primary_key
    assert key_of_row is not None
    item.id, item.status = key_of_row[0], HANDLED
    return True


async def claim_apart(
    services: Services, item: InboxUpdate, answered: list[int] | None = None
) -> bool:
    """Take the row in a transaction of its own (the handler's was rolled back); `answered`
    is marked with it and emptied once that committed."""
    async with services.database() as db, db.begin():
        taken = await take(db, item, answered or ())
    if answered:
        answered.clear()
    return taken


async def skip(services: Services, item: InboxUpdate) -> None:
    """An update that cannot be read: received → skipped (stored so when not stored yet)."""
    if item.id is None:
        await receive(services, item.platform, item.update_key, item.payload, SKIPPED)
    else:
        await finish(services, item.id, SKIPPED)


async def finish(services: Services, item_id: int | Sequence[int], status: str = ANSWERED) -> None:
    """handled → answered, or received → skipped (an update that cannot be read)."""
    before = RECEIVED if status == SKIPPED else HANDLED
    ids = [item_id] if isinstance(item_id, int) else list(item_id)
    async with services.database() as db, db.begin():
        await db.execute(
            update(InboxUpdate)
            .where(InboxUpdate.id.in_(ids), InboxUpdate.status == before)
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
        # Rows whose answers went out, to be marked answered with the next claim (see claim).
        self.answered: list[int] = []
        self._stored: list[InboxUpdate] = []  # rows this process stored since the last look
        # An update to store and handle at once (take), and what its poller waits for.
        self._fresh: list[tuple[InboxUpdate, asyncio.Future[bool]]] = []
        self._look = True  # read the inbox before trusting `_stored`
        self._wake = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=f"inbox-{self.platform}")

    def wake(self) -> None:
        self._wake.set()

    async def keep(self, key: str, payload: dict[str, Any]) -> bool:
        """Store an update (see `receive`) and hand it to this worker; False when it was
        received before."""
        row = await receive(self.services, self.platform, key, payload)
        if row is None:
            return False
        self._stored.append(row)  # handled from memory, without reading it back
        self.wake()
        return True

    async def take(self, key: str, payload: dict[str, Any]) -> bool:
        """Long polling: an update is stored in the transaction that handles it when nothing
        waits before it (else it is stored and queued as by `receive`); this returns once it
        is stored, so the poller confirms nothing that is not. False when received before
        (only known on the queued way)."""
        if self._task is None or self._stopping or self._look or self._stored or self._fresh:
            return await self.keep(key, payload)
        item = InboxUpdate(  # no id: not stored yet
            platform=self.platform,
            update_key=key[:128],
            payload=payload,
            received_at=self.services.clock.now(),
            status=RECEIVED,
        )
        stored: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._fresh.append((item, stored))
        self.wake()
        return await stored

    def done(self, item_id: int) -> None:
        """The row's answers went out: it is marked answered with the next claim."""
        self.answered.append(item_id)

    async def settle(self) -> None:
        """Mark the rows whose answers went out as answered, in a transaction of their own."""
        if self.answered:
            ids = list(self.answered)
            await finish(self.services, ids)
            del self.answered[: len(ids)]

    async def _next_rows(self) -> list[InboxUpdate]:
        if self._look:
            self._look = False
            rows = await waiting(self.services, self.platform)
            self._look = len(rows) >= BATCH  # more may wait behind a full look
            seen = {row.id for row in rows}
            self._stored = [row for row in self._stored if row.id not in seen]
            return rows
        rows, self._stored = self._stored, []
        return rows

    async def drain(self) -> int:
        """Handle every stored row that is waiting, then an update to store and handle at
        once; returns how many were handled."""
        done = 0
        while True:
            if rows := await self._next_rows():
                for row in rows:
                    try:
                        await self.handle(row)
                    except BaseException:
                        self._look = True  # what was not handled is read back from the inbox
                        raise
                    done += 1
            elif self._fresh:
                item, stored = self._fresh.pop(0)
                try:
                    await self.handle(item)  # raises when it could not be stored
                except BaseException as problem:
                    self._look = True
                    if not stored.done():  # the poller hears it: not confirmed, fetched again
                        stopped = RuntimeError("the inbox worker stopped")
                        failed = problem if isinstance(problem, Exception) else stopped
                        stored.set_exception(failed)
                    raise
                if not stored.done():  # (done when the poller was stopped meanwhile)
                    stored.set_result(True)
                done += 1
            else:
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
                if self._stopping:
                    await self.settle()
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
            try:
                await asyncio.wait_for(self._wake.wait(), SETTLE if self.answered else self.idle)
            except TimeoutError:
                self._look = True  # quiet for a while: look for rows stored elsewhere
                with contextlib.suppress(Exception):
                    await self.settle()  # an error here: marked with the next claim

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
