"""What erasing a participant means for the buddies: the keys that name them, their pairs."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models.buddies import END_ERASED, HandoverNote, Pairing
from bot.kernel.services import Context, Registry
from handlers.buddies import keys
from handlers.buddies.pairs import pair_waiting

ANY = "%"  # SQL LIKE: any part of a key


async def pair_ids_of(db: AsyncSession, participant_id: int) -> list[int]:
    """Every pair this person was in, as newcomer or as buddy."""
    rows = await db.scalars(
        select(Pairing.id).where(
            or_(Pairing.newcomer_id == participant_id, Pairing.buddy_id == participant_id)
        )
    )
    return list(rows.all())


def pair_patterns(pair_id: int) -> list[str]:
    """Every message and job of a pair: each one names or quotes both people."""
    return [
        keys.intro_prefix(pair_id),
        keys.to_participant(keys.intro_prefix(pair_id), ANY),
        keys.intro_group_key(pair_id),
        keys.to_participant(keys.history_prefix(pair_id), ANY),
        keys.checkin_key(pair_id, ANY),
        keys.to_participant(keys.checkin_key(pair_id, ANY), ANY),
        keys.to_participant(keys.checkin_failed_prefix(pair_id), ANY),
        keys.to_participant(keys.brief_prefix(ANY, pair_id), ANY),
        keys.to_participant(keys.after_prefix(ANY, pair_id), ANY),
        keys.to_participant(keys.graduated_prefix(pair_id), ANY),
        keys.to_participant(keys.left_prefix(pair_id), ANY),
        keys.to_participant(keys.undone_prefix(pair_id), ANY),
    ]


async def key_patterns(db: AsyncSession, participant_id: int) -> list[str]:
    """The LIKE patterns of the buddies' keys that name or quote this participant."""
    patterns = [
        p for pair_id in await pair_ids_of(db, participant_id) for p in pair_patterns(pair_id)
    ]
    notes = await db.scalars(
        select(HandoverNote.id).where(HandoverNote.author_id == participant_id)
    )
    patterns += [keys.to_participant(keys.handover_prefix(n), ANY) for n in notes.all()]
    patterns += [
        keys.to_participant(prefix(participant_id), ANY)
        for prefix in (keys.unpaired_prefix, keys.successor_prefix, keys.buddy_left_prefix)
    ]
    return patterns


async def end_pairs(ctx: Context, participant_id: int) -> None:
    """Before erasure: the person's pairs end, and why they were made is forgotten."""
    pair_ids = await pair_ids_of(ctx.db, participant_id)
    for row in (await ctx.db.scalars(select(Pairing).where(Pairing.id.in_(pair_ids)))).all():
        if row.ended_at is None:
            row.ended_at = ctx.now
            row.end_reason = END_ERASED
        row.reason = ""


async def pair_again(ctx: Context, participant_id: int) -> None:
    """After erasure: their newcomers need a new buddy; a newcomer's buddy has room again."""
    await pair_waiting(ctx.services, ctx.db, ctx.now)


def register(registry: Registry) -> None:
    registry.personal_keys("buddies", key_patterns)
    registry.on_erase(end_pairs)
    registry.on_erased(pair_again)
