"""Typo correction against the booklet's words, and a word's other derivations in the index."""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from knowledge.text import phonetic, porter_stem
from knowledge.vocabulary import Vocabulary

FUZZY_MIN_LEN = 6
STEM_FUZZY_MIN_LEN = 6
DERIVED_MAX_EXTRA = 2


def _max_edits(length: int) -> int:
    return 1 if length <= 9 else 2


def _fuzzy_cutoff(length: int) -> float:
    # One wrong letter in a 6-letter word is a ratio of ~83; longer words tolerate two.
    return 83.0 if length <= 6 else 80.0


class Spelling:
    """Finds the booklet word a typo meant; `index_terms` are the terms of the search index."""

    def __init__(self, vocabulary: Vocabulary, index_terms: frozenset[str]) -> None:
        norm = vocabulary.norm
        self._fuzzy_choices: list[str] = sorted(
            w for w in vocabulary.words if len(w) >= FUZZY_MIN_LEN - 1 and not w.isdigit()
        )
        # Whole-word index terms, sorted for prefix look-ups; and per stem the booklet's most
        # frequent spelling, for typos in an inflected word ("moniteren" ~ "monitor").
        # (The Porter-style stems keep more of the word: "moniteren" -> "moniter", "monitor".)
        self._porter_terms: list[tuple[str, str]] = sorted(
            {
                (porter_stem(w), norm.term(w))
                for w in vocabulary.corpus_words
                if norm.term(w) in index_terms
            }
        )
        by_stem: dict[str, Counter[str]] = defaultdict(Counter)
        for word in vocabulary.corpus_words:
            if len(word) >= FUZZY_MIN_LEN and not word.isdigit():
                by_stem[porter_stem(word)][word] += vocabulary.surface[word]
        self._stem_spelling: dict[str, str] = {
            term: counts.most_common(1)[0][0] for term, counts in by_stem.items()
        }
        self._stem_choices: list[str] = sorted(self._stem_spelling)
        self._near_cache: dict[tuple[str, int], list[str]] = {}

    def correct(self, word: str, loose: float = 0.0) -> str | None:
        """The vocabulary word a typo most likely meant, or None if nothing is close enough."""
        if len(word) < FUZZY_MIN_LEN or word.isdigit():
            return None
        matches = process.extract(
            word,
            self._near(word, self._fuzzy_choices),
            scorer=fuzz.ratio,
            score_cutoff=_fuzzy_cutoff(len(word)) - loose,
            limit=5,
        )
        for candidate, score, _ in matches:
            # Typos rarely hit the first letter; a different first letter needs a closer match.
            if candidate[0] != word[0] and score < 90.0:
                continue
            # The ratio is lenient with insertions ("koers" ~ "kokers"): also bound the number
            # of edits, counting a swap of two letters as one ("zelfredzaamhied") and spelling
            # slips that sound the same as none ("burocratie").
            edits = _max_edits(len(word))
            if OSA.distance(word, candidate) > edits and (
                OSA.distance(phonetic(word), phonetic(candidate)) > edits
            ):
                continue
            return str(candidate)
        # An inflected form with a typo: compare stems ("moniter" ~ "monitor"), one edit.
        typed = porter_stem(word)
        if len(typed) < STEM_FUZZY_MIN_LEN:
            return None
        stem_match = process.extractOne(
            typed,
            self._near(typed, self._stem_choices),
            scorer=fuzz.ratio,
            score_cutoff=_fuzzy_cutoff(len(typed)) - loose,
        )
        if stem_match is None or stem_match[0][0] != typed[0]:
            return None
        if OSA.distance(typed, stem_match[0]) > 1:
            return None
        return self._stem_spelling[stem_match[0]]

    def _near(self, word: str, choices: list[str]) -> list[str]:
        """The choices a typo of `word` can be: those that share its first or second letter
        in either place (one slip at the start of a word still leaves one of them)."""
        key = (word[:2], id(choices))
        cached = self._near_cache.get(key)
        if cached is not None:
            return cached
        letters = set(word[:2])
        near = [c for c in choices if c[0] in letters or c[1:2] in letters]
        self._near_cache[key] = near
        return near

    def derived(self, word: str) -> list[str]:
        """Index terms of words whose stem extends this word's stem by a suffix ("deelnemen"
        -> "deelnemers"): the same word in another derivation."""
        stem_ = porter_stem(word)
        found: list[str] = []
        pairs = self._porter_terms
        i = bisect.bisect_left(pairs, (stem_, ""))
        while i < len(pairs) and pairs[i][0].startswith(stem_):
            other, term = pairs[i]
            if 0 < len(other) - len(stem_) <= DERIVED_MAX_EXTRA and term not in found:
                found.append(term)
            i += 1
        return found
