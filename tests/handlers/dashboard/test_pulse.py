"""The pulse page shows /kern's figures (stable core, newcomers, leavers per city) and the
attendance per meeting and per city over time, from attendance marked in chat."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bot.kernel.services import Services
from tests.factories import Person
from tests.handlers.dashboard.conftest import client, sign_in

MEETINGS = (
    "3 december 2026 10:00 | Utrecht | Durf",
    "14 januari 2027 10:00 | Rotterdam | Wonen",
    "11 maart 2027 10:00 | Den Haag | Zorg",
    "20 mei 2027 10:00 | Zwolle | Veiligheid",
)
# Who was there: Olga at all four, Esther at the first three, Jan at 2 and 4, Piet at 4.
PRESENT = {"olga": (1, 2, 3, 4), "esther": (1, 2, 3), "jan": (2, 4), "piet": (4,)}


def row(html: str, label: str) -> list[int]:
    """The numbers of a table row whose header is `label`."""
    found = re.search(
        r'<th scope="row">' + re.escape(label) + r"</th>((?:<td class=\"num\">\d+</td>)+)", html
    )
    assert found, label
    return [int(n) for n in re.findall(r"\d+", found.group(1))]


async def test_the_pulse_shows_the_chats_figures_and_attendance_over_time(
    services: Services, organiser: Person, participant: Person, base_url: str
) -> None:
    jan = Person(services, "p3", name="Jan Jans", username="jan")
    piet = Person(services, "p4", name="Piet Pols", username="piet")
    for person, city in ((organiser, "Utrecht"), (participant, "Rotterdam"), (jan, "rotterdam")):
        await person.say("/start")
        await person.say(f"/ik stad {city}")
    await piet.say("/start")
    for meeting in MEETINGS:
        assert "Bijeenkomst" in await organiser.text(
            f"/sessie nieuw {meeting} | geen overnachting"
        )
    for who, meetings in PRESENT.items():
        for number in meetings:
            await organiser.say(f"/aanwezig {number} @{who} ja")
    services.clock.set(datetime(2027, 6, 15, 9, 0, tzinfo=UTC))  # type: ignore[attr-defined]
    kern = await organiser.text("/kern")
    core = re.search(r"(\d+) van de (\d+) mensen", kern)
    year = re.search(r"Dit jaar: (\d+) nieuwkomers, (\d+) vertrokken", kern)
    assert core and year, kern
    assert (core[1], core[2], year[1], year[2]) == ("2", "4", "2", "0"), kern

    async with client(base_url) as browser:
        await sign_in(browser, base_url, organiser)
        async with browser.get(base_url + "/dashboard/pulse") as answer:
            assert answer.status == 200
            html = await answer.text()
    # /kern's figures, the same numbers.
    for number, word in ((core[1], "Vaste kern"), (core[2], "Kwamen recent")):
        assert f"<strong>{number}</strong> {word}" in html
    assert f"<strong>{year[1]}</strong> Nieuwkomers" in html
    assert f"<strong>{year[2]}</strong> Vertrokken" in html
    assert "In de vaste kern: Esther Brink en Olga Organisator" in html
    assert row(html, "Rotterdam") == [1, 0]  # Jan is new from Rotterdam this year
    assert row(html, "(stad onbekend)") == [1, 0]  # and Piet, who gave no city
    # Per meeting: those of the stable core as it stood then, and the others.
    assert row(html, "1 (03-12-26)") == [0, 2]
    assert row(html, "2 (14-01-27)") == [0, 3]
    assert row(html, "3 (11-03-27)") == [2, 0]
    assert row(html, "4 (20-05-27)") == [1, 2]
    # Per city (the cities' table has a column per city: Rotterdam, Utrecht, unknown).
    cities = html[html.index("Aanwezig per bijeenkomst, per stad") :]
    assert row(cities, "4 (20-05-27)") == [1, 1, 1]
    assert row(cities, "1 (03-12-26)") == [1, 1, 0]
    assert 'role="img"' in html and 'aria-labelledby="attendance-title attendance-desc"' in html
    # Core, newcomers and leavers per year.
    assert row(html, "2027") == [2, 2, 0]


async def test_before_any_meeting_the_page_says_what_will_come(
    organiser: Person, base_url: str
) -> None:
    async with client(base_url) as browser:
        await sign_in(browser, base_url, organiser)
        async with browser.get(base_url + "/dashboard/pulse") as answer:
            assert answer.status == 200
            html = await answer.text()
    assert "Nog geen bijeenkomst geweest" in html and "/aanwezig" in html
    assert "<svg" not in html


async def test_no_pulse_page_without_a_session(base_url: str) -> None:
    async with client(base_url) as browser, browser.get(base_url + "/dashboard/pulse") as page:
        assert page.status == 403
        assert "Vaste kern" not in await page.text()
