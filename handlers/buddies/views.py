"""How buddies are shown to each other: contact details, why they are a pair, where to meet."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.dates import format_date
from bot.core.mentions import user_mention
from bot.db.models import Identity, Participant
from bot.kernel.services import Services
from handlers.buddies.texts import TEXTS
from handlers.sessions import next_session


async def latest_platform(db: AsyncSession, participant_id: int) -> str | None:
    identity = await db.scalar(
        select(Identity)
        .where(Identity.participant_id == participant_id)
        .order_by(Identity.last_seen_at.desc().nulls_last(), Identity.id.desc())
    )
    return identity.platform if identity else None


async def contact_of(
    db: AsyncSession, participant_id: int, lang: str, reader_platform: str | None
) -> str:
    """How to reach someone: Telegram @username or a Slack mention."""
    identities = (
        await db.scalars(
            select(Identity)
            .where(Identity.participant_id == participant_id)
            .order_by(Identity.platform, Identity.id)
        )
    ).all()
    ways = []
    for identity in identities:
        if identity.platform == "telegram" and identity.username:
            ways.append(f"@{identity.username} (Telegram)")
        elif identity.platform == "slack":
            if reader_platform == "slack":
                ways.append(f"{user_mention(identity.user_id)} (Slack)")
            elif identity.username:
                ways.append(f"@{identity.username} (Slack)")
            else:
                ways.append("Slack")
    return ", ".join(ways) if ways else TEXTS(lang, "no_contact")


async def details_of(
    db: AsyncSession, person: Participant, lang: str, reader_platform: str | None
) -> str:
    unknown = TEXTS(lang, "unknown")
    return TEXTS(
        lang,
        "details",
        name=person.display_name,
        city=person.city or unknown,
        organisation=person.organisation or unknown,
        contact=await contact_of(db, person.id, lang, reader_platform),
    )


def reason_text(lang: str, rule: str, newcomer: Participant, buddy: Participant) -> str:
    city = buddy.city or newcomer.city or TEXTS(lang, "unknown")
    return TEXTS(lang, f"reason_{rule}", buddy=buddy.display_name, city=city)


def display(person: Participant | None, lang: str) -> str:
    return person.display_name if person is not None else TEXTS(lang, "someone_erased")


async def meet_line(services: Services, db: AsyncSession, now: datetime, lang: str) -> str:
    session = await next_session(db, now)
    if session is None:
        return TEXTS(lang, "meet_unplanned")
    when = format_date(session.starts_at, lang, services.settings.tz)
    return TEXTS(lang, "meet_next", when=when, place=session.place or "?")
