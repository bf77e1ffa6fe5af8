"""Loads knowledge/data/*.yaml into typed records and validates them with clear messages."""

from __future__ import annotations

import dataclasses
import functools
import re
import types
import typing
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any, TypeVar

import yaml

from knowledge.model import (
    SOURCES,
    TEXT_ONLY_SOURCES,
    BookRecord,
    Guest,
    Knowledge,
    Lesson,
    Quote,
    Section,
    Theme,
)

DATA_DIR = Path(__file__).parent / "data"

THEMES_FILE = "themes.yaml"
LESSONS_FILE = "lessons.yaml"
QUOTES_FILE = "quotes.yaml"
GUESTS_FILE = "guests.yaml"
BOOKS_FILE = "books.yaml"
PAST_THEMES_FILE = "past_themes.yaml"
SECTIONS_FILE = "sections.yaml"
SYNONYMS_FILE = "synonyms.yaml"

REQUIRED_FILES = (
    THEMES_FILE,
    LESSONS_FILE,
    QUOTES_FILE,
    GUESTS_FILE,
    BOOKS_FILE,
    PAST_THEMES_FILE,
    SECTIONS_FILE,
)
OPTIONAL_FILES = (SYNONYMS_FILE,)

MAX_TITLE_LENGTH = 80
BOOK_VERDICTS = ("bruikbaar", "aan het denken gezet", "niet doorheen te komen")

_Record = TypeVar("_Record", Theme, Lesson, Quote, Guest, BookRecord, Section)


class KnowledgeError(ValueError):
    """The knowledge data is missing, unreadable or invalid; `problems` lists every finding."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        header = "invalid knowledge data" + (f" ({count} problems)" if count > 1 else "")
        super().__init__(header + ":\n" + "\n".join(f"- {p}" for p in self.problems))


try:
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # PyYAML built without libyaml: the pure-Python loader is just slower
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


class _StrictLoader(_SafeLoader):
    """Safe loader that rejects a key given twice in one mapping instead of keeping the last."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[object] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if isinstance(key, str | int | float | bool) and key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _read_documents(data_dir: Path) -> tuple[dict[str, object], list[str], set[str]]:
    """Parse every data file present; return the documents, problems and the failed files."""
    documents: dict[str, object] = {}
    problems: list[str] = []
    failed: set[str] = set()
    for name in (*REQUIRED_FILES, *OPTIONAL_FILES):
        path = data_dir / name
        if not path.is_file():
            continue
        try:
            documents[name] = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)
        except yaml.YAMLError as exc:
            problems.append(f"{name}: invalid YAML: {' '.join(str(exc).split())}")
            failed.add(name)
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{name}: cannot read: {exc}")
            failed.add(name)
    return documents, problems, failed


def _describe(value: object) -> str:
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


def _convert(hint: object, value: object) -> tuple[object, str | None]:
    """Check `value` against a field's type hint; return (converted value, error or None)."""
    if hint is str:
        if not isinstance(value, str):
            return None, f"must be a string, got {_describe(value)}"
        if not value.strip():
            return None, "must not be empty"
        return value, None
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is tuple and args[1:] == (Ellipsis,):
        if not isinstance(value, list):
            return None, f"must be a list, got {_describe(value)}"
        items: list[object] = []
        for position, item in enumerate(value, 1):
            converted, error = _convert(args[0], item)
            if error is not None:
                return None, f"item {position} {error}"
            items.append(converted)
        return tuple(items), None
    if origin in (types.UnionType, typing.Union) and type(None) in args:
        if value is None:
            return None, None
        inner = [arg for arg in args if arg is not type(None)]
        return _convert(inner[0], value)
    raise TypeError(f"unsupported field type {hint!r}")


def _label(file: str, position: int, entry: object, key: str) -> str:
    label = f"{file} entry {position}"
    if isinstance(entry, dict) and isinstance(entry.get(key), str | int | float):
        label += f" ({key} {entry[key]})"
    return label


def _parse_records(
    file: str, document: object, cls: type[_Record], key: str, problems: list[str]
) -> list[tuple[str, _Record]]:
    """Turn a list of mappings into records; return (label, record) pairs for later checks."""
    if not isinstance(document, list):
        problems.append(f"{file}: expected a list of entries, got {_describe(document)}")
        return []
    hints = typing.get_type_hints(cls)
    fields = {field.name: field for field in dataclasses.fields(cls)}
    required = [
        name
        for name, field in fields.items()
        if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
    ]
    records: list[tuple[str, _Record]] = []
    for position, entry in enumerate(document, 1):
        label = _label(file, position, entry, key)
        if not isinstance(entry, dict):
            problems.append(f"{label}: expected a mapping, got {_describe(entry)}")
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
            converted, error = _convert(hints[name], value)
            if error is not None:
                entry_problems.append(f"{label}: field '{name}' {error}")
            else:
                values[name] = converted
        if entry_problems:
            problems.extend(entry_problems)
            continue
        records.append((label, cls(**values)))
    return records


def _check_unique(
    file: str, records: list[tuple[str, _Record]], key: str, problems: list[str]
) -> None:
    first_seen: dict[object, str] = {}
    for label, record in records:
        value = getattr(record, key)
        if value in first_seen:
            problems.append(f"{label}: duplicate {key} '{value}' (first in {first_seen[value]})")
        else:
            first_seen[value] = label


def _check_source(label: str, source: str, problems: list[str]) -> None:
    if source not in SOURCES:
        problems.append(f"{label}: unknown source '{source}' (known: {', '.join(SOURCES)})")


