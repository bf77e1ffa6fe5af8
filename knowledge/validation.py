"""Checks of parsed data files: records against their dataclass fields, and the rules
between them (unique keys, known sources and themes, titles, keywords, verdicts)."""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from typing import Any, TypeVar

from knowledge.datafiles import LESSONS_FILE, SYNONYMS_FILE, THEMES_FILE
from knowledge.model import SOURCES, BookRecord, Guest, Lesson, Quote, Section, Theme

MAX_TITLE_LENGTH = 80
BOOK_VERDICTS = ("bruikbaar", "aan het denken gezet", "niet doorheen te komen")

Record = TypeVar("Record", Theme, Lesson, Quote, Guest, BookRecord, Section)


def describe(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a boolean ({value})"
    if isinstance(value, int | float):
        return f"a number ({value}; put it in quotes)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def convert(hint: object, value: object) -> tuple[object, str | None]:
    """Check `value` against a field's type hint; return (converted value, error or None)."""
    if hint is str:
        if not isinstance(value, str):
            return None, f"must be a string, got {describe(value)}"
        if not value.strip():
            return None, "must not be empty"
        return value, None
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is tuple and args[1:] == (Ellipsis,):
        if not isinstance(value, list):
            return None, f"must be a list, got {describe(value)}"
        items: list[object] = []
        for position, item in enumerate(value, 1):
            converted, error = convert(args[0], item)
            if error is not None:
                return None, f"item {position} {error}"
            items.append(converted)
        return tuple(items), None
    if origin in (types.UnionType, typing.Union) and type(None) in args:
        if value is None:
            return None, None
        inner = [arg for arg in args if arg is not type(None)]
        return convert(inner[0], value)
    raise TypeError(f"unsupported field type {hint!r}")


def entry_label(file: str, position: int, entry: object, key: str) -> str:
    label = f"{file} entry {position}"
    if isinstance(entry, dict) and isinstance(entry.get(key), str | int | float):
        label += f" ({key} {entry[key]})"
    return label


def parse_records(
    file: str, document: object, cls: type[Record], key: str, problems: list[str]
) -> list[tuple[str, Record]]:
    """Turn a list of mappings into records; return (label, record) pairs for later checks."""
    if not isinstance(document, list):
        problems.append(f"{file}: expected a list of entries, got {describe(document)}")
        return []
    hints = typing.get_type_hints(cls)
    fields = {field.name: field for field in dataclasses.fields(cls)}
    required = [
        name
        for name, field in fields.items()
        if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
    ]
    records: list[tuple[str, Record]] = []
    for position, entry in enumerate(document, 1):
        label = entry_label(file, position, entry, key)
        if not isinstance(entry, dict):
            problems.append(f"{label}: expected a mapping, got {describe(entry)}")
            continue
        entry_problems: list[str] = []
        for name in entry:
            if name not in fields:
                allowed = ", ".join(fields)
                entry_problems.append(f"{label}: unknown key '{name}' (allowed: {allowed})")
        for name in required:
            if name not in entry:
                entry_problems.append(f"{label}: missing required field '{name}'")
        values: dict[str, Any] = {}
        for name, value in entry.items():
            if name not in fields:
                continue
            converted, error = convert(hints[name], value)
            if error is not None:
                entry_problems.append(f"{label}: field '{name}' {error}")
            else:
                values[name] = converted
        if entry_problems:
            problems.extend(entry_problems)
            continue
        records.append((label, cls(**values)))
    return records


def check_unique(
    file: str, records: list[tuple[str, Record]], key: str, problems: list[str]
) -> None:
    first_seen: dict[object, str] = {}
    for label, record in records:
        value = getattr(record, key)
        if value in first_seen:
            problems.append(f"{label}: duplicate {key} '{value}' (first in {first_seen[value]})")
        else:
            first_seen[value] = label


def check_source(label: str, source: str, problems: list[str]) -> None:
    if source not in SOURCES:
        problems.append(f"{label}: unknown source '{source}' (known: {', '.join(SOURCES)})")


def check_themes(themes: list[tuple[str, Theme]], problems: list[str]) -> None:
    check_unique(THEMES_FILE, themes, "slug", problems)
    covered: set[str] = set()
    for label, theme in themes:
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", theme.slug):
            problems.append(f"{label}: slug must be lowercase words joined by '-'")
        if not theme.sources:
            problems.append(f"{label}: sources must not be empty")
        for source in theme.sources:
            check_source(label, source, problems)
        covered.update(theme.sources)
    if themes:
        uncovered = [source for source in SOURCES if source not in covered]
        if uncovered:
            problems.append(f"{THEMES_FILE}: no theme has source(s) {', '.join(uncovered)}")


def check_lessons(
    lessons: list[tuple[str, Lesson]], themes: dict[str, Theme], problems: list[str]
) -> None:
    check_unique(LESSONS_FILE, lessons, "id", problems)
    for label, lesson in lessons:
        check_source(label, lesson.source, problems)
        if not re.fullmatch(re.escape(lesson.source) + r"-\d{2}", lesson.id):
            problems.append(
                f"{label}: id must be '<source>-NN' with two digits, e.g. '{lesson.source}-01'"
            )
        theme = themes.get(lesson.theme)
        if theme is None:
            problems.append(f"{label}: unknown theme '{lesson.theme}'")
        elif lesson.source in SOURCES and lesson.source not in theme.sources:
            problems.append(
                f"{label}: source '{lesson.source}' is not one of theme '{theme.slug}' "
                f"sources ({', '.join(theme.sources)})"
            )
        if len(lesson.title) > MAX_TITLE_LENGTH:
            problems.append(
                f"{label}: title is {len(lesson.title)} characters, at most {MAX_TITLE_LENGTH}"
            )
        for keyword in lesson.keywords:
            if keyword != keyword.lower() or keyword != keyword.strip():
                problems.append(f"{label}: keyword '{keyword}' must be lowercase and trimmed")
        if len(set(lesson.keywords)) != len(lesson.keywords):
            problems.append(f"{label}: keywords contain a duplicate")
        if (lesson.van is None) != (lesson.naar is None):
            problems.append(f"{label}: a table row needs both 'van' and 'naar'")


def check_strings(file: str, document: object, problems: list[str]) -> tuple[str, ...]:
    if not isinstance(document, list):
        problems.append(f"{file}: expected a list of strings, got {describe(document)}")
        return ()
    items: list[str] = []
    for position, item in enumerate(document, 1):
        if not isinstance(item, str) or not item.strip():
            problems.append(f"{file} entry {position}: must be a non-empty string")
        elif item in items:
            problems.append(f"{file} entry {position}: duplicate '{item}'")
        else:
            items.append(item)
    return tuple(items)


def check_synonyms(document: object, problems: list[str]) -> dict[str, tuple[str, ...]]:
    if document is None:
        return {}
    if not isinstance(document, dict):
        problems.append(
            f"{SYNONYMS_FILE}: expected a mapping of word -> list of words, "
            f"got {describe(document)}"
        )
        return {}
    synonyms: dict[str, tuple[str, ...]] = {}
    for word, related in document.items():
        label = f"{SYNONYMS_FILE} entry '{word}'"
        if not isinstance(word, str) or not word.strip():
            problems.append(f"{label}: the word must be a non-empty string")
            continue
        if not isinstance(related, list) or not all(
            isinstance(item, str) and item.strip() for item in related
        ):
            problems.append(f"{label}: must map to a list of non-empty strings")
            continue
        synonyms[word] = tuple(related)
    return synonyms
