"""The introduction of a new pair: each other's details, on Slack a group DM, and the history."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.messages import Reply
from bot.db.models import Identity, Participant
from bot.db.models.buddies import Pairing
from bot.kernel.services import JobContext, Registry, Services
from handlers.buddies import keys
from handlers.buddies.pairs import pair_people
from handlers.buddies.texts import TEXTS
from handlers.buddies.views import details_of, latest_platform, meet_line, reason_text
from handlers.history import history_reply
from scheduler.outbox import enqueue, enqueue_to_group


async def run_intro(job: JobContext) -> None:
    await send_intro(job.services, job.db, job.now, int(job.payload["pair_id"]))


def register(registry: Registry) -> None:
    registry.job("buddy-intro", run_intro)


async def send_intro(services: Services, db: AsyncSession, now: datetime, pair_id: int) -> None:
    """Both get each other's details; on Slack, a group DM of the two plus the bot."""
    row = await db.get(Pairing, pair_id)
    if row is None or not row.active:
        return
    people = await pair_people(db, row)
    if people is None:
        return
    newcomer, buddy = people
    if not await send_group_intro(services, db, now, row, newcomer, buddy):
        await send_direct_intros(services, db, now, row, newcomer, buddy)
    # The collective memory, so the newcomer can connect quickly.
    await enqueue(
        db,
        key=keys.to_participant(keys.history_prefix(row.id), newcomer.id),
        participant_id=newcomer.id,
        reply=await history_reply(services, db, now, newcomer.language),
    )


async def send_direct_intros(
    services: Services,
    db: AsyncSession,
    now: datetime,
    row: Pairing,
    newcomer: Participant,
    buddy: Participant,
) -> None:
    for me, other, key in ((newcomer, buddy, "intro_newcomer"), (buddy, newcomer, "intro_buddy")):
        lang = me.language
        platform = await latest_platform(db, me.id)
        text = TEXTS(
            lang,
            key,
            buddy=buddy.display_name,
            newcomer=newcomer.display_name,
            details=await details_of(db, other, lang, platform),
            reason=reason_text(lang, row.rule, newcomer, buddy),
            meet=await meet_line(services, db, now, lang),
        )
        await enqueue(
            db,
            key=keys.to_participant(keys.intro_prefix(row.id), me.id),
            participant_id=me.id,
            reply=Reply(text),
        )


async def slack_user(db: AsyncSession, participant_id: int) -> str | None:
    identity = await db.scalar(
        select(Identity).where(
            Identity.participant_id == participant_id, Identity.platform == "slack"
        )
    )
    return identity.user_id if identity else None


async def send_group_intro(
    services: Services,
    db: AsyncSession,
    now: datetime,
    row: Pairing,
    newcomer: Participant,
    buddy: Participant,
) -> bool:
    """A Slack group DM when both are on Slack and the messenger can open one (optional);
    the outbox delivery opens it, after this transaction."""
    messenger = services.messengers.get("slack")
    if messenger is None or not messenger.can_open_group_chat:
        return False
    if (
        await latest_platform(db, newcomer.id) != "slack"
        or await latest_platform(db, buddy.id) != "slack"
    ):
        return False
    newcomer_user, buddy_user = await slack_user(db, newcomer.id), await slack_user(db, buddy.id)
    if newcomer_user is None or buddy_user is None:
        return False
    lang = newcomer.language
    text = TEXTS(
        lang,
        "intro_group",
        newcomer=newcomer.display_name,
        buddy=buddy.display_name,
        newcomer_details=await details_of(db, newcomer, lang, "slack"),
        buddy_details=await details_of(db, buddy, lang, "slack"),
        reason=reason_text(lang, row.rule, newcomer, buddy),
        meet=await meet_line(services, db, now, lang),
    )
    await enqueue_to_group(
        db,
        key=keys.intro_group_key(row.id),
        platform="slack",
        user_ids=[newcomer_user, buddy_user],
        reply=Reply(text),
    )
    return True
