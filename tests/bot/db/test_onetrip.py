"""SQLite statements in one trip to aiosqlite's thread: same results, same errors, fewer trips."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiosqlite
import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.db.engine import create_engine


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
    """The functions run on aiosqlite's thread, by name."""
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


async def test_a_statement_is_one_trip_and_a_committed_connection_needs_no_rollback(
    engine: AsyncEngine, trips: Counter[str]
) -> None:
    async with engine.begin() as connection:
        await connection.execute(text("INSERT INTO t (name) VALUES ('a')"))
        await connection.execute(text("SELECT name FROM t"))
    # BEGIN IMMEDIATE, the INSERT and the SELECT, then COMMIT; the pool's rollback of the
    # returned connection (in no transaction) is not sent.
    assert trips == Counter({"_run": 3, "commit": 1}), trips


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
