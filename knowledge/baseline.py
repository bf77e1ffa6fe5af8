"""Plain BM25 over title and text (lowercase split only), the yardstick for lesson search."""

from __future__ import annotations

import math
from collections import Counter

from knowledge.model import Knowledge
from knowledge.results import Hit

K1 = 1.5
B = 0.75


class PlainBM25:
    """Textbook Okapi BM25: no stemming, stopwords, compounds, synonyms or typo correction."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.lessons = knowledge.lessons
        docs = [f"{lesson.title} {lesson.text}".lower().split() for lesson in self.lessons]
        self._lengths = [len(doc) for doc in docs]
        self._avg = (sum(self._lengths) / len(docs)) if docs else 1.0
        self._tf = [Counter(doc) for doc in docs]
        df: Counter[str] = Counter()
        for counts in self._tf:
            df.update(counts.keys())
        n = len(docs)
        self._idf = {t: math.log(1.0 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        self._postings: dict[str, list[int]] = {}
        for doc, counts in enumerate(self._tf):
            for term in counts:
                self._postings.setdefault(term, []).append(doc)

    def search(self, query: str, limit: int = 5) -> list[Hit]:
        scores: dict[int, float] = {}
        for term in query.lower().split():
            idf = self._idf.get(term)
            if idf is None:
                continue
            for doc in self._postings[term]:
                tf = self._tf[doc][term]
                norm = K1 * (1.0 - B + B * self._lengths[doc] / self._avg)
                scores[doc] = scores.get(doc, 0.0) + idf * tf * (K1 + 1.0) / (tf + norm)
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [Hit(self.lessons[doc], score) for doc, score in ranked]
