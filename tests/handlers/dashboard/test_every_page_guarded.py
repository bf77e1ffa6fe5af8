"""Every page of the overview, present and future: nothing without a valid session, no POST
without its csrf token (read from the registry, so a new page cannot forget it)."""

from __future__ import annotations

import re

from bot.http import LOOKUP_FAILURE_WINDOW
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


async def test_odd_numbers_in_an_address_get_the_not_found_page(
    services: Services, organiser: Person, base_url: str
) -> None:
    odd = ("99999999999999999999", "%C2%B2", "0", "-1", "1.5", "%EF%BC%91")  # ², fullwidth 1
    paths = [p for m, p in sorted(services.registry.pages) if m == "GET" and "{id}" in p]
    assert paths
    async with client(base_url) as browser:
        csrf = await sign_in(browser, base_url, organiser)
        for path in paths:
            # Each 404 counts as a failed look-up; the window passes between addresses.
            services.clock.advance(LOOKUP_FAILURE_WINDOW)  # type: ignore[attr-defined]
            for number in odd:
                address = base_url + path.replace("{id}", number).replace("{job}", "1")
                async with browser.get(address) as answer:
                    assert answer.status == 404, (address, answer.status)
                    assert "Dat staat hier niet" in await answer.text()
        services.clock.advance(LOOKUP_FAILURE_WINDOW)  # type: ignore[attr-defined]
        for number in odd:
            step = f"/dashboard/meetings/{number}/steps/{number}/send"
            async with browser.post(base_url + step, data={"csrf": csrf}) as answer:
                assert answer.status == 404, (step, answer.status)
        for number in ("99999999999999999999", "%C2%B2"):
            async with browser.get(f"{base_url}/dashboard/messages?page={number}") as answer:
                assert answer.status == 200


async def test_a_notice_in_an_address_is_only_one_the_overview_writes(
    organiser: Person, base_url: str
) -> None:
    async with client(base_url) as browser:
        await sign_in(browser, base_url, organiser)
        async with browser.get(base_url + "/dashboard/messages?resent=Alles%20kwijt") as answer:
            assert answer.status == 200 and "Alles kwijt" not in await answer.text()
        async with browser.get(base_url + "/dashboard/messages?resent=2") as answer:
            assert "2 berichten gaan opnieuw" in await answer.text()
        async with browser.get(base_url + "/dashboard/messages?resent=0") as answer:
            assert "al opnieuw verstuurd" in await answer.text()
