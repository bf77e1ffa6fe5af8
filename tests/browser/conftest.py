"""Fixtures of the browser tests: chromium, the bot's HTTP server on the test's services (the
same database `organiser` and `participant` talk to), a page on it, axe-core and screenshots.

Everything is function-scoped, on the test's own event loop (the suite's
asyncio_default_fixture_loop_scope): Playwright's async API lives on one loop, and chromium
starts in well under a second.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page

from bot.core.ports import WebPage
from bot.kernel.services import Services
from tests.browser import harness
from tests.browser.harness import BotWeb

Route = Callable[[Services, Mapping[str, str]], Awaitable[WebPage | None]]


@pytest.fixture
async def chromium() -> AsyncIterator[Browser]:
    """Headless Debian chromium (skipped when missing, failed under CI)."""
    async with harness.launch_chromium() as browser:
        yield browser


@pytest.fixture
def web_routes() -> dict[str, Route]:
    """Extra GET routes (path -> handler) for `bot_web` to serve: override it in a test module
    to serve pages of the test's own."""
    return {}


@pytest.fixture
async def bot_web(services: Services, web_routes: dict[str, Route]) -> AsyncIterator[BotWeb]:
    """The bot's real HTTP server on 127.0.0.1 (a free port) on the test's services."""
    for path, handler in web_routes.items():
        services.registry.route(path, handler)
    async with harness.serve_bot(services) as web:
        yield web


@pytest.fixture
async def page(chromium: Browser, bot_web: BotWeb) -> AsyncIterator[Page]:
    """A fresh browser page (no cookies) whose relative addresses go to `bot_web`."""
    async with harness.open_page(chromium, bot_web.url) as opened:
        yield opened


@pytest.fixture
def check_accessibility() -> Callable[[Page], Awaitable[None]]:
    """`await check_accessibility(page)`: fails on any serious or critical axe-core violation."""
    return harness.check_accessibility


@pytest.fixture
def screenshot(request: pytest.FixtureRequest) -> Callable[[Page, str], Awaitable[Path]]:
    """`await screenshot(page, "meetings")`: a full-page PNG in
    build/screenshots/<test module>/<test name>/meetings.png; returns its path."""
    folder = harness.screenshot_folder(request.node.nodeid)
    for old in folder.glob("*.png"):  # the folder shows this run's pictures only
        old.unlink()

    async def take(page: Page, name: str) -> Path:
        return await harness.save_screenshot(page, folder, name)

    return take
