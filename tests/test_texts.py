"""Every text participants read exists in Dutch and in English, with the same placeholders."""

from __future__ import annotations

import importlib
import pkgutil
import string

import bot
import handlers
from bot.core.i18n import LANGUAGES, Texts


def all_texts() -> dict[str, Texts]:
    """Every Texts table of the bot and its features, by where it is defined."""
    tables: dict[int, tuple[str, Texts]] = {}
    for package in (bot, handlers):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if ".migrations" in info.name or info.name.endswith("__main__"):
                continue
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                if isinstance(value, Texts):
                    tables.setdefault(id(value), (f"{info.name}.{name}", value))
    return dict(tables.values())


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def test_every_text_has_dutch_and_english_with_the_same_placeholders() -> None:
    tables = all_texts()
    assert len(tables) >= 8  # the core's and every feature's
    problems = []
    for where, table in tables.items():
        for key in table.keys():  # noqa: SIM118 (Texts is no dict)
            by_lang = table._table[key]
            for lang in LANGUAGES:
                if not str(by_lang.get(lang, "")).strip():
                    problems.append(f"{where}[{key}] has no {lang}")
            both = all(lang in by_lang for lang in LANGUAGES)
            if both and placeholders(by_lang["nl"]) != placeholders(by_lang["en"]):
                problems.append(f"{where}[{key}]: placeholders differ")
    assert problems == []
