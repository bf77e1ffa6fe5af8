"""A database that takes no writes (read-only file, full disk, a long lock): /healthz says so
quickly, and participants still get read-only answers (or a clear "cannot save")."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import event

from bot.http import HttpServer, build_web_app
from bot.kernel.services import Services
from tests.factories import BACKEND, Person

# A read-only file, a full disk and a writer holding the file lock are SQLite's faults: these
# tests make them with SQLite's own means (PRAGMA query_only, a second sqlite3 connection).
pytestmark = pytest.mark.skipif(BACKEND == "postgres", reason="SQLite file faults")


async def _healthz(services: Services) -> tuple[int, dict[str, str], float]:
    server = HttpServer(build_web_app(services), "127.0.0.1", 0)
    port = await server.start()
    started = time.monotonic()
    try:
        async with (
            aiohttp.ClientSession() as client,
            client.get(f"http://127.0.0.1:{port}/healthz") as response,
        ):
            return response.status, await response.json(), time.monotonic() - started
    finally:
        await server.stop()


async def make_read_only(services: Services) -> Callable[[], Awaitable[None]]:
    """Every connection from now on refuses writes, as a read-only file does; returns what
    makes the database writable again."""
    await services.engine.dispose()

    @event.listens_for(services.engine.sync_engine, "connect")
    def _query_only(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA query_only=ON")
        cursor.close()

    async def writable() -> None:
        event.remove(services.engine.sync_engine, "connect", _query_only)
        await services.engine.dispose()

    return writable


async def test_healthz_is_503_with_the_reason_when_nothing_can_be_written(
    services: Services,
) -> None:
    await make_read_only(services)
    status, body, _ = await _healthz(services)
    assert status == 503
    assert body["status"] == "error"
    assert body["database"].startswith("not writable: ")
    assert "readonly" in body["database"]


async def test_healthz_answers_within_seconds_while_another_writer_holds_the_lock(
    services: Services, tmp_path: Path
) -> None:
    holder = sqlite3.connect(tmp_path / "copbot.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a writer that keeps its lock for long
    try:
        status, body, took = await _healthz(services)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert took < 5
    assert status == 503
    assert body["database"].startswith("not writable: ")
    status, body, _ = await _healthz(services)
    assert (status, body) == (200, {"status": "ok", "database": "ok"})


async def test_read_only_answers_still_work_and_writes_get_a_clear_answer(
    services: Services,
) -> None:
    esther = Person(services, "p1", name="Esther Brink", username="esther")
    await esther.say("/start")
    before = await esther.text("/les corporaties")
    await make_read_only(services)

    assert await esther.text("/les corporaties") == before
    answer = await esther.text("/ik naam Esther B.")
    assert answer == "Ik kan nu even niets opslaan, probeer het zo opnieuw."
    newcomer = Person(services, "p2", name="Nieuw", language="en")
    assert await newcomer.text("/les corporaties") == (
        "I can't save anything right now, please try again in a moment."
    )
