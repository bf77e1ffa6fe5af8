"""The Slack app manifest promises only what the commands do."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.wiring import build_registry

MANIFEST = Path(__file__).resolve().parents[3] / "slack-manifest.yaml"


def test_every_sub_command_of_a_usage_hint_is_one_the_command_knows() -> None:
    registry = build_registry()
    commands = yaml.safe_load(MANIFEST.read_text())["features"]["slash_commands"]
    checked = 0
    for entry in commands:
        command = registry.find(entry["command"].lstrip("/"))
        if command is None:  # /cop runs any command
            continue
        hint = entry.get("usage_hint", "").split("(")[0]
        for alternative in re.split(r"[\[\]|]", hint):
            words = alternative.split()
            if not words or not re.fullmatch(r"[a-z]+,?", words[0]):
                continue  # <nummer>, @collega: values, not sub-commands
            word = words[0].rstrip(",")
            assert re.search(rf"\b{word}\b", command.usage), (
                f"{entry['command']}: '{word}' is not in {command.usage!r}"
            )
            checked += 1
    assert checked >= 8
