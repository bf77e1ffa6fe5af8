"""Telegram: python-telegram-bot translated to and from the platform-neutral messages."""

import importlib
import sys
import types
from typing import Any

# Telegram sends messages of anonymous group admins as this user; it is never a real person,
# so the adapter marks such updates `anonymous` and nobody grants it a role.
ANONYMOUS_ADMIN = "1087968824"


def is_anonymous_admin(user_id: str) -> bool:
    return user_id == ANONYMOUS_ADMIN


def skip_httpx_cli() -> None:
    """httpx (python-telegram-bot's HTTP client) imports its command-line client with itself
    when click, rich and pygments are installed (they are: typer and pytest bring them):
    about 90 ms of start and 5 MB the bot never uses. A placeholder takes its place, and
    imports the real one only if `httpx.main()` is ever called."""
    if "httpx" in sys.modules or "httpx._main" in sys.modules:
        return
    placeholder = types.ModuleType("httpx._main")
    placeholder.main = _httpx_main  # type: ignore[attr-defined]
    sys.modules["httpx._main"] = placeholder


def _httpx_main(*args: Any, **kwargs: Any) -> Any:
    sys.modules.pop("httpx._main", None)
    return importlib.import_module("httpx._main").main(*args, **kwargs)


skip_httpx_cli()
