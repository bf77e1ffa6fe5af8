"""Migrations: a fresh database reaches head, matches the models, and can go down and up."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from bot.db.engine import create_engine
from bot.db.migrate import alembic_config, at_head, current_revision, script_heads, upgrade
from bot.db.models import Base


def head() -> str:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1, f"the migration chain must have one head, has {heads}"
    return heads[0]


async def check_database(url: str) -> None:
    engine = create_engine(url)
    try:
        await upgrade(engine)
        assert await current_revision(engine) == head()

        def differences(connection: Connection) -> list[object]:
            context = MigrationContext.configure(connection, opts={"compare_type": False})
            return list(compare_metadata(context, Base.metadata))

        async with engine.connect() as conn:
            assert await conn.run_sync(differences) == []

        def down_and_up(connection: Connection) -> list[str]:
            command.downgrade(alembic_config(connection), "base")
            left = [t for t in inspect(connection).get_table_names() if t != "alembic_version"]
            command.upgrade(alembic_config(connection), "head")
            return left

        async with engine.begin() as conn:
            assert await conn.run_sync(down_and_up) == []
        assert await current_revision(engine) == head()
    finally:
        await engine.dispose()


async def test_sqlite_migrates_to_head_matching_the_models(tmp_path: Path) -> None:
    await check_database(f"sqlite+aiosqlite:///{tmp_path / 'm.db'}")


async def test_sqlite_runs_in_wal_mode_and_never_waits_for_a_lock_on_the_loop(
    tmp_path: Path,
) -> None:
    """WAL; SQLite's own busy timeout is 0 on the event loop's thread (a wait for a lock
    happens on aiosqlite's thread: tests/bot/db/test_onetrip.py)."""
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'w.db'}")
    try:
        async with engine.connect() as conn:
            mode = (await conn.exec_driver_sql("PRAGMA journal_mode")).scalar()
            timeout = (await conn.exec_driver_sql("PRAGMA busy_timeout")).scalar()
    finally:
        await engine.dispose()
    assert mode == "wal"
    assert timeout == 0


@pytest.mark.postgres
async def test_postgres_migrates_to_head_matching_the_models() -> None:
    url = os.environ.get("COPBOT_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("COPBOT_TEST_POSTGRES_URL not set")
    await check_database(url)


def test_the_heads_read_from_the_files_are_alembics() -> None:
    assert script_heads() == {head()}


async def test_a_database_at_head_is_not_migrated_again_and_an_older_one_is(
    tmp_path: Path,
) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'h.db'}")
    try:
        assert not await at_head(engine)  # a new database
        await upgrade(engine)
        assert await at_head(engine)
        await upgrade(engine)  # at head: nothing to do
        assert await current_revision(engine) == head()

        def one_down(connection: Connection) -> None:
            command.downgrade(alembic_config(connection), "-1")

        async with engine.begin() as conn:
            await conn.run_sync(one_down)
        assert not await at_head(engine)
        await upgrade(engine)
        assert await current_revision(engine) == head()
    finally:
        await engine.dispose()
