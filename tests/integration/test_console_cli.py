"""`copbot console` and `copbot run` without credentials, as real processes with piped stdin."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def run_bot(tmp_path: Path, *args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    # No platform credentials and no .env from the developer's checkout: a fresh machine.
    env = {key: value for key, value in os.environ.items() if not key.startswith("COPBOT_")}
    env["COPBOT_DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'copbot.db'}"
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )


def test_console_answers_piped_lines_and_exits(tmp_path: Path) -> None:
    result = run_bot(tmp_path, "console", stdin="/help\n/ik stad Utrecht\n/ik\n")
    assert result.returncode == 0, result.stderr
    answers = result.stdout.split("copbot> ")[1:]
    assert len(answers) == 3
    assert "/ik" in answers[0] and "/koppel" in answers[0]
    assert "Utrecht" in answers[1] and "Utrecht" in answers[2]
    assert "Traceback" not in result.stderr
    assert (tmp_path / "copbot.db").exists()  # migrated on the way in


def test_run_without_credentials_says_how_to_connect_and_opens_the_console(
    tmp_path: Path,
) -> None:
    result = run_bot(tmp_path, "run", stdin="/help\n")
    assert result.returncode == 0, result.stderr
    assert "COPBOT_TELEGRAM_TOKEN" in result.stderr and "COPBOT_SLACK_BOT_TOKEN" in result.stderr
    assert result.stdout.startswith("copbot> ") and "/help" in result.stdout
    assert "Traceback" not in result.stderr
