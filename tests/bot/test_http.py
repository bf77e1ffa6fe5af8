"""The one HTTP server: /healthz reports on the database."""

from __future__ import annotations

from pathlib import Path

import aiohttp

from bot.http import HttpServer, build_web_app
from bot.kernel.services import Services
from tests.factories import make_app


async def get(url: str) -> tuple[int, dict[str, str]]:
    async with aiohttp.ClientSession() as client, client.get(url) as response:
        return response.status, await response.json()


async def test_healthz_is_ok_when_the_database_answers(services: Services) -> None:
    server = HttpServer(build_web_app(services), "127.0.0.1", 0)
    port = await server.start()
    try:
        assert await get(f"http://127.0.0.1:{port}/healthz") == (
            200,
            {"status": "ok", "database": "ok"},
        )
    finally:
        await server.stop()


async def test_healthz_is_503_when_the_database_is_gone(tmp_path: Path) -> None:
    services = await make_app(tmp_path)
    await services.close()
    # Point the app at a database file in a directory that does not exist.
    from bot.db.engine import create_engine

    services.engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'missing' / 'x.db'}")
    server = HttpServer(build_web_app(services), "127.0.0.1", 0)
    port = await server.start()
    try:
        status, body = await get(f"http://127.0.0.1:{port}/healthz")
    finally:
        await server.stop()
        await services.close()
    assert status == 503 and body == {"status": "error", "database": "unreachable"}
