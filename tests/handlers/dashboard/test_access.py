"""Who gets in: a one-time link from the chat, a session cookie, organiser rights at every
request, a csrf token on every POST, and headers that keep the token from leaking."""

from __future__ import annotations

from datetime import timedelta

from bot.kernel.services import Services
from handlers.dashboard.web import redirect
from tests.factories import Person
from tests.handlers.dashboard.conftest import PUBLIC, client, login_path, sign_in


async def test_an_organiser_gets_a_one_time_link_that_opens_the_meetings_page(
    organiser: Person, base_url: str
) -> None:
    answer = await organiser.text("/dashboard")
    assert PUBLIC + "/dashboard/login/" in answer and "15 minuten" in answer
    path = login_path(answer)
    async with client(base_url) as browser:
        async with browser.get(base_url + path) as page:  # a link preview does not use it up
            assert page.status == 200
            assert "Open het overzicht" in await page.text()
        async with browser.post(base_url + path, allow_redirects=False) as signed_in:
            assert signed_in.status == 303
            assert signed_in.headers["Location"] == "/dashboard/meetings"
            cookie = signed_in.headers["Set-Cookie"]
        for flag in ("HttpOnly", "SameSite=Strict", "Secure", "Max-Age=28800", "Path=/dashboard"):
            assert flag in cookie
        async with browser.get(base_url + "/dashboard/meetings") as meetings:
            assert meetings.status == 200
            assert "Bijeenkomsten" in await meetings.text()


async def test_a_link_works_once(organiser: Person, base_url: str) -> None:
    path = login_path(await organiser.text("/dashboard"))
    async with client(base_url) as first, client(base_url) as second:
        async with first.post(base_url + path, allow_redirects=False) as used:
            assert used.status == 303
        for method in (second.get, second.post):
            async with method(base_url + path, allow_redirects=False) as again:
                assert again.status == 403
                text = await again.text()
                assert "al gebruikt" in text and "Bijeenkomsten" not in text
        async with second.get(base_url + "/dashboard/meetings") as nothing:
            assert nothing.status == 403


async def test_an_expired_link_is_refused(
    services: Services, organiser: Person, base_url: str
) -> None:
    path = login_path(await organiser.text("/dashboard"))
    services.clock.advance(timedelta(minutes=16))  # type: ignore[attr-defined]
    async with client(base_url) as browser, browser.post(base_url + path) as late:
        assert late.status == 403
        assert "verlopen" in await late.text()


async def test_participants_get_no_link_and_a_made_up_link_opens_nothing(
    participant: Person, base_url: str
) -> None:
    assert "organisator" in (await participant.text("/dashboard")).lower()
    forged = "/dashboard/login/" + "A" * 43
    async with (
        client(base_url) as browser,
        browser.post(base_url + forged, allow_redirects=False) as refused,
    ):
        assert refused.status == 403
        assert "ken ik niet" in await refused.text()


async def test_no_page_answers_without_a_session(base_url: str) -> None:
    async with client(base_url) as browser:
        for path in ("/dashboard", "/dashboard/meetings"):
            async with browser.get(base_url + path) as page:
                assert page.status == 403
                assert "niet (meer) ingelogd" in await page.text()
        browser.cookie_jar.update_cookies({"copbot_dashboard": "made-up"})
        async with browser.get(base_url + "/dashboard/meetings") as page:
            assert page.status == 403


async def test_a_post_without_the_csrf_token_is_refused(organiser: Person, base_url: str) -> None:
    async with client(base_url) as browser:
        csrf = await sign_in(browser, base_url, organiser)
        for form in ({}, {"csrf": "wrong"}):
            async with browser.post(base_url + "/dashboard/logout", data=form) as refused:
                assert refused.status == 403
        async with browser.get(base_url + "/dashboard/meetings") as still:
            assert still.status == 200  # the refused posts changed nothing
        async with browser.post(base_url + "/dashboard/logout", data={"csrf": csrf}) as out:
            assert out.status == 200 and "uitgelogd" in await out.text()
        async with browser.get(base_url + "/dashboard/meetings") as gone:
            assert gone.status == 403


async def test_taking_the_role_away_ends_access_at_the_next_request(
    organiser: Person, participant: Person, base_url: str
) -> None:
    await participant.say("/start")
    await organiser.say("/organisator @esther")
    esther = Person(organiser.services, "p1", name="Esther Brink", username="esther")
    async with client(base_url) as browser:
        await sign_in(browser, base_url, esther)
        await organiser.say("/organisator weg @esther")
        async with browser.get(base_url + "/dashboard/meetings") as page:
            assert page.status == 403


async def test_pages_carry_headers_that_keep_scripts_and_the_token_in(
    organiser: Person, base_url: str
) -> None:
    path = login_path(await organiser.text("/dashboard"))
    async with client(base_url) as browser:
        async with browser.get(base_url + path) as login:
            headers = login.headers
        await sign_in(browser, base_url, organiser)
        async with browser.get(base_url + "/dashboard/meetings") as page:
            for answer in (headers, page.headers):
                policy = answer["Content-Security-Policy"]
                assert "script-src" not in policy and "default-src 'none'" in policy
                assert "unsafe-inline" not in policy
                assert answer["X-Content-Type-Options"] == "nosniff"
                assert answer["Referrer-Policy"] == "no-referrer"
                assert "Server" not in answer


async def test_the_link_is_only_given_in_a_private_chat(services: Services) -> None:
    group = Person(services, "organiser", name="Olga", chat_id="group-1", is_group=True)
    assert "privégesprek" in await group.text("/dashboard")


async def test_without_a_public_address_the_organiser_hears_what_to_set(
    services: Services, organiser: Person
) -> None:
    services.settings.public_url = None
    assert "COPBOT_PUBLIC_URL" in await organiser.text("/dashboard")


def test_a_redirect_keeps_its_fragment_and_query() -> None:
    location = "/dashboard/meetings/3?notice=done#timeline"
    assert redirect(location).headers["Location"] == location
    assert redirect(location).status == 303


async def test_the_sign_in_page_speaks_the_language_of_whom_the_link_is_for(
    services: Services, base_url: str
) -> None:
    oliver = Person(services, "organiser", name="Oliver", language="en")
    await oliver.say("/ik taal en")
    path = login_path(await oliver.text("/dashboard"))
    dutch_browser = {"Accept-Language": "nl-NL,nl;q=0.9"}
    async with client(base_url) as browser:
        async with browser.get(base_url + path, headers=dutch_browser) as page:
            assert "Open the overview" in await page.text()
        async with browser.post(base_url + path, allow_redirects=False) as used:
            assert used.status == 303
        async with browser.post(base_url + path, headers=dutch_browser) as again:
            assert "already used" in await again.text()
