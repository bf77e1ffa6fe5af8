"""Benchmark: copbot's lesson search against plain BM25 on tests/knowledge/queries.yaml."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    # Run as a plain script (`python tests/bench/bench_search.py`) the repo root is not on the
    # path; the package imports below need it.
    sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from knowledge.baseline import PlainBM25  # noqa: E402
from knowledge.loader import load_knowledge  # noqa: E402
from knowledge.model import Knowledge, Lesson  # noqa: E402
from knowledge.search import Hit, LessonIndex  # noqa: E402

QUERIES = ROOT / "tests" / "knowledge" / "queries.yaml"
# Written from the booklet alone by someone who had not seen the engine or the set above: the
# honest estimate of how the search does on queries nobody tuned for.
HOLDOUT = ROOT / "tests" / "knowledge" / "queries_holdout.yaml"
REPETITIONS = 40
# Lessons harvested at meetings after the booklet, ranked beside it: the booklet's held-out
# quality and the latency are measured again with this many added.
HARVESTED = 200


@dataclass(frozen=True)
class Quality:
    hit1: float
    hit3: float
    mrr: float
    nonsense_empty: float


@dataclass(frozen=True)
class Latency:
    p50_ms: float
    p99_ms: float


def load_queries(path: Path = QUERIES) -> tuple[list[tuple[str, set[str]]], list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    graded = [
        (str(item.get("q", item.get("query"))), {str(s) for s in item["relevant"]})
        for item in data["queries"]
    ]
    return graded, [str(q) for q in data["nonsense"]]


def first_relevant_rank(hits: Sequence[Hit], relevant: set[str]) -> int | None:
    return next((i for i, hit in enumerate(hits) if hit.lesson.source in relevant), None)


def quality(
    search: Callable[[str, int], list[Hit]],
    graded: list[tuple[str, set[str]]],
    nonsense: list[str],
) -> Quality:
    hit1 = hit3 = 0
    rr = 0.0
    for query, relevant in graded:
        rank = first_relevant_rank(search(query, 10), relevant)
        if rank is None:
            continue
        hit1 += rank == 0
        hit3 += rank < 3
        rr += 1.0 / (rank + 1)
    empty = sum(1 for query in nonsense if not search(query, 5))
    n = len(graded)
    return Quality(hit1 / n, hit3 / n, rr / n, empty / max(len(nonsense), 1))


def latency(search: Callable[[str, int], list[Hit]], queries: list[str]) -> Latency:
    for query in queries:  # warm-up: vocabulary caches, branch predictors, allocator
        search(query, 5)
    samples: list[float] = []
    for _ in range(REPETITIONS):
        for query in queries:
            start = time.perf_counter()
            search(query, 5)
            samples.append(time.perf_counter() - start)
    samples.sort()
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
    return Latency(statistics.median(samples) * 1000.0, p99 * 1000.0)


def harvested_lessons(knowledge: Knowledge, count: int = HARVESTED) -> list[Lesson]:
    """Stand-ins for lessons harvested after the booklet: its own paragraphs, as lessons of
    later meetings under the theme of their section. A hard case: they echo the booklet."""
    theme_of = {source: t.slug for t in knowledge.themes for source in t.sources}
    fallback = knowledge.themes[0].slug
    paragraphs = [
        (section.source, paragraph)
        for section in knowledge.sections
        for paragraph in section.text.split("\n\n")
        if len(paragraph) > 80
    ]
    lessons = []
    for number in range(count):
        source, text = paragraphs[number % len(paragraphs)]
        title = text.split(". ")[0][:100]
        meeting = 8 + number // 10
        lessons.append(
            Lesson(
                id=f"oogst-{number + 1}",
                theme=theme_of.get(source, fallback),
                source=f"bijeenkomst-{meeting}",
                title=title,
                text=text,
                origin_nl=f"bijeenkomst {meeting}",
            )
        )
    return lessons


def booklet_only(search: Callable[[str, int], list[Hit]]) -> Callable[[str, int], list[Hit]]:
    """The booklet's units of a mixed ranking, in their order (harvested ones left out)."""

    def search_booklet(query: str, limit: int) -> list[Hit]:
        return [hit for hit in search(query, limit) if not hit.lesson.origin_nl]

    return search_booklet


