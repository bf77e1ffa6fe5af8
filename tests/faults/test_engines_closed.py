"""An engine a test leaves open is disposed before the test's event loop closes, so its
aiosqlite connection never finishes on a closed loop in a later test (the flaky
PytestUnhandledThreadExceptionWarning / "Event loop is closed"). A connection left for the
garbage collector shows as aiosqlite's ResourceWarning, every time: that is what is checked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.faults.bot_process import REPO

pytestmark = pytest.mark.slow

LEAKY = """
import gc
from bot.db.engine import create_engine


async def test_leaves_its_engine_open(tmp_path):
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    async with engine.connect() as conn:
        await conn.exec_driver_sql("select 1")


async def test_after_it():
    gc.collect()


def test_and_a_plain_one():
    gc.collect()
"""


def test_an_engine_left_open_by_a_test_is_closed_before_its_loop(tmp_path: Path) -> None:
    (tmp_path / "test_leaky.py").write_text(LEAKY)
    result = subprocess.run(
        [
            sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
            "-p", "tests.conftest", "-o", "asyncio_mode=auto",
            "-W", "error::pytest.PytestUnraisableExceptionWarning",
            "-W", "error::pytest.PytestUnhandledThreadExceptionWarning",
            "-W", "error::ResourceWarning",  # an aiosqlite connection deleted unclosed
            "--rootdir", str(tmp_path), str(tmp_path / "test_leaky.py"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:]
    assert "3 passed" in result.stdout
