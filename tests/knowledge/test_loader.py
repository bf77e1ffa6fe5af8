"""Knowledge data is complete and verbatim against the booklet; the loader rejects bad data."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from knowledge.loader import (
    DATA_DIR,
    KnowledgeError,
    check,
    load_knowledge,
    validate,
)
from knowledge.model import SOURCES, Knowledge, Lesson

FIXTURES = Path(__file__).parent / "fixtures"
BOOKLET_LINES = (FIXTURES / "booklet.txt").read_text(encoding="utf-8").splitlines()
BLOG = (FIXTURES / "blog.txt").read_text(encoding="utf-8")


def normalise(text: str) -> str:
    return " ".join(text.split())


BOOKLET = normalise("\n".join(BOOKLET_LINES))

# Counted by hand in the booklet: items of each boxed lesson list of part II.
BOX_COUNTS = {"2.1": 6, "2.2": 6, "2.3": 6, "2.4": 9, "2.5": 6, "2.6": 9, "2.7": 7}
DILEMMA_ROWS = 7  # the 2.3 table "Dilemma's bij het verankeren" (two rows share one line)
EXPECTED_COUNTS = {
    **BOX_COUNTS,
    "2.3": BOX_COUNTS["2.3"] + DILEMMA_ROWS,
    "1.9": 9,  # advice of nine participants
    "bijlage-1": 10,
    "bijlage-2": 10,
    "van-naar": 8,
}


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge()


def table_rows(lessons: tuple[Lesson, ...]) -> list[Lesson]:
    return [lesson for lesson in lessons if lesson.van is not None]


def prose(lessons: tuple[Lesson, ...]) -> list[Lesson]:
    return [lesson for lesson in lessons if lesson.van is None]


# ---------------------------------------------------------------- booklet parsing helpers


def line_index(predicate_text: str, start: int = 0) -> int:
    for index in range(start, len(BOOKLET_LINES)):
        if BOOKLET_LINES[index].strip().startswith(predicate_text):
            return index
    raise AssertionError(f"line starting with {predicate_text!r} not in the booklet")


def block_after(heading_index: int) -> list[str]:
    """Non-empty lines after a heading, up to two blank lines in a row or a section heading."""
    lines: list[str] = []
    blanks = 0
    for line in BOOKLET_LINES[heading_index + 1 :]:
        if not line.strip():
            blanks += 1
            if blanks >= 2 and lines:
                break
            continue
        if re.match(r"\s*\d\.\d\s", line):
            break
        blanks = 0
        lines.append(line)
    return lines


def box_items(section: str) -> list[str]:
    """The items of the boxed lesson list of a part-II section, straight from the booklet."""
    start = line_index(section)
    end = next(
        (
            i
            for i in range(start + 1, len(BOOKLET_LINES))
            if re.match(r"\s*\d\.\d\s", BOOKLET_LINES[i])
        ),
        len(BOOKLET_LINES),
    )
    headings = [
        i
        for i in range(start, end)
        if BOOKLET_LINES[i].startswith("\t") and not BOOKLET_LINES[i].startswith("\tDilemma")
    ]
    assert len(headings) == 1, f"expected one box in {section}, found {len(headings)}"
    items = block_after(headings[0])
    return [normalise(re.sub(r"^\d+-\s*", "", item)) for item in items]


# ---------------------------------------------------------------- the shipped data


def test_shipped_data_is_valid() -> None:
    assert check() == []


def test_loading_twice_gives_equal_knowledge(knowledge: Knowledge) -> None:
    assert load_knowledge() == knowledge


@pytest.mark.parametrize(("source", "count"), sorted(EXPECTED_COUNTS.items()))
def test_unit_counts_per_source(knowledge: Knowledge, source: str, count: int) -> None:
    assert len(knowledge.by_source(source)) == count


@pytest.mark.parametrize(("section", "count"), sorted(BOX_COUNTS.items()))
def test_box_counts_match_the_booklet(knowledge: Knowledge, section: str, count: int) -> None:
    items = box_items(section)
    assert len(items) == count
    texts = [normalise(lesson.text) for lesson in prose(knowledge.by_source(section))]
    assert texts == items


def test_dilemma_table_of_2_3(knowledge: Knowledge) -> None:
    heading = line_index("Dilemma’s bij het verankeren")
    # In the booklet's text the first two rows are run together on one line, with only one
    # space between the second cell and the third.
    lines = [
        line.replace("organisatie Inzet op", "organisatie   Inzet op")
        for line in block_after(heading)
    ]
    cells = [cell.strip() for line in lines for cell in re.split(r"\s{3,}", line.strip())]
    booklet_rows = list(zip(cells[0::2], cells[1::2], strict=True))
    rows = table_rows(knowledge.by_source("2.3"))
    assert len(booklet_rows) == DILEMMA_ROWS
    assert [(row.van, row.naar) for row in rows] == booklet_rows
    assert all(row.text == f"{row.van} ↔ {row.naar}" for row in rows)


def test_van_naar_table(knowledge: Knowledge) -> None:
    start = line_index("VAN")
    end = line_index("Iedere betrokkene bij de wijkenaanpak", start)
    lines = [line.strip() for line in BOOKLET_LINES[start + 2 : end] if line.strip()]
    booklet_rows = list(zip(lines[0::2], lines[1::2], strict=True))
    rows = knowledge.by_source("van-naar")
    assert len(booklet_rows) == 8
    assert [(row.van, row.naar) for row in rows] == booklet_rows
    assert all(row.text == f"VAN {row.van} NAAR {row.naar}" for row in rows)
    assert all(row.theme == "beweging" for row in rows)


def test_van_naar_notes_mention_the_blog_rows_missing_from_the_booklet(
    knowledge: Knowledge,
) -> None:
    notes = " ".join(row.note or "" for row in knowledge.by_source("van-naar"))
    for extra in (
        "Wijkaanpak vanuit specifiek budget",
        "Alle geldstromen in de wijk in kaart brengen en ombuigen",
        "Sturen op identiteit/samenhang van wijken",
        "Wijkaanpak als verbinding tussen straat/buurt en stad",
    ):
        assert extra in BLOG
        assert extra not in BOOKLET
        assert extra in notes


def appendix_points(first_line: str, last_line: str | None, heading: str) -> list[tuple[str, str]]:
    start = line_index(first_line)
    end = line_index(last_line, start) if last_line else len(BOOKLET_LINES)
    points: list[tuple[str, str]] = []
    title: str | None = None
    for line in BOOKLET_LINES[start + 1 : end]:
        match = re.match(heading, line)
        if match:
            title = normalise(match.group(1))
        elif line.strip() and title is not None:
            points.append((title, normalise(line)))
            title = None
    return points


def test_appendix_1_ten_lessons(knowledge: Knowledge) -> None:
    points = appendix_points("Bijlage  Tien lessen", "II Leren over", r"\s*\d+\s+(\S.*)$")
    lessons = knowledge.by_source("bijlage-1")
    assert len(points) == 10
    assert [(lesson.title, normalise(lesson.text)) for lesson in lessons] == points


def test_appendix_2_ten_insights(knowledge: Knowledge) -> None:
    points = appendix_points("Bijlage: Tien inzichten", None, r"\s*\d+-\s*(.*)$")
    lessons = knowledge.by_source("bijlage-2")
    assert len(points) == 10
    assert [(lesson.title, normalise(lesson.text)) for lesson in lessons] == points


@pytest.mark.parametrize("source", [f"1.{i}" for i in range(1, 10)])
def test_every_part_one_section_has_units(knowledge: Knowledge, source: str) -> None:
    assert knowledge.by_source(source)


def test_every_source_has_units(knowledge: Knowledge) -> None:
    assert {lesson.source for lesson in knowledge.lessons} == set(SOURCES)


def test_lesson_texts_are_verbatim(knowledge: Knowledge) -> None:
    not_found = []
    for lesson in knowledge.lessons:
        parts = [lesson.van, lesson.naar] if lesson.van is not None else [lesson.text]
        not_found += [
            f"{lesson.id}: {part}" for part in parts if normalise(str(part)) not in BOOKLET
        ]
    assert not_found == []


def test_ids_are_numbered_per_source_in_order(knowledge: Knowledge) -> None:
    for source in SOURCES:
        ids = [lesson.id for lesson in knowledge.by_source(source)]
        assert ids == [f"{source}-{n:02d}" for n in range(1, len(ids) + 1)]


def test_titles_and_keywords(knowledge: Knowledge) -> None:
    for lesson in knowledge.lessons:
        assert 0 < len(lesson.title) <= 80, lesson.id
        first_letter = next(char for char in lesson.title if char.isalpha())
        assert first_letter.isupper(), lesson.id
        assert 3 <= len(lesson.keywords) <= 10, lesson.id
        assert all(word == word.lower() for word in lesson.keywords), lesson.id


def test_participant_advice_names_the_speaker(knowledge: Knowledge) -> None:
    speakers = [
        "elly van kooten",
        "wim cousijn",
        "leo van der meij",
        "wilmien haverkamp",
        "jessie van rooij",
        "wessel rothstegge",
        "marie-louise sanders",
        "jan jans",
        "ali rabarison",
    ]
    advice = knowledge.by_source("1.9")
    assert [next(w for w in lesson.keywords if w in speakers) for lesson in advice] == speakers


def test_themes_cover_the_booklet(knowledge: Knowledge) -> None:
    slugs = {theme.slug for theme in knowledge.themes}
    assert {
        "zelfsturing",
        "systeemwereld-leefwereld",
        "verankeren",
        "corporaties",
        "continuiteit",
        "best-practices",
        "monitoring",
        "sturing",
        "beweging",
        "cop-opzetten",
    } <= slugs
    for theme in knowledge.themes:
        assert normalise(theme.name_nl) in BOOKLET, theme.slug
        assert any(lesson.theme == theme.slug for lesson in knowledge.lessons), theme.slug


def test_quotes_are_verbatim(knowledge: Knowledge) -> None:
    assert len(knowledge.quotes) >= 40
    assert len({quote.id for quote in knowledge.quotes}) == len(knowledge.quotes)
    missing = [quote.id for quote in knowledge.quotes if normalise(quote.text) not in BOOKLET]
    assert missing == []
    slugs = {theme.slug for theme in knowledge.themes}
    for quote in knowledge.quotes:
        assert slugs & set(quote.topics), quote.id


def test_guests(knowledge: Knowledge) -> None:
    names = {guest.name for guest in knowledge.guests}
    for name in (
        "Pieter Winsemius",
        "Jos van der Lans",
        "Barth van Eeten",
        "Pierre Sponselee",
        "Jaap Peters",
        "Paul Verweel",
        "Barend Rombout",
        "Hugo Priemus",
        "Marien de Langen",
        "Geert ter Weeme",
        "Joke van der Zwaard",
        "Stefan van Hees",
        "Caroline Verhoeff",
        "Ria Bouwen",
        "Christa Hartemink",
        "Wim Derksen",
    ):
        assert name in names
        assert name in BOOKLET
    assert any("Albert Heijn" in guest.name for guest in knowledge.guests)


def test_books_and_past_themes(knowledge: Knowledge) -> None:
    verdicts = {book.title: book.verdict for book in knowledge.books}
    assert verdicts == {"De vrijblijvendheid voorbij": "bruikbaar", "Afri": "aan het denken gezet"}
    for book in knowledge.books:
        assert normalise(book.summary) in BOOKLET
    for theme in ("durf", "organiserend vermogen", "samenwerken met corporaties", "doorpakken"):
        assert theme in knowledge.past_themes
    assert all(theme in BOOKLET for theme in knowledge.past_themes)


# ---------------------------------------------------------------- validation


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def edit(data_dir: Path, name: str, change: Callable[[Any], None]) -> None:
    path = data_dir / name
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), "utf-8")


def lesson_index(document: list[dict[str, object]], lesson_id: str) -> int:
    return next(i for i, entry in enumerate(document) if entry["id"] == lesson_id)


def expect_problem(data_dir: Path, *fragments: str) -> str:
    problems = check(data_dir)
    matching = [p for p in problems if all(fragment in p for fragment in fragments)]
    assert matching, problems
    with pytest.raises(KnowledgeError) as raised:
        load_knowledge(data_dir)
    assert matching[0] in str(raised.value)
    return matching[0]


def test_copied_data_is_valid(data_dir: Path) -> None:
    assert check(data_dir) == []


def test_rejects_unknown_source(data_dir: Path) -> None:
    def change(document: list[dict[str, object]]) -> None:
        document[lesson_index(document, "2.4-03")]["source"] = "2.9"

    edit(data_dir, "lessons.yaml", change)
    position = lesson_index(yaml.safe_load((data_dir / "lessons.yaml").read_text()), "2.4-03")
    problem = expect_problem(data_dir, "unknown source '2.9'")
    assert problem.startswith(f"lessons.yaml entry {position + 1} (id 2.4-03): unknown source")


def test_rejects_duplicate_id(data_dir: Path) -> None:
    def change(document: list[dict[str, object]]) -> None:
        document[lesson_index(document, "2.4-04")]["id"] = "2.4-03"

    edit(data_dir, "lessons.yaml", change)
    expect_problem(data_dir, "lessons.yaml entry", "(id 2.4-03)", "duplicate id '2.4-03'")


def test_rejects_empty_text(data_dir: Path) -> None:
    def change(document: list[dict[str, object]]) -> None:
        document[lesson_index(document, "1.1-01")]["text"] = "  "

    edit(data_dir, "lessons.yaml", change)
    expect_problem(data_dir, "(id 1.1-01)", "field 'text' must not be empty")


def test_rejects_unknown_theme(data_dir: Path) -> None:
    def change(document: list[dict[str, object]]) -> None:
        document[lesson_index(document, "2.1-01")]["theme"] = "nergens"

    edit(data_dir, "lessons.yaml", change)
    expect_problem(data_dir, "(id 2.1-01)", "unknown theme 'nergens'")


def test_rejects_unknown_key_and_missing_field(data_dir: Path) -> None:
    def change(document: list[dict[str, object]]) -> None:
        entry = document[lesson_index(document, "2.2-01")]
        entry["auteur"] = "iemand"
        del entry["title"]

    edit(data_dir, "lessons.yaml", change)
    expect_problem(data_dir, "(id 2.2-01)", "unknown key 'auteur'")
    expect_problem(data_dir, "(id 2.2-01)", "missing required field 'title'")


def test_rejects_unquoted_number_as_source(data_dir: Path) -> None:
    path = data_dir / "lessons.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('source: "1.1"', "source: 1.1", 1), encoding="utf-8")
    expect_problem(data_dir, "(id 1.1-01)", "field 'source' must be a string, got a number")


def test_rejects_wrong_types_in_other_files(data_dir: Path) -> None:
    def quote_change(document: list[dict[str, object]]) -> None:
        document[0]["topics"] = "corporaties"

    def theme_change(document: list[dict[str, object]]) -> None:
        document[0]["sources"] = ["3.1"]

    edit(data_dir, "quotes.yaml", quote_change)
    edit(data_dir, "themes.yaml", theme_change)
    expect_problem(data_dir, "quotes.yaml entry 1", "field 'topics' must be a list")
    expect_problem(data_dir, "themes.yaml entry 1", "unknown source '3.1'")
    expect_problem(data_dir, "themes.yaml: no theme has source(s) 1.1")


def test_rejects_duplicate_yaml_key(data_dir: Path) -> None:
    path = data_dir / "books.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  verdict:", "  author: x\n  verdict:", 1), encoding="utf-8")
    expect_problem(data_dir, "books.yaml: invalid YAML", "duplicate key 'author'")


def test_missing_required_file_is_reported(data_dir: Path) -> None:
    (data_dir / "lessons.yaml").unlink()
    expect_problem(data_dir, "lessons.yaml: file missing")


def test_synonyms_are_optional_but_checked(data_dir: Path) -> None:
    synonyms = data_dir / "synonyms.yaml"
    synonyms.unlink(missing_ok=True)
    assert check(data_dir) == []
    assert load_knowledge(data_dir).synonyms == {}
    synonyms.write_text("corporatie: [woningcorporatie, aedes]\nwijk: buurt\n", "utf-8")
    expect_problem(data_dir, "synonyms.yaml entry 'wijk'", "list of non-empty strings")
    synonyms.write_text("corporatie: [woningcorporatie, aedes]\n", "utf-8")
    assert load_knowledge(data_dir).synonyms == {"corporatie": ("woningcorporatie", "aedes")}


def test_validate_takes_parsed_documents() -> None:
    documents = {
        path.name: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in DATA_DIR.glob("*.yaml")
    }
    assert validate(documents) == load_knowledge()
    documents["lessons.yaml"] = [*documents["lessons.yaml"], {"id": "x"}]
    with pytest.raises(KnowledgeError, match="missing required field 'theme'"):
        validate(documents)


SECTION_HEADING = re.compile(
    r"^(Intro|I|II|Over de CoP-aanpak|II Leren over de wijkenaanpak|[12]\.\d-? [^.]{5,70}"
    r"|Bijlage:? +Tien (lessen|inzichten) .*)$"
)


def test_sections_hold_the_whole_booklet_verbatim(knowledge: Knowledge) -> None:
    """Every non-empty line of the booklet is in exactly one section, in booklet order."""
    joined = "\n\n".join(section.text for section in knowledge.sections)
    paragraphs = [normalise(p) for p in joined.split("\n\n")]
    body = [
        normalise(line)
        for line in BOOKLET_LINES
        if normalise(line) and not SECTION_HEADING.match(normalise(line))
    ]
    assert [p for p in paragraphs if p] == body
    assert {s.source for s in knowledge.sections} >= set(SOURCES)


def test_lessons_come_from_their_own_section(knowledge: Knowledge) -> None:
    misplaced = []
    for lesson in knowledge.lessons:
        section = knowledge.section(lesson.source)
        assert section is not None, lesson.source
        parts = [lesson.van, lesson.naar] if lesson.van is not None else [lesson.text]
        if any(normalise(str(part)) not in normalise(section.text) for part in parts):
            misplaced.append(lesson.id)
    assert misplaced == []
