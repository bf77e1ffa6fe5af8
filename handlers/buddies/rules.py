"""The pairing rules of the maatjessysteem as pure functions over plain data.

Rules, in order (booklet §1.9, Jan Jans: "zorg dan voor goede overdracht, of regel een
maatjessysteem van ervaren en nieuwe deelnemers"):

1. A successor is paired with their predecessor from the same city when that person is still
   active: the best handover there is.
2. Otherwise an experienced buddy with room from another city (diagonal learning across cities),
   the one with the fewest newcomers.
3. When nobody from another city is free: someone whose city is unknown, then someone from the
   same city, again the one with the fewest newcomers.

Never someone who is leaving or on pause, never someone without room, never a pair that existed
before. Every match says why it was made (`Match.rule`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from bot.core.cities import city_key
from bot.db.models.buddies import (
    RULE_CROSS_CITY,
    RULE_SAME_CITY,
    RULE_SUCCESSOR,
    RULE_UNKNOWN_CITY,
)

# Sessions attended after which someone counts as experienced (and a newcomer graduates).
EXPERIENCED_AFTER = 3
# "/maatje word" without a number: room for this many newcomers at a time.
DEFAULT_CAPACITY = 2
MAX_CAPACITY = 5


@dataclass(frozen=True)
class Person:
    """What the rules need to know about a participant."""

    id: int
    city: str | None = None
    active: bool = True  # status "active": not leaving, not left
    experienced: bool = False  # the "ervaren" flag or EXPERIENCED_AFTER sessions attended
    offers: bool = False  # volunteered with /maatje word
    capacity: int = 0
    paused: bool = False
    load: int = 0  # newcomers paired with them right now


@dataclass(frozen=True)
class Match:
    buddy_id: int
    rule: str  # one of the RULE_* codes in bot.db.models.buddies


def same_city(a: str | None, b: str | None) -> bool:
    return bool(city_key(a) and city_key(a) == city_key(b))


def is_experienced(flag: bool, sessions_attended: int) -> bool:
    return flag or sessions_attended >= EXPERIENCED_AFTER


def has_room(buddy: Person) -> bool:
    return buddy.offers and not buddy.paused and buddy.load < buddy.capacity


def paired_before(a: int, b: int, past_pairs: Iterable[tuple[int, int]]) -> bool:
    """Whether a and b were ever a pair, in either role."""
    return any({a, b} == {x, y} for x, y in past_pairs)


def successor_match(
    newcomer: Person, predecessor: Person | None, past_pairs: Iterable[tuple[int, int]]
) -> Match | None:
    """Rule 1: the predecessor from the same city, while still active and not on pause."""
    if predecessor is None or predecessor.id == newcomer.id:
        return None
    if not predecessor.active or predecessor.paused:
        return None
    if not same_city(newcomer.city, predecessor.city):
        return None
    if paired_before(newcomer.id, predecessor.id, past_pairs):
        return None
    return Match(predecessor.id, RULE_SUCCESSOR)


def eligible_buddies(
    newcomer: Person, candidates: Iterable[Person], past_pairs: Iterable[tuple[int, int]]
) -> list[Person]:
    """Experienced, active volunteers with room who were never paired with this newcomer."""
    pairs = list(past_pairs)
    return [
        c
        for c in candidates
        if c.id != newcomer.id
        and c.active
        and c.experienced
        and has_room(c)
        and not paired_before(newcomer.id, c.id, pairs)
    ]


def city_tier(newcomer: Person, buddy: Person) -> str:
    """How the cities relate: another city is best for diagonal learning."""
    if not newcomer.city or not buddy.city:
        return RULE_UNKNOWN_CITY
    return RULE_SAME_CITY if same_city(newcomer.city, buddy.city) else RULE_CROSS_CITY


TIER_ORDER = {RULE_CROSS_CITY: 0, RULE_UNKNOWN_CITY: 1, RULE_SAME_CITY: 2}


def choose_buddy(
    newcomer: Person,
    candidates: Iterable[Person],
    past_pairs: Iterable[tuple[int, int]] = (),
    predecessor: Person | None = None,
) -> Match | None:
    """The buddy for `newcomer` by the rules above, or None when nobody is available."""
    pairs = list(past_pairs)
    match = successor_match(newcomer, predecessor, pairs)
    if match is not None:
        return match
    options = eligible_buddies(newcomer, candidates, pairs)
    if not options:
        return None
    best = min(options, key=lambda c: (TIER_ORDER[city_tier(newcomer, c)], c.load, c.id))
    return Match(best.id, city_tier(newcomer, best))


def plan_round(
    newcomers: Iterable[Person],
    candidates: Iterable[Person],
    past_pairs: Iterable[tuple[int, int]] = (),
    predecessors: dict[int, Person] | None = None,
) -> dict[int, Match | None]:
    """Pair several newcomers in turn (/maatje koppel), counting each new pair as load."""
    pool = {c.id: c for c in candidates}
    pairs = list(past_pairs)
    predecessors = predecessors or {}
    plan: dict[int, Match | None] = {}
    for newcomer in newcomers:
        match = choose_buddy(newcomer, pool.values(), pairs, predecessors.get(newcomer.id))
        plan[newcomer.id] = match
        if match is None:
            continue
        pairs.append((newcomer.id, match.buddy_id))
        chosen = pool.get(match.buddy_id)
        if chosen is not None:
            pool[chosen.id] = replace(chosen, load=chosen.load + 1)
    return plan
