"""Lesson search for `/les <query>`: BM25F over the lesson units with Dutch-aware matching."""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from knowledge.model import SOURCES, Knowledge, Lesson, Theme
from knowledge.text import (
    AGENT_SUFFIXES,
    CHAT_WORDS,
    PARTICLES,
    STOPWORDS,
    WEAK_WORDS,
    fold,
    known_affix,
    phonetic,
    porter_stem,
    split_compound,
    stem,
    tokenize,
)

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
# The section's running text counts this much per mention, next to guests and quotes.
SECTION_TEXT_WEIGHT = 2.0
# A word inside a compound ("wereld" in "systeemwereld") is indexed apart from the word itself:
# it counts for less, and it is no evidence on its own unless the booklet also uses the word by
# itself somewhere.
PART_MARK = "~"
W_IN_COMPOUND = 0.25
EVIDENCE_PART_ONLY = 0.3
# Query weights: a literal word, a word found by splitting a compound, a related word from the
# synonyms file when the typed word is itself known, and a typo correction.
W_LITERAL = 1.0
W_PART = 0.6
W_PART_UNKNOWN = 0.9
W_SYNONYM = 0.45
W_TRANSLATION = 0.9
# Within a synonyms entry: the key's further members, and members among themselves.
SYNONYM_FURTHER = 0.7
SYNONYM_SIBLING = 0.6
W_FUZZY = 0.8
W_WEAK = 0.35
W_BIGRAM = 0.5
W_AFFIX = 0.5
# A phrase of several words from the synonyms file is a concept by itself.
W_PHRASE = 0.9
FULL_PHRASE_MAX = 4
# Another member of a word's derivational family ("nieuwkomer" -> "nieuwelingen").
W_FAMILY = 0.8
# The words of such a phrase count for less by themselves: "practice" is no "best practice".
W_COVERED = 0.5
# An answer needs this much evidence; one mention of a word that a third of the units use
# stays below it, one mention of a distinctive word passes.
MIN_SCORE = 2.0
# Guessed terms count this much toward MIN_SCORE: a typo correction that passed the edit
# bounds, and a word the booklet never uses that only matches by its stem ("spanje" ~ "span").
EVIDENCE_FUZZY = 0.7
EVIDENCE_STEM_ONLY = 0.3
SOURCE_SCORE = 100.0
# A unit matching one of two typed words keeps this share of its score, plus the rest in
# proportion to the share of typed words it matches.
COORDINATION_BASE = 0.5
# Hits far below the best one are noise, not answers; and every hit needs some evidence of its
# own.
RELATIVE_CUTOFF = 0.35
MIN_HIT_EVIDENCE = 1.5
# The booklet's summaries of part I (the CoP) and part II (the wijkenaanpak): the answer to a
# query of only common words of the booklet.
CENTRAL_SOURCES: tuple[str, ...] = ("bijlage-2", "bijlage-1")
# A word used in this share of the booklet's sections is common; a query of only common words
# gets the central units unless some unit has this much evidence.
COMMON_SECTION_SHARE = 0.7
COMMON_EVIDENCE = 4.0
FUZZY_MIN_LEN = 6
STEM_FUZZY_MIN_LEN = 6
DERIVED_MAX_EXTRA = 2
MIN_DERIVED_STEM = 5
# Suggestions may reach a little further than silent corrections.
SUGGEST_LOOSENESS = 5.0
THEME_CUTOFF = 80.0
# A part of a typed compound that the booklet only has in another form ("voorbereiding" where
# it says "voorbereiden") must be this long: short stems match too much by chance.
LOOSE_PART_MIN = 6
# A message of several content words of which more than this share is unknown to the booklet
# (no spelling, stem, part, typo or synonym of theirs) is about something else: "can you book
# me a flight to paris" shares one word with the booklet and is still no question about it.
OFF_TOPIC_UNKNOWN_SHARE = 0.5
OFF_TOPIC_STEM_ONLY = 0.5
_WORD_RE = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Hit:
    lesson: Lesson
    score: float


