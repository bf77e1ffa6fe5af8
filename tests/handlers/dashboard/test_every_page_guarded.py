"""Every page of the overview, present and future: nothing without a valid session, no POST
without its csrf token (read from the registry, so a new page cannot forget it)."""

from __future__ import annotations

import re

from bot.kernel.services import Services
from tests.factories import Person
from tests.handlers.dashboard.conftest import client, sign_in

# Pages anyone may open: the style sheet, and the one-time link's own page (its token is the
# secret; refused links are tested in test_access.py).
OPEN = {("GET", "/dashboard/style.css"), ("GET", "/dashboard/login/{token}")}
LOGIN_POST = ("POST", "/dashboard/login/{token}")


def concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


async def test_no_page_answers_without_a_session(services: Services, base_url: str) -> None:
    pages = sorted(services.registry.pages)
    assert len(pages) > 10
    async with client(base_url) as browser:
        for method, path in pages:
            if (method, path) in OPEN or (method, path) == LOGIN_POST:
                continue
            async with browser.request(method, base_url + concrete(path)) as answer:
                body = await answer.text()
                assert answer.status == 403, (method, path, answer.status)
                assert "niet (meer) ingelogd" in body, (method, path)


async def test_no_post_is_taken_without_the_csrf_token(
    services: Services, organiser: Person, base_url: str
) -> None:
    posts = [p for m, p in sorted(services.registry.pages) if m == "POST" and "login" not in p]
    assert posts
    async with client(base_url) as browser:
        await sign_in(browser, base_url, organiser)
        for path in posts:
            for form in ({}, {"csrf": "made-up"}):
                async with browser.post(base_url + concrete(path), data=form) as answer:
                    assert answer.status == 403, (path, form)
                    assert "kwam niet van deze pagina" in await answer.text()
