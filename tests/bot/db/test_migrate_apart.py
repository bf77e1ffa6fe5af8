"""The long-running bot migrates in a child process: Alembic never stays in its memory."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.db.engine import create_engine
from bot.db.migrate import MigrationFailed, at_head, upgrade_apart

CHECK = """
import asyncio, sys
from bot.db.engine import create_engine
from bot.db.migrate import at_head, upgrade_apart

async def main(url):
    engine = create_engine(url)
    try:
        await upgrade_apart(engine)
        loaded = {name.split(".")[0] for name in sys.modules} & {"alembic", "mako"}
        print(await at_head(engine), sorted(loaded))
    finally:
        await engine.dispose()

asyncio.run(main(sys.argv[1]))
"""


def test_a_fresh_database_reaches_head_without_alembic_in_the_process(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}"
    done = subprocess.run(
        [sys.executable, "-c", CHECK, url],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True []"


async def test_a_database_at_head_starts_no_child(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'copbot.db'}")
    try:
        await upgrade_apart(engine)
        assert await at_head(engine)
        await upgrade_apart(engine)  # nothing to do, and nothing fails
    finally:
        await engine.dispose()


async def test_a_failed_migration_says_why(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'missing' / 'copbot.db'}")
    try:
        with pytest.raises(MigrationFailed, match="unable to open database file"):
            await upgrade_apart(engine)
    finally:
        await engine.dispose()
