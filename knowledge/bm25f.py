"""BM25F weights of index terms per lesson unit, with section context spread over its units.

An index term is a word's stem, a stem inside a compound (marked with PART_MARK), or two
adjacent stems ("a b").
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from knowledge.documents import raw_words
from knowledge.model import Lesson
from knowledge.text import STOPWORDS, fold
from knowledge.vocabulary import Vocabulary

# Field weights of BM25F: a word in the title says more about a unit than one in its text.
FIELD_WEIGHTS: dict[str, float] = {
    "title": 3.0,
    "keywords": 2.5,
    "text": 1.0,
    "theme": 1.0,
    "heading": 1.0,
}
FIELD_B: dict[str, float] = {
    "title": 0.5,
    "keywords": 0.3,
    "text": 0.75,
    "theme": 0.0,
    "heading": 0.0,
}
K1 = 1.2
# Section context (guests, quotes) reaches a unit at this fraction of a unit-level match.
SECTION_WEIGHT = 0.6
# A word inside a compound ("wereld" in "systeemwereld") is indexed apart from the word itself.
PART_MARK = "~"


@dataclass(frozen=True)
class TermWeights:
    # Per index term, per unit (its position in the lessons): what a match adds to the score.
    contributions: dict[str, dict[int, float]]
    # Per unit-level index term, its inverse document frequency.
    idf: dict[str, float]
    # Per index term, the share of the booklet's sections that use it.
    section_share: dict[str, float]
    # Per section, its units.
    docs_by_source: dict[str, list[int]]
    # Per index term, per section: what the section's context adds to each of its units.
    section_context: dict[str, dict[str, float]] = field(default_factory=dict)


def doc_terms(text: str, vocabulary: Vocabulary) -> dict[str, float]:
    """Index terms of a text: word stems, compound parts (at reduced weight) and bigrams."""
    counts: dict[str, float] = defaultdict(float)
    previous: str | None = None
    for raw in raw_words(text):
        word = fold(raw)
        if len(word) <= 1 or word in STOPWORDS:
            continue
        term = vocabulary.term(word)
        counts[term] += 1
        for part in vocabulary.split(word) or ():
            counts[PART_MARK + vocabulary.term(part)] += 1
        if previous is not None:
            counts[f"{previous} {term}"] += 1
        previous = term
    return counts


def build_weights(
    lessons: Sequence[Lesson],
    lesson_fields: list[dict[str, str]],
    section_docs: dict[str, list[tuple[str, float]]],
    vocabulary: Vocabulary,
) -> TermWeights:
    """Unit-level BM25F over the units' fields, plus section-level BM25 over the sections'
    guests, quotes and text, each section's score added to all of its units."""
    # Unit-level BM25F: per term, the weighted, length-normalised frequency in each unit.
    n_docs = max(len(lessons), 1)
    field_terms: list[dict[str, dict[str, float]]] = [
        {name: doc_terms(text, vocabulary) for name, text in fields.items()}
        for fields in lesson_fields
    ]
    avg_len = {
        name: (sum(sum(ft[name].values()) for ft in field_terms) / n_docs) or 1.0
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
    contributions: dict[str, dict[int, float]] = {}
    for term, per_doc in pseudo_tf.items():
        idf = _idf(n_docs, len(per_doc))
        contributions[term] = {
            doc: idf * tf * (K1 + 1.0) / (K1 + tf) for doc, tf in per_doc.items()
        }
    unit_idf = {term: _idf(n_docs, len(per_doc)) for term, per_doc in pseudo_tf.items()}

    # Section-level BM25 over guests and quotes, spread over the section's units.
    docs_by_source: dict[str, list[int]] = defaultdict(list)
    for doc, lesson in enumerate(lessons):
        docs_by_source[lesson.source].append(doc)
    section_tf: dict[str, dict[str, float]] = defaultdict(dict)
    for source, parts in section_docs.items():
        for text, weight in parts:
            for term, tf in doc_terms(text, vocabulary).items():
                section_tf[term][source] = section_tf[term].get(source, 0.0) + weight * tf
    n_sections = max(len(section_docs), 1)
    # How much of the booklet uses a word: "cop" and "wijk" are in nearly every section.
    section_share = {term: len(per_source) / n_sections for term, per_source in section_tf.items()}
    section_context: dict[str, dict[str, float]] = defaultdict(dict)
    for term, per_source in section_tf.items():
        idf = _idf(n_sections, len(per_source))
        target = contributions.setdefault(term, {})
        for source, tf in per_source.items():
            value = SECTION_WEIGHT * idf * tf * (K1 + 1.0) / (K1 + tf)
            section_context[term][source] = value
            for doc in docs_by_source.get(source, ()):
                target[doc] = target.get(doc, 0.0) + value
    return TermWeights(
        contributions=contributions,
        idf=unit_idf,
        section_share=section_share,
        docs_by_source=dict(docs_by_source),
        section_context=dict(section_context),
    )


def _idf(n_docs: int, df: int) -> float:
    return math.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))
