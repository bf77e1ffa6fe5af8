"""Whether a message is about the booklet at all: topic words, unknown words, first names."""

from __future__ import annotations

from collections.abc import Iterable

from knowledge.query import QueryAnalyser, QueryTerm
from knowledge.spelling import Spelling
from knowledge.synonyms import Synonyms
from knowledge.vocabulary import Vocabulary

# A message of several content words of which more than this share is unknown to the booklet
# (no spelling, stem, part, typo or synonym of theirs) is about something else: "can you book
# me a flight to paris" shares one word with the booklet and is still no question about it.
OFF_TOPIC_UNKNOWN_SHARE = 0.5
OFF_TOPIC_STEM_ONLY = 0.5


class TopicFilter:
    """Tells typed words the booklet knows, or names as a topic, from everything else.

    `topical_terms` are the index terms of what keywords, themes, headings, guests and books
    name; `given_names` the first names the booklet uses as nothing else.
    """

    def __init__(
        self,
        vocabulary: Vocabulary,
        synonyms: Synonyms,
        spelling: Spelling,
        analyser: QueryAnalyser,
        *,
        topical_terms: frozenset[str],
        given_names: frozenset[str],
    ) -> None:
        self._vocab = vocabulary
        self._synonyms = synonyms
        self._spelling = spelling
        self._analyser = analyser
        self._topical_terms = topical_terms
        self._given_names = given_names

    def off_topic(self, terms: Iterable[QueryTerm], content: list[str]) -> bool:
        """Whether most of several typed content words are unknown to the booklet."""
        if len(content) < 2:
            return False
        # Words of a phrase in the synonyms file ("red tape") are known as the phrase.
        in_phrase = {qt.origin for qt in terms if " " in qt.origin}
        phrase_words = {w for origin in in_phrase for w in origin.split()}
        # A helper verb ("zorg" in "zorg voor ouderen") says nothing about a topic.
        verbs = {qt.origin for qt in terms if qt.how == "verb"}
        counted = [w for w in content if w not in phrase_words]
        unknown = sum(1.0 if w in verbs else self._unknown_share(w) for w in counted)
        if unknown > OFF_TOPIC_UNKNOWN_SHARE * len(content):
            return True
        # Nothing but words the booklet does not know and pieces of words it does: "de
        # hoofdstad van australië" is no question about the "stad" in "hoofdstad".
        rest = [w for w in counted if w not in verbs]
        pieces = [w for w in rest if self._only_pieces(w)]
        return bool(pieces) and all(w in pieces or self.unknown(w) for w in rest)

    def _only_pieces(self, word: str) -> bool:
        """Whether the booklet knows a word only as the pieces of a compound ("hoofd" and
        "stad"): not the word, a relative, a synonym or a close spelling of it."""
        return (
            word not in self._vocab.words
            and self._vocab.split_query_word(word) is not None
            and self._synonyms.hit((self._vocab.term(word),)) is None
            and not self._vocab.family(word)
            and self._spelling.correct(word) is None
        )

    def _unknown_share(self, word: str) -> float:
        """How unknown a typed word is to the booklet: 1 for a word it has nothing for (or only
        as someone's first name), half for a word it never uses that only shares a stem with
        one of its words ("opening" ~ "openbare"), 0 for a word it knows."""
        if self._synonyms.hit((self._vocab.term(word),)) is not None:
            return 0.0
        if word in self._given_names or self.unknown(word):
            return 1.0
        stem_only = (
            word not in self._vocab.words
            and self._vocab.split_query_word(word) is None
            and not self._vocab.family(word)
            and self._spelling.correct(word) is None
        )
        return OFF_TOPIC_STEM_ONLY if stem_only else 0.0

    def is_topical(self, word: str) -> bool:
        """Whether a word names a topic: a keyword, theme, heading, guest or synonyms entry."""
        if self._synonyms.hit((self._vocab.term(word),)) is not None:
            return True
        parts = self._vocab.split(word) or (word,)
        return any(self._vocab.term(part) in self._topical_terms for part in parts)

    def unknown(self, word: str) -> bool:
        """Whether the booklet has nothing for a word: not its spelling, stem, parts, family,
        nor a close spelling."""
        return not (
            word in self._vocab.words
            or self._analyser.is_known(word)
            or self._vocab.family(word)
            or self._spelling.derived(word)
            or self._spelling.correct(word) is not None
        )
