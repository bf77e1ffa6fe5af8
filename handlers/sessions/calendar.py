"""Sessions as iCalendar: one .ics per session and the community's subscribable feed."""

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
# A cancelled session stays in the feed this long, so subscribed calendars see the cancellation.
CANCELLED_VISIBLE = timedelta(days=60)


def session_uid(session: Session) -> str:
    """Stable for the life of the session, so calendars update the event instead of adding one."""
    return f"session-{session.id}@copbot"


def summary_of(session: Session) -> str:
    base = "CoP wijkenaanpak"
    return f"{base}: {session.theme}" if session.theme else base


def session_event(session: Session, tz: ZoneInfo, lang: str = "nl") -> Event:
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", session.updated_at)
    event.add("sequence", session.sequence)
    # Local time with TZID (and a VTIMEZONE in the calendar) keeps DST right in every client.
    event.add("dtstart", session.starts_at.astimezone(tz))
    event.add("dtend", session.ends_at.astimezone(tz))
    event.add("summary", summary_of(session))
    if session.place:
        event.add("location", session.place)
    lines = []
    if session.theme:
        lines.append(("Thema: " if lang != "en" else "Theme: ") + session.theme)
    if session.overnight:
        lines.append("Met overnachting." if lang != "en" else "With an overnight stay.")
    if session.programme:
        lines.append(session.programme)
    if lines:
        event.add("description", "\n".join(lines))
    event.add("status", "CANCELLED" if not session.is_planned else "CONFIRMED")
    return event


def calendar_bytes(
    sessions: Sequence[Session], tz: ZoneInfo, lang: str = "nl", name: str | None = None
) -> bytes:
    """An iCalendar file with a VEVENT per session and the VTIMEZONE they use."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", str(tz))
    for session in sessions:
        cal.add_component(session_event(session, tz, lang))
    if sessions:
        # The VTIMEZONE only needs the transitions around the events; that keeps it small.
        first = min(s.starts_at for s in sessions).date() - timedelta(days=366)
        last = max(s.ends_at for s in sessions).date() + timedelta(days=366)
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


async def feed_sessions(db: AsyncSession, now: datetime) -> list[Session]:
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
        sessions = await feed_sessions(db, services.clock.now())
    return calendar_bytes(
        sessions, services.settings.tz, services.settings.language, name="CoP wijkenaanpak"
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
