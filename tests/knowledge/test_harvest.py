"""Lessons harvested after the booklet, ranked beside its units by the one LessonIndex."""

from __future__ import annotations

import pytest

from knowledge.loader import load_knowledge
from knowledge.model import Lesson
from knowledge.search import LessonIndex
from tests.bench.bench_search import booklet_only, harvested_lessons, load_queries

YOUTH = Lesson(
    id="oogst-1",
    theme="diversiteit",
    source="bijeenkomst-8",
    title="Jongeren bereik je via de sportclub",
    text="Trainers van de voetbalclub kennen de jongeren van de wijk; via hen kwamen we binnen.",
    origin_nl="bijeenkomst 8, Zwolle, maart 2027",
)


@pytest.fixture(scope="module")
def index() -> LessonIndex:
    return LessonIndex(load_knowledge())


def test_a_harvested_lesson_is_found_in_other_words_and_goes_again(index: LessonIndex) -> None:
    before = index.search("hoe bereik ik de jeugd", limit=5)
    index.set_extra([YOUTH])
    try:
        hits = index.search("hoe bereik ik de jeugd", limit=5)
        assert hits[0].lesson.id == "oogst-1"
        assert [h.lesson.id for h in hits[1:]] == [h.lesson.id for h in before][: len(hits) - 1]
        assert index.search("qwxzv blorp", limit=5) == []
        assert index.search("2.4", limit=3)[0].lesson.source == "2.4"  # a section stays one
    finally:
        index.set_extra([])
    assert index.search("hoe bereik ik de jeugd", limit=5) == before


def test_the_booklets_order_stays_and_a_third_of_a_list_at_most_is_harvested(
    index: LessonIndex,
) -> None:
    graded, nonsense = load_queries()
    queries = [q for q, _ in graded]
    alone = {q: [h.lesson.id for h in index.search(q, 10)] for q in queries}
    index.set_extra(harvested_lessons(index.knowledge))
    try:
        for query in queries:
            mixed = index.search(query, 10)
            assert sum(1 for h in mixed if h.lesson.origin_nl) <= 3
            booklet = [h.lesson.id for h in booklet_only(index.search)(query, 10)]
            assert booklet == alone[query][: len(booklet)]
            assert len(booklet) >= min(7, len(alone[query]))
            assert [h.score for h in mixed] == sorted((h.score for h in mixed), reverse=True)
        assert all(index.search(q, 5) == [] for q in nonsense if not alone.get(q))
    finally:
        index.set_extra([])
