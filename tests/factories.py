"""Shared test factories: an App on a fresh database and participants who talk to it."""

from __future__ import annotations

import asyncio
import atexit
import functools
import hashlib
import itertools
import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url

from bot import wiring
from bot.core.clock import ManualClock
from bot.core.config import Settings
from bot.core.messages import Incoming, Reply
from bot.db.engine import create_engine
from bot.db.migrate import upgrade
from bot.kernel.dispatch import dispatch
from bot.kernel.services import Services
from bot.wiring import prepare
from knowledge.loader import load_knowledge
from knowledge.model import Knowledge
from knowledge.search import LessonIndex

_updates = itertools.count(1)

# A Thursday morning in the Dutch winter: far from any DST change unless a test moves it.
DEFAULT_NOW = datetime(2026, 11, 19, 9, 0, tzinfo=UTC)


# COPBOT_TEST_BACKEND=postgres runs every test that uses these factories on PostgreSQL
# (COPBOT_TEST_POSTGRES_URL, e.g. from .ci/postgres) instead of SQLite.
BACKEND = os.environ.get("COPBOT_TEST_BACKEND", "sqlite")
POSTGRES_URL = os.environ.get("COPBOT_TEST_POSTGRES_URL", "")


def database_url_for(tmp_path: Path) -> str:
    """The test's database: a SQLite file in tmp_path, or a PostgreSQL database of its own."""
    if BACKEND != "postgres":
        return f"sqlite+aiosqlite:///{tmp_path / 'copbot.db'}"
    if not POSTGRES_URL:
        raise RuntimeError("COPBOT_TEST_BACKEND=postgres needs COPBOT_TEST_POSTGRES_URL")
    # The same tmp_path gives the same database, so a test can "restart" the bot on it.
    name = "t_" + hashlib.sha1(str(tmp_path).encode()).hexdigest()[:20]
    if name not in _pg_databases:
        # Called from inside the test's event loop: do the async work on a thread of its own.
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, _create_pg_database(name)).result()
        _pg_databases.add(name)
    return str(make_url(POSTGRES_URL).set(database=name))


_pg_databases: set[str] = set()
_PG_TEMPLATE = f"copbot_template_{os.getpid()}"


async def _create_pg_database(name: str) -> None:
    """CREATE DATABASE from a template migrated once per run (fast, like the SQLite copy)."""
    admin = make_url(POSTGRES_URL)
    dsn = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    conn = await asyncpg.connect(dsn)
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", _PG_TEMPLATE)
        if not exists:
            await conn.execute(f'CREATE DATABASE "{_PG_TEMPLATE}"')
            engine = create_engine(str(admin.set(database=_PG_TEMPLATE)))
            try:
                await upgrade(engine)
            finally:
                await engine.dispose()
        await conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{_PG_TEMPLATE}"')
    finally:
        await conn.close()


def _drop_pg_databases() -> None:
    if not _pg_databases:
        return

    async def drop() -> None:
        dsn = make_url(POSTGRES_URL).set(drivername="postgresql")
        conn = await asyncpg.connect(dsn.render_as_string(hide_password=False))
        try:
            for name in [*_pg_databases, _PG_TEMPLATE]:
                await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await conn.close()

    asyncio.run(drop())


atexit.register(_drop_pg_databases)


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": database_url_for(tmp_path),
        "organisers": "console:organiser,telegram:1000",
        "http_port": 0,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg, arg-type, unused-ignore]


_TEMPLATE_DIR = Path(tempfile.mkdtemp(prefix="copbot-template-"))
atexit.register(shutil.rmtree, _TEMPLATE_DIR, ignore_errors=True)


async def _template_database() -> Path:
    """A migrated SQLite file made once per test run; each test starts from a copy of it.

    Running every migration for every test would dominate the suite's time; the migrations
    themselves are tested in tests/bot/db.
    """
    template = _TEMPLATE_DIR / "migrated.db"
    if not template.exists():
        scratch = _TEMPLATE_DIR / "scratch.db"
        engine = create_engine(f"sqlite+aiosqlite:///{scratch}")
        try:
            await upgrade(engine)
        finally:
            await engine.dispose()  # the last connection closing folds the WAL into the file
        scratch.rename(template)
    return template


async def make_app(tmp_path: Path, now: datetime = DEFAULT_NOW, **overrides: object) -> Services:
    settings = make_settings(tmp_path, **overrides)
    target = tmp_path / "copbot.db"
    if settings.database_url == f"sqlite+aiosqlite:///{target}" and not target.exists():
        shutil.copyfile(await _template_database(), target)
    services = build_services(settings, clock=ManualClock(now))
    await prepare(services)
    return services


def build_services(settings: Settings, **kwargs: Any) -> Services:
    """bot.wiring.build_services with the knowledge and lesson index loaded once per test run
    (about a quarter of a second each time otherwise)."""
    if "knowledge" not in kwargs:
        kwargs["knowledge"] = _library()[0]
        # Each set of services its own harvested lessons, beside the shared booklet index.
        kwargs.setdefault("lesson_index", _library()[1].without_extra())
    return wiring.build_services(settings, **kwargs)


@functools.cache
def _library() -> tuple[Knowledge, LessonIndex]:
    knowledge = load_knowledge()
    return knowledge, LessonIndex(knowledge)


@dataclass
class Person:
    """Someone talking to the bot through the dispatcher, as a platform adapter would."""

    services: Services
    user_id: str
    name: str = "Deelnemer"
    platform: str = "console"
    language: str | None = "nl"
    username: str | None = None
    chat_id: str | None = None
    is_group: bool = False
    anonymous: bool = False  # as the Telegram adapter marks an anonymous group admin
    last: list[Reply] = field(default_factory=list)

    async def say(self, text: str) -> list[Reply]:
        self.last = await dispatch(self.services, self._incoming(text=text))
        return self.last

    async def press(self, data: str) -> list[Reply]:
        self.last = await dispatch(self.services, self._incoming(callback=data))
        return self.last

    async def text(self, text: str) -> str:
        """What the bot answered, all replies joined."""
        return "\n\n".join(reply.text for reply in await self.say(text))

    def buttons(self) -> list[tuple[str, str]]:
        return [(b.label, b.data) for r in self.last for row in r.buttons for b in row]

    def _incoming(self, text: str = "", callback: str | None = None) -> Incoming:
        return Incoming(
            platform=self.platform,
            user_id=self.user_id,
            chat_id=self.chat_id or self.user_id,
            text=text,
            callback=callback,
            display_name=self.name,
            username=self.username,
            language=self.language,
            is_group=self.is_group,
            anonymous=self.anonymous,
            update_id=f"{self.platform}-{next(_updates)}",
        )
