"""Lessons added after the booklet (harvested at meetings), ranked with the booklet's own terms.

They get unit-level BM25F weights of their own, with each term's document frequency counted
over the booklet and the added lessons together, so a harvested lesson scores on the same
scale as a booklet unit (and with the context of their theme's sections). The booklet's
weights are left as they are: adding lessons never reorders the booklet's own answers.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from knowledge.bm25f import FIELD_B, FIELD_WEIGHTS, K1, doc_terms
from knowledge.documents import lesson_fields
from knowledge.model import Lesson, Theme
from knowledge.vocabulary import Vocabulary


@dataclass(frozen=True)
class ExtraUnits:
    """The added lessons and, per index term, what a match adds to each one's score; the
    context of their themes is kept per theme (added to a lesson that matches by itself)."""

    lessons: tuple[Lesson, ...] = ()
    contributions: dict[str, dict[int, float]] = field(default_factory=dict)
    # Per index term, per theme (its position in `themes`): what the context adds.
    theme_context: dict[str, dict[int, float]] = field(default_factory=dict)
    # Per lesson, the position of its theme (-1: none).
    theme_of: tuple[int, ...] = ()


def idf(n_docs: int, df: float) -> float:
    return math.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))


def booklet_df(n_booklet: int, booklet_idf: float) -> float:
    """The booklet's document frequency of a term, read back from its idf (see `idf`)."""
    ratio = math.exp(booklet_idf) - 1.0
    return (n_booklet + 0.5 - 0.5 * ratio) / (1.0 + ratio)


def build_extra(
    lessons: Sequence[Lesson],
    themes: Mapping[str, Theme],
    vocabulary: Vocabulary,
    booklet_idf: Mapping[str, float],
    n_booklet: int,
    section_context: Mapping[str, Mapping[str, float]],
) -> ExtraUnits:
    """BM25F weights of `lessons` (cheap: a few milliseconds for hundreds of lessons)."""
    if not lessons:
        return ExtraUnits()
    field_terms = [
        {
            name: doc_terms(text, vocabulary)
            for name, text in lesson_fields(lesson, themes.get(lesson.theme)).items()
        }
        for lesson in lessons
    ]
    n_extra = len(lessons)
    avg_len = {
        name: (sum(sum(ft[name].values()) for ft in field_terms) / n_extra) or 1.0
        for name in FIELD_WEIGHTS
    }
    pseudo_tf: dict[str, dict[int, float]] = defaultdict(dict)
    for doc, fields_tf in enumerate(field_terms):
        for name, counts in fields_tf.items():
            length = sum(counts.values())
            b = FIELD_B[name]
            norm = 1.0 - b + b * length / avg_len[name]
            for term, tf in counts.items():
                pseudo_tf[term][doc] = pseudo_tf[term].get(doc, 0.0) + (
                    FIELD_WEIGHTS[name] * tf / norm
                )
    n_docs = n_booklet + n_extra
    contributions: dict[str, dict[int, float]] = {}
    for term, per_doc in pseudo_tf.items():
        known = booklet_idf.get(term)
        df = len(per_doc) + (booklet_df(n_booklet, known) if known is not None else 0.0)
        weight = idf(n_docs, df)
        contributions[term] = {
            doc: weight * tf * (K1 + 1.0) / (K1 + tf) for doc, tf in per_doc.items()
        }
    # A lesson stands in its theme as a booklet unit stands in its section: it gets the
    # context (guests, quotes, heading) of the theme's best-matching section.
    slugs = sorted({lesson.theme for lesson in lessons if lesson.theme in themes})
    theme_context: dict[str, dict[int, float]] = defaultdict(dict)
    for position, slug in enumerate(slugs):
        theme_sources = themes[slug].sources
        for term, per_source in section_context.items():
            value = max((per_source.get(source, 0.0) for source in theme_sources), default=0.0)
            if value:
                theme_context[term][position] = value
    theme_of = tuple(
        slugs.index(lesson.theme) if lesson.theme in themes else -1 for lesson in lessons
    )
    return ExtraUnits(tuple(lessons), contributions, dict(theme_context), theme_of)
