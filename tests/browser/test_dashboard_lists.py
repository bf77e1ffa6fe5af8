"""The buddies and messages pages in a real browser, opened through the one-time link from
/dashboard in the chat, with the data made in the chat a moment before; and the refusals: a
reused link and a participant get a clear page and no data."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from pathlib import Path

from playwright.async_api import Browser, Page

from bot.kernel.services import Services
from tests.browser import harness
from tests.browser.harness import BotWeb
from tests.factories import Person
from tests.handlers.buddies.test_buddies import newcomer, volunteer
from tests.handlers.dashboard.test_messages import a_meeting_with_a_reminder_that_partly_failed

Shot = Callable[[Page, str], Awaitable[Path]]
Check = Callable[[Page], Awaitable[None]]


def link_in(answer: str, bot_web: BotWeb) -> str:
    found = re.search(re.escape(bot_web.url) + r"/dashboard/login/[\w-]+", answer)
    assert found, answer
    return found.group(0)


async def made_in_chat(services: Services, organiser: Person, participant: Person) -> None:
    """A meeting whose reminder partly failed, two buddy pairs and a newcomer waiting."""
    await a_meeting_with_a_reminder_that_partly_failed(services, organiser, participant)
    ulla = await volunteer(services, "ub", "Ulla Utrecht", "Utrecht")
    assert "maximaal 1" in await ulla.text("/maatje word 1")
    await newcomer(services, "nina", "Nina Nieuw", "Arnhem")
    _, waits = await newcomer(services, "mies", "Mies Maas", "Delft")
    assert "geen ervaren maatje vrij" in waits


async def test_the_buddies_and_messages_pages_show_what_happened_in_the_chat(
    services: Services,
    organiser: Person,
    participant: Person,
    bot_web: BotWeb,
    page: Page,
    chromium: Browser,
    screenshot: Shot,
    check_accessibility: Check,
) -> None:
    await made_in_chat(services, organiser, participant)
    link = link_in(await organiser.text("/dashboard"), bot_web)
    await page.goto(link)
    await page.get_by_role("button", name="Open het overzicht").click()
    await page.wait_for_url("**/dashboard/meetings")

    await page.get_by_role("link", name="Maatjes").click()
    await page.wait_for_url("**/dashboard/buddies")
    assert await page.get_by_role("heading", level=1).inner_text() == "Maatjes"
    pairs = page.get_by_role("table", name="Maatjesparen (1)")
    assert "Nina Nieuw" in await pairs.inner_text() and "Ulla Utrecht" in await pairs.inner_text()
    waiting = await page.get_by_role("table", name="Nieuwkomers zonder maatje (1)").inner_text()
    assert "Mies Maas" in waiting and "Delft" in waiting
    load = await page.get_by_role("table", name="Belasting per maatje").inner_text()
    assert "Ulla Utrecht" in load and "(vol)" in load
    await screenshot(page, "buddies")
    await check_accessibility(page)

    await page.get_by_role("link", name="Berichten").click()
    await page.wait_for_url("**/dashboard/messages")
    reminders = page.get_by_role("row", name=re.compile("herinnering reminder:session:1"))
    cells = await reminders.get_by_role("cell").all_inner_texts()
    assert cells[:5] == ["3", "0", "1", "2", "0"]  # sent, pending, failed, uncertain, withdrawn
    problems = await page.get_by_role("table", name="Mislukt of onzeker (4)").inner_text()
    assert "Rosa Onzeker" in problems and "blocked by the user" in problems
    await screenshot(page, "messages")
    await check_accessibility(page)

    await reminders.get_by_role("link", name="Opnieuw versturen…").click()
    await page.wait_for_url("**/dashboard/messages/resend?kind=*")
    assert "twee keer" in await page.locator("main").inner_text()
    await screenshot(page, "resend")
    await check_accessibility(page)
    await page.get_by_role("button", name=re.compile("Ja, verstuur opnieuw")).click()
    await page.wait_for_url("**/dashboard/messages?resent=2")
    assert "2 berichten gaan opnieuw" in await page.get_by_role("status").inner_text()

    # The same link a second time, in another browser: "al gebruikt", and nothing else.
    async with harness.open_page(chromium, bot_web.url) as other:
        await other.goto(link)
        text = await other.locator("body").inner_text()
        assert "al gebruikt" in text
        assert "Nina Nieuw" not in text and "Rosa Onzeker" not in text
        await other.goto("/dashboard/buddies")
        assert "Nina Nieuw" not in await other.locator("body").inner_text()


async def test_a_participant_gets_no_link_and_a_made_up_link_shows_nothing(
    services: Services,
    organiser: Person,
    participant: Person,
    bot_web: BotWeb,
    page: Page,
    screenshot: Shot,
    check_accessibility: Check,
) -> None:
    await made_in_chat(services, organiser, participant)
    answer = await participant.text("/dashboard")
    assert "/dashboard/login/" not in answer and "organisator" in answer.lower()
    await page.goto(bot_web.url + "/dashboard/login/" + "A" * 43)
    text = await page.locator("body").inner_text()
    assert "ken ik niet" in text
    assert await page.get_by_role("button").count() == 0
    await screenshot(page, "made-up-link")
    await check_accessibility(page)
    for path in ("/dashboard/buddies", "/dashboard/messages"):
        response = await page.goto(path)
        assert response is not None and response.status == 403
        text = await page.locator("body").inner_text()
        assert "niet (meer) ingelogd" in text
        assert "Nina Nieuw" not in text and "Rosa Onzeker" not in text
