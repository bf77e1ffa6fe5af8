"""Run Alembic migrations programmatically (`copbot db upgrade`, and at every start)."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
SOURCE_ROOT = Path(__file__).resolve().parents[2]  # where `bot` is imported from
_REVISION = re.compile(r"^revision\b[^=]*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision\b[^=]*=(.*)$", re.MULTILINE)


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def script_heads() -> set[str] | None:
    """The newest revisions, read from the migration files without importing Alembic (a
    third of a second at every start); None when a file does not read as expected."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        if path.name == "__init__.py":
            continue
        source = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN.search(source)
        if revision is None or down is None:
            return None
        revisions.add(revision.group(1))
        parents.update(re.findall(r"['\"]([^'\"]+)['\"]", down.group(1)))
    heads = revisions - parents
    return heads if heads and parents <= revisions else None


async def at_head(engine: AsyncEngine) -> bool:
    """True when the database is at the newest revision (nothing to migrate)."""
    heads = script_heads()
    if heads is None:
        return False
    try:
        async with engine.connect() as conn:
            rows = await conn.execute(text("SELECT version_num FROM alembic_version"))
            current = {str(row[0]) for row in rows}
    except DBAPIError:  # no alembic_version table yet: a new database
        return False
    return current == heads


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Migrate the database behind `engine` to `revision`, sharing one connection."""
    if revision == "head" and await at_head(engine):
        return

    from alembic import command

    def _run(connection: Connection) -> None:
        command.upgrade(alembic_config(connection), revision)

    async with engine.begin() as conn:
        await conn.run_sync(_run)


class MigrationFailed(RuntimeError):
    """The migration in the child process failed; the message ends with its error output."""


# The child's program: the database URL comes on stdin (never on a command line ps shows).
_CHILD = """
import asyncio, sys
from bot.db.engine import create_engine
from bot.db.migrate import upgrade

async def main(url):
    engine = create_engine(url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()

asyncio.run(main(sys.stdin.read()))
"""


async def upgrade_apart(engine: AsyncEngine) -> None:
    """Migrate to the newest revision in a child process, when there is anything to migrate.

    Alembic brings about 150 modules and 10 MB with it; in a process that serves for weeks
    they would stay for good after one migration at start. Here they come and go with the
    child, which runs the same `upgrade` on the same database.
    """
    if await at_head(engine):
        return
    paths = [str(SOURCE_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        _CHILD,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(paths)},
    )
    url = engine.url.render_as_string(hide_password=False)
    _, errors = await child.communicate(url.encode())
    if child.returncode != 0:
        detail = errors.decode(errors="replace").strip()[-4000:]
        raise MigrationFailed(f"database migration failed (exit {child.returncode}):\n{detail}")


async def current_revision(engine: AsyncEngine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    def _read(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    async with engine.connect() as conn:
        return await conn.run_sync(_read)
