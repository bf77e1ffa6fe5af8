"""Loads knowledge/data/*.yaml into typed records and validates them with clear messages."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path

from knowledge.datafiles import (
    BOOKS_FILE,
    DATA_DIR,
    GUESTS_FILE,
    LESSONS_FILE,
    PAST_THEMES_FILE,
    QUOTES_FILE,
    REQUIRED_FILES,
    SECTIONS_FILE,
    SYNONYMS_FILE,
    THEMES_FILE,
    read_documents,
)
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
from knowledge.validation import (
    BOOK_VERDICTS,
    Record,
    check_lessons,
    check_source,
    check_strings,
    check_synonyms,
    check_themes,
    check_unique,
    parse_records,
)


class KnowledgeError(ValueError):
    """The knowledge data is missing, unreadable or invalid; `problems` lists every finding."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        header = "invalid knowledge data" + (f" ({count} problems)" if count > 1 else "")
        super().__init__(header + ":\n" + "\n".join(f"- {p}" for p in self.problems))


def _validate(
    documents: Mapping[str, object], failed: Collection[str] = ()
) -> tuple[Knowledge | None, list[str]]:
    """Validate parsed documents; files in `failed` were already reported as unreadable."""
    problems = [
        f"{name}: file missing"
        for name in REQUIRED_FILES
        if name not in documents and name not in failed
    ]

    def records(file: str, cls: type[Record], key: str) -> list[tuple[str, Record]]:
        if file not in documents:
            return []
        return parse_records(file, documents[file], cls, key, problems)

    themes = records(THEMES_FILE, Theme, "slug")
    lessons = records(LESSONS_FILE, Lesson, "id")
    quotes = records(QUOTES_FILE, Quote, "id")
    guests = records(GUESTS_FILE, Guest, "name")
    books = records(BOOKS_FILE, BookRecord, "id")
    sections = records(SECTIONS_FILE, Section, "source")

    check_themes(themes, problems)
    check_lessons(lessons, {theme.slug: theme for _, theme in themes}, problems)
    check_unique(QUOTES_FILE, quotes, "id", problems)
    check_unique(GUESTS_FILE, guests, "name", problems)
    check_unique(BOOKS_FILE, books, "id", problems)
    for label, quote in quotes:
        check_source(label, quote.source, problems)
    for label, guest in guests:
        check_source(label, guest.source, problems)
    for label, book in books:
        check_source(label, book.source, problems)
        if book.verdict not in BOOK_VERDICTS:
            problems.append(
                f"{label}: unknown verdict '{book.verdict}' (known: {', '.join(BOOK_VERDICTS)})"
            )
    check_unique(SECTIONS_FILE, sections, "source", problems)
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
        past_themes = check_strings(PAST_THEMES_FILE, documents[PAST_THEMES_FILE], problems)
    synonyms = check_synonyms(documents.get(SYNONYMS_FILE), problems)

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
    documents, read_problems, failed = read_documents(data_dir or DATA_DIR)
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
