"""`copbot run` as a container starts it: no terminal, no credentials, a data folder that may
not be writable. It keeps serving /healthz, or says which user id needs which fix."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import sys
import sysconfig
import tempfile
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from tests.faults.bot_process import REPO, free_port, kill, start_bot

pytestmark = pytest.mark.slow


async def healthz(port: int, within: float = 30.0) -> int:
    async with asyncio.timeout(within), aiohttp.ClientSession() as session:
        while True:
            try:
                async with session.get(f"http://127.0.0.1:{port}/healthz") as response:
                    return response.status
            except aiohttp.ClientError:
                await asyncio.sleep(0.1)


async def test_run_without_terminal_and_credentials_keeps_serving_healthz(
    tmp_path: Path,
) -> None:
    port = free_port()
    env = {
        "COPBOT_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'copbot.db'}",
        "COPBOT_HTTP_PORT": str(port),
    }
    process = await start_bot(tmp_path, env)  # stdin is /dev/null, as in `docker run`
    try:
        waiting = asyncio.create_task(healthz(port))
        exited = asyncio.create_task(process.wait())
        await asyncio.wait({waiting, exited}, timeout=35, return_when=asyncio.FIRST_COMPLETED)
        assert process.returncode is None, (
            "copbot run stopped: " + (tmp_path / "bot.log").read_text()[-2000:]
        )
        assert await waiting == 200
        await asyncio.sleep(0.5)
        assert process.returncode is None
    finally:
        await kill(process, signal.SIGTERM)
        exited.cancel()
    assert process.returncode == 0  # a stop signal ends it cleanly
    log = (tmp_path / "bot.log").read_text()
    assert "COPBOT_TELEGRAM_TOKEN" in log and "/healthz" in log
    assert "Traceback" not in log


@pytest.fixture
def root_owned_folder() -> Iterator[tuple[Path, int | None]]:
    """A data folder copbot cannot write, and the user id to run as: as root, the folder is
    root's and copbot runs as nobody (a bind mount in Docker); otherwise it is read-only."""
    base = Path(tempfile.mkdtemp(prefix="copbot-data-"))
    base.chmod(0o755)
    data = base / "data"
    data.mkdir(mode=0o755)
    run_as = 65534 if os.geteuid() == 0 else None
    if run_as is None:
        data.chmod(0o555)
    try:
        yield data, run_as
    finally:
        data.chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)


def interpreter(run_as: int | None) -> tuple[str, str]:
    """The Python to run copbot with, and its PYTHONPATH. As another user the venv's
    interpreter (under /root) is out of reach: the system one of the same version reads the
    venv's packages."""
    if run_as is None:
        return sys.executable, str(REPO)
    python = f"/usr/bin/python{sys.version_info.major}.{sys.version_info.minor}"
    if not os.path.exists(python):
        pytest.skip(f"no {python} to run as another user")
    return python, str(REPO) + os.pathsep + sysconfig.get_paths()["purelib"]


async def test_an_unwritable_data_folder_names_the_user_id_and_the_fix(
    root_owned_folder: tuple[Path, int | None],
) -> None:
    data, run_as = root_owned_folder
    env = {
        "COPBOT_DATABASE_URL": f"sqlite+aiosqlite:///{data / 'copbot.db'}",
        "COPBOT_HTTP_PORT": str(free_port()),
        "HOME": str(data.parent),
    }
    clean = {k: v for k, v in os.environ.items() if not k.startswith("COPBOT_")}
    python, path = interpreter(run_as)
    process = await asyncio.create_subprocess_exec(
        python,
        "-m",
        "bot",
        "run",
        cwd=data.parent,
        env={**clean, **env, "PYTHONPATH": path},
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        user=run_as,
    )
    try:
        async with asyncio.timeout(30):
            _, err = await process.communicate()
    finally:
        await kill(process)
    message = err.decode()
    uid = run_as if run_as is not None else os.geteuid()
    assert process.returncode != 0
    assert f"uid {uid}" in message and "chown" in message, message[-3000:]
    assert str(data) in message
    assert "Traceback" not in message, message[-3000:]
