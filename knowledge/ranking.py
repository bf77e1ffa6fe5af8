"""Ranking lesson units for a query's terms, and the booklet's summary for general queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from knowledge.bm25f import PART_MARK
from knowledge.model import Lesson
from knowledge.query import QueryTerm
from knowledge.results import Hit
from knowledge.vocabulary import Vocabulary

# A unit matching one of two typed words keeps this share of its score, plus the rest in
# proportion to the share of typed words it matches.
COORDINATION_BASE = 0.5
# The booklet's summaries of part I (the CoP) and part II (the wijkenaanpak): the answer to a
# query of only common words of the booklet.
CENTRAL_SOURCES: tuple[str, ...] = ("bijlage-2", "bijlage-1")
# A word used in this share of the booklet's sections is common.
COMMON_SECTION_SHARE = 0.7
# A request around a helper verb ("zorg voor ouderen") asks for a topic: a word that only a
# section's story mentions in passing (it reaches all of the section's units alike) is then a
# weak lead, not an answer.
EVIDENCE_STORY_ONLY = 0.6


def story_only(contribution: Mapping[int, float]) -> bool:
    """Whether a term reaches several units with one value: from their section's story."""
    return len(contribution) > 1 and len(set(contribution.values())) == 1


def score_units(
    terms: Iterable[QueryTerm], contributions: Mapping[str, Mapping[int, float]]
) -> tuple[dict[int, float], dict[int, float]]:
    """Per unit: the ranking score, and the evidence (guesses discounted) for the cutoff."""
    scores: dict[int, float] = defaultdict(float)
    evidence: dict[int, float] = defaultdict(float)
    # A word typed once counts once: its literal, part, synonym and fuzzy terms compete
    # per unit, so a word with many related terms cannot outweigh a rarer typed word.
    by_origin: dict[str, list[QueryTerm]] = defaultdict(list)
    for qt in terms:
        by_origin[qt.origin].append(qt)
    matched: dict[int, set[str]] = defaultdict(set)
    words: set[str] = set()
    request = any(qt.how == "verb" for qt in terms)
    for origin, group in by_origin.items():
        best: dict[int, float] = {}
        best_evidence: dict[int, float] = {}
        for qt in group:
            contribution = contributions.get(qt.term)
            if not contribution or qt.term.startswith(PART_MARK):
                continue
            weight = qt.weight
            sure = weight * qt.evidence
            if request and story_only(contribution):
                sure *= EVIDENCE_STORY_ONLY
            # Several related words in one unit add a little.
            related = qt.how in ("part", "synonym", "bigram")
            for doc, value in contribution.items():
                weighted = weight * value
                current = best.get(doc)
                if current is None or weighted > current:
                    best[doc] = weighted
                elif related:
                    best[doc] = current + 0.25 * weighted
                if sure * value > best_evidence.get(doc, 0.0):
                    best_evidence[doc] = sure * value
        for qt in group:
            contribution = contributions.get(qt.term)
            if not contribution or not qt.term.startswith(PART_MARK):
                continue
            # The word inside compounds adds to the word by itself.
            weight = qt.weight
            sure = weight * qt.evidence
            for doc, value in contribution.items():
                best[doc] = best.get(doc, 0.0) + weight * value
                best_evidence[doc] = best_evidence.get(doc, 0.0) + sure * value
        own = any(qt.own_word for qt in group)
        word = origin.split("/")[0]
        if own:
            words.add(word)
        for doc, value in best.items():
            scores[doc] += value
            evidence[doc] += best_evidence[doc]
            if own:
                matched[doc].add(word)
    if len(words) > 1:
        # Units that match more of the typed words rank higher: "cijfers rapporteren aan
        # het rijk" is about reporting figures more than about the rijk.
        for doc in scores:
            share = len(matched[doc]) / len(words)
            scores[doc] *= COORDINATION_BASE + (1.0 - COORDINATION_BASE) * share
    return scores, evidence


def only_common_words(
    words: list[str], vocabulary: Vocabulary, section_share: Mapping[str, float]
) -> bool:
    """Whether every word is one the booklet uses all over ("wijkenaanpak", "cop", "wijk")."""
    if not words:
        return False
    for word in words:
        if word not in vocabulary.corpus_words:
            return False
        term = vocabulary.term(word)
        common = section_share.get(term, 0.0) >= COMMON_SECTION_SHARE
        if not common and term not in vocabulary.weak_terms:
            return False
    return True


def central_hits(
    scores: Mapping[int, float],
    docs_by_source: Mapping[str, list[int]],
    lessons: Sequence[Lesson],
) -> list[Hit]:
    """For a query of only common words of the booklet: the booklet's own summary that
    fits best, in its order, rather than nothing or a long list of weak hits."""
    best_source, best_mean = "", 0.0
    for source in CENTRAL_SOURCES:
        docs = docs_by_source.get(source, [])
        if not docs:
            continue
        mean = sum(scores.get(doc, 0.0) for doc in docs) / len(docs)
        if mean > best_mean:
            best_source, best_mean = source, mean
    if not best_source:
        return []
    score = round(best_mean, 4)
    return [Hit(lessons[doc], score) for doc in docs_by_source[best_source]]
