"""Guessing secrets without limits: calendar feed tokens (per client address, 429 after a
handful of unknown ones) and /koppel codes (per participant, counted in the database so that
every replica counts the same); no response names the server software."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import aiohttp

from bot.core.clock import ManualClock
from bot.http import LOOKUP_FAILURE_WINDOW, LOOKUP_FAILURES_MAX
from bot.kernel.services import Services
from handlers.sessions.calendar import feed_token
from tests.factories import Person, make_app


async def test_guessing_feed_tokens_is_stopped_after_a_handful(
    services: Services, base_url: str
) -> None:
    async with services.database() as db, db.begin():
        token = await feed_token(db)
    statuses = []
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{base_url}/agenda/{token}.ics") as good:
            assert good.status == 200
        for n in range(200):
            async with http.get(f"{base_url}/agenda/guess{n:04d}.ics") as response:
                statuses.append(response.status)
        assert statuses[:LOOKUP_FAILURES_MAX] == [404] * LOOKUP_FAILURES_MAX
        assert set(statuses[LOOKUP_FAILURES_MAX:]) == {429}
        async with http.get(f"{base_url}/agenda/{token}.ics") as blocked:
            assert blocked.status == 429
            assert 0 < int(blocked.headers["Retry-After"]) <= 600
        assert isinstance(services.clock, ManualClock)
        services.clock.advance(LOOKUP_FAILURE_WINDOW + timedelta(seconds=1))
        async with http.get(f"{base_url}/agenda/{token}.ics") as again:
            assert again.status == 200


async def test_no_response_names_the_server_software(services: Services, base_url: str) -> None:
    async with aiohttp.ClientSession() as http:
        for path in ("/healthz", "/agenda/nope.ics", "/no/such/page"):
            async with http.get(base_url + path) as response:
                assert "Server" not in response.headers, (path, response.headers["Server"])


async def test_five_wrong_link_codes_then_a_clear_answer_on_every_replica(
    tmp_path: Path, services: Services
) -> None:
    slack = Person(services, "U1", name="Esther", platform="slack")
    telegram = Person(services, "77", name="Esther", platform="telegram")
    await slack.say("/start")
    await telegram.say("/start")
    code = (await slack.text("/koppel")).split("code is ")[1].split()[0]
    for n in range(5):
        assert "ken ik niet" in await telegram.text(f"/koppel ZZZZ{n:02d}")
    refused = await telegram.text(f"/koppel {code}")
    assert "5 keer" in refused and "15 minuten" in refused
    # A second replica on the same database counts the same failures.
    replica = await make_app(tmp_path)
    try:
        again = Person(replica, "77", name="Esther", platform="telegram")
        assert "5 keer" in await again.text(f"/koppel {code}")
    finally:
        await replica.close()
    assert isinstance(services.clock, ManualClock)
    services.clock.advance(timedelta(minutes=15, seconds=1))
    code = (await slack.text("/koppel")).split("code is ")[1].split()[0]
    assert "Gekoppeld" in await telegram.text(f"/koppel {code}")


async def test_guessing_one_time_dashboard_links_is_stopped_after_a_handful(
    services: Services, base_url: str
) -> None:
    services.settings.public_url = base_url
    organiser = Person(services, "organiser", name="Olga")
    link = next(w for w in (await organiser.text("/dashboard")).split() if "/login/" in w)
    statuses = []
    async with aiohttp.ClientSession() as http:
        for n in range(100):
            async with http.post(f"{base_url}/dashboard/login/guess{n:04d}") as response:
                statuses.append(response.status)
        assert statuses[:LOOKUP_FAILURES_MAX] == [403] * LOOKUP_FAILURES_MAX
        assert set(statuses[LOOKUP_FAILURES_MAX:]) == {429}
        async with http.post(link, allow_redirects=False) as blocked:
            assert blocked.status == 429  # the guesser's address waits, even with a good link
        assert isinstance(services.clock, ManualClock)
        services.clock.advance(LOOKUP_FAILURE_WINDOW + timedelta(seconds=1))
        link = next(w for w in (await organiser.text("/dashboard")).split() if "/login/" in w)
        async with http.post(link, allow_redirects=False) as again:
            assert again.status == 303
