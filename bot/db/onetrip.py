"""SQLite statements on the event loop's thread; only one that must wait goes to aiosqlite's.

SQLAlchemy's aiosqlite adapter sends every statement, commit and rollback to aiosqlite's worker
thread: a queue, a thread wake-up and the event loop's wake-up, about 70 µs of CPU each, for
statements that take SQLite itself a few µs. `one_trip(dbapi_connection)` (in the engine's
"connect" event) makes a connection run them where they are asked for, on the event loop's
thread, with SQLite's busy timeout at 0: a statement never blocks the loop waiting for a lock.
A statement that finds the database locked (another connection or process is writing) is
sent to aiosqlite's thread as before, where it waits up to the busy timeout (`PATIENCE_MS`)
while the loop goes on; what failed with "busy" had no effect, so running it again is SQLite's
own way. A commit waits for the disk (fsync): it runs on the loop too, until one takes longer
than SLOW_COMMIT; from then on that connection commits on aiosqlite's thread, so that a slow
disk does not stall the loop.

A statement is executed, fetched and its cursor closed in one go; what it returns (rows,
description, rowcount, lastrowid) is kept, as a buffered cursor does. Errors are the driver's
own, translated by the adapter as before. The connection needs `check_same_thread=False`
(create_engine sets it): it is used by one thread at a time, the loop's or, while it waits for
a lock, aiosqlite's.
"""

from __future__ import annotations

import collections
import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar
from typing import Any, TypeVar, cast

from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
)
from sqlalchemy.util import immutabledict
from sqlalchemy.util.concurrency import await_

Outcome = tuple[Any, int, int | None, list[Any]]
T = TypeVar("T")
PATIENCE_MS = 30_000  # how long a statement may wait for a lock, on aiosqlite's thread
# A shorter wait for the statements of one task (see `patience`).
_PATIENCE: ContextVar[int | None] = ContextVar("sqlite_lock_patience_ms", default=None)
_BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
SLOW_COMMIT = 0.02  # seconds; a commit that took longer sends the next ones to the thread
SLOW_DISK = "copbot_slow_disk"  # marks an aiosqlite connection whose commits go to the thread


def _run(connection: sqlite3.Connection, operation: str, parameters: Any, many: bool) -> Outcome:
    """Execute, fetch what the statement returns, close the cursor."""
    cursor = connection.cursor()
    try:
        if many:
            cursor.executemany(operation, parameters)
        elif parameters is None:
            cursor.execute(operation)
        else:
            cursor.execute(operation, parameters)
        rows = cursor.fetchall() if cursor.description else []
        return cursor.description, cursor.rowcount, cursor.lastrowid, rows
    finally:
        cursor.close()


def _begin(connection: sqlite3.Connection, operation: str) -> None:
    connection.execute(operation)


def _commit(connection: sqlite3.Connection) -> None:
    connection.commit()


def _rollback(connection: sqlite3.Connection) -> None:
    connection.rollback()


@contextlib.contextmanager
def patience(milliseconds: int) -> Iterator[None]:
    """Statements run inside wait at most `milliseconds` for a lock (the health check's
    write must report a lock, not wait 30 s for it)."""
    token = _PATIENCE.set(milliseconds)
    try:
        yield
    finally:
        _PATIENCE.reset(token)


def _patiently(
    connection: sqlite3.Connection, milliseconds: int, work: Callable[..., T], *args: Any
) -> T:
    """On aiosqlite's thread: `work` with SQLite's busy timeout, then without it again."""
    connection.execute(f"PRAGMA busy_timeout={int(milliseconds)}")
    try:
        return work(connection, *args)
    finally:
        connection.execute("PRAGMA busy_timeout=0")


def is_busy(error: BaseException) -> bool:
    if not isinstance(error, sqlite3.OperationalError):
        return False
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in _BUSY


