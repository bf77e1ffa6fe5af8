"""Lesson search for `/les <query>`: BM25F over the lesson units with Dutch-aware matching.

The parts live in their own modules: `documents` (what is indexed), `vocabulary` and `stems`
(the booklet's words and their index terms), `bm25f` (term weights per unit), `spelling`
(typo correction), `synonyms`, `query` (query analysis), `ranking` and `offtopic`.
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from knowledge import documents
from knowledge.bm25f import build_weights
from knowledge.documents import SECTION_HEADINGS
from knowledge.harvest import ExtraUnits, build_extra
from knowledge.model import SOURCES, Knowledge, Lesson, Theme
from knowledge.offtopic import TopicFilter
from knowledge.query import QueryAnalyser, QueryTerm
from knowledge.ranking import central_hits, only_common_words, score_units
from knowledge.results import Hit
from knowledge.spelling import Spelling
from knowledge.synonyms import Synonyms
from knowledge.text import CHAT_WORDS, STOPWORDS, fold, tokenize
from knowledge.vocabulary import Vocabulary

__all__ = ["SECTION_HEADINGS", "Hit", "LessonIndex", "QueryTerm"]

# An answer needs this much evidence; one mention of a word that a third of the units use
# stays below it, one mention of a distinctive word passes. Guessed terms (typo corrections,
# words matched only by their stem) count for less toward it.
MIN_SCORE = 2.0
SOURCE_SCORE = 100.0
# Hits far below the best one are noise, not answers; and every hit needs some evidence of its
# own.
RELATIVE_CUTOFF = 0.35
MIN_HIT_EVIDENCE = 1.5
# A query of only common words gets the central units unless some unit has this much evidence.
COMMON_EVIDENCE = 4.0
# Suggestions may reach a little further than silent corrections.
SUGGEST_LOOSENESS = 5.0
THEME_CUTOFF = 80.0
# Of a list of answers at most one in this many is a lesson harvested after the booklet.
HARVESTED_SHARE = 3


class LessonIndex:
    """A search index over a Knowledge's lessons, built once; `search` is read-only."""

    def __init__(self, knowledge: Knowledge, *, cache_queries: bool = True) -> None:
        self.knowledge = knowledge
        self.lessons: tuple[Lesson, ...] = knowledge.lessons
        themes = {theme.slug: theme for theme in knowledge.themes}

        lesson_fields = [
            documents.lesson_fields(lesson, themes.get(lesson.theme)) for lesson in self.lessons
        ]
        section_docs = documents.section_docs(knowledge)
        texts: list[str] = [text for fields in lesson_fields for text in fields.values()]
        texts += [text for fields in section_docs.values() for text, _ in fields]
        self._vocabulary = Vocabulary(texts, knowledge.synonyms)
        vocabulary = self._vocabulary

        self._weights = build_weights(self.lessons, lesson_fields, section_docs, vocabulary)
        index_terms: frozenset[str] = frozenset(self._weights.contributions)
        # Topic words: what keywords, themes, headings, guests and books name.
        topical_terms: frozenset[str] = frozenset(
            vocabulary.term(w)
            for text in documents.topical_texts(knowledge, lesson_fields)
            for w in tokenize(text)
            if len(w) > 1 and w not in STOPWORDS
        )
        given_names = documents.only_given_names(knowledge)

        self._synonyms = Synonyms(knowledge.synonyms, vocabulary)
        self._spelling = Spelling(vocabulary, index_terms)
        self._analyser = QueryAnalyser(
            vocabulary, index_terms, self._spelling, self._synonyms, cache_queries=cache_queries
        )
        self._topics = TopicFilter(
            vocabulary,
            self._synonyms,
            self._spelling,
            self._analyser,
            topical_terms=topical_terms,
            given_names=given_names,
        )
        # Lessons harvested at meetings after the booklet, ranked beside its units, and the
        # version of the stored set they are (so a replica can tell that it changed).
        self._extra = ExtraUnits()
        self.extra_version = ""

    def set_extra(self, lessons: Sequence[Lesson], version: str = "") -> None:
        """Rank these lessons (harvested after the booklet) with the booklet's; replaces the
        previous set. The booklet's own weights stay as they are."""
        self.extra_version = version
        themes = {theme.slug: theme for theme in self.knowledge.themes}
        self._extra = build_extra(
            lessons,
            themes,
            self._vocabulary,
            self._weights.idf,
            len(self.lessons),
            self._weights.section_context,
        )

    def without_extra(self) -> LessonIndex:
        """A twin sharing the booklet's (read-only) index, with no harvested lessons of its
        own: cheap, for a second set of services in the same process."""
        twin = copy.copy(self)
        twin._extra = ExtraUnits()
        twin.extra_version = ""
        return twin

    @property
    def extra_lessons(self) -> tuple[Lesson, ...]:
        return self._extra.lessons

    def analyse(self, query: str) -> tuple[QueryTerm, ...]:
        """The weighted index terms a query looks for (cached per query string)."""
        return self._analyser.analyse(query)

    def search(self, query: str, limit: int = 5) -> list[Hit]:
        """The best-matching lessons for a query, best first; [] when nothing is relevant."""
        source = _source_query(query)
        if source is not None:
            # "2.4", "§ 2.4", "bijlage 2", "van-naar": the section itself, in booklet order.
            found = [lesson for lesson in self.lessons if lesson.source == source]
            return [Hit(lesson, SOURCE_SCORE) for lesson in found[: max(limit, 0)]]
        if limit <= 0:
            return []
        tokens = [w for w in tokenize(query) if len(w) > 1]
        content = [w for w in tokens if w not in STOPWORDS and w not in CHAT_WORDS]
        chat = any(w in CHAT_WORDS for w in tokens)
        if chat and not any(self._topics.is_topical(w) for w in content):
            # A greeting or a thank-you with at most some everyday words: chat, no question.
            return []
        terms = self.analyse(query)
        if self._topics.off_topic(terms, content):
            return []
        hits = self._booklet_hits(terms, content, limit)
        extra = self._extra
        if not extra.lessons or (not hits and all(term.evidence < 1.0 for term in terms)):
            # Guesses alone (typo corrections, stems) answer nothing the booklet could not.
            return hits
        return _merged(hits, _extra_hits(extra, terms, hits), limit)

    def _booklet_hits(
        self, terms: tuple[QueryTerm, ...], content: list[str], limit: int
    ) -> list[Hit]:
        scores, evidence = score_units(terms, self._weights.contributions)
        if not scores:
            return []
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        top_evidence = max(evidence.values(), default=0.0)
        if top_evidence < COMMON_EVIDENCE:
            known = [w for w in content if not self._topics.unknown(w)]
            if only_common_words(known, self._vocabulary, self._weights.section_share):
                # Only words the booklet uses all over: its summary; but next to a word it
                # does not know at all ("wijkenaanpak in spanje") the question is not for us.
                if len(known) != len(content):
                    return []
                central = central_hits(scores, self._weights.docs_by_source, self.lessons)
                return central[:limit]
        if top_evidence < MIN_SCORE:
            return []
        # Only what is really about the query: close enough to the best hit, and with some
        # evidence of its own (not just the section it stands in).
        floor = ranked[0][1] * RELATIVE_CUTOFF
        return [
            Hit(self.lessons[doc], round(score, 4))
            for doc, score in ranked
            if score >= floor and evidence[doc] >= MIN_HIT_EVIDENCE
        ][:limit]

    def suggest(self, query: str) -> str | None:
        """A "bedoelde je …?" suggestion: the query with unknown words corrected, or None.

        Only a suggestion that finds lessons is made; when no word can be corrected, the
        closest theme is suggested for a query that finds nothing itself.
        """
        vocabulary = self._vocabulary
        out: list[str] = []
        changed = False
        for token in tokenize(query):
            if (
                len(token) <= 1
                or token in STOPWORDS
                or token in vocabulary.words
                or self._analyser.is_known(token)
                or self._synonyms.hit((vocabulary.term(token),)) is not None
            ):
                out.append(vocabulary.display.get(token, token))
                continue
            match = self._spelling.correct(token, loose=SUGGEST_LOOSENESS)
            # A spelling that already finds its word by the stem needs no suggestion.
            if match is None or vocabulary.term(match) == vocabulary.term(token):
                out.append(token)
                continue
            out.append(vocabulary.display.get(match, match))
            changed = True
        if changed:
            suggestion = " ".join(out)
            return suggestion if self.search(suggestion, limit=1) else None
        if self.search(query, limit=1):
            return None
        return self._closest_theme(query)

    def _closest_theme(self, query: str) -> str | None:
        folded = " ".join(tokenize(query))
        if len(folded) < 4:
            return None
        choices = {t.slug.replace("-", " "): t.slug for t in self.knowledge.themes}
        match = process.extractOne(
            folded, list(choices), scorer=fuzz.ratio, score_cutoff=THEME_CUTOFF
        )
        if match is None or match[0] == folded:
            return None
        return str(match[0])

    def themes_for(self, query: str, limit: int = 3) -> list[Theme]:
        """Themes of the best hits, most relevant first."""
        totals: dict[str, float] = defaultdict(float)
        for hit in self.search(query, limit=10):
            totals[hit.lesson.theme] += hit.score
        themes = [
            self.knowledge.theme(slug)
            for slug, _ in sorted(totals.items(), key=lambda item: -item[1])
        ]
        return [theme for theme in themes if theme is not None][:limit]

    def explain(self, query: str) -> list[QueryTerm]:
        """The terms a query was expanded to, for debugging a ranking."""
        return list(self.analyse(query))


