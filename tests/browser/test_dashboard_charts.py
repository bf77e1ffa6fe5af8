"""The overview's charts in chromium: through the one-time link from /dashboard in the chat,
the agenda chart's bars are the votes cast in chat a moment before; the pulse and books pages
render; each page passes axe-core and leaves a screenshot."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

from playwright.async_api import Page

from bot.kernel.services import Services
from handlers.dashboard.charts import BAR_AREA
from tests.browser.harness import BotWeb
from tests.factories import Person

PLAN = "/sessie nieuw 14 januari 2027 10:00 | Utrecht, Zuilen | Vreedzame wijk | geen overnachting"


async def vote(person: Person, *titles: str) -> None:
    await person.say("/peiling")
    for title in titles:
        [data] = [d for label, d in person.buttons() if label.startswith(title)]
        await person.press(data)


async def sign_in(page: Page, bot_web: BotWeb, organiser: Person) -> None:
    answer = await organiser.text("/dashboard")
    found = re.search(re.escape(bot_web.url) + r"/dashboard/login/[\w-]+", answer)
    assert found, answer
    await page.goto(found.group(0))
    await page.get_by_role("button", name="Open het overzicht").click()
    await page.wait_for_url("**/dashboard/meetings")


async def test_agenda_bars_match_the_votes_and_the_pages_pass_axe(
    services: Services,
    organiser: Person,
    participant: Person,
    bot_web: BotWeb,
    page: Page,
    check_accessibility: Callable[[Page], Awaitable[None]],
    screenshot: Callable[[Page, str], Awaitable[Path]],
) -> None:
    third = Person(services, "p3", name="Jan Jans", username="jan")
    for person in (organiser, participant, third):
        await person.say("/start")
    await organiser.say(PLAN)
    await participant.say("/agenda voorstel Bewoners het stuur geven")
    await third.say("/agenda voorstel Corporaties aan tafel")
    await organiser.say("/agenda voorstel Vroeg signaleren")
    await organiser.say("/peiling open")
    await vote(participant, "Corporaties", "Bewoners")
    await vote(third, "Corporaties")
    await vote(organiser, "Corporaties")
    await organiser.say("/boek")
    await organiser.say("/boek kies 2 1")
    await participant.say("/boek presenteer 2")

    await sign_in(page, bot_web, organiser)
    await page.goto("/dashboard/agenda")
    bars = page.locator("figure#votes svg g.bar")
    drawn = [
        (
            await bar.get_attribute("data-label"),
            int(await bar.get_attribute("data-value") or -1),
            float(await bar.locator("rect").get_attribute("width") or -1),
            (await bar.locator("text").last.text_content() or "").strip(),
        )
        for bar in await bars.all()
    ]
    assert [(label, votes, shown) for label, votes, _, shown in drawn] == [
        ("#2 Corporaties aan tafel", 3, "3"),
        ("#1 Bewoners het stuur geven", 1, "1"),
        ("#3 Vroeg signaleren", 0, "0"),
    ]
    assert [width for *_, width, _ in drawn] == [BAR_AREA, round(BAR_AREA / 3, 2), 0.0]
    # The rendered bars really are that long on screen, in proportion.
    boxes = [await bar.locator("rect").bounding_box() for bar in await bars.all()]
    assert boxes[0] and boxes[1]
    assert abs(boxes[0]["width"] - 3 * boxes[1]["width"]) < 1.0
    await page.get_by_text("De cijfers als tabel").click()  # the numbers without the picture
    assert await page.get_by_role("row", name="#2 Corporaties aan tafel 3").is_visible()
    await screenshot(page, "agenda")
    await check_accessibility(page)

    # After the meeting (a new link: the session of 8 hours is over by then).
    await organiser.say("/aanwezig 1 @esther ja")
    services.clock.set(datetime(2027, 1, 20, 9, 0, tzinfo=UTC))  # type: ignore[attr-defined]
    await sign_in(page, bot_web, organiser)
    await page.goto("/dashboard/pulse")
    assert await page.get_by_role("heading", name="Puls").is_visible()
    await screenshot(page, "pulse")
    await check_accessibility(page)

    await page.goto("/dashboard/books")
    assert await page.get_by_role("heading", name="Boeken").is_visible()
    assert await page.get_by_text("Esther Brink").first.is_visible()
    await screenshot(page, "books")
    await check_accessibility(page)
