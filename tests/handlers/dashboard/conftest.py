"""The bot's HTTP server on loopback with the overview's pages, and a way in."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.kernel.services import Services
from tests.factories import Person, make_app

PUBLIC = "https://copbot.example.org"


@pytest.fixture
async def services(tmp_path: Path) -> AsyncIterator[Services]:
    application = await make_app(tmp_path, public_url=PUBLIC)
    try:
        yield application
    finally:
        await application.close()


def login_path(answer: str) -> str:
    """The path of the one-time link in the bot's answer to /dashboard."""
    found = re.search(re.escape(PUBLIC) + r"(/dashboard/login/[\w-]+)", answer)
    assert found, answer
    return found.group(1)


async def sign_in(client: aiohttp.ClientSession, base_url: str, organiser: Person) -> str:
    """Ask for a link in the chat, use it; returns the csrf token of the session."""
    path = login_path(await organiser.text("/dashboard"))
    async with client.post(base_url + path, allow_redirects=False) as answer:
        assert answer.status == 303, await answer.text()
    async with client.get(base_url + "/dashboard/meetings") as page:
        assert page.status == 200
        found = re.search(r'name="csrf" value="([^"]+)"', await page.text())
    assert found
    return found.group(1)


def client(base_url: str) -> aiohttp.ClientSession:
    """A browser-like client. The session cookie is Secure (the public address is https);
    the test talks plain http on loopback, which this jar treats as a secure origin."""
    jar = aiohttp.CookieJar(unsafe=True, treat_as_secure_origin=[base_url])
    return aiohttp.ClientSession(cookie_jar=jar)
