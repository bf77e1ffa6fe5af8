"""The meetings pages in chromium: through the one-time link from /dashboard in the chat, the
meetings page and the meeting page show the answers made in the chat a moment before; "send
now" on a pending step, confirmed in the browser, reaches the Telegram stand-in once."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from playwright.async_api import Page
from sqlalchemy import select

from bot.db.models import ScheduledJob
from bot.http import build_web_app
from bot.kernel.services import Services
from bot.platforms.telegram.adapter import start_telegram
from scheduler.delivery import Delivery
from scheduler.ratelimit import PlatformLimits, RateLimiter
from tests.factories import Person, make_app
from tests.fakes.telegram_api import FakeTelegram
from tests.telegram_fixtures import telegram_api  # noqa: F401 (the stand-in, as `fake`)

PLAN = "/sessie nieuw 3 december 2026 10:00 | Utrecht, wijk Zuilen | Durf | overnachting"
ESTHER, KARIM = 2001, 2002
NO_LIMITS = {"telegram": PlatformLimits(per_second=1000.0, chat_interval=0.0)}


@pytest.fixture
async def services(tmp_path: Path, fake: FakeTelegram) -> AsyncIterator[Services]:
    """The bot on the Telegram stand-in (its messenger delivers the outbox there)."""
    application = await make_app(
        tmp_path, telegram_token=fake.token, telegram_api_url=fake.base_url
    )
    stop = await start_telegram(application, build_web_app(application), poll_timeout=1)
    try:
        yield application
    finally:
        await stop()
        await application.close()


def on_telegram(services: Services, uid: int, name: str) -> Person:
    return Person(services, str(uid), name=name, platform="telegram", chat_id=str(uid))


async def test_answers_from_the_chat_show_and_send_now_delivers_once(
    page: Page,
    services: Services,
    fake: FakeTelegram,
    organiser: Person,
    check_accessibility: Callable[[Page], Awaitable[None]],
    screenshot: Callable[[Page, str], Awaitable[Path]],
) -> None:
    await organiser.say(PLAN)
    await organiser.say("/sessie 1 kamers 1")
    esther = on_telegram(services, ESTHER, "Esther Brink")
    karim = on_telegram(services, KARIM, "Karim El Amrani")
    for person, city, diet in ((esther, "Utrecht", "vegetarisch"), (karim, "Schiedam", "halal")):
        await person.say(f"/ik stad {city}")
        await person.press("rsvp:1:ja")
        await person.say("alles")
        await person.say(diet)
        await person.say("nee")

    link = re.search(r"https?://\S+/dashboard/login/\S+", await organiser.text("/dashboard"))
    assert link
    await page.goto(link.group(0))
    await page.get_by_role("button", name="Open het overzicht").click()
    await page.wait_for_url("**/dashboard/meetings")
    row = page.get_by_role("row").filter(has_text="Durf")
    assert "2" in await row.inner_text()
    await check_accessibility(page)
    await screenshot(page, "meetings")

    await row.get_by_role("link").click()
    await page.wait_for_url("**/dashboard/meetings/1")
    table = page.get_by_role("table", name="Aanmeldingen")
    esther_row = await table.get_by_role("row").filter(has_text="Esther Brink").inner_text()
    assert "kamer" in esther_row and "vegetarisch" in esther_row
    karim_row = await table.get_by_role("row").filter(has_text="Karim El Amrani").inner_text()
    assert "wachtlijst 1" in karim_row and "halal" in karim_row
    await check_accessibility(page)
    await screenshot(page, "meeting")

    async with services.database() as db:
        key = await db.scalar(
            select(ScheduledJob.key).where(ScheduledJob.key.endswith(":offset:-P2D"))
        )
    assert key is not None
    step = page.get_by_role("row").filter(has_text="herinnering aan iedereen (2 dagen vooraf)")
    await step.get_by_role("link", name=re.compile("Nu versturen")).click()
    await page.get_by_text("Weet je het zeker?").wait_for()
    await check_accessibility(page)
    stale = await page.context.new_page()  # the same confirmation, open in a second tab
    await stale.goto(page.url)
    before = {uid: len(fake.sent(uid)) for uid in (ESTHER, KARIM)}
    await page.get_by_role("button", name="Ja, nu versturen").click()
    await page.wait_for_url("**/dashboard/meetings/1?notice=done")
    await page.get_by_text("De stap is gelopen").wait_for()

    delivery = Delivery(services, limiter=RateLimiter(NO_LIMITS))
    await delivery.deliver_until_idle()
    for uid in (ESTHER, KARIM):
        reminders = [s for s in fake.sent(uid)[before[uid] :] if "over 2 dagen" in s.text]
        assert len(reminders) == 1, [s.text for s in fake.sent(uid)[before[uid] :]]

    # The same form confirmed again in the other tab: nothing more goes out.
    await stale.get_by_role("button", name="Ja, nu versturen").click()
    await stale.get_by_text("niets (opnieuw) verstuurd").wait_for()
    await delivery.deliver_until_idle()
    for uid in (ESTHER, KARIM):
        assert len([s for s in fake.sent(uid) if "over 2 dagen" in s.text]) == 1
