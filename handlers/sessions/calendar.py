"""Meetings as iCalendar: one .ics per meeting, the community's feed and each participant's own
feed (the meetings they said yes or maybe to), served with ETag and Last-Modified."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.config import Settings
from bot.core.ports import WebPage
from bot.db.models import CalendarFeed, CommunitySetting, Rsvp, Session
from bot.kernel.services import Services

if TYPE_CHECKING:  # icalendar is imported when an .ics is made: a faster start
    from icalendar import Event

FEED_TOKEN_KEY = "calendar_feed_token"
PRODID = "-//CoP wijkenaanpak//copbot//NL"
DEFAULT_DOMAIN = "copbot"
# A cancelled meeting stays in the feed this long, so subscribed calendars see the cancellation.
CANCELLED_VISIBLE = timedelta(days=60)
# How often a subscribed calendar should look again (clients that honour the hint).
REFRESH = timedelta(hours=1)
FEED_HEADERS = {"Cache-Control": "private, max-age=0, must-revalidate"}
COMING = ("yes", "maybe")


def uid_domain(settings: Settings) -> str:
    """The deployment's own part of every UID: the setting, else the public URL's host."""
    if settings.calendar_domain:
        return settings.calendar_domain.strip().lower()
    host = urlparse(settings.public_url or "").hostname
    return host or DEFAULT_DOMAIN


def meeting_uid(meeting: Session, domain: str = DEFAULT_DOMAIN) -> str:
    """Stable for the life of the meeting, so calendars update the event instead of adding one;
    the domain keeps two communities' meeting 3 apart in one calendar."""
    return f"session-{meeting.id}@{domain}"


def summary_of(meeting: Session) -> str:
    base = "CoP wijkenaanpak"
    return f"{base}: {meeting.theme}" if meeting.theme else base


def meeting_event(
    meeting: Session, tz: ZoneInfo, lang: str = "nl", domain: str = DEFAULT_DOMAIN
) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", meeting_uid(meeting, domain))
    event.add("dtstamp", meeting.updated_at)
    event.add("last-modified", meeting.updated_at)
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
    meetings: Sequence[Session],
    tz: ZoneInfo,
    lang: str = "nl",
    name: str | None = None,
    domain: str = DEFAULT_DOMAIN,
) -> bytes:
    """An iCalendar file with a VEVENT per meeting and the VTIMEZONE they use; a named one is
    a feed and carries the refresh hint."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", str(tz))
        cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", "PT1H")
    for meeting in meetings:
        cal.add_component(meeting_event(meeting, tz, lang, domain))
    if meetings:
        # The VTIMEZONE only needs the transitions around the events; that keeps it small.
        first = min(s.starts_at for s in meetings).date() - timedelta(days=366)
        last = max(s.ends_at for s in meetings).date() + timedelta(days=366)
        cal.add_missing_timezones(first_date=first, last_date=last)
    return bytes(cal.to_ical())


def meeting_ics(meeting: Session, settings: Settings, lang: str) -> bytes:
    """The .ics of one meeting (attached to its card, announcements and changes)."""
    return calendar_bytes([meeting], settings.tz, lang, domain=uid_domain(settings))


async def feed_token(db: AsyncSession) -> str:
    """The community's calendar feed token, made on first use."""
    setting = await db.get(CommunitySetting, FEED_TOKEN_KEY)
    if setting is None:
        setting = CommunitySetting(key=FEED_TOKEN_KEY, value=secrets.token_urlsafe(18))
        db.add(setting)
        await db.flush()
    return setting.value


async def personal_token(db: AsyncSession, participant_id: int, now: datetime) -> str:
    """A participant's own feed token, made on first use (erased with the participant)."""
    feed = await db.get(CalendarFeed, participant_id)
    if feed is None:
        feed = CalendarFeed(
            participant_id=participant_id, token=secrets.token_urlsafe(18), created_at=now
        )
        db.add(feed)
        await db.flush()
    return feed.token


def in_feed(now: datetime) -> ColumnElement[bool]:
    """Upcoming planned meetings and recently cancelled ones."""
    return and_(
        Session.ends_at >= now - timedelta(days=1),
        or_(Session.status == "planned", Session.updated_at >= now - CANCELLED_VISIBLE),
    )


async def feed_meetings(db: AsyncSession, now: datetime) -> list[Session]:
    """Sessions in the community feed."""
    rows = await db.scalars(select(Session).where(in_feed(now)).order_by(Session.starts_at))
    return list(rows.all())


async def personal_meetings(
    db: AsyncSession, participant_id: int, now: datetime
) -> tuple[list[Session], list[datetime]]:
    """The feed's meetings this participant said yes or maybe to, and when any of their
    answers to a meeting in the feed last changed (a "no" takes a meeting out: a change too)."""
    rows = await db.execute(
        select(Session, Rsvp)
        .join(Rsvp, Rsvp.session_id == Session.id)
        .where(Rsvp.participant_id == participant_id, in_feed(now))
        .order_by(Session.starts_at)
    )
    meetings, changed = [], []
    for meeting, rsvp in rows.all():
        changed.append(rsvp.updated_at)
        if rsvp.answer in COMING:
            meetings.append(meeting)
    return meetings, changed


def feed_page(body: bytes, changed: Sequence[datetime]) -> WebPage:
    """The feed as a page that conditional requests can be answered from."""
    etag = hashlib.sha256(body).hexdigest()[:32]
    return WebPage(
        body,
        content_type="text/calendar",
        etag=etag,
        last_modified=max(changed) if changed else None,
        headers=FEED_HEADERS,
    )


async def feed_for_token(services: Services, token: str) -> WebPage | None:
    """The community's feed or a participant's own, or None for an unknown token."""
    settings, now = services.settings, services.clock.now()
    async with services.database() as db:
        setting = await db.get(CommunitySetting, FEED_TOKEN_KEY)
        if setting is not None and hmac.compare_digest(setting.value.encode(), token.encode()):
            meetings = await feed_meetings(db, now)
            changed = [m.updated_at for m in meetings]
        else:
            owner = await db.scalar(
                select(CalendarFeed.participant_id).where(CalendarFeed.token == token)
            )
            if owner is None or not token:
                return None
            meetings, changed = await personal_meetings(db, owner, now)
            changed += [m.updated_at for m in meetings]
    body = calendar_bytes(
        meetings,
        settings.tz,
        settings.language,
        name="CoP wijkenaanpak",
        domain=uid_domain(settings),
    )
    return feed_page(body, changed)


def feed_url(services: Services, token: str) -> str:
    base = (
        services.settings.public_url
        or f"http://{services.settings.http_host}:{services.settings.http_port}"
    )
    return f"{base.rstrip('/')}/agenda/{token}.ics"


async def agenda_feed(services: Services, params: Mapping[str, str]) -> WebPage | None:
    """GET /agenda/{token}.ics: a subscribable calendar; an unknown token looks like nothing
    is there."""
    return await feed_for_token(services, params.get("token", ""))
