"""Fixtures every test can use: an App on a fresh SQLite file, an organiser and a participant."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.db import engine as engine_module
from bot.kernel.services import Services
from tests.factories import Person, make_app


@pytest.fixture(autouse=True)
async def close_every_engine(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[None]:
    """Every engine a test opens is disposed before its event loop closes: a pooled aiosqlite
    connection left for the garbage collector finishes in its worker thread on a closed loop
    ("Event loop is closed", PytestUnhandledThreadExceptionWarning in a later test)."""
    opened: list[AsyncEngine] = []
    create = engine_module.create_async_engine

    def recording(*args: Any, **kwargs: Any) -> AsyncEngine:
        engine = create(*args, **kwargs)
        opened.append(engine)
        return engine

    monkeypatch.setattr(engine_module, "create_async_engine", recording)
    yield
    for engine in opened:
        await engine.dispose()


@pytest.fixture
async def services(tmp_path: Path) -> AsyncIterator[Services]:
    application = await make_app(tmp_path)
    try:
        yield application
    finally:
        await application.close()


@pytest.fixture
def organiser(services: Services) -> Person:
    return Person(services, "organiser", name="Olga Organisator", username="olga")


@pytest.fixture
def participant(services: Services) -> Person:
    return Person(services, "p1", name="Esther Brink", username="esther")


@pytest.fixture
async def base_url(services: Services) -> AsyncIterator[str]:
    """The bot's own HTTP server for these services, on a free loopback port."""
    from bot.http import HttpServer, build_web_app

    server = HttpServer(build_web_app(services), "127.0.0.1", 0)
    port = await server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await server.stop()