def with_harvest(
    knowledge: Knowledge, graded: list[tuple[str, set[str]]], nonsense: list[str]
) -> None:
    index = LessonIndex(knowledge, cache_queries=False)
    extra = harvested_lessons(knowledge)
    start = time.perf_counter()
    index.set_extra(extra)
    build_ms = (time.perf_counter() - start) * 1000.0
    print(f"with {len(extra)} harvested lessons (added in {build_ms:.0f} ms):")
    lat = latency(index.search, [q for q, _ in graded] + nonsense)
    header = f"{'set':<22} {'hit@1':>6} {'hit@3':>6} {'MRR':>6} {'nonsense=[]':>11}"
    print(header + f" {'p50 ms':>8} {'p99 ms':>8}")
    sets = [("held-out, booklet", booklet_only(index.search), graded, nonsense)]
    sets.append(("held-out, mixed", index.search, graded, nonsense))
    for name, search, queries, junk in sets:
        q = quality(search, queries, junk)
        print(
            f"{name:<22} {q.hit1:>6.3f} {q.hit3:>6.3f} {q.mrr:>6.3f} {q.nonsense_empty:>11.2f} "
            f"{lat.p50_ms:>8.3f} {lat.p99_ms:>8.3f}"
        )


def main() -> int:
    graded, nonsense = load_queries()
    knowledge = load_knowledge()
    start = time.perf_counter()
    # No per-query cache: every timed search analyses its query from scratch.
    copbot = LessonIndex(knowledge, cache_queries=False)
    build_ms = (time.perf_counter() - start) * 1000.0
    baseline = PlainBM25(knowledge)
    all_queries = [q for q, _ in graded] + nonsense

    rows = []
    for name, engine in (("copbot", copbot), ("plain BM25", baseline)):
        q = quality(engine.search, graded, nonsense)
        lat = latency(engine.search, all_queries)
        rows.append((name, q, lat))

    print(
        f"lesson search benchmark: {len(knowledge.lessons)} units, {len(graded)} graded queries, "
        f"{len(nonsense)} nonsense queries, {REPETITIONS} timing rounds"
    )
    print(f"copbot index build: {build_ms:.0f} ms")
    header = f"{'engine':<12} {'hit@1':>6} {'hit@3':>6} {'MRR':>6} {'nonsense=[]':>11} "
    print(header + f"{'p50 ms':>8} {'p99 ms':>8}")
    for name, q, lat in rows:
        print(
            f"{name:<12} {q.hit1:>6.3f} {q.hit3:>6.3f} {q.mrr:>6.3f} {q.nonsense_empty:>11.2f} "
            f"{lat.p50_ms:>8.3f} {lat.p99_ms:>8.3f}"
        )
    (_, _, ours), (_, _, base) = rows
    print(
        f"latency ratio copbot/baseline: p50 {ours.p50_ms / base.p50_ms:.1f}x, "
        f"p99 {ours.p99_ms / base.p99_ms:.1f}x"
    )
    if HOLDOUT.exists():
        held, held_nonsense = load_queries(HOLDOUT)
        print(f"held-out set: {len(held)} graded queries, {len(held_nonsense)} nonsense")
        for name, engine in (("copbot", copbot), ("plain BM25", baseline)):
            q = quality(engine.search, held, held_nonsense)
            print(
                f"{name:<12} {q.hit1:>6.3f} {q.hit3:>6.3f} {q.mrr:>6.3f} {q.nonsense_empty:>11.2f}"
            )
        with_harvest(knowledge, held, held_nonsense)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