def _check_themes(themes: list[tuple[str, Theme]], problems: list[str]) -> None:
    _check_unique(THEMES_FILE, themes, "slug", problems)
    covered: set[str] = set()
    for label, theme in themes:
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", theme.slug):
            problems.append(f"{label}: slug must be lowercase words joined by '-'")
        if not theme.sources:
            problems.append(f"{label}: sources must not be empty")
        for source in theme.sources:
            _check_source(label, source, problems)
        covered.update(theme.sources)
    if themes:
        uncovered = [source for source in SOURCES if source not in covered]
        if uncovered:
            problems.append(f"{THEMES_FILE}: no theme has source(s) {', '.join(uncovered)}")


def _check_lessons(
    lessons: list[tuple[str, Lesson]], themes: dict[str, Theme], problems: list[str]
) -> None:
    _check_unique(LESSONS_FILE, lessons, "id", problems)
    for label, lesson in lessons:
        _check_source(label, lesson.source, problems)
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


def _check_strings(file: str, document: object, problems: list[str]) -> tuple[str, ...]:
    if not isinstance(document, list):
        problems.append(f"{file}: expected a list of strings, got {_describe(document)}")
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


def _check_synonyms(document: object, problems: list[str]) -> dict[str, tuple[str, ...]]:
    if document is None:
        return {}
    if not isinstance(document, dict):
        problems.append(
            f"{SYNONYMS_FILE}: expected a mapping of word -> list of words, "
            f"got {_describe(document)}"
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


def _validate(
    documents: Mapping[str, object], failed: Collection[str] = ()
) -> tuple[Knowledge | None, list[str]]:
    """Validate parsed documents; files in `failed` were already reported as unreadable."""
    problems = [
        f"{name}: file missing"
        for name in REQUIRED_FILES
        if name not in documents and name not in failed
    ]

    def records(file: str, cls: type[_Record], key: str) -> list[tuple[str, _Record]]:
        if file not in documents:
            return []
        return _parse_records(file, documents[file], cls, key, problems)

    themes = records(THEMES_FILE, Theme, "slug")
    lessons = records(LESSONS_FILE, Lesson, "id")
    quotes = records(QUOTES_FILE, Quote, "id")
    guests = records(GUESTS_FILE, Guest, "name")
    books = records(BOOKS_FILE, BookRecord, "id")
    sections = records(SECTIONS_FILE, Section, "source")

    _check_themes(themes, problems)
    _check_lessons(lessons, {theme.slug: theme for _, theme in themes}, problems)
    _check_unique(QUOTES_FILE, quotes, "id", problems)
    _check_unique(GUESTS_FILE, guests, "name", problems)
    _check_unique(BOOKS_FILE, books, "id", problems)
    for label, quote in quotes:
        _check_source(label, quote.source, problems)
    for label, guest in guests:
        _check_source(label, guest.source, problems)
    for label, book in books:
        _check_source(label, book.source, problems)
        if book.verdict not in BOOK_VERDICTS:
            problems.append(
                f"{label}: unknown verdict '{book.verdict}' (known: {', '.join(BOOK_VERDICTS)})"
            )
    _check_unique(SECTIONS_FILE, sections, "source", problems)
    for label, section in sections:
        if section.source not in SOURCES and section.source not in TEXT_ONLY_SOURCES:
            known = ", ".join((*SOURCES, *TEXT_ONLY_SOURCES))
            problems.append(f"{label}: unknown source '{section.source}' (known: {known})")
    if sections:
        missing = sorted(set(SOURCES) - {section.source for _, section in sections})
        if missing:
            problems.append(f"{SECTIONS_FILE}: no text for {', '.join(missing)}")
    for name in (THEMES_FILE, LESSONS_FILE, SECTIONS_FILE):
        if documents.get(name) == []:
            problems.append(f"{name}: has no entries")

    past_themes: tuple[str, ...] = ()
    if PAST_THEMES_FILE in documents:
        past_themes = _check_strings(PAST_THEMES_FILE, documents[PAST_THEMES_FILE], problems)
    synonyms = _check_synonyms(documents.get(SYNONYMS_FILE), problems)

    if problems or failed:
        return None, problems
    knowledge = Knowledge(
        themes=tuple(theme for _, theme in themes),
        lessons=tuple(lesson for _, lesson in lessons),
        quotes=tuple(quote for _, quote in quotes),
        guests=tuple(guest for _, guest in guests),
        books=tuple(book for _, book in books),
        past_themes=past_themes,
        sections=tuple(section for _, section in sections),
        synonyms=synonyms,
    )
    return knowledge, []


def validate(documents: Mapping[str, object]) -> Knowledge:
    """Build Knowledge from parsed YAML documents keyed by file name, or raise KnowledgeError.

    Every file of REQUIRED_FILES must be present; synonyms.yaml may be left out.
    """
    knowledge, problems = _validate(documents)
    if knowledge is None:
        raise KnowledgeError(problems)
    return knowledge


def _load(data_dir: Path | None) -> tuple[Knowledge | None, list[str]]:
    documents, read_problems, failed = _read_documents(data_dir or DATA_DIR)
    knowledge, problems = _validate(documents, failed)
    return knowledge, read_problems + problems


def load_knowledge(data_dir: Path | None = None) -> Knowledge:
    """Read and validate every data file in `data_dir` (default: knowledge/data)."""
    knowledge, problems = _load(data_dir)
    if knowledge is None:
        raise KnowledgeError(problems)
    return knowledge


def check(data_dir: Path | None = None) -> list[str]:
    """Every problem with the data files in `data_dir`; an empty list when they are valid."""
    return _load(data_dir)[1]


@functools.lru_cache(maxsize=1)
def get_knowledge() -> Knowledge:
    """The validated knowledge of the package's own data directory, loaded once."""
    return load_knowledge()
