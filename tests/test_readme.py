"""The README's tables of chat commands say what the bot does: they are made from the registry."""

from __future__ import annotations

import re
from pathlib import Path

from bot.wiring import build_registry
from handlers.help import command_tables

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_readme_command_tables_match_the_registered_commands() -> None:
    found = re.search(r"<!-- commands:[^>]*-->\n(.*?)<!-- /commands -->", README.read_text(), re.S)
    assert found, "the README lost its command tables"
    assert found[1] == command_tables(build_registry()), "run `copbot commands` into the README"


def test_every_command_is_in_the_tables_once() -> None:
    tables = command_tables(build_registry())
    for command in build_registry().commands.values():
        rows = re.findall(rf"^\| `/{re.escape(command.name)}[ `]", tables, re.M)
        assert len(rows) == 1, command.name
