"""The synonyms file as groups of related index-term phrases, and its phrases in a query."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from knowledge.text import CHAT_WORDS, STOPWORDS, tokenize
from knowledge.vocabulary import Vocabulary

# Within a synonyms entry: the key's further members, and members among themselves.
SYNONYM_FURTHER = 0.7
SYNONYM_SIBLING = 0.6
FULL_PHRASE_MAX = 4

# Per phrase (a tuple of index terms), its related phrases with how much each counts.
Related = dict[tuple[str, ...], float]


class Synonyms:
    """Each entry is a group: every member phrase finds every other member.

    The first word listed for a key is its closest equivalent (for an English key, its
    translation) and keeps the full weight; further members count for less.
    """

    def __init__(self, synonyms: Mapping[str, tuple[str, ...]], vocabulary: Vocabulary) -> None:
        self._vocabulary = vocabulary
        function_phrases: set[tuple[str, ...]] = set()
        related: dict[tuple[str, ...], Related] = defaultdict(dict)

        def link(a: tuple[str, ...], b: tuple[str, ...], factor: float) -> None:
            if a and b and a != b and related[a].get(b, 0.0) < factor:
                related[a][b] = factor

        for key, values in synonyms.items():
            head = self._phrase_key(key)
            members = [self._phrase_key(v) for v in values]
            for phrase, phrase_key in zip((key, *values), (head, *members), strict=True):
                if _has_function_word(phrase):
                    function_phrases.add(phrase_key)
            for rank, member in enumerate(members):
                closest = 1.0 if rank == 0 else SYNONYM_FURTHER
                link(head, member, closest)
                link(member, head, closest)
                for other in members:
                    link(member, other, SYNONYM_SIBLING)
        self._related: dict[tuple[str, ...], Related] = dict(related)
        # Phrases with function words in them, matched against the typed words as they are.
        self._full: dict[tuple[str, ...], Related] = {
            key: value for key, value in self._related.items() if key in function_phrases
        }

    def _phrase_key(self, phrase: str) -> tuple[str, ...]:
        """A phrase's index terms; a phrase with function words in it ("beste praktijken")
        keeps them, so that it is not confused with its content words alone."""
        keep_all = _has_function_word(phrase)
        words = [w for w in tokenize(phrase) if len(w) > 1 and (keep_all or w not in STOPWORDS)]
        return tuple(self._vocabulary.term(w) for w in words)

    def hit(self, phrase: tuple[str, ...]) -> Related | None:
        """The phrases related to a phrase of index terms, or None when it has no entry."""
        related = self._related.get(phrase)
        if related is None and phrase and phrase[-1].endswith("s"):
            # English plurals: "associations" finds the entry for "association".
            related = self._related.get((*phrase[:-1], self._vocabulary.term(phrase[-1][:-1])))
        return related

    def full_phrase_matches(self, tokens: list[str]) -> list[tuple[int, int, Related]]:
        """Phrases of the synonyms file with function words in them ("beste praktijken",
        "community of practice"), as (first content word, number of content words, related)."""
        if not self._full:
            return []
        found: list[tuple[int, int, Related]] = []
        content_index: list[int] = []
        n = 0
        for token in tokens:
            content_index.append(n)
            if token not in STOPWORDS and token not in CHAT_WORDS:
                n += 1
        keys = [self._vocabulary.term(t) for t in tokens]
        i = 0
        while i < len(tokens):
            for size in range(min(FULL_PHRASE_MAX, len(tokens) - i), 1, -1):
                related = self._full.get(tuple(keys[i : i + size]))
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


def _has_function_word(phrase: str) -> bool:
    words = [w for w in tokenize(phrase) if len(w) > 1]
    return len(words) > 1 and any(w in STOPWORDS for w in words)
