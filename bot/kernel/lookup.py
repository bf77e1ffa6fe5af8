"""Find participants from what people type: "@esther", "Esther Brink", a Slack "<@U0123>".

And read the number of a session, proposal or book: "12" or "#12".
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Identity, Participant

SLACK_MENTION = re.compile(r"^<@([A-Z0-9]+)(?:\|[^>]*)?>$")
ID = re.compile(r"^#?(\d{1,9})$")


def parse_id(text: str) -> int | None:
    """The number typed as "12" or "#12" (at most 9 digits), or None."""
    match = ID.match(text.strip())
    return int(match[1]) if match else None


async def find_participant(
    db: AsyncSession, reference: str, platform: str | None = None
) -> Participant | None:
    """The participant meant by `reference`, or None when nobody (or more than one) fits."""
    ref = reference.strip()
    if not ref:
        return None
    mention = SLACK_MENTION.match(ref)
    if mention:
        identity = await db.scalar(
            select(Identity).where(Identity.platform == "slack", Identity.user_id == mention[1])
        )
        return identity.participant if identity else None
    handle = ref.removeprefix("@").lower()
    identities = (
        await db.scalars(select(Identity).where(func.lower(Identity.username) == handle))
    ).all()
    if platform:
        preferred = [i for i in identities if i.platform == platform]
        identities = preferred or identities
    owners = {i.participant_id: i.participant for i in identities}
    if len(owners) == 1:
        return next(iter(owners.values()))
    if ref.isdigit() and platform:
        identity = await db.scalar(
            select(Identity).where(Identity.platform == platform, Identity.user_id == ref)
        )
        if identity:
            return identity.participant
    people = (await db.scalars(select(Participant).where(Participant.status != "left"))).all()
    by_name = [p for p in people if p.display_name.lower() == handle]
    if len(by_name) == 1:
        return by_name[0]
    names = {p.id: p.display_name for p in people}
    matches = process.extract(handle, names, scorer=fuzz.WRatio, score_cutoff=88, limit=2)
    if len(matches) == 1 or (len(matches) == 2 and matches[0][1] - matches[1][1] >= 8):
        return next(p for p in people if p.id == matches[0][2])
    return None


def split_references(text: str) -> list[str]:
    """ "@anna @bert" or "@anna, @bert" -> ["@anna", "@bert"]."""
    return [part for part in re.split(r"[\s,]+", text.strip()) if part]
