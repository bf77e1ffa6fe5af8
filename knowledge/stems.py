"""Index terms of words: their stems, with the stems of one word family merged."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz.distance import OSA

from knowledge.text import porter_stem, stem


def _close_stems(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    if long.startswith(short) and len(long) - len(short) <= 3:
        return True
    return len(short) >= 4 and OSA.distance(a, b) <= 2


class Normaliser:
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
