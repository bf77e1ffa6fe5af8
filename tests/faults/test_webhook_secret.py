"""Telegram's webhook with a secret header that is not even text (raw bytes 0xff 0xfe): a 403,
never a 500 with a stack trace."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import pytest

from bot.http import HttpServer, build_web_app
from bot.platforms.telegram.adapter import start_telegram
from tests.factories import make_app
from tests.fakes.telegram_api import FakeTelegram


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def raw_post(port: int, path: str, secret: bytes, body: bytes) -> int:
    """A POST written byte by byte, since HTTP clients won't send a header that is no text."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(
            b"POST " + path.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nConnection: close\r\n"
            b"X-Telegram-Bot-Api-Secret-Token: " + secret + b"\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
        )
        await writer.drain()
        status_line = await asyncio.wait_for(reader.readline(), timeout=10)
        return int(status_line.split()[1])
    finally:
        writer.close()


async def test_a_secret_header_of_raw_bytes_is_refused_without_a_stack_trace(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fake = FakeTelegram()
    await fake.start()
    port = free_port()
    services = await make_app(
        tmp_path,
        telegram_token=fake.token,
        telegram_api_url=fake.base_url,
        telegram_webhook_url=f"http://127.0.0.1:{port}/telegram",
        http_port=port,
    )
    web_app = build_web_app(services)
    stop = await start_telegram(services, web_app)
    server = HttpServer(web_app, "127.0.0.1", port)
    await server.start()
    try:
        for secret in (b"\xff\xfe", b"\xc3\xa9t\xc3\xa9", b"x" * 4000):
            assert await raw_post(port, "/telegram", secret, b"{}") == 403
        assert not [r for r in caplog.records if r.exc_info], "a stack trace was logged"
    finally:
        await stop()
        await server.stop()
        await services.close()
        await fake.stop()
