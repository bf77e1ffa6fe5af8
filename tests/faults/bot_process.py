"""`copbot run` in a process of its own, pointed at the Telegram stand-in, for the fault tests."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
from collections.abc import Awaitable, Callable, Collection, Hashable
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def start_bot(
    workdir: Path, env: dict[str, str], log_name: str = "bot.log"
) -> asyncio.subprocess.Process:
    """`python -m bot run` in `workdir` (no .env there) with only the given COPBOT_ settings;
    its log goes to `workdir/log_name`."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("COPBOT_")}
    clean.update(env, PYTHONPATH=str(REPO))
    with (workdir / log_name).open("ab") as log:
        return await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            cwd=workdir,
            env=clean,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=log,
            stderr=log,
        )


async def kill(process: asyncio.subprocess.Process, sig: int = signal.SIGKILL) -> None:
    """Send `sig` and wait (a few seconds at most, then SIGKILL) until the process is gone."""
    if process.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(sig)
    try:
        async with asyncio.timeout(10):
            await process.wait()
    except TimeoutError:
        process.kill()
        await process.wait()


K = TypeVar("K", bound=Hashable)


async def settle(
    expected: set[K],
    answered: Callable[[], Collection[K]],
    uncertain: Callable[[], Awaitable[set[K]]],
    within: float = 40,
) -> set[K]:
    """Wait until every expected chat was answered or is left "uncertain" in the database (polled:
    no event to wait for), then a second more for any answer given twice; returns the
    uncertain ones."""
    async with asyncio.timeout(within):
        while not expected <= set(answered()) | await uncertain():  # noqa: ASYNC110
            await asyncio.sleep(0.1)
    await asyncio.sleep(1.0)  # room for a second answer, were one coming
    return await uncertain()
