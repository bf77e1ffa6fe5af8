"""Query analysis: the weighted index terms a typed query looks for."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from knowledge.bm25f import PART_MARK
from knowledge.spelling import Spelling
from knowledge.synonyms import Related, Synonyms
from knowledge.text import CHAT_WORDS, PARTICLES, STOPWORDS, WEAK_WORDS, known_affix, tokenize
from knowledge.vocabulary import Vocabulary

# A word inside a compound counts for less than the word itself, and it is no evidence on its
# own unless the booklet also uses the word by itself somewhere.
W_IN_COMPOUND = 0.25
EVIDENCE_PART_ONLY = 0.3
# Query weights: a literal word, a word found by splitting a compound, a related word from the
# synonyms file when the typed word is itself known, and a typo correction.
W_LITERAL = 1.0
W_PART = 0.6
W_PART_UNKNOWN = 0.9
W_SYNONYM = 0.45
W_TRANSLATION = 0.9
W_FUZZY = 0.8
W_WEAK = 0.35
W_BIGRAM = 0.5
W_AFFIX = 0.5
# A phrase of several words from the synonyms file is a concept by itself.
W_PHRASE = 0.9
# Another member of a word's derivational family ("nieuwkomer" -> "nieuwelingen").
W_FAMILY = 0.8
# The words of such a phrase count for less by themselves: "practice" is no "best practice".
W_COVERED = 0.5
# Guessed terms count this much as evidence: a typo correction that passed the edit bounds,
# and a word the booklet never uses that only matches by its stem ("spanje" ~ "span").
EVIDENCE_FUZZY = 0.7
EVIDENCE_STEM_ONLY = 0.3
MIN_DERIVED_STEM = 5
# Verbs that only carry a sentence ("zorg voor ...", "ervoor zorgen dat ...", "take care of"):
# next to their preposition they say nothing about the topic, so they count as weak words and
# as hardly any evidence; the lesson "Zorg voor goede verankering" is no answer to "zorg voor
# ouderen". "Zorg" by itself (care) stays a word.
HELPER_VERBS: frozenset[str] = frozenset({"zorg", "zorgen", "zorgt", "care"})
HELPER_VERB_NEXT: frozenset[str] = frozenset({"voor", "dat", "ervoor", "of", "for", "that"})
EVIDENCE_HELPER_VERB = 0.2


def helper_verbs(tokens: list[str]) -> set[str]:
    """The typed words used as helper verbs here ("zorg" in "zorg voor ouderen")."""
    found = set()
    for n, token in enumerate(tokens):
        if token not in HELPER_VERBS:
            continue
        after = tokens[n + 1] if n + 1 < len(tokens) else ""
        before = tokens[n - 1] if n else ""
        if after in HELPER_VERB_NEXT or before in {"ervoor", "take"}:
            found.add(token)
    return found


@dataclass(frozen=True)
class QueryTerm:
    """One index term a query looks for, with how much it counts."""

    term: str
    weight: float
    origin: str  # the typed word it came from, for explanations and suggestions
    how: str  # "literal" | "part" | "synonym" | "fuzzy" | "bigram" | "verb" (a helper verb)
    # Below 1 for guesses (a typo correction, the stem of a word the booklet never uses): they
    # rank like the rest but count for less as evidence that anything is relevant at all.
    evidence: float = 1.0
    # Whether the term stands for a typed word or phrase of its own (not for two adjacent words
    # together), for counting how many of the typed words a unit matches.
    own_word: bool = True


class QueryAnalyser:
    """Expands typed words to index terms: stems, compound parts, synonyms, typo corrections,
    derivations, compounds typed apart, separable verbs and bigrams."""

    def __init__(
        self,
        vocabulary: Vocabulary,
        index_terms: frozenset[str],
        spelling: Spelling,
        synonyms: Synonyms,
        *,
        cache_queries: bool = True,
    ) -> None:
        self._vocab = vocabulary
        self._index_terms = index_terms
        self._spelling = spelling
        self._synonyms = synonyms
        self._cache_queries = cache_queries
        self._query_cache: dict[str, tuple[QueryTerm, ...]] = {}

    def is_known(self, word: str) -> bool:
        """Whether the index has the word's term, or the word splits into known parts."""
        return (
            self._vocab.term(word) in self._index_terms
            or self._vocab.split_query_word(word) is not None
        )

    def analyse(self, query: str) -> tuple[QueryTerm, ...]:
        """The weighted index terms a query looks for (cached per query string)."""
        cached = self._query_cache.get(query)
        if cached is not None:
            return cached
        result = tuple(self._analyse(query))
        if not self._cache_queries:
            return result
        if len(self._query_cache) > 4096:
            self._query_cache.clear()
        self._query_cache[query] = result
        return result

    def _analyse(self, query: str) -> list[QueryTerm]:
        tokens = [t for t in tokenize(query) if len(t) > 1]
        words = [w for w in tokens if w not in STOPWORDS and w not in CHAT_WORDS]
        if not words:
            return []
        terms: dict[tuple[str, str], QueryTerm] = {}
        verbs = helper_verbs(tokens)

        def add(
            term: str, weight: float, origin: str, how: str, sure: float = 1.0, own: bool = True
        ) -> None:
            key = (term, origin)
            if key not in terms or terms[key].weight < weight:
                terms[key] = QueryTerm(term, weight, origin, how, sure, own)

        def add_word(term: str, weight: float, origin: str, how: str, sure: float = 1.0) -> None:
            # The word by itself, and the word inside the booklet's compounds for less; a word
            # the booklet only uses inside compounds ("wereld") is hardly evidence of a topic.
            whole = term in self._index_terms
            if whole:
                add(term, weight, origin, how, sure)
            inside = PART_MARK + term
            if inside in self._index_terms:
                inside_sure = sure if whole else sure * EVIDENCE_PART_ONLY
                add(inside, weight * W_IN_COMPOUND, origin, "part", inside_sure)

        resolved: list[tuple[str, str, bool]] = []  # (typed word, word used, known)
        sure_by_word: dict[str, float] = {}

        def parts_known(word: str) -> bool:
            return self._vocab.split_query_word(word) is not None

        for word in words:
            used = word
            known = self.is_known(word)
            # A word the booklet never spells this way may still share a stem with one of its
            # words ("monitorring" ~ "monitor"); a close spelling is the better guess then.
            unseen = word not in self._vocab.words and self._vocab.split_query_word(word) is None
            if unseen and not self._vocab.family(word):
                corrected = self._spelling.correct(word)
                if corrected is not None:
                    used = corrected
            resolved.append((word, used, known))

        stems = [self._vocab.term(used) for _, used, _ in resolved]
        trusts = [W_LITERAL if used == word else W_FUZZY for word, used, _ in resolved]
        for word, used, _ in resolved:
            if used != word:
                sure_by_word[word] = EVIDENCE_FUZZY
            elif word in self._vocab.words or parts_known(word) or self._vocab.family(word):
                sure_by_word[word] = 1.0
            else:
                # "spanje" stems to "span" like "spanning": a word the booklet never uses that
                # only matches by its stem is a guess.
                sure_by_word[word] = EVIDENCE_STEM_ONLY

        # Phrases of the synonyms file, longest first. A phrase of several words is one concept
        # ("community of practice", "beste praktijken"): its words count as one typed word
        # with the phrase's related words as alternatives, at nearly the weight of a literal.
        origin_of = [word for word, _, _ in resolved]
        matches: list[tuple[int, int, Related, float]] = []
        covered = [False] * len(resolved)
        full = self._synonyms.full_phrase_matches(tokens)
        for start, size, phrase_related in full:
            matches.append((start, size, phrase_related, W_PHRASE))
            for k in range(start, start + size):
                covered[k] = True
        typed_known = [term in self._index_terms for term in stems]
        has_entry = [False] * len(resolved)
        i = 0
        while i < len(stems):
            if covered[i]:
                i += 1
                continue
            size = 1
            for size in (3, 2, 1):
                phrase = tuple(stems[i : i + size])
                if len(phrase) < size or any(covered[i : i + size]):
                    continue
                related = self._synonyms.hit(phrase)
                if related is None:
                    continue
                if size > 1:
                    weight = W_PHRASE
                else:
                    weight = W_SYNONYM if typed_known[i] else W_TRANSLATION
                    if phrase[0] in self._vocab.weak_terms:
                        # Related words of a generic word are no more telling than the word.
                        weight *= W_WEAK
                matches.append((i, size, related, weight))
                if size == 1:
                    has_entry[i] = True
                break
            else:
                size = 1
            i += size
        in_phrase = [False] * len(resolved)
        for start, size, related, weight in matches:
            if size > 1 or covered[start]:
                origin = " ".join(w for w, _, _ in resolved[start : start + size])
                for k in range(start, start + size):
                    origin_of[k] = origin
                    in_phrase[k] = True
            origin = origin_of[start]
            phrase_sure = min(sure_by_word[w] for w, _, _ in resolved[start : start + size])
            weight *= min(trusts[start : start + size])
            for other, factor in related.items():
                share = weight * factor * (1.0 if len(other) == 1 else 0.75)
                for t in other:
                    weak = t in self._vocab.weak_terms
                    add_word(t, share * (W_WEAK if weak else 1.0), origin, "synonym", phrase_sure)
                if len(other) == 2:
                    bigram = f"{other[0]} {other[1]}"
                    add(bigram, share * W_BIGRAM, origin, "bigram", phrase_sure)

        for n, (word, used, known) in enumerate(resolved):
            origin = origin_of[n]
            term = stems[n]
            weak = used in WEAK_WORDS or term in self._vocab.weak_terms or word in verbs
            # A corrected typo counts a little less, for all the terms it leads to alike.
            trust = trusts[n]
            base = (W_WEAK if weak else 1.0) * trust
            if in_phrase[n]:
                base *= W_COVERED
            how = "literal" if used == word else "fuzzy"
            sure = sure_by_word[word]
            if word in verbs:
                how, sure = "verb", sure * EVIDENCE_HELPER_VERB
            add_word(term, base, origin, how, sure)
            derived: list[str] = []
            if term not in self._index_terms and len(term) >= MIN_DERIVED_STEM:
                derived = self._spelling.derived(used)
                for relative in derived:
                    add_word(relative, base * W_FAMILY, origin, "part", sure)
            parts = self._vocab.split_query_word(used)
            if parts:
                in_index = term in self._index_terms or bool(derived)
                for part in parts:
                    part_term = self._vocab.term(part)
                    part_weak = part in WEAK_WORDS or part_term in self._vocab.weak_terms
                    weight = W_PART if in_index else W_PART_UNKNOWN
                    weight *= (W_WEAK if part_weak else 1.0) * trust
                    if has_entry[n]:
                        # The synonyms file says what the whole means ("regeldruk" is
                        # bureaucracy): its parts ("druk") are no longer concepts of their own.
                        weight *= W_COVERED
                    # Each part is its own concept: "bewoners" and "participatie" add up.
                    add_word(part_term, weight, f"{origin}/{part}", "part", sure)
            if not known and used == word and not parts:
                family = self._vocab.family(word)
                for relative in family:
                    # "nieuwkomer" is a "nieuweling": the same base with another person suffix.
                    add_word(self._vocab.term(relative), W_FAMILY, origin, "part")
                if not family:
                    # An unknown compound with one known half ("rapportagemoeheid"): the known
                    # half is a weak lead, better than nothing and too weak to pass alone.
                    affix = known_affix(word, self._vocab.corpus_words)
                    if affix is not None:
                        add_word(self._vocab.term(affix), W_AFFIX, origin, "part")

        # Compounds typed apart ("vogelaar heffing", "woning corporaties"): the joined word,
        # with or without a linking s, when the booklet uses it.
        for (a, _, _), (b, _, _) in itertools.pairwise(resolved):
            for joined_word in (a + b, a + "s" + b):
                joined = self._vocab.term(joined_word)
                if joined in self._index_terms and joined not in self._vocab.weak_terms:
                    add(joined, W_LITERAL, f"{a} {b}", "literal", own=False)
                    break

        # Separable verbs: "hoe zet ik een CoP op" means "opzetten", "werk ik samen" means
        # "samenwerken"; join a particle typed anywhere in the query to each verb.
        particles = [t for t in tokens if t in PARTICLES]
        for particle in particles:
            for n, (_, used, _) in enumerate(resolved):
                # Only where the booklet has such a verb: "in" + "spanje" is no "inspanning".
                if not self._vocab.has_prefix(particle + used):
                    continue
                joined = self._vocab.term(particle + used)
                if joined in self._index_terms and joined not in self._vocab.weak_terms:
                    add(joined, W_PART_UNKNOWN, origin_of[n], "part")

        # Adjacent typed words: the phrase itself is stronger evidence than its words apart.
        for a, b in itertools.pairwise(stems):
            bigram = f"{a} {b}"
            if bigram in self._index_terms:
                add(bigram, W_BIGRAM, bigram, "bigram", own=False)
        return list(terms.values())