class OneTripCursor(AsyncAdapt_aiosqlite_cursor):
    """A buffered cursor whose statement runs in one go, on the loop unless it must wait."""

    __slots__ = ("_arraysize", "_outcome")

    def __init__(self, adapt_connection: Any) -> None:  # no cursor is made up front
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._cursor = None  # type: ignore[assignment]
        self._soft_closed_memoized = immutabledict()
        self._rows = collections.deque()
        self._outcome: Outcome = (None, -1, None, [])
        self._arraysize = 1  # sqlite3's default

    @property
    def arraysize(self) -> int:
        return self._arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._arraysize = value

    @property
    def description(self) -> Any:
        return self._outcome[0]

    @property
    def rowcount(self) -> int:
        return self._outcome[1]

    @property
    def lastrowid(self) -> Any:
        return self._outcome[2]

    def execute(self, operation: Any, parameters: Any = None) -> None:
        self._keep(_run, operation, parameters, False)

    def executemany(self, operation: Any, seq_of_parameters: Sequence[Any]) -> None:
        self._keep(_run, operation, seq_of_parameters, True)

    def _keep(self, *work: Any) -> None:
        outcome = cast(OneTripConnection, self._adapt_connection).run(*work)
        self._outcome = outcome
        self._rows = collections.deque(outcome[3])

    async def _async_soft_close(self) -> None:
        """Nothing to close: the driver's cursor is closed already."""

    def close(self) -> None:
        self._rows.clear()


class OneTripConnection(AsyncAdapt_aiosqlite_connection):
    __slots__ = ()
    _cursor_cls = OneTripCursor

    def run(self, work: Callable[..., T], *args: Any, on_thread: bool = False) -> T:
        """`work(sqlite3_connection, *args)`, on this thread unless it must wait for a lock
        (or `on_thread`: a commit, which waits for the disk)."""
        try:
            return await_(self._run(work, *args, on_thread=on_thread))
        except Exception as error:
            self._handle_exception(error)

    async def _run(self, work: Callable[..., T], *args: Any, on_thread: bool) -> T:
        # A coroutine all the same: SQLAlchemy's async engine checks that its driver awaited.
        driver = self._connection
        connection = driver._conn  # ValueError when closed
        if not on_thread and not self._execute_mutex.locked():  # none of ours on the thread
            try:
                return work(connection, *args)
            except sqlite3.OperationalError as error:
                if not is_busy(error):
                    raise
        async with self._execute_mutex:
            wait = _PATIENCE.get()
            wait = PATIENCE_MS if wait is None else wait
            return await driver._execute(_patiently, connection, wait, work, *args)

    def begin(self, *, immediate: bool) -> None:
        """BEGIN IMMEDIATE (takes the write lock up front), or a deferred BEGIN for a reader;
        straight to the driver, without SQLAlchemy's statement machinery."""
        self.run(_begin, "BEGIN IMMEDIATE" if immediate else "BEGIN")

    def commit(self) -> None:
        # A commit waits for the disk (fsync, now and then a checkpoint): on the loop while the
        # disk answers quickly; after one slow commit, this connection's go to aiosqlite's
        # thread (a thread hop costs about as much CPU as a fast commit, a slow disk must not
        # stall the loop).
        driver = self._connection
        if driver._connection is None:
            return
        if getattr(driver, SLOW_DISK, False):
            self.run(_commit, on_thread=True)
            return
        started = time.perf_counter()
        self.run(_commit)
        if time.perf_counter() - started > SLOW_COMMIT:
            setattr(driver, SLOW_DISK, True)

    def rollback(self) -> None:
        # sqlite3 ignores a rollback outside a transaction; the pool asks for one each time a
        # connection comes back after a commit.
        driver = self._connection
        if driver._connection is not None and driver.in_transaction:
            self.run(_rollback)


def one_trip(dbapi_connection: Any) -> None:
    """Make an aiosqlite connection of SQLAlchemy's run its statements as described above
    (same slots, same behaviour otherwise); any other connection is left alone."""
    if type(dbapi_connection) is AsyncAdapt_aiosqlite_connection:
        dbapi_connection.__class__ = OneTripConnection
