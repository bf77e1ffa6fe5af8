"""What the Telegram adapter brings into the process: python-telegram-bot, not httpx's
command-line client (click, rich, pygments) nor tornado (python-telegram-bot's own webhook
server, which the bot does not use: its webhook is a route of its aiohttp server)."""

from __future__ import annotations

import subprocess
import sys

UNUSED = ("click", "rich", "pygments", "tornado")


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )


def test_the_adapter_imports_no_command_line_client_and_no_webhook_server() -> None:
    done = run(
        "import sys, bot.platforms.telegram.adapter\n"
        f"print(sorted(m for m in {UNUSED!r} if m in sys.modules))"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_httpx_command_line_client_still_works_when_asked_for() -> None:
    done = run("import bot.platforms.telegram, httpx\nhttpx.main(['--help'])")
    assert done.returncode == 0, done.stderr
    assert "Usage" in done.stdout
