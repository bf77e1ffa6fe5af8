"""Who holds a row: process identities, leases, and telling a dead claimant from a live one.

A claim is `claimed_by = "host:pid:token"` plus `claimed_until` (a lease). Another process may
take a row over once the lease has run out. The lease is short (LEASE) and renewed by a
heartbeat while its holder works, so a replica on another host that dies is taken over within
LEASE plus one tick. On the same host we can do better: a claimant whose pid is gone (or whose
pid is ours with another token: our own previous life in a container) is dead at once, so a
restart right after a kill -9 does not wait for leases to expire.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Table, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

log = logging.getLogger(__name__)

# How long a claim holds without a heartbeat, and how often a working holder renews it: a
# dead holder's rows are free LEASE after its last heartbeat (the scheduler looks every 5 s).
LEASE = timedelta(seconds=20)
HEARTBEAT_SECONDS = 5.0

_HOST = socket.gethostname()[:60]
_PID = str(os.getpid())
# Made once per process: every worker identity of this process starts its token with it, so a
# token tells whether it was made by this process or by an earlier one that had our pid.
_PROCESS_NONCE = secrets.token_hex(4)


def new_worker_id() -> str:
    """A fresh identity of this process (tests run two "processes" in one)."""
    return f"{_HOST}:{_PID}:{_PROCESS_NONCE}-{secrets.token_hex(4)}"


WORKER_ID = new_worker_id()


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # e.g. someone else's process: it exists
    return True


def claimant_is_dead(claimed_by: str | None) -> bool:
    """True only when we know for sure: the claim was made on this host by a gone process."""
    if not claimed_by:
        return False
    host, _, rest = claimed_by.partition(":")
    pid, _, token = rest.partition(":")
    if host != _HOST or not pid.isdigit():
        return False  # another machine: only its lease tells
    if pid == _PID:
        # Our pid, not one of our tokens: an earlier process that had our pid (a container
        # restarted after a kill keeps its host name and often its pid).
        return not token.startswith(f"{_PROCESS_NONCE}-")
    return not _pid_alive(int(pid))


async def _beat(renew: Callable[[], Awaitable[object]], every: float, stop: asyncio.Event) -> None:
    while True:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), every)
        if stop.is_set():
            return
        try:
            await renew()
        except Exception:  # a missed beat only shortens the lease; the next one may succeed
            log.warning("renewing claims failed", exc_info=True)


@contextlib.asynccontextmanager
async def heartbeat(
    renew: Callable[[], Awaitable[object]], every: float = HEARTBEAT_SECONDS
) -> AsyncIterator[None]:
    """Call `renew()` every `every` seconds while the block runs (our claims stay ours).

    At the end a renewal under way is awaited, never cancelled halfway through a write."""
    stop = asyncio.Event()
    task = asyncio.create_task(_beat(renew, every, stop), name="copbot-claims-heartbeat")
    try:
        yield
    finally:
        stop.set()
        try:
            await asyncio.shield(task)
        except asyncio.CancelledError:
            task.cancel()
            raise


# The PostgreSQL advisory lock of the one replica that sends at a time ("copbot" in ASCII).
SENDER_LOCK = 0x636F70626F74


@contextlib.asynccontextmanager
async def sender_turn(engine: AsyncEngine) -> AsyncIterator[bool]:
    """Whether this process may send now: the platforms' overall limits (Telegram: about 30
    messages a second per bot) hold for all replicas together, so on PostgreSQL one replica at
    a time sends, the one holding the advisory lock for the block. It is a transaction lock on
    a connection of its own, so it goes with the connection when the holder dies; SQLite has
    no replicas (one host, one writer): always True there."""
    if engine.dialect.name != "postgresql":
        yield True
        return
    async with engine.connect() as conn:
        query = text("SELECT pg_try_advisory_xact_lock(:key)")
        yield bool(await conn.scalar(query, {"key": SENDER_LOCK}))
        # Leaving rolls the connection's transaction back: the lock is released.


def dialect_name(db: AsyncSession) -> str:
    return db.get_bind().dialect.name


def session_now(db: AsyncSession) -> datetime:
    """The clock's now when a job run set it on the session; else the wall clock."""
    now = db.info.get("now")
    return now if isinstance(now, datetime) else datetime.now(UTC)


async def insert_ignoring_duplicates(
    db: AsyncSession, table: Table, rows: Sequence[dict[str, Any]], key: str = "key"
) -> int:
    """INSERT ... ON CONFLICT (key) DO NOTHING; returns how many rows were new.

    Two transactions enqueueing the same key at once must not fail each other's update, so
    the unique key is left to the database instead of a read-then-insert.
    """
    if not rows:
        return 0
    name = dialect_name(db)
    new = 0
    for start in range(0, len(rows), 500):
        chunk = list(rows[start : start + 500])
        if name == "postgresql":
            stmt: Any = (
                postgresql.insert(table).values(chunk).on_conflict_do_nothing(index_elements=[key])
            )
        elif name == "sqlite":
            stmt = sqlite.insert(table).values(chunk).on_conflict_do_nothing(index_elements=[key])
        else:  # pragma: no cover - only SQLite and PostgreSQL are supported
            raise RuntimeError(f"unsupported database {name}")
        result = await db.execute(stmt.returning(table.c.id))
        new += len(result.all())
    return new
