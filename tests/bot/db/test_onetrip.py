"""SQLite statements on the event loop's thread: same results, same errors, no trips to
aiosqlite's thread unless a statement must wait for a lock, and then the loop goes on."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiosqlite
import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.db import onetrip
from bot.db.engine import create_engine, patience


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'trip.db'}")
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE)"))
    try:
        yield engine
    finally:
        await engine.dispose()


@pytest.fixture
def trips(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """The functions run on aiosqlite's thread, by name (a commit counts as fast however
    long the test machine's disk takes)."""
    monkeypatch.setattr(onetrip, "SLOW_COMMIT", 60.0)
    counted: Counter[str] = Counter()
    original = aiosqlite.Connection._execute

    async def counting(self: aiosqlite.Connection, fn: Any, *args: Any, **kwargs: Any) -> Any:
        counted[getattr(fn, "__name__", repr(fn))] += 1
        return await original(self, fn, *args, **kwargs)

    monkeypatch.setattr(aiosqlite.Connection, "_execute", counting)
    return counted


async def test_rows_rowcount_and_lastrowid_as_before(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        inserted = await connection.execute(text("INSERT INTO t (name) VALUES ('a')"))
        assert inserted.lastrowid == 1
        rows = [{"n": "b"}, {"n": "c"}]
        await connection.execute(text("INSERT INTO t (name) VALUES (:n)"), rows)
        changed = await connection.execute(text("UPDATE t SET name = name || '!' WHERE id > 1"))
        assert changed.rowcount == 2
        result = await connection.execute(text("SELECT id, name FROM t ORDER BY id"))
        assert list(result.keys()) == ["id", "name"]
        assert [tuple(row) for row in result] == [(1, "a"), (2, "b!"), (3, "c!")]
        many = await connection.execute(text("SELECT id FROM t ORDER BY id"))
        assert many.fetchmany(2) == [(1,), (2,)] and many.fetchall() == [(3,)]


async def test_errors_are_the_drivers_own(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        await connection.execute(text("INSERT INTO t (name) VALUES ('a')"))
    with pytest.raises(IntegrityError):
        async with engine.begin() as connection:
            await connection.execute(text("INSERT INTO t (name) VALUES ('a')"))
    with pytest.raises(OperationalError):
        async with engine.begin() as connection:
            await connection.execute(text("SELECT nothing FROM nowhere"))
    async with engine.connect() as connection:  # the connection is usable after the errors
        assert (await connection.execute(text("SELECT count(*) FROM t"))).scalar() == 1


async def test_statements_take_no_trip_to_the_thread_when_nothing_is_locked(
    engine: AsyncEngine, trips: Counter[str]
) -> None:
    async with engine.begin() as connection:
        await connection.execute(text("INSERT INTO t (name) VALUES ('a')"))
        await connection.execute(text("SELECT name FROM t"))
    async with engine.connect() as connection:
        await connection.execute(text("INSERT INTO t (name) VALUES ('b')"))
        await connection.rollback()
    # BEGIN IMMEDIATE, the INSERT and the SELECT, COMMIT (the disk is fast), and the
    # rollback all ran on the event loop's thread.
    assert trips == Counter(), trips
    async with engine.connect() as connection:
        assert (await connection.execute(text("SELECT count(*) FROM t"))).scalar() == 1


class Ticker:
    """Counts the event loop's turns every 10 ms while in use: how long it was not blocked."""

    def __init__(self) -> None:
        self.ticks = 0
        self._task: asyncio.Task[None] | None = None

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(0.01)
            self.ticks += 1

    async def __aenter__(self) -> Ticker:
        self._task = asyncio.create_task(self._tick())
        return self

    async def __aexit__(self, *_: object) -> None:
        if self._task is not None:
            self._task.cancel()


def _hold_the_write_lock(path: Path) -> sqlite3.Connection:
    """Another writer (a second process would do the same): BEGIN IMMEDIATE, not committed."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO t (name) VALUES ('other')")
    return other


async def test_a_write_waits_for_a_lock_on_the_thread_while_the_loop_goes_on(
    engine: AsyncEngine, tmp_path: Path, trips: Counter[str]
) -> None:
    other = _hold_the_write_lock(tmp_path / "trip.db")

    async def write() -> None:
        async with engine.begin() as connection:  # BEGIN IMMEDIATE finds the lock taken
            await connection.execute(text("INSERT INTO t (name) VALUES ('mine')"))

    async with Ticker() as loop_ran:
        writing = asyncio.create_task(write())
        await asyncio.sleep(0.5)
        assert not writing.done()  # still waiting for the lock ...
        assert loop_ran.ticks >= 20  # ... and the loop was not blocked meanwhile
        other.commit()
        await asyncio.wait_for(writing, 10)
    other.close()
    assert trips["_patiently"] == 1, trips  # only the statement that had to wait
    async with engine.connect() as connection:
        names = (await connection.execute(text("SELECT name FROM t ORDER BY id"))).scalars()
        assert list(names) == ["other", "mine"]
    async with engine.connect() as connection:  # back on the loop's thread, no waiting
        timeout = (await connection.exec_driver_sql("PRAGMA busy_timeout")).scalar()
        assert timeout == 0


async def test_a_lock_held_longer_than_the_patience_is_the_drivers_error(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    other = _hold_the_write_lock(tmp_path / "trip.db")
    try:
        with pytest.raises(OperationalError, match="locked"), patience(200):
            async with engine.begin() as connection:
                await connection.execute(text("INSERT INTO t (name) VALUES ('mine')"))
    finally:
        other.rollback()
        other.close()
    async with engine.begin() as connection:  # and the connection works once it is free
        await connection.execute(text("INSERT INTO t (name) VALUES ('mine')"))


async def test_a_connection_returned_inside_a_transaction_is_rolled_back(
    engine: AsyncEngine,
) -> None:
    connection = await engine.connect()
    await connection.execute(text("INSERT INTO t (name) VALUES ('a')"))  # BEGIN IMMEDIATE ...
    raw = await connection.get_raw_connection()
    driver = raw.driver_connection
    assert driver is not None and driver.in_transaction
    await connection.close()  # never committed: rolled back on the way to the pool
    assert not driver.in_transaction
    async with engine.connect() as again:
        assert (await again.execute(text("SELECT count(*) FROM t"))).scalar() == 0


async def test_after_a_slow_commit_commits_no_longer_stall_the_loop(
    engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fast commit runs on the loop; once one was slow (a busy disk), that connection's
    next commits wait on aiosqlite's thread while the loop goes on."""

    def slow_disk_commit(connection: sqlite3.Connection) -> None:
        time.sleep(0.3)  # an fsync on a busy disk
        connection.commit()

    monkeypatch.setattr(onetrip, "_commit", slow_disk_commit)

    async def ticks_during_a_commit(name: str) -> int:
        async with Ticker() as loop_ran:
            await asyncio.sleep(0.02)
            before = loop_ran.ticks
            async with engine.begin() as connection:
                await connection.execute(text("INSERT INTO t (name) VALUES (:n)"), {"n": name})
            return loop_ran.ticks - before

    first = await ticks_during_a_commit("a")  # on the loop: it learns the disk is slow
    second = await ticks_during_a_commit("b")  # on the thread
    assert first <= 2 and second >= 10, (first, second)
    async with engine.connect() as connection:
        assert (await connection.execute(text("SELECT count(*) FROM t"))).scalar() == 2
