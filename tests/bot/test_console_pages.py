"""`make run` without platform credentials opens the console; with COPBOT_PUBLIC_URL set it
serves the pages too, so an organiser's /dashboard link works on the same machine."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import sys
from pathlib import Path

import aiohttp
import pytest

from tests.faults.bot_process import REPO, free_port, kill

pytestmark = pytest.mark.slow


async def console(tmp_path: Path, port: int) -> asyncio.subprocess.Process:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COPBOT_")}
    env.update(
        PYTHONPATH=str(REPO),
        COPBOT_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'copbot.db'}",
        COPBOT_HTTP_PORT=str(port),
        COPBOT_PUBLIC_URL=f"http://127.0.0.1:{port}",
        COPBOT_ORGANISERS="console:console",
    )
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "console",
        cwd=tmp_path,
        env=env,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def read_until(stream: asyncio.StreamReader, pattern: str) -> re.Match[str]:
    seen = ""
    async with asyncio.timeout(30):
        while (found := re.search(pattern, seen)) is None:
            line = await stream.readline()
            assert line, f"the console ended before {pattern!r}; it said:\n{seen}"
            seen += line.decode()
    return found


async def test_the_console_serves_the_dashboard_link_it_gives(tmp_path: Path) -> None:
    port = free_port()
    process = await console(tmp_path, port)
    assert process.stdin and process.stdout
    try:
        process.stdin.write(b"/dashboard\n")
        await process.stdin.drain()
        link = (await read_until(process.stdout, r"http://127\.0\.0\.1:\d+/dashboard/\S+"))[0]
        async with aiohttp.ClientSession() as client, client.get(link) as page:
            assert page.status == 200
            assert "Open het overzicht" in await page.text()
    finally:
        process.stdin.close()
        await kill(process)


async def test_a_taken_port_is_said_and_the_console_still_answers(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        process = await console(tmp_path, taken.getsockname()[1])
        assert process.stdin and process.stdout and process.stderr
        try:
            process.stdin.write(b"/les corporaties\n")
            await process.stdin.drain()
            await read_until(process.stdout, r"§2\.4")
            process.stdin.close()
            async with asyncio.timeout(30):
                said = (await process.stderr.read()).decode()
            assert "is bezet" in said and "COPBOT_HTTP_PORT" in said
            assert "Traceback" not in said
        finally:
            await kill(process)
