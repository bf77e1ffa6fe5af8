"""Calendar feeds that keep up: conditional requests (ETag, Last-Modified → 304), the refresh
hint, a per-participant feed of the meetings they come to, and the deployment's UID domain."""

from __future__ import annotations

from pathlib import Path

import aiohttp
from icalendar import Calendar

from bot.kernel.services import Services
from handlers.sessions.calendar import uid_domain
from tests.factories import Person, make_app, make_settings

PLAN = "/sessie nieuw {day} december 2026 10:00 | Utrecht | Durf"


def links(text: str) -> list[str]:
    return [word for word in text.split() if "/agenda/" in word]


def link(text: str) -> str:
    return links(text)[0]


def uids(body: bytes) -> list[str]:
    return [str(e["UID"]) for e in Calendar.from_ical(body).walk("VEVENT")]


async def test_the_feed_answers_304_to_a_client_that_is_current(
    services: Services, organiser: Person, base_url: str
) -> None:
    await organiser.say(PLAN.format(day=3))
    own, community = links(await organiser.text("/sessie feed"))  # an organiser gets both
    assert own != community
    url = base_url + "/agenda/" + community.split("/agenda/")[-1]
    async with aiohttp.ClientSession() as client:
        async with client.get(url) as first:
            assert first.status == 200
            body = await first.read()
            etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
            assert "must-revalidate" in first.headers["Cache-Control"]
        text = body.decode()
        assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in text
        assert "X-PUBLISHED-TTL:PT1H" in text
        async with client.get(url, headers={"If-None-Match": etag}) as same:
            assert same.status == 304 and await same.read() == b""
            assert same.headers["ETag"] == etag
        async with client.get(url, headers={"If-Modified-Since": modified}) as since:
            assert since.status == 304
        # A change (the place) makes a new version: the old ETag and date get it in full.
        await organiser.say("/sessie 1 wijzig plaats Amersfoort")
        async with client.get(url, headers={"If-None-Match": etag}) as changed:
            assert changed.status == 200 and changed.headers["ETag"] != etag
            assert b"Amersfoort" in await changed.read()
        # If-None-Match decides when both are sent (RFC 9110).
        headers = {"If-None-Match": '"old"', "If-Modified-Since": changed.headers["Last-Modified"]}
        async with client.get(url, headers=headers) as both:
            assert both.status == 200


async def test_a_participants_own_feed_holds_only_the_meetings_they_said_yes_or_maybe_to(
    services: Services, organiser: Person, participant: Person, base_url: str
) -> None:
    for day in (3, 10, 17, 24):
        await organiser.say(PLAN.format(day=day))
    await participant.press("rsvp:1:ja")
    await participant.press("rsvp:2:misschien")
    await participant.press("rsvp:3:nee")
    own = link(await participant.text("/sessie feed"))
    assert own == link(await participant.text("/sessie feed"))  # the link stays the same
    other = Person(services, "p2", name="Bert")
    assert link(await other.text("/sessie feed")) != own
    url = base_url + "/agenda/" + own.split("/agenda/")[-1]
    async with aiohttp.ClientSession() as client:
        async with client.get(url) as response:
            assert response.status == 200
            body = await response.read()
            etag = response.headers["ETag"]
        assert uids(body) == ["session-1@copbot", "session-2@copbot"]
        await participant.press("rsvp:2:nee")  # an answer changes the feed
        async with client.get(url, headers={"If-None-Match": etag}) as after:
            assert after.status == 200
            assert uids(await after.read()) == ["session-1@copbot"]


async def test_each_deployment_has_its_own_uid_domain(tmp_path: Path) -> None:
    assert uid_domain(make_settings(tmp_path)) == "copbot"
    public = make_settings(tmp_path, public_url="https://cop-noord.example.nl/bot")
    assert uid_domain(public) == "cop-noord.example.nl"
    both = make_settings(tmp_path, public_url="https://x.example", calendar_domain="CoP-Zuid.nl")
    assert uid_domain(both) == "cop-zuid.nl"
    services = await make_app(tmp_path, public_url="https://cop-noord.example.nl")
    try:
        organiser = Person(services, "organiser", name="Olga")
        await organiser.say(PLAN.format(day=3))
        [reply] = await organiser.say("/sessie 1 ics")
        assert reply.attachment is not None
        assert uids(reply.attachment.content) == ["session-1@cop-noord.example.nl"]
    finally:
        await services.close()
