"""/kern on a generated history of 8 sessions and 40 participants, and the pulse rules."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from bot.db.models.buddies import Departure
from bot.kernel.services import Services
from handlers.buddies.continuity import pulse
from tests.factories import Person
from tests.history_factory import History, add_person, generate_history


def expected(history: History, year: int) -> tuple[set[int], int, dict[int, str]]:
    """The stable core, the recent crowd and the newcomers per person, computed by hand."""
    last_four = set(history.sessions[-4:])
    core = {p for p, seen in history.attended.items() if len(seen & last_four) >= 3}
    recent = sum(1 for seen in history.attended.values() if seen & last_four)
    start = dict(zip(history.sessions, history.starts, strict=True))
    newcomers = {
        p: history.cities[p]
        for p, seen in history.attended.items()
        if seen and min(start[s] for s in seen).year == year
    }
    return core, recent, newcomers


async def test_core_newcomers_and_leavers_on_a_generated_history(services: Services) -> None:
    history = await generate_history(services, sessions=8, people=40)
    now = services.clock.now()
    core, recent, newcomers = expected(history, now.year)
    assert 5 <= len(core) <= 30 and newcomers  # the generated history is not degenerate

    # Two left this year, one last year.
    leavers = [history.people[1], history.people[6]]
    last_year = datetime(2025, 6, 1, tzinfo=UTC)
    async with services.database() as db, db.begin():
        for person_id, when in (
            (leavers[0], now),
            (leavers[1], now),
            (history.people[2], last_year),
        ):
            city = history.cities[person_id]
            db.add(
                Departure(participant_id=person_id, left_at=when - timedelta(days=10), city=city)
            )

    organiser = Person(services, "organiser", name="Olga Organisator")
    text = await organiser.text("/kern")

    match = re.search(r"laatste 4 bijeenkomsten\): (\d+) van de (\d+) mensen", text)
    assert match, text
    assert int(match[1]) == len(core) and int(match[2]) == recent
    names = {f"Deelnemer {history.people.index(p) + 1:02d}" for p in core}
    core_line = text.splitlines()[2]
    assert set(re.split(r", | en ", core_line.strip())) == names  # "A, B en C"
    assert core_line.count(" en ") == 1
    assert f"Dit jaar: {len(newcomers)} nieuwkomers, 2 vertrokken." in text
    per_city: dict[str, list[int]] = {}
    for city in newcomers.values():
        per_city.setdefault(city, [0, 0])[0] += 1
    for person_id in leavers:
        per_city.setdefault(history.cities[person_id], [0, 0])[1] += 1
    for city, (new, left) in per_city.items():
        assert f"• {city}: {new} nieuw, {left} vertrokken" in text
    assert text.count("• ") == len(per_city)


async def test_kern_is_for_organisers_and_says_when_history_is_short(
    services: Services, participant: Person
) -> None:
    assert "organisator" in (await participant.text("/kern")).lower()
    await add_person(services, "Iemand", city="Ede")
    text = await Person(services, "organiser", name="Olga").text("/kern")
    assert "nog geen 4 bijeenkomsten" in text and "Dit jaar: 0 nieuwkomers, 0 vertrokken" in text


def day(n: int) -> datetime:
    return datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=n)


SESSIONS = [(1, day(-300)), (2, day(-200)), (3, day(10)), (4, day(100)), (5, day(200))]


def test_steady_group_has_no_warning() -> None:
    regulars = {p: {1, 2, 3, 4, 5} for p in range(10)}
    result = pulse(SESSIONS, regulars | {99: {4, 5}}, {99: "Ede"}, [], 2026)
    assert len(result.core) == 10 and result.newcomers == (99,)
    assert result.per_city == {"Ede": (1, 0)}
    assert not result.high_turnover


def test_duiventil_warning_when_more_come_and_go_than_the_core_holds() -> None:
    core = {p: {2, 3, 4, 5} for p in range(3)}
    shoppers = {p: {5} for p in range(10, 16)}  # six newcomers this year, once each
    result = pulse(SESSIONS, core | shoppers, {}, [(20, "Arnhem", day(150))], 2026)
    assert len(result.core) == 3 and len(result.newcomers) == 6
    assert result.leavers == (20,) and result.per_city == {"": (6, 0), "Arnhem": (0, 1)}
    assert result.high_turnover


def test_warning_when_the_core_is_a_small_share_of_who_comes() -> None:
    old_regulars = {p: {1, 2, 3, 4, 5} for p in range(2)}
    occasional = {p: {1, 4} for p in range(10, 20)}  # known faces, not new, not core
    result = pulse(SESSIONS, old_regulars | occasional, {}, [], 2026)
    assert result.newcomers == () and result.recent == 12
    assert result.high_turnover


def test_veterans_at_the_first_recorded_session_are_no_newcomers() -> None:
    first_meeting = [(1, day(100))]
    came = {p: {1} for p in range(1, 7)}  # four veterans and two who said they are new
    result = pulse(
        first_meeting,
        came,
        {},
        [],
        2026,
        said_new={5: day(20), 6: day(30)},
        veterans={1, 2},
    )
    assert result.newcomers == (5, 6)


def test_newcomers_count_before_any_meeting_and_cities_are_normalised() -> None:
    cities = {5: "Den Haag", 6: "The Hague", 7: "groningen", 8: "Groningen"}
    said_new = {pid: day(20) for pid in cities}
    result = pulse([], {}, cities, [(9, "den haag", day(40))], 2026, said_new=said_new)
    assert result.newcomers == (5, 6, 7, 8)
    assert result.per_city == {"Den Haag": (2, 1), "Groningen": (2, 0)}


async def test_kern_through_a_first_cycle(services: Services) -> None:
    await add_person(services, "Nina Nieuw", city="The Hague", is_newcomer=True)
    await add_person(services, "Otto Ook", city="den haag", is_newcomer=True)
    await add_person(services, "Vera Veteraan", city="Groningen", experienced=True)
    text = await Person(services, "organiser", name="Olga").text("/kern")
    assert "Dit jaar: 2 nieuwkomers, 0 vertrokken" in text
    assert "• Den Haag: 2 nieuw, 0 vertrokken" in text
    assert "Het verloop is in evenwicht" not in text and "zeg ik na 4 bijeenkomsten" in text


async def test_kern_and_history_say_in_words_where_in_the_booklet_they_come_from(
    services: Services, organiser: Person
) -> None:
    [core] = await organiser.say("/kern")
    assert core.context == "Uit het boekje: §1.7 en bijlage 1, les 3 (een stabiele kern)"
    english = Person(services, "organiser", name="Olga Organisator", language="en")
    await english.say("/me language en")
    [history] = await english.say("/history")
    assert history.context is not None and history.context.startswith("From the booklet: §1.7")