def _extra_hits(extra: ExtraUnits, terms: tuple[QueryTerm, ...], found: list[Hit]) -> list[Hit]:
    """Harvested lessons with evidence of their own, close enough to the best answer; their
    theme's context adds to the score of a lesson that matches by itself."""
    scores, evidence = score_units(terms, extra.contributions)
    if not scores:
        return []
    context, _ = score_units(terms, extra.theme_context)
    for doc in scores:
        scores[doc] += context.get(extra.theme_of[doc], 0.0)
    best = max([*scores.values(), *(hit.score for hit in found)])
    floor = max(best * RELATIVE_CUTOFF, MIN_SCORE)
    return [
        Hit(extra.lessons[doc], round(score, 4))
        for doc, score in sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        if score >= floor and evidence[doc] >= MIN_SCORE
    ]


def _merged(booklet: list[Hit], harvested: list[Hit], limit: int) -> list[Hit]:
    """One ranking by score, the booklet's own order kept and its unit first on a tie; at
    most a third of a list is harvested, so the booklet's answers stay in view."""
    if not harvested:
        return booklet
    harvested = harvested[: max(1, limit // HARVESTED_SHARE)]
    merged: list[Hit] = []
    i = j = 0
    while len(merged) < limit and (i < len(booklet) or j < len(harvested)):
        take_booklet = j >= len(harvested) or (
            i < len(booklet) and booklet[i].score >= harvested[j].score
        )
        if take_booklet:
            merged.append(booklet[i])
            i += 1
        else:
            merged.append(harvested[j])
            j += 1
    return merged


_SOURCE_RES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:§|paragraaf|hoofdstuk|sectie|section)?\s*([12]\.[1-9])$"), "{0}"),
    (re.compile(r"^(?:bijlage|appendix)[\s-]*([12])$"), "bijlage-{0}"),
    (re.compile(r"^van[\s-]*(?:→|->|naar)?[\s-]*naar$|^van[\s-]*naar$"), "van-naar"),
)


def _source_query(query: str) -> str | None:
    """The booklet section a query names ("2.4", "bijlage 2", "van-naar"), if that is all."""
    text = fold(query).strip().rstrip("?.!").strip()
    for pattern, template in _SOURCE_RES:
        match = pattern.match(text)
        if match:
            source = template.format(*match.groups())
            return source if source in SOURCES else None
    return None
