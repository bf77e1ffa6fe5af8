"""The booklet's words: spellings, index terms, compounds, prefixes and word families."""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from knowledge.documents import raw_words
from knowledge.stems import Normaliser
from knowledge.text import AGENT_SUFFIXES, STOPWORDS, WEAK_WORDS, fold, split_compound, tokenize

# A part of a typed compound that the booklet only has in another form ("voorbereiding" where
# it says "voorbereiden") must be this long: short stems match too much by chance.
LOOSE_PART_MIN = 6


class Vocabulary:
    """Every folded word of the indexed texts and of the synonyms file, with the most
    frequent original spelling for "did you mean" ("continuïteit", not "continuiteit")."""

    def __init__(self, texts: Iterable[str], synonyms: Mapping[str, tuple[str, ...]]) -> None:
        surface: Counter[str] = Counter()
        display: dict[str, Counter[str]] = defaultdict(Counter)
        for text in texts:
            for raw in raw_words(text):
                word = fold(raw)
                surface[word] += 1
                display[word][raw.lower()] += 1
        synonym_words: set[str] = set()
        for key, values in synonyms.items():
            for phrase in (key, *values):
                synonym_words.update(tokenize(phrase))
        # How often each folded word occurs in the indexed texts.
        self.surface = surface
        # The words of the texts and of the synonyms file; `corpus_words` only the former.
        self.words: frozenset[str] = frozenset(
            w for w in (*surface, *synonym_words) if len(w) > 1 and w not in STOPWORDS
        )
        self.corpus_words: frozenset[str] = frozenset(
            w for w in surface if len(w) > 1 and w not in STOPWORDS
        )
        self._sorted_words: list[str] = sorted(self.corpus_words)
        self.display: dict[str, str] = {w: c.most_common(1)[0][0] for w, c in display.items()}
        self.norm = Normaliser(self.words)
        self.weak_terms: frozenset[str] = frozenset(self.norm.term(w) for w in WEAK_WORDS)
        self._compounds: dict[str, tuple[str, ...] | None] = {}
        self._loose_compounds: dict[str, tuple[str, ...] | None] = {}
        self.corpus_terms: frozenset[str] = frozenset(self.norm.term(w) for w in self.corpus_words)
        self._families: dict[str, tuple[str, ...]] = {}

    def term(self, word: str) -> str:
        """The index term of a folded word."""
        return self.norm.term(word)

    def has_prefix(self, prefix: str) -> bool:
        """Whether some word of the booklet starts with `prefix`."""
        words = self._sorted_words
        i = bisect.bisect_left(words, prefix)
        return i < len(words) and words[i].startswith(prefix)

    def split(self, word: str) -> tuple[str, ...] | None:
        """A compound split into words of the booklet, or None."""
        if word not in self._compounds:
            self._compounds[word] = split_compound(word, self.corpus_words)
        return self._compounds[word]

    def split_query_word(self, word: str) -> tuple[str, ...] | None:
        """A typed compound split into booklet words, or else into words that share a stem
        with booklet words: "voorbereidingsgroep" -> ("voorbereiding", "groep"), where the
        booklet says "voorbereiden" and "groep"."""
        parts = self.split(word)
        if parts is not None or word in self.words:
            return parts
        cached = self._loose_compounds.get(word, ())
        if cached != ():
            return cached
        result = split_compound(word, self.corpus_words, is_word=self._stem_word)
        if len(self._loose_compounds) > 4096:
            self._loose_compounds.clear()
        self._loose_compounds[word] = result
        return result

    def _stem_word(self, word: str) -> bool:
        """A booklet word, or a long enough word with the stem of a booklet word."""
        if word in self.corpus_words:
            return True
        return len(word) >= LOOSE_PART_MIN and self.norm.term(word) in self.corpus_terms

    def family(self, word: str) -> tuple[str, ...]:
        """Booklet words of the same derivational family as an unknown person noun."""
        cached = self._families.get(word)
        if cached is not None:
            return cached
        result: tuple[str, ...] = ()
        for suffix in AGENT_SUFFIXES:
            base = word.removesuffix(suffix)
            if base == word or len(base) < 4:
                continue
            result = tuple(
                base + other
                for other in AGENT_SUFFIXES
                if base + other != word and base + other in self.corpus_words
            )
            break
        self._families[word] = result
        return result
