"""The agenda page shows what the chat shows: proposals with their support, the vote as bars
with exactly /peiling stand's order and counts, the programme, and helpful empty states."""

from __future__ import annotations

import re
from html import unescape

from bot.kernel.services import Services
from tests.factories import Person
from tests.handlers.dashboard.conftest import client, sign_in

PLAN = "/sessie nieuw 14 januari 2027 10:00 | Utrecht, Zuilen | Vreedzame wijk | geen overnachting"


def page_bars(html: str) -> list[tuple[str, int]]:
    """(label, votes) of each bar of the page's vote chart, top to bottom."""
    return [
        (unescape(label), int(value))
        for label, value in re.findall(
            r'<g class="bar" data-label="([^"]*)" data-value="(\d+)"', html
        )
    ]


def chat_ranking(standing: str) -> list[tuple[str, int]]:
    """(label, votes) of each line of /peiling stand: "1. #2 Title" then "   ███ 2"."""
    return [
        (label, int(count))
        for label, count in re.findall(r"^\d+\. (#\d+ .+)\n\s+\S+ (\d+)$", standing, re.M)
    ]


async def vote(person: Person, *titles: str) -> None:
    """Open the vote message in the chat and press the buttons of these topics."""
    await person.say("/peiling")
    for title in titles:
        [data] = [d for label, d in person.buttons() if label.startswith(title[:20])]
        await person.press(data)


async def test_the_chart_shows_the_votes_cast_in_chat_with_the_chats_figures(
    services: Services, organiser: Person, participant: Person, base_url: str
) -> None:
    third = Person(services, "p3", name="Jan Jans", username="jan")
    for person in (organiser, participant, third):
        await person.say("/start")
    await organiser.say(PLAN)
    await participant.say("/agenda voorstel Bewoners het stuur geven\nomdat we vastlopen")
    await third.say("/agenda voorstel Corporaties aan tafel")
    await organiser.say("/agenda voorstel Vroeg signaleren <script>x</script>")
    await third.say("/agenda steun 1")
    await organiser.say("/agenda steun 1")
    assert "is open tot" in await organiser.text("/peiling open")
    await vote(participant, "Corporaties aan tafel", "Bewoners het stuur geven")
    await vote(third, "Corporaties aan tafel")
    await vote(organiser, "Corporaties aan tafel", "Bewoners het stuur geven")
    standing = await organiser.text("/peiling stand")
    expected = chat_ranking(standing)
    assert expected == [
        ("#2 Corporaties aan tafel", 3),
        ("#1 Bewoners het stuur geven", 2),
        ("#3 Vroeg signaleren <script>x</script>", 0),
    ], standing

    async with client(base_url) as browser:
        await sign_in(browser, base_url, organiser)
        async with browser.get(base_url + "/dashboard/agenda") as answer:
            assert answer.status == 200
            html = await answer.text()
        assert page_bars(html) == expected
        assert "<script>x" not in html and "&lt;script&gt;x" in html
        # The proposals with their support, as /agenda lists them.
        assert re.search(
            r"#1</td><th scope=\"row\">Bewoners het stuur geven</th><td>Esther Brink</td>"
            r"<td class=\"num\">2</td><td>omdat we vastlopen</td>",
            html,
        )
        assert (
            '<th scope="row">Corporaties aan tafel</th><td>Jan Jans</td><td class="num">0' in html
        )
        assert "3 hebben gestemd" in html
        # A vote a moment later shows at once: nothing is cached.
        await vote(participant, "Vroeg signaleren")
        async with browser.get(base_url + "/dashboard/agenda/1") as again:
            assert ("#3 Vroeg signaleren <script>x</script>", 1) in page_bars(await again.text())
        assert chat_ranking(await organiser.text("/peiling stand"))[2][1] == 1


async def test_a_hidden_vote_shows_no_counts_until_it_closes_then_the_programme(
    organiser: Person, participant: Person, base_url: str
) -> None:
    for person in (organiser, participant):
        await person.say("/start")
    await organiser.say(PLAN)
    await participant.say("/agenda voorstel Bewoners het stuur geven")
    await organiser.say("/agenda voorstel Corporaties aan tafel")
    await organiser.say("/peiling open verborgen")
    await vote(participant, "Corporaties aan tafel")
    assert "verborgen" in (await organiser.text("/peiling stand")).lower()
    async with client(base_url) as browser:
        await sign_in(browser, base_url, organiser)
        async with browser.get(base_url + "/dashboard/agenda") as answer:
            html = await answer.text()
        assert "verborgen tot de peiling sluit" in html and page_bars(html) == []
        assert "Nog geen programma" in html and "/programma 1 neem" in html

        await organiser.say("/peiling sluit")
        await organiser.say("/programma 1 neem 2 10:30")
        await organiser.say("/programma 1 eigenaar 1 @esther")
        async with browser.get(base_url + "/dashboard/agenda") as answer:
            html = await answer.text()
        assert page_bars(html) == chat_ranking(await organiser.text("/peiling stand 1"))
        assert page_bars(html)[0] == ("#2 Corporaties aan tafel", 1)
        assert "Gesloten op" in html
        programme = html[html.index(">Programma</caption>") :]
        assert re.search(
            r'<td class="num">1</td><td class="num">1</td><td>10:30</td>'
            r'<th scope="row">Corporaties aan tafel</th><td></td><td></td><td>Esther Brink</td>',
            programme,
        ), programme


async def test_empty_states_say_what_to_do_in_the_chat(organiser: Person, base_url: str) -> None:
    async with client(base_url) as browser:
        await sign_in(browser, base_url, organiser)
        async with browser.get(base_url + "/dashboard/agenda") as answer:
            assert answer.status == 200
            assert "Plan er een met /sessie nieuw" in await answer.text()
        await organiser.say(PLAN)
        async with browser.get(base_url + "/dashboard/agenda") as answer:
            html = await answer.text()
        assert "Nog geen voorstellen: deelnemers doen er een met /agenda voorstel" in html
        assert "De peiling is nog niet open" in html and "/peiling open 1" in html
        async with browser.get(base_url + "/dashboard/agenda/999") as missing:
            assert missing.status == 404
            assert "Dat staat hier niet" in await missing.text()
        async with browser.get(base_url + "/dashboard/agenda/abc") as missing:
            assert missing.status == 404


async def test_no_agenda_page_without_a_session(base_url: str) -> None:
    async with client(base_url) as browser:
        for path in ("/dashboard/agenda", "/dashboard/agenda/1"):
            async with browser.get(base_url + path) as page:
                assert page.status == 403
                text = await page.text()
                assert "niet (meer) ingelogd" in text and "<svg" not in text
