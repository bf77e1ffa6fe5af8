"""`copbot run` in a process of its own, pointed at the Telegram stand-in, for the fault tests."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
from pathlib import Path

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
