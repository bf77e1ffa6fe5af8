"""The browser tests' harness works end to end: chromium on the bot's own server, on the same
database as the chat, with an accessibility check that does fail and screenshots on disk."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from html import escape
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page
from sqlalchemy import select

from bot.core.ports import WebPage
from bot.db.models import Participant
from bot.kernel.services import Services
from tests.browser import harness
from tests.browser.harness import BotWeb
from tests.factories import Person

# As strict as the dashboard's: no script or style from anywhere, inline ones neither.
CSP = "default-src 'none'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'"


def _html(title: str, body: str, csp: str = CSP) -> WebPage:
    return WebPage(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body>{body}</body></html>".encode(),
        headers={"Content-Security-Policy": csp} if csp else {},
    )


async def people(services: Services, params: Mapping[str, str]) -> WebPage:
    """Who said /start, read from the database at each request."""
    async with services.database() as db:
        query = select(Participant.display_name).where(Participant.registered).order_by("id")
        names = (await db.scalars(query)).all()
    items = "".join(f"<li>{escape(name)}</li>" for name in names)
    return _html("People", f"<main><h1>People</h1><ul>{items}</ul></main>")


async def broken(services: Services, params: Mapping[str, str]) -> WebPage:
    # An image without alt text (critical) and text outside any landmark (moderate).
    pixel = "data:image/gif;base64,R0lGODlhAQABAAAAACw="
    return _html("Broken", f'<main><h1>Broken</h1><img src="{pixel}"></main><p>Outside</p>')


async def leaky(services: Services, params: Mapping[str, str]) -> WebPage:
    # Without a CSP (which would stop it first), as a page that loads a CDN's script would be.
    body = '<main><h1>Leaky</h1><img src="http://cdn.example/x.png" alt=""></main>'
    return _html("Leaky", body, csp="")


@pytest.fixture
def web_routes() -> dict[str, Callable[[Services, Mapping[str, str]], Awaitable[WebPage | None]]]:
    return {"/test/people": people, "/test/broken": broken, "/test/leaky": leaky}


async def test_chromium_reads_the_health_check_and_takes_a_screenshot(
    page: Page, screenshot: Callable[[Page, str], Awaitable[Path]]
) -> None:
    response = await page.goto("/healthz")
    assert response is not None and response.status == 200
    assert await response.json() == {"status": "ok", "database": "ok"}
    assert "ok" in await page.locator("body").inner_text()

    path = await screenshot(page, "healthz")
    test_name = "test_chromium_reads_the_health_check_and_takes_a_screenshot"
    assert path == harness.SCREENSHOTS / "test_harness" / test_name / "healthz.png"
    assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


async def test_a_page_shows_who_spoke_in_chat_a_moment_before_and_is_accessible(
    page: Page,
    participant: Person,
    check_accessibility: Callable[[Page], Awaitable[None]],
) -> None:
    await page.goto("/test/people")
    assert await page.locator("li").all_inner_texts() == []

    await participant.say("/start")
    await page.reload()
    assert await page.locator("li").all_inner_texts() == ["Esther Brink"]
    # axe-core runs under a strict Content-Security-Policy, as on the dashboard.
    await check_accessibility(page)


async def test_the_accessibility_check_fails_on_serious_violations_only(
    page: Page, check_accessibility: Callable[[Page], Awaitable[None]]
) -> None:
    await page.goto("/test/broken")
    with pytest.raises(pytest.fail.Exception) as failure:
        await check_accessibility(page)
    message = str(failure.value)
    assert "/test/broken has 1 serious or critical accessibility violation(s)" in message
    assert "critical: image-alt: Images must have alternative text [img]" in message
    assert "region" not in message  # moderate: reported by axe, not blocking


async def test_a_page_that_asks_for_an_address_outside_loopback_fails(
    chromium: Browser, bot_web: BotWeb
) -> None:
    with pytest.raises(AssertionError, match=r"outside loopback: \['http://cdn.example/x.png'\]"):
        async with harness.open_page(chromium, bot_web.url) as page:
            await page.goto("/test/leaky", wait_until="load")


def test_a_missing_chromium_skips_the_test_and_fails_it_under_ci(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(harness, "CHROMIUM", str(tmp_path / "chromium"))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"chromium is missing: run \.ci/chromium"):
        harness.require_chromium()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"chromium is missing: run \.ci/chromium"):
        harness.require_chromium()
