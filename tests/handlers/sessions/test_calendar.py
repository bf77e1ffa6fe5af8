"""Sessions as iCalendar: local times with a VTIMEZONE, stable UIDs, SEQUENCE, the feed route."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
from icalendar import Calendar

from bot.db.models import Session
from bot.http import HttpServer, build_web_app
from bot.kernel.services import Services
from handlers.sessions.calendar import calendar_bytes, feed_token, feed_url

TZ = ZoneInfo("Europe/Amsterdam")
CREATED = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)


def make_session(
    session_id: int, starts_at: datetime, *, status: str = "planned", sequence: int = 0
) -> Session:
    return Session(
        id=session_id,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(days=1, hours=6),
        place="Utrecht, wijk Zuilen",
        theme="Durf",
        overnight=True,
        status=status,
        programme="09:30 boekbespreking",
        created_at=CREATED,
        updated_at=CREATED,
        sequence=sequence,
    )


def events(data: bytes) -> list[Any]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_event_in_local_time_with_a_vtimezone_that_knows_both_offsets() -> None:
    winter = make_session(1, datetime(2026, 12, 3, 9, 0, tzinfo=UTC))  # 10:00 CET
    summer = make_session(2, datetime(2027, 6, 3, 8, 0, tzinfo=UTC))  # 10:00 CEST
    data = calendar_bytes([winter, summer], TZ)
    text = data.decode()
    assert "DTSTART;TZID=Europe/Amsterdam:20261203T100000" in text
    assert "DTSTART;TZID=Europe/Amsterdam:20270603T100000" in text
    cal = Calendar.from_ical(data)
    zones = list(cal.walk("VTIMEZONE"))
    assert [str(z["TZID"]) for z in zones] == ["Europe/Amsterdam"]
    assert zones[0].walk("DAYLIGHT") and zones[0].walk("STANDARD")
    assert "TZOFFSETTO:+0200" in text and "TZOFFSETTO:+0100" in text
    # A client reading the file gets the right instants back.
    first, second = events(data)
    assert first.decoded("DTSTART").astimezone(UTC) == winter.starts_at
    assert second.decoded("DTSTART").astimezone(UTC) == summer.starts_at
    assert str(first["LOCATION"]) == "Utrecht, wijk Zuilen"
    assert "Durf" in str(first["SUMMARY"])
    assert "boekbespreking" in str(first["DESCRIPTION"])
    assert str(first["STATUS"]) == "CONFIRMED"


def test_uid_is_stable_and_sequence_and_status_follow_changes() -> None:
    before = events(calendar_bytes([make_session(7, datetime(2026, 12, 3, 9, tzinfo=UTC))], TZ))
    moved = make_session(7, datetime(2026, 12, 10, 9, tzinfo=UTC), sequence=1)
    after = events(calendar_bytes([moved], TZ))
    cancelled = events(
        calendar_bytes([make_session(7, moved.starts_at, status="cancelled", sequence=2)], TZ)
    )
    assert before[0]["UID"] == after[0]["UID"] == cancelled[0]["UID"] == "session-7@copbot"
    assert [int(e[0]["SEQUENCE"]) for e in (before, after, cancelled)] == [0, 1, 2]
    assert str(cancelled[0]["STATUS"]) == "CANCELLED"


async def test_feed_route_serves_the_sessions_and_hides_behind_its_token(
    services: Services,
) -> None:
    now = services.clock.now()
    async with services.database() as db, db.begin():
        db.add(make_session(1, now + timedelta(days=14)))
        db.add(make_session(2, now - timedelta(days=30)))  # long past: not in the feed
        token = await feed_token(db)
    async with services.database() as db, db.begin():
        assert await feed_token(db) == token  # made once, then kept
    server = HttpServer(build_web_app(services), "127.0.0.1", 0)
    port = await server.start()
    try:
        async with aiohttp.ClientSession() as client:
            async with client.get(f"http://127.0.0.1:{port}/agenda/{token}.ics") as response:
                assert response.status == 200
                assert response.content_type == "text/calendar"
                body = await response.read()
            async with client.get(f"http://127.0.0.1:{port}/agenda/wrong{token}.ics") as wrong:
                assert wrong.status == 404
            async with client.get(f"http://127.0.0.1:{port}/agenda/{token}") as no_suffix:
                assert no_suffix.status == 404
    finally:
        await server.stop()
    assert [str(e["UID"]) for e in events(body)] == ["session-1@copbot"]
    assert feed_url(services, token).endswith(f"/agenda/{token}.ics")


def test_starting_the_bot_does_not_import_icalendar() -> None:
    """icalendar is loaded when the first .ics is made, not at start (a faster cold start)."""
    import subprocess
    import sys

    code = (
        "import sys, bot.cli, bot.wiring as w; w.build_registry(); "
        "print('icalendar' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