@dataclass(frozen=True)
class QueryTerm:
    """One index term a query looks for, with how much it counts."""

    term: str
    weight: float
    origin: str  # the typed word it came from, for explanations and suggestions
    how: str  # "literal" | "part" | "synonym" | "fuzzy" | "bigram"
    # Below 1 for guesses (a typo correction, the stem of a word the booklet never uses): they
    # rank like the rest but count for less as evidence that anything is relevant at all.
    evidence: float = 1.0
    # Whether the term stands for a typed word or phrase of its own (not for two adjacent words
    # together), for counting how many of the typed words a unit matches.
    own_word: bool = True


def _close_stems(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    if long.startswith(short) and len(long) - len(short) <= 3:
        return True
    return len(short) >= 4 and OSA.distance(a, b) <= 2


def _max_edits(length: int) -> int:
    return 1 if length <= 9 else 2


def _fuzzy_cutoff(length: int) -> float:
    # One wrong letter in a 6-letter word is a ratio of ~83; longer words tolerate two.
    return 83.0 if length <= 6 else 80.0


class _Normaliser:
    """Maps folded words to index terms, merging stem families seen in the vocabulary."""

    def __init__(self, words: Iterable[str]) -> None:
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        by_porter: dict[str, str] = {}
        for word in words:
            primary = stem(word)
            secondary = porter_stem(word)
            find(primary)
            other = by_porter.setdefault(secondary, primary)
            # Two words with the same Porter stem but different Snowball stems are one family
            # ("verantwoorden"/"verantwoording", "gelden"/"geld", "grote"/"groot") when the
            # stems are close; Porter's -elijk stripping ("verantwoordelijk") stays apart.
            if other != primary and _close_stems(other, primary):
                a, b = find(other), find(primary)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        self._canon = {s: find(s) for s in parent}
        self._by_porter = {p: self._canon[s] for p, s in by_porter.items()}
        self._cache: dict[str, str] = {}

    def term(self, word: str) -> str:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        primary = stem(word)
        result = self._canon.get(primary)
        if result is None:
            result = self._by_porter.get(porter_stem(word), primary)
        self._cache[word] = result
        return result


class LessonIndex:
    """A search index over a Knowledge's lessons, built once; `search` is read-only."""

    def __init__(self, knowledge: Knowledge, *, cache_queries: bool = True) -> None:
        self.knowledge = knowledge
        self._cache_queries = cache_queries
        self.lessons: tuple[Lesson, ...] = knowledge.lessons
        themes = {theme.slug: theme for theme in knowledge.themes}

        lesson_fields = [
            self._lesson_fields(lesson, themes.get(lesson.theme)) for lesson in self.lessons
        ]
        section_docs = self._section_docs(knowledge)

        # Vocabulary: every folded word of the corpus and of the synonyms file, with the most
        # frequent original spelling for "did you mean" ("continuïteit", not "continuiteit").
        surface: Counter[str] = Counter()
        display: dict[str, Counter[str]] = defaultdict(Counter)
        texts: list[str] = [text for fields in lesson_fields for text in fields.values()]
        texts += [text for fields in section_docs.values() for text, _ in fields]
        for text in texts:
            for raw in _raw_words(text):
                word = fold(raw)
                surface[word] += 1
                display[word][raw.lower()] += 1
        synonym_words: set[str] = set()
        for key, values in knowledge.synonyms.items():
            for phrase in (key, *values):
                synonym_words.update(tokenize(phrase))
        self._vocabulary: frozenset[str] = frozenset(
            w for w in (*surface, *synonym_words) if len(w) > 1 and w not in STOPWORDS
        )
        self._corpus_words: frozenset[str] = frozenset(
            w for w in surface if len(w) > 1 and w not in STOPWORDS
        )
        self._sorted_words: list[str] = sorted(self._corpus_words)
        self._display: dict[str, str] = {w: c.most_common(1)[0][0] for w, c in display.items()}
        self._norm = _Normaliser(self._vocabulary)
        self._weak_terms: frozenset[str] = frozenset(self._norm.term(w) for w in WEAK_WORDS)
        self._compounds: dict[str, tuple[str, ...] | None] = {}
        self._loose_compounds: dict[str, tuple[str, ...] | None] = {}
        self._corpus_terms: frozenset[str] = frozenset(
            self._norm.term(w) for w in self._corpus_words
        )

        # Unit-level BM25F: per term, the weighted, length-normalised frequency in each unit.
        n_docs = max(len(self.lessons), 1)
        field_terms: list[dict[str, dict[str, float]]] = [
            {name: self._doc_terms(text) for name, text in fields.items()}
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
        self._idf = {term: _idf(n_docs, len(per_doc)) for term, per_doc in pseudo_tf.items()}

        # Section-level BM25 over guests and quotes, spread over the section's units.
        docs_by_source: dict[str, list[int]] = defaultdict(list)
        for doc, lesson in enumerate(self.lessons):
            docs_by_source[lesson.source].append(doc)
        section_tf: dict[str, dict[str, float]] = defaultdict(dict)
        for source, parts in section_docs.items():
            for text, weight in parts:
                for term, tf in self._doc_terms(text).items():
                    section_tf[term][source] = section_tf[term].get(source, 0.0) + weight * tf
        n_sections = max(len(section_docs), 1)
        # How much of the booklet uses a word: "cop" and "wijk" are in nearly every section.
        self._section_share = {
            term: len(per_source) / n_sections for term, per_source in section_tf.items()
        }
        for term, per_source in section_tf.items():
            idf = _idf(n_sections, len(per_source))
            target = contributions.setdefault(term, {})
            for source, tf in per_source.items():
                value = SECTION_WEIGHT * idf * tf * (K1 + 1.0) / (K1 + tf)
                for doc in docs_by_source.get(source, ()):
                    target[doc] = target.get(doc, 0.0) + value
        self._contributions = contributions
        self._docs_by_source = dict(docs_by_source)
        # Topic words: what keywords, themes, headings, guests and books name.
        topical_texts = [
            fields[name] for fields in lesson_fields for name in ("keywords", "heading")
        ]
        topical_texts += [theme.name_nl for theme in knowledge.themes]
        topical_texts += [guest.name for guest in knowledge.guests]
        topical_texts += [f"{book.title} {book.author}" for book in knowledge.books]
        self._topical_terms: frozenset[str] = frozenset(
            self._norm.term(w)
            for text in topical_texts
            for w in tokenize(text)
            if len(w) > 1 and w not in STOPWORDS
        )
        self._index_terms: frozenset[str] = frozenset(contributions)
        self._given_names = self._only_given_names(knowledge)

        self._function_phrases: set[tuple[str, ...]] = set()
        self._synonyms = self._build_synonyms(knowledge.synonyms)
        self._full_synonyms = {
            key: value for key, value in self._synonyms.items() if key in self._function_phrases
        }
        self._families: dict[str, tuple[str, ...]] = {}
        self._fuzzy_choices: list[str] = sorted(
            w for w in self._vocabulary if len(w) >= FUZZY_MIN_LEN - 1 and not w.isdigit()
        )
        self._query_cache: dict[str, tuple[QueryTerm, ...]] = {}
        # Whole-word index terms, sorted for prefix look-ups; and per stem the booklet's most
        # frequent spelling, for typos in an inflected word ("moniteren" ~ "monitor").
        # (The Porter-style stems keep more of the word: "moniteren" -> "moniter", "monitor".)
        self._porter_terms: list[tuple[str, str]] = sorted(
            {
                (porter_stem(w), self._norm.term(w))
                for w in self._corpus_words
                if self._norm.term(w) in self._index_terms
            }
        )
        by_stem: dict[str, Counter[str]] = defaultdict(Counter)
        for word in self._corpus_words:
            if len(word) >= FUZZY_MIN_LEN and not word.isdigit():
                by_stem[porter_stem(word)][word] += surface[word]
        self._stem_spelling: dict[str, str] = {
            term: counts.most_common(1)[0][0] for term, counts in by_stem.items()
        }
        self._stem_choices: list[str] = sorted(self._stem_spelling)
        self._near_cache: dict[tuple[str, int], list[str]] = {}

    # -- building ------------------------------------------------------------------------

    @staticmethod
    def _lesson_fields(lesson: Lesson, theme: Theme | None) -> dict[str, str]:
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

    @staticmethod
    def _section_docs(knowledge: Knowledge) -> dict[str, list[tuple[str, float]]]:
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

    @staticmethod
    def _only_given_names(knowledge: Knowledge) -> frozenset[str]:
        """First names of guests and speakers that the booklet uses as nothing else ("Joke",
        "Elly"): the booklet calls people by their surname, so such a word typed among others
        is an everyday word ("tell me a joke") more likely than a reference to the person."""
        names = [guest.name for guest in knowledge.guests]
        names += [quote.speaker for quote in knowledge.quotes]
        firsts: set[str] = set()
        for name in names:
            words = _raw_words(name)
            if len(words) > 1 and words[0][:1].isupper():
                firsts.add(fold(words[0]))
        # The booklet's own sentences (keywords are lowercase by convention and do not count).
        texts = [section.text for section in knowledge.sections]
        texts += [f"{lesson.title} {lesson.text}" for lesson in knowledge.lessons]
        texts += [quote.text for quote in knowledge.quotes]
        common = {fold(raw) for text in texts for raw in _raw_words(text) if raw[:1].islower()}
        return frozenset(firsts - common - STOPWORDS)

    def _doc_terms(self, text: str) -> dict[str, float]:
        """Index terms of a text: word stems, compound parts (at reduced weight) and bigrams."""
        counts: dict[str, float] = defaultdict(float)
        previous: str | None = None
        for raw in _raw_words(text):
            word = fold(raw)
            if len(word) <= 1 or word in STOPWORDS:
                continue
            term = self._norm.term(word)
            counts[term] += 1
            for part in self._split(word) or ():
                counts[PART_MARK + self._norm.term(part)] += 1
            if previous is not None:
                counts[f"{previous} {term}"] += 1
            previous = term
        return counts

    def _has_prefix(self, prefix: str) -> bool:
        """Whether some word of the booklet starts with `prefix`."""
        words = self._sorted_words
        i = bisect.bisect_left(words, prefix)
        return i < len(words) and words[i].startswith(prefix)

    def _split(self, word: str) -> tuple[str, ...] | None:
        if word not in self._compounds:
            self._compounds[word] = split_compound(word, self._corpus_words)
        return self._compounds[word]

    def _split_query_word(self, word: str) -> tuple[str, ...] | None:
        """A typed compound split into booklet words, or else into words that share a stem
        with booklet words: "voorbereidingsgroep" -> ("voorbereiding", "groep"), where the
        booklet says "voorbereiden" and "groep"."""
        parts = self._split(word)
        if parts is not None or word in self._vocabulary:
            return parts
        cached = self._loose_compounds.get(word, ())
        if cached != ():
            return cached
        result = split_compound(word, self._corpus_words, is_word=self._stem_word)
        if len(self._loose_compounds) > 4096:
            self._loose_compounds.clear()
        self._loose_compounds[word] = result
        return result

    def _stem_word(self, word: str) -> bool:
        """A booklet word, or a long enough word with the stem of a booklet word."""
        if word in self._corpus_words:
            return True
        return len(word) >= LOOSE_PART_MIN and self._norm.term(word) in self._corpus_terms

    def _build_synonyms(
        self, synonyms: dict[str, tuple[str, ...]]
    ) -> dict[tuple[str, ...], dict[tuple[str, ...], float]]:
        """Each entry is a group: every member phrase finds every other member.

        The first word listed for a key is its closest equivalent (for an English key, its
        translation) and keeps the full weight; further members count for less.
        """
        related: dict[tuple[str, ...], dict[tuple[str, ...], float]] = defaultdict(dict)

        def link(a: tuple[str, ...], b: tuple[str, ...], factor: float) -> None:
            if a and b and a != b and related[a].get(b, 0.0) < factor:
                related[a][b] = factor

        for key, values in synonyms.items():
            head = self._phrase_key(key)
            members = [self._phrase_key(v) for v in values]
            for phrase, phrase_key in zip((key, *values), (head, *members), strict=True):
                if self._has_function_word(phrase):
                    self._function_phrases.add(phrase_key)
            for rank, member in enumerate(members):
                closest = 1.0 if rank == 0 else SYNONYM_FURTHER
                link(head, member, closest)
                link(member, head, closest)
                for other in members:
                    link(member, other, SYNONYM_SIBLING)
        return dict(related)

    def _phrase_key(self, phrase: str) -> tuple[str, ...]:
        """A phrase's index terms; a phrase with function words in it ("beste praktijken")
        keeps them, so that it is not confused with its content words alone."""
        keep_all = self._has_function_word(phrase)
        words = [w for w in tokenize(phrase) if len(w) > 1 and (keep_all or w not in STOPWORDS)]
        return tuple(self._norm.term(w) for w in words)

    @staticmethod
    def _has_function_word(phrase: str) -> bool:
        words = [w for w in tokenize(phrase) if len(w) > 1]
        return len(words) > 1 and any(w in STOPWORDS for w in words)

    # -- querying ------------------------------------------------------------------------

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
            return self._split_query_word(word) is not None

        for word in words:
            used = word
            known = self._is_known(word)
            # A word the booklet never spells this way may still share a stem with one of its
            # words ("monitorring" ~ "monitor"); a close spelling is the better guess then.
            unseen = word not in self._vocabulary and self._split_query_word(word) is None
            if unseen and not self._family(word):
                corrected = self._correct(word)
                if corrected is not None:
                    used = corrected
            resolved.append((word, used, known))

        stems = [self._norm.term(used) for _, used, _ in resolved]
        trusts = [W_LITERAL if used == word else W_FUZZY for word, used, _ in resolved]
        for word, used, _ in resolved:
            if used != word:
                sure_by_word[word] = EVIDENCE_FUZZY
            elif word in self._vocabulary or parts_known(word) or self._family(word):
                sure_by_word[word] = 1.0
            else:
                # "spanje" stems to "span" like "spanning": a word the booklet never uses that
                # only matches by its stem is a guess.
                sure_by_word[word] = EVIDENCE_STEM_ONLY

        # Phrases of the synonyms file, longest first. A phrase of several words is one concept
        # ("community of practice", "beste praktijken"): its words count as one typed word
        # with the phrase's related words as alternatives, at nearly the weight of a literal.
        origin_of = [word for word, _, _ in resolved]
        matches: list[tuple[int, int, dict[tuple[str, ...], float], float]] = []
        covered = [False] * len(resolved)
        full = self._full_phrase_matches(tokens)
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
                related = self._synonym_hit(phrase)
                if related is None:
                    continue
                if size > 1:
                    weight = W_PHRASE
                else:
                    weight = W_SYNONYM if typed_known[i] else W_TRANSLATION
                    if phrase[0] in self._weak_terms:
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
                    weak = t in self._weak_terms
                    add_word(t, share * (W_WEAK if weak else 1.0), origin, "synonym", phrase_sure)
                if len(other) == 2:
                    bigram = f"{other[0]} {other[1]}"
                    add(bigram, share * W_BIGRAM, origin, "bigram", phrase_sure)

        for n, (word, used, known) in enumerate(resolved):
            origin = origin_of[n]
            term = stems[n]
            weak = used in WEAK_WORDS or term in self._weak_terms
            # A corrected typo counts a little less, for all the terms it leads to alike.
            trust = trusts[n]
            base = (W_WEAK if weak else 1.0) * trust
            if in_phrase[n]:
                base *= W_COVERED
            sure = sure_by_word[word]
            add_word(term, base, origin, "literal" if used == word else "fuzzy", sure)
            derived: list[str] = []
            if term not in self._index_terms and len(term) >= MIN_DERIVED_STEM:
                derived = self._derived(used)
                for relative in derived:
                    add_word(relative, base * W_FAMILY, origin, "part", sure)
            parts = self._split_query_word(used)
            if parts:
                in_index = term in self._index_terms or bool(derived)
                for part in parts:
                    part_term = self._norm.term(part)
                    part_weak = part in WEAK_WORDS or part_term in self._weak_terms
                    weight = W_PART if in_index else W_PART_UNKNOWN
                    weight *= (W_WEAK if part_weak else 1.0) * trust
                    if has_entry[n]:
                        # The synonyms file says what the whole means ("regeldruk" is
                        # bureaucracy): its parts ("druk") are no longer concepts of their own.
                        weight *= W_COVERED
                    # Each part is its own concept: "bewoners" and "participatie" add up.
                    add_word(part_term, weight, f"{origin}/{part}", "part", sure)
            if not known and used == word and not parts:
                family = self._family(word)
                for relative in family:
                    # "nieuwkomer" is a "nieuweling": the same base with another person suffix.
                    add_word(self._norm.term(relative), W_FAMILY, origin, "part")
                if not family:
                    # An unknown compound with one known half ("rapportagemoeheid"): the known
                    # half is a weak lead, better than nothing and too weak to pass alone.
                    affix = known_affix(word, self._corpus_words)
                    if affix is not None:
                        add_word(self._norm.term(affix), W_AFFIX, origin, "part")

        # Compounds typed apart ("vogelaar heffing", "woning corporaties"): the joined word,
        # with or without a linking s, when the booklet uses it.
        for (a, _, _), (b, _, _) in itertools.pairwise(resolved):
            for joined_word in (a + b, a + "s" + b):
                joined = self._norm.term(joined_word)
                if joined in self._index_terms and joined not in self._weak_terms:
                    add(joined, W_LITERAL, f"{a} {b}", "literal", own=False)
                    break

        # Separable verbs: "hoe zet ik een CoP op" means "opzetten", "werk ik samen" means
        # "samenwerken"; join a particle typed anywhere in the query to each verb.
        particles = [t for t in tokens if t in PARTICLES]
        for particle in particles:
            for n, (_, used, _) in enumerate(resolved):
                # Only where the booklet has such a verb: "in" + "spanje" is no "inspanning".
                if not self._has_prefix(particle + used):
                    continue
                joined = self._norm.term(particle + used)
                if joined in self._index_terms and joined not in self._weak_terms:
                    add(joined, W_PART_UNKNOWN, origin_of[n], "part")

        # Adjacent typed words: the phrase itself is stronger evidence than its words apart.
        for a, b in itertools.pairwise(stems):
            bigram = f"{a} {b}"
            if bigram in self._index_terms:
                add(bigram, W_BIGRAM, bigram, "bigram", own=False)
        return list(terms.values())

    def _full_phrase_matches(
        self, tokens: list[str]
    ) -> list[tuple[int, int, dict[tuple[str, ...], float]]]:
        """Phrases of the synonyms file with function words in them ("beste praktijken",
        "community of practice"), as (first content word, number of content words, related)."""
        if not self._full_synonyms:
            return []
        found: list[tuple[int, int, dict[tuple[str, ...], float]]] = []
        content_index: list[int] = []
        n = 0
        for token in tokens:
            content_index.append(n)
            if token not in STOPWORDS and token not in CHAT_WORDS:
                n += 1
        keys = [self._norm.term(t) for t in tokens]
        i = 0
        while i < len(tokens):
            for size in range(min(FULL_PHRASE_MAX, len(tokens) - i), 1, -1):
                related = self._full_synonyms.get(tuple(keys[i : i + size]))
                if related is None:
                    continue
                first = content_index[i]
                last = content_index[i + size - 1] + (
                    tokens[i + size - 1] not in STOPWORDS
                    and tokens[i + size - 1] not in CHAT_WORDS
                )
                if last > first:
                    found.append((first, last - first, related))
                i += size
                break
            else:
                i += 1
        return found

    def _family(self, word: str) -> tuple[str, ...]:
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
                if base + other != word and base + other in self._corpus_words
            )
            break
        self._families[word] = result
        return result

    def _synonym_hit(self, phrase: tuple[str, ...]) -> dict[tuple[str, ...], float] | None:
        related = self._synonyms.get(phrase)
        if related is None and phrase and phrase[-1].endswith("s"):
            # English plurals: "associations" finds the entry for "association".
            related = self._synonyms.get((*phrase[:-1], self._norm.term(phrase[-1][:-1])))
        return related

    def _is_known(self, word: str) -> bool:
        return (
            self._norm.term(word) in self._index_terms or self._split_query_word(word) is not None
        )

    def _correct(self, word: str, loose: float = 0.0) -> str | None:
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

    def _derived(self, word: str) -> list[str]:
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
        if chat and not any(self._is_topical(w) for w in content):
            # A greeting or a thank-you with at most some everyday words: chat, no question.
            return []
        terms = self.analyse(query)
        if self._off_topic(terms, content):
            return []
        scores, evidence = self._scores(terms)
        if not scores:
            return []
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        top_evidence = max(evidence.values(), default=0.0)
        if top_evidence < COMMON_EVIDENCE:
            known = [w for w in content if not self._unknown(w)]
            if self._only_common_words(known):
                # Only words the booklet uses all over: its summary; but next to a word it
                # does not know at all ("wijkenaanpak in spanje") the question is not for us.
                return self._central(scores)[:limit] if len(known) == len(content) else []
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

    def _off_topic(self, terms: Iterable[QueryTerm], content: list[str]) -> bool:
        """Whether most of several typed content words are unknown to the booklet."""
        if len(content) < 2:
            return False
        # Words of a phrase in the synonyms file ("red tape") are known as the phrase.
        in_phrase = {qt.origin for qt in terms if " " in qt.origin}
        phrase_words = {w for origin in in_phrase for w in origin.split()}
        unknown = sum(self._unknown_share(word) for word in content if word not in phrase_words)
        return unknown > OFF_TOPIC_UNKNOWN_SHARE * len(content)

    def _unknown_share(self, word: str) -> float:
        """How unknown a typed word is to the booklet: 1 for a word it has nothing for (or only
        as someone's first name), half for a word it never uses that only shares a stem with
        one of its words ("opening" ~ "openbare"), 0 for a word it knows."""
        if self._synonym_hit((self._norm.term(word),)) is not None:
            return 0.0
        if word in self._given_names or self._unknown(word):
            return 1.0
        stem_only = (
            word not in self._vocabulary
            and self._split_query_word(word) is None
            and not self._family(word)
            and self._correct(word) is None
        )
        return OFF_TOPIC_STEM_ONLY if stem_only else 0.0

    def _is_topical(self, word: str) -> bool:
        """Whether a word names a topic: a keyword, theme, heading, guest or synonyms entry."""
        if self._synonym_hit((self._norm.term(word),)) is not None:
            return True
        parts = self._split(word) or (word,)
        return any(self._norm.term(part) in self._topical_terms for part in parts)

    def _unknown(self, word: str) -> bool:
        """Whether the booklet has nothing for a word: not its spelling, stem, parts, family,
        nor a close spelling."""
        return not (
            word in self._vocabulary
            or self._is_known(word)
            or self._family(word)
            or self._derived(word)
            or self._correct(word) is not None
        )

    def _only_common_words(self, words: list[str]) -> bool:
        """Whether every word is one the booklet uses all over ("wijkenaanpak", "cop", "wijk")."""
        if not words:
            return False
        for word in words:
            if word not in self._corpus_words:
                return False
            term = self._norm.term(word)
            common = self._section_share.get(term, 0.0) >= COMMON_SECTION_SHARE
            if not common and term not in self._weak_terms:
                return False
        return True

    def _central(self, scores: dict[int, float]) -> list[Hit]:
        """For a query of only common words of the booklet: the booklet's own summary that
        fits best, in its order, rather than nothing or a long list of weak hits."""
        best_source, best_mean = "", 0.0
        for source in CENTRAL_SOURCES:
            docs = self._docs_by_source.get(source, [])
            if not docs:
                continue
            mean = sum(scores.get(doc, 0.0) for doc in docs) / len(docs)
            if mean > best_mean:
                best_source, best_mean = source, mean
        if not best_source:
            return []
        score = round(best_mean, 4)
        return [Hit(self.lessons[doc], score) for doc in self._docs_by_source[best_source]]

    def _scores(self, terms: Iterable[QueryTerm]) -> tuple[dict[int, float], dict[int, float]]:
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
        contributions = self._contributions
        for origin, group in by_origin.items():
            best: dict[int, float] = {}
            best_evidence: dict[int, float] = {}
            for qt in group:
                contribution = contributions.get(qt.term)
                if not contribution or qt.term.startswith(PART_MARK):
                    continue
                weight = qt.weight
                sure = weight * qt.evidence
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

    def suggest(self, query: str) -> str | None:
        """A "bedoelde je …?" suggestion: the query with unknown words corrected, or None.

        Only a suggestion that finds lessons is made; when no word can be corrected, the
        closest theme is suggested for a query that finds nothing itself.
        """
        out: list[str] = []
        changed = False
        for token in tokenize(query):
            if (
                len(token) <= 1
                or token in STOPWORDS
                or token in self._vocabulary
                or self._is_known(token)
                or self._synonym_hit((self._norm.term(token),)) is not None
            ):
                out.append(self._display.get(token, token))
                continue
            match = self._correct(token, loose=SUGGEST_LOOSENESS)
            # A spelling that already finds its word by the stem needs no suggestion.
            if match is None or self._norm.term(match) == self._norm.term(token):
                out.append(token)
                continue
            out.append(self._display.get(match, match))
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


def _idf(n_docs: int, df: int) -> float:
    return math.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))


def _raw_words(text: str) -> list[str]:
    """Words with their original spelling (accents kept), split like `tokenize` splits."""
    return _WORD_RE.findall(text)
