"""Each pairing rule on plain data: successor, cross-city, load, repeat, capacity, pause."""

from __future__ import annotations

from handlers.buddies.rules import (
    Match,
    Person,
    choose_buddy,
    is_experienced,
    plan_round,
)

NEW = Person(id=1, city="Arnhem")


def buddy(pid: int, city: str | None, load: int = 0, **kw: object) -> Person:
    values: dict[str, object] = {
        "experienced": True,
        "offers": True,
        "capacity": 2,
        "load": load,
    }
    values.update(kw)
    return Person(id=pid, city=city, **values)  # type: ignore[arg-type]


def test_successor_is_paired_with_the_predecessor_from_the_same_city() -> None:
    predecessor = Person(id=9, city="arnhem ", offers=False)  # no offer, no capacity needed
    others = [buddy(2, "Utrecht")]
    assert choose_buddy(NEW, others, predecessor=predecessor) == Match(9, "successor")


def test_successor_rule_needs_the_predecessor_still_active_and_same_city() -> None:
    others = [buddy(2, "Utrecht")]
    gone = Person(id=9, city="Arnhem", active=False)
    elsewhere = Person(id=9, city="Zwolle")
    paused = Person(id=9, city="Arnhem", paused=True)
    for predecessor in (gone, elsewhere, paused):
        assert choose_buddy(NEW, others, predecessor=predecessor) == Match(2, "cross_city")


def test_another_city_is_preferred_to_the_same_city() -> None:
    candidates = [buddy(2, "Arnhem"), buddy(3, "Den Haag", load=1), buddy(4, None)]
    assert choose_buddy(NEW, candidates) == Match(3, "cross_city")
    assert choose_buddy(NEW, [buddy(2, "Arnhem"), buddy(4, None)]) == Match(4, "unknown_city")
    assert choose_buddy(NEW, [buddy(2, "Arnhem")]) == Match(2, "same_city")


def test_the_buddy_with_the_fewest_newcomers_is_chosen() -> None:
    candidates = [buddy(2, "Utrecht", load=1), buddy(3, "Zwolle", load=0), buddy(4, "Delft", 1)]
    assert choose_buddy(NEW, candidates) == Match(3, "cross_city")


def test_never_a_pair_that_existed_before_in_either_role() -> None:
    candidates = [buddy(2, "Utrecht"), buddy(3, "Zwolle", load=1)]
    assert choose_buddy(NEW, candidates, past_pairs=[(1, 2)]) == Match(3, "cross_city")
    assert choose_buddy(NEW, candidates, past_pairs=[(2, 1), (3, 1)]) is None
    predecessor = Person(id=9, city="Arnhem")
    assert choose_buddy(NEW, [], past_pairs=[(1, 9)], predecessor=predecessor) is None


def test_capacity_is_respected() -> None:
    full = buddy(2, "Utrecht", load=2, capacity=2)
    assert choose_buddy(NEW, [full]) is None
    assert choose_buddy(NEW, [full, buddy(3, "Arnhem", load=1, capacity=3)]) == Match(
        3, "same_city"
    )


def test_nobody_on_pause_leaving_inexperienced_or_without_offer() -> None:
    candidates = [
        buddy(2, "Utrecht", paused=True),
        buddy(3, "Zwolle", active=False),
        buddy(4, "Delft", experienced=False),
        buddy(5, "Ede", offers=False),
        buddy(1, "Utrecht"),  # the newcomer themselves
    ]
    assert choose_buddy(NEW, candidates) is None


def test_nobody_available_until_someone_volunteers() -> None:
    assert choose_buddy(NEW, []) is None
    volunteer = buddy(7, "Groningen")
    assert choose_buddy(NEW, [volunteer]) == Match(7, "cross_city")


def test_a_round_counts_new_pairs_as_load() -> None:
    newcomers = [Person(id=1, city="Arnhem"), Person(id=2, city="Arnhem"), Person(id=3)]
    candidates = [buddy(10, "Utrecht", capacity=1), buddy(11, "Zwolle", capacity=1)]
    plan = plan_round(newcomers, candidates)
    assert plan[1] == Match(10, "cross_city")
    assert plan[2] == Match(11, "cross_city")
    assert plan[3] is None


def test_experience_is_three_sessions_or_the_flag() -> None:
    assert not is_experienced(False, 2)
    assert is_experienced(False, 3)
    assert is_experienced(True, 0)


def test_a_city_written_in_english_or_lower_case_is_the_same_city() -> None:
    newcomer = Person(id=1, city="The Hague")
    assert choose_buddy(newcomer, [buddy(2, "Den Haag")]) == Match(2, "same_city")
    assert choose_buddy(Person(id=1, city="groningen"), [buddy(2, "Groningen")]) == Match(
        2, "same_city"
    )
