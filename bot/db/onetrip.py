"""SQLite statements in one trip to aiosqlite's thread instead of three or four.

SQLAlchemy's aiosqlite adapter makes a cursor, executes, fetches and closes it, each an await
on aiosqlite's worker thread (about 55 µs of CPU per trip: a queue, a thread wake-up and the
event loop's wake-up), and the pool's rollback of a connection in no transaction (a no-op in
sqlite3) made a trip too. `one_trip(dbapi_connection)` gives a connection (in the engine's
"connect" event) a cursor that does all of that in one function on that thread; what the
statement returns (rows, description, rowcount, lastrowid) is kept, as a buffered cursor
does. Errors are the driver's own, translated by the adapter as before.
"""

from __future__ import annotations

import collections
import sqlite3
from collections.abc import Sequence
from typing import Any

from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
)
from sqlalchemy.util import immutabledict

Outcome = tuple[Any, int, int | None, list[Any]]


def _run(connection: sqlite3.Connection, operation: str, parameters: Any, many: bool) -> Outcome:
    """On aiosqlite's thread: execute, fetch what the statement returns, close the cursor."""
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


class OneTripCursor(AsyncAdapt_aiosqlite_cursor):
    """A buffered cursor whose statement runs in one trip to the driver's thread."""

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

    async def _trip(self, operation: Any, parameters: Any, many: bool) -> None:
        async with self._adapt_connection._execute_mutex:
            connection = self._connection
            self._outcome = await connection._execute(
                _run, connection._conn, operation, parameters, many
            )
            self._rows = collections.deque(self._outcome[3])

    async def _execute_async(self, operation: Any, parameters: Any) -> Any:
        await self._trip(operation, parameters, many=False)

    async def _executemany_async(self, operation: Any, seq_of_parameters: Sequence[Any]) -> Any:
        await self._trip(operation, seq_of_parameters, many=True)

    async def _async_soft_close(self) -> None:
        """Nothing to close: the driver's cursor was closed on its thread."""

    def close(self) -> None:
        self._rows.clear()


class OneTripConnection(AsyncAdapt_aiosqlite_connection):
    __slots__ = ()
    _cursor_cls = OneTripCursor

    def rollback(self) -> None:
        # sqlite3 ignores a rollback outside a transaction; the pool asks for one each time a
        # connection comes back after a commit: that needs no trip to the thread.
        connection = self._connection
        if connection._connection is not None and not connection.in_transaction:
            return
        super().rollback()


def one_trip(dbapi_connection: Any) -> None:
    """Make an aiosqlite connection of SQLAlchemy's use OneTripCursor (same slots, same
    behaviour otherwise); any other connection is left alone."""
    if type(dbapi_connection) is AsyncAdapt_aiosqlite_connection:
        dbapi_connection.__class__ = OneTripConnection
