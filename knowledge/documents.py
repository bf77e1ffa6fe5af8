"""The text indexed for each lesson unit and each booklet section, and who is named in it."""

from __future__ import annotations

import re
from collections import defaultdict

from knowledge.model import Knowledge, Lesson, Theme
from knowledge.text import STOPWORDS, fold

# Headings of the booklet's sections, indexed with every unit of the section: a unit from §2.4
# is about "partnerschap met de corporaties" even when its own text only says "zij".
SECTION_HEADINGS: dict[str, str] = {
    "1.1": "Een nieuwe relatie tussen rijk en steden",
    "1.2": "Diversiteit en samenhang in de groep",
    "1.3": "Inspiratie en confrontatie van buiten",
    "1.4": "De CoP gaat vooral over sturingsvragen",
    "1.5": "Gebundelde kracht gebruiken",
    "1.6": "De community als leesclub",
    "1.7": "Community of duiventil?",
    "1.8": "Sfeer bouwen",
    "1.9": "Lessen voor het opzetten van een CoP",
    "2.1": "Zelfsturing en zelfredzaamheid in de wijk",
    "2.2": "De spanning tussen systeemwereld en leefwereld",
    "2.3": "Verankeren van de wijkenaanpak in bestuur en organisatie",
    "2.4": "Duurzaam partnerschap met de corporaties",
    "2.5": "Continuïteit in de wijkenaanpak",
    "2.6": "Best practices: niet uitrollen maar laten groeien",
    "2.7": "Monitoring en verantwoording: geen verplicht nummer",
    "bijlage-1": "Tien lessen voor het bouwen van een CoP",
    "bijlage-2": "Tien inzichten in de sturing van de wijkenaanpak",
    "van-naar": "Beweging in de wijkenaanpak: van naar",
}

# The section's running text counts this much per mention, next to guests and quotes.
SECTION_TEXT_WEIGHT = 2.0
_WORD_RE = re.compile(r"[^\W_]+")


def raw_words(text: str) -> list[str]:
    """Words with their original spelling (accents kept), split like `tokenize` splits."""
    return _WORD_RE.findall(text)


def lesson_fields(lesson: Lesson, theme: Theme | None) -> dict[str, str]:
    """A unit's text per BM25F field (see `knowledge.bm25f.FIELD_WEIGHTS`)."""
    text_parts = [lesson.text]
    if lesson.van:
        text_parts.append(lesson.van)
    if lesson.naar:
        text_parts.append(lesson.naar)
    theme_text = ""
    if theme is not None:
        theme_text = f"{theme.name_nl} {theme.name_en} {theme.slug.replace('-', ' ')}"
    return {
        "title": lesson.title,
        "keywords": " ".join(lesson.keywords),
        "text": " ".join(text_parts),
        "theme": theme_text,
        "heading": SECTION_HEADINGS.get(lesson.source, ""),
    }


def section_docs(knowledge: Knowledge) -> dict[str, list[tuple[str, float]]]:
    """Per section, the guests and quotes printed there, with how much each part counts."""
    docs: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for source in {lesson.source for lesson in knowledge.lessons}:
        docs[source].append((SECTION_HEADINGS.get(source, ""), 1.0))
    for guest in knowledge.guests:
        # A guest's name is the strongest pointer to where they spoke.
        docs[guest.source].append((guest.name, 3.0))
        docs[guest.source].append((f"{guest.role} {guest.contribution}", 0.7))
    for book in knowledge.books:
        # The reading club's books belong to the section that discusses them.
        docs[book.source].append((f"{book.title} {book.author}", 2.0))
        docs[book.source].append((book.summary, 0.7))
    for quote in knowledge.quotes:
        docs[quote.source].append((quote.speaker, 2.0))
        docs[quote.source].append((quote.text, 0.5))
    for section in knowledge.sections:
        # The running text: a word only the story uses ("ZZP'ers", "diner") still points
        # to the section's lessons, weakly, because the story is long and wide-ranging.
        if section.source in docs:
            docs[section.source].append((section.text, SECTION_TEXT_WEIGHT))
    return dict(docs)


def topical_texts(knowledge: Knowledge, fields: list[dict[str, str]]) -> list[str]:
    """Texts that name topics: the units' keywords and headings (`fields` as made by
    `lesson_fields`), and the names of themes, guests and books."""
    texts = [unit[name] for unit in fields for name in ("keywords", "heading")]
    texts += [theme.name_nl for theme in knowledge.themes]
    texts += [guest.name for guest in knowledge.guests]
    texts += [f"{book.title} {book.author}" for book in knowledge.books]
    return texts


def only_given_names(knowledge: Knowledge) -> frozenset[str]:
    """First names of guests and speakers that the booklet uses as nothing else ("Joke",
    "Elly"): the booklet calls people by their surname, so such a word typed among others
    is an everyday word ("tell me a joke") more likely than a reference to the person."""
    names = [guest.name for guest in knowledge.guests]
    names += [quote.speaker for quote in knowledge.quotes]
    firsts: set[str] = set()
    for name in names:
        words = raw_words(name)
        if len(words) > 1 and words[0][:1].isupper():
            firsts.add(fold(words[0]))
    # The booklet's own sentences (keywords are lowercase by convention and do not count).
    texts = [section.text for section in knowledge.sections]
    texts += [f"{lesson.title} {lesson.text}" for lesson in knowledge.lessons]
    texts += [quote.text for quote in knowledge.quotes]
    common = {fold(raw) for text in texts for raw in raw_words(text) if raw[:1].islower()}
    return frozenset(firsts - common - STOPWORDS)
