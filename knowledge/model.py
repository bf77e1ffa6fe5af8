"""Typed records for the booklet's content, as loaded from knowledge/data/*.yaml."""

from __future__ import annotations

from dataclasses import dataclass, field

# Booklet sections a lesson unit may come from. "bijlage-1" is "Tien lessen voor het bouwen
# van een CoP", "bijlage-2" is "Tien inzichten in de sturing van de wijkenaanpak", "van-naar"
# the movement table of part II.
SOURCES: tuple[str, ...] = (
    *(f"1.{i}" for i in range(1, 10)),
    *(f"2.{i}" for i in range(1, 8)),
    "bijlage-1",
    "bijlage-2",
    "van-naar",
)


@dataclass(frozen=True)
class Theme:
    """A theme participants can browse (`/les` shows these as buttons)."""

    slug: str  # e.g. "corporaties"
    name_nl: str  # e.g. "Duurzaam partnerschap met de corporaties"
    name_en: str  # e.g. "Lasting partnership with housing corporations"
    sources: tuple[str, ...]  # booklet sections that belong to the theme


@dataclass(frozen=True)
class Lesson:
    """One lesson unit: a boxed lesson, a section's closing lesson, an appendix point, a row."""

    id: str  # unique, stable, e.g. "2.4-03", "bijlage-2-07", "van-naar-04"
    theme: str  # a Theme.slug
    source: str  # one of SOURCES
    title: str  # short, in the booklet's own words
    text: str  # the booklet's wording, verbatim (whitespace normalised)
    keywords: tuple[str, ...] = ()
    # Only for VAN→NAAR rows and the 2.3 dilemma table: the two sides of the row.
    van: str | None = None
    naar: str | None = None
    note: str | None = None  # e.g. where the blog post's version of a row differs
    # Only for lessons harvested at a meeting after the booklet (source "bijeenkomst-<n>"):
    # where it comes from, e.g. "bijeenkomst 5, Zwolle, maart 2027, Rotterdam en Groningen".
    origin_nl: str = ""
    origin_en: str = ""


@dataclass(frozen=True)
class Quote:
    """A participant's or guest's quote as printed in the booklet."""

    id: str
    speaker: str
    affiliation: str  # city or organisation, e.g. "Amersfoort", "WWI", "ministerie van BZK"
    source: str  # booklet section, one of SOURCES
    text: str
    topics: tuple[str, ...] = ()  # theme slugs and free words, used by /citaat


@dataclass(frozen=True)
class Guest:
    """An external guest who spoke at a CoP meeting."""

    name: str
    role: str
    contribution: str  # what they brought, in the booklet's words where possible
    source: str


@dataclass(frozen=True)
class BookRecord:
    """A book or report discussed in the reading club (booklet §1.6)."""

    id: str
    title: str
    author: str
    verdict: str  # "bruikbaar" | "aan het denken gezet" | "niet doorheen te komen"
    summary: str  # the booklet's account of what readers took from it
    source: str = "1.6"


# Parts of the booklet that have running text but no lesson units of their own.
TEXT_ONLY_SOURCES: tuple[str, ...] = ("inleiding", "deel-1", "deel-2")


@dataclass(frozen=True)
class Section:
    """The booklet's running text of one section, verbatim, paragraphs separated by blank lines."""

    source: str  # one of SOURCES or TEXT_ONLY_SOURCES
    title: str  # the section's heading
    text: str


@dataclass(frozen=True)
class Knowledge:
    """Everything under knowledge/data, validated."""

    themes: tuple[Theme, ...]
    lessons: tuple[Lesson, ...]
    quotes: tuple[Quote, ...] = ()
    guests: tuple[Guest, ...] = ()
    books: tuple[BookRecord, ...] = ()
    past_themes: tuple[str, ...] = ()  # themes of past sessions named in the booklet
    sections: tuple[Section, ...] = ()  # the whole running text, section by section
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def lesson(self, lesson_id: str) -> Lesson | None:
        return next((item for item in self.lessons if item.id == lesson_id), None)

    def theme(self, slug: str) -> Theme | None:
        return next((item for item in self.themes if item.slug == slug), None)

    def section(self, source: str) -> Section | None:
        return next((item for item in self.sections if item.source == source), None)

    def by_source(self, source: str) -> tuple[Lesson, ...]:
        return tuple(item for item in self.lessons if item.source == source)
