"""The books page shows per meeting the books picked in chat, their presenters and the
readers' verdicts, with the verdicts per book as a chart and a table."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bot.kernel.services import Services
from tests.factories import Person
from tests.handlers.dashboard.conftest import client, sign_in

SESSION = "/sessie nieuw 3 december 2026 10:00 | Utrecht | Durf | geen overnachting"


async def test_picks_presenters_and_verdicts_per_meeting(
    services: Services, organiser: Person, participant: Person, base_url: str
) -> None:
    jan = Person(services, "p3", name="Jan Jans", username="jan")
    for person in (organiser, participant, jan):
        await person.say("/start")
    await participant.say("/boek voorstel Wijken in beweging — KEI")
    await organiser.say(SESSION)
    await organiser.say("/boek")  # the booklet's books (#1, #2) are there from the first use
    assert "gekozen" in (await organiser.text("/boek kies 3 1")).lower()
    assert "Top!" in await participant.text("/boek presenteer 3")
    await jan.say("/boek presenteer 3")
    services.clock.set(datetime(2026, 12, 5, 9, 0, tzinfo=UTC))  # type: ignore[attr-defined]
    await participant.say("/boek oordeel 3 bruikbaar Lees het met je wijkteam <b>nu</b>.")
    await jan.say("/boek oordeel 3 niet doorheen te komen Te dik.")

    async with client(base_url) as browser:
        await sign_in(browser, base_url, organiser)
        async with browser.get(base_url + "/dashboard/books") as answer:
            assert answer.status == 200
            html = await answer.text()
    assert "Bijeenkomst 1: " in html and "<caption>Gekozen voor bijeenkomst 1</caption>" in html
    assert re.search(
        r'<th scope="row">#3 Wijken in beweging — KEI</th><td>Esther Brink en Jan Jans</td>'
        r'<td class="num">1</td><td class="num">0</td><td class="num">1</td>',
        html,
    ), html
    verdicts = html[html.index("<caption>Oordelen over Wijken in beweging") :]
    assert (
        '<th scope="row">Esther Brink</th><td>bruikbaar</td>'
        "<td>Lees het met je wijkteam &lt;b&gt;nu&lt;/b&gt;.</td>" in verdicts
    )
    assert (
        '<th scope="row">Jan Jans</th><td>niet doorheen te komen</td><td>Te dik.</td>' in verdicts
    )
    # The chart: a stacked column per picked book, one series per verdict, and its table.
    assert 'aria-labelledby="verdicts-title verdicts-desc"' in html
    assert 'data-series="bruikbaar" data-value="1"' in html
    assert 'data-series="aan het denken gezet" data-value="0"' in html
    assert "<b>nu</b>" not in html


async def test_a_pick_without_presenters_says_how_to_volunteer(
    organiser: Person, base_url: str
) -> None:
    await organiser.say("/start")
    await organiser.say(SESSION)
    await organiser.say("/boek kies 2 1")
    async with client(base_url) as browser:
        await sign_in(browser, base_url, organiser)
        async with browser.get(base_url + "/dashboard/books") as answer:
            html = await answer.text()
    assert "nog niemand (/boek presenteer 2)" in html
    # The booklet's own verdict on it is shown as the booklet's.
    assert "uit het boekje, §1.6" in html


async def test_no_picks_yet_says_how_to_pick(organiser: Person, base_url: str) -> None:
    async with client(base_url) as browser:
        await sign_in(browser, base_url, organiser)
        async with browser.get(base_url + "/dashboard/books") as answer:
            assert answer.status == 200
            html = await answer.text()
    assert "Nog geen boeken gekozen" in html and "/boek kies" in html and "<svg" not in html


async def test_no_books_page_without_a_session(base_url: str) -> None:
    async with client(base_url) as browser, browser.get(base_url + "/dashboard/books") as page:
        assert page.status == 403
        assert "Gekozen voor" not in await page.text()
