"""Meetings as iCalendar: one .ics per meeting and the community's subscribable feed."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event
from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.ports import WebPage
from bot.db.models import CommunitySetting, Session
from bot.kernel.services import Services

FEED_TOKEN_KEY = "calendar_feed_token"
PRODID = "-//CoP wijkenaanpak//copbot//NL"
# A cancelled meeting stays in the feed this long, so subscribed calendars see the cancellation.
CANCELLED_VISIBLE = timedelta(days=60)


def meeting_uid(meeting: Session) -> str:
    """Stable for the life of the meeting, so calendars update the event instead of adding one."""
    return f"session-{meeting.id}@copbot"


def summary_of(meeting: Session) -> str:
    base = "CoP wijkenaanpak"
    return f"{base}: {meeting.theme}" if meeting.theme else base


def meeting_event(meeting: Session, tz: ZoneInfo, lang: str = "nl") -> Event:
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", meeting.updated_at)
    event.add("sequence", meeting.sequence)
    # Local time with TZID (and a VTIMEZONE in the calendar) keeps DST right in every client.
    event.add("dtstart", meeting.starts_at.astimezone(tz))
    event.add("dtend", meeting.ends_at.astimezone(tz))
    event.add("summary", summary_of(meeting))
    if meeting.place:
        event.add("location", meeting.place)
    lines = []
    if meeting.theme:
        lines.append(("Thema: " if lang != "en" else "Theme: ") + meeting.theme)
    if meeting.overnight:
        lines.append("Met overnachting." if lang != "en" else "With an overnight stay.")
    if meeting.programme:
        lines.append(meeting.programme)
    if lines:
        event.add("description", "\n".join(lines))
    event.add("status", "CANCELLED" if not meeting.is_planned else "CONFIRMED")
    return event


def calendar_bytes(
    meetings: Sequence[Session], tz: ZoneInfo, lang: str = "nl", name: str | None = None
) -> bytes:
    """An iCalendar file with a VEVENT per meeting and the VTIMEZONE they use."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", str(tz))
    for meeting in meetings:
        cal.add_component(meeting_event(meeting, tz, lang))
    if meetings:
        # The VTIMEZONE only needs the transitions around the events; that keeps it small.
        first = min(s.starts_at for s in meetings).date() - timedelta(days=366)
        last = max(s.ends_at for s in meetings).date() + timedelta(days=366)
        cal.add_missing_timezones(first_date=first, last_date=last)
    return bytes(cal.to_ical())


async def feed_token(db: AsyncSession) -> str:
    """The community's calendar feed token, made on first use."""
    setting = await db.get(CommunitySetting, FEED_TOKEN_KEY)
    if setting is None:
        setting = CommunitySetting(key=FEED_TOKEN_KEY, value=secrets.token_urlsafe(18))
        db.add(setting)
        await db.flush()
    return setting.value


async def feed_meetings(db: AsyncSession, now: datetime) -> list[Session]:
    """Sessions in the feed: upcoming planned ones and recently cancelled ones."""
    rows = await db.scalars(
        select(Session)
        .where(
            Session.ends_at >= now - timedelta(days=1),
            or_(Session.status == "planned", Session.updated_at >= now - CANCELLED_VISIBLE),
        )
        .order_by(Session.starts_at)
    )
    return list(rows.all())


async def feed_for_token(services: Services, token: str) -> bytes | None:
    """The feed's .ics bytes, or None when `token` is not the community's token."""
    async with services.database() as db:
        setting = await db.get(CommunitySetting, FEED_TOKEN_KEY)
        if setting is None or not hmac.compare_digest(setting.value.encode(), token.encode()):
            return None
        meetings = await feed_meetings(db, services.clock.now())
    return calendar_bytes(
        meetings, services.settings.tz, services.settings.language, name="CoP wijkenaanpak"
    )


def feed_url(services: Services, token: str) -> str:
    base = (
        services.settings.public_url
        or f"http://{services.settings.http_host}:{services.settings.http_port}"
    )
    return f"{base.rstrip('/')}/agenda/{token}.ics"


async def agenda_feed(services: Services, params: Mapping[str, str]) -> WebPage | None:
    """GET /agenda/{token}.ics: the community's subscribable calendar; an unknown token looks
    like nothing is there."""
    body = await feed_for_token(services, params.get("token", ""))
    return None if body is None else WebPage(body, content_type="text/calendar")
