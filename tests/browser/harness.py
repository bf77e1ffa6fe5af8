"""Shared by the browser tests: Debian's chromium driven by Playwright, the bot's own HTTP
server on loopback, axe-core's accessibility check and full-page screenshots."""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import Browser, BrowserContext, Page, Route, async_playwright

from bot.http import HttpServer, build_web_app
from bot.kernel.services import Services

# Debian's chromium (.ci/chromium installs it); Playwright's own browser downloads are not used.
CHROMIUM = os.environ.get("COPBOT_TEST_CHROMIUM", "/usr/bin/chromium")
# Headless, unsandboxed (containers, root), and silent: without the background-networking
# flags chromium calls Google's hosts at start.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
# Every wait in a browser test: navigation, clicks, locators, chromium's start, axe's run.
TIMEOUT_SECONDS = 10.0
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
# axe-core's impacts that fail a test ("minor" and "moderate" do not).
BLOCKING_IMPACTS = ("serious", "critical")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def require_chromium() -> None:
    """Skip the test when chromium is missing; under CI (CI set) fail it instead."""
    if os.access(CHROMIUM, os.X_OK):
        return
    message = f"{CHROMIUM} is missing: run .ci/chromium (`make test` does) to install it"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@asynccontextmanager
async def launch_chromium() -> AsyncIterator[Browser]:
    """Headless chromium on the running event loop; closed (with Playwright's driver) after."""
    require_chromium()
    async with asyncio.timeout(TIMEOUT_SECONDS):  # Playwright's driver (node) starts here
        playwright = await async_playwright().start()
    try:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=list(CHROMIUM_ARGS),
            headless=True,
            timeout=TIMEOUT_SECONDS * 1000,
        )
        try:
            yield browser
        finally:
            async with asyncio.timeout(TIMEOUT_SECONDS):
                await browser.close()
    finally:
        await playwright.stop()


@dataclass
class BotWeb:
    """The bot's real HTTP server on loopback, serving the test's services (and database)."""

    services: Services
    server: HttpServer
    url: str  # "http://127.0.0.1:<port>", no trailing slash


@asynccontextmanager
async def serve_bot(services: Services) -> AsyncIterator[BotWeb]:
    """build_web_app(services) on 127.0.0.1, a free port; COPBOT_PUBLIC_URL points at it, so
    the links the bot gives in chat (the dashboard's one-time link) open this server."""
    server = HttpServer(build_web_app(services), "127.0.0.1", 0)
    port = await server.start()
    url = f"http://127.0.0.1:{port}"
    services.settings.public_url = url
    try:
        yield BotWeb(services, server, url)
    finally:
        await server.stop()


@asynccontextmanager
async def open_page(browser: Browser, base_url: str) -> AsyncIterator[Page]:
    """A page in a fresh context (no cookies), relative addresses against `base_url`, every
    wait bounded; a request for any host outside loopback is refused and fails the test."""
    context = await browser.new_context(base_url=base_url, locale="nl-NL")
    context.set_default_timeout(TIMEOUT_SECONDS * 1000)
    context.set_default_navigation_timeout(TIMEOUT_SECONDS * 1000)
    outside: list[str] = []
    await context.route("**/*", _loopback_only(outside))
    try:
        yield await context.new_page()
    finally:
        await _close(context)
    assert not outside, f"the page asked for addresses outside loopback: {outside}"


def _loopback_only(outside: list[str]) -> Callable[[Route], Awaitable[None]]:
    async def route(route: Route) -> None:
        url = route.request.url
        if urlsplit(url).hostname in LOOPBACK:
            await route.continue_()
        else:
            outside.append(url)
            await route.abort("blockedbyclient")

    return route


async def _close(context: BrowserContext) -> None:
    async with asyncio.timeout(TIMEOUT_SECONDS):
        await context.close()


def blocking_violations(violations: list[dict[str, Any]]) -> list[str]:
    """One line per serious or critical axe-core violation: rule, help, the elements."""
    lines = []
    for violation in violations:
        if violation.get("impact") not in BLOCKING_IMPACTS:
            continue
        targets = ", ".join(
            " ".join(map(str, node.get("target", []))) for node in violation.get("nodes", [])
        )
        lines.append(
            f"{violation['impact']}: {violation['id']}: {violation.get('help', '')} "
            f"[{targets}] ({violation.get('helpUrl', '')})"
        )
    return lines


async def check_accessibility(page: Page) -> None:
    """Run axe-core on the page as it is now; fail the test listing every serious or critical
    violation (rule id, help, the offending elements' selectors)."""
    async with asyncio.timeout(TIMEOUT_SECONDS):
        results = await Axe().run(page)
    problems = blocking_violations(results.response["violations"])
    if problems:
        pytest.fail(
            f"{page.url} has {len(problems)} serious or critical accessibility violation(s):\n"
            + "\n".join(f"  - {line}" for line in problems),
            pytrace=False,
        )


def screenshot_folder(node_id: str) -> Path:
    """build/screenshots/<test module>/<test name>/, from pytest's node id."""
    path, _, name = node_id.partition("::")
    parts = [Path(path).stem, name.replace("::", ".")]
    return SCREENSHOTS.joinpath(*(re.sub(r"[^\w.\-\[\]]+", "_", part) for part in parts))


async def save_screenshot(page: Page, folder: Path, name: str) -> Path:
    """A full-page PNG of the page as `folder`/`name`.png (Playwright makes the folder);
    returns its path."""
    path = folder / (re.sub(r"[^\w.\-]+", "_", name) + ".png")
    await page.screenshot(path=str(path), full_page=True, timeout=TIMEOUT_SECONDS * 1000)
    return path
