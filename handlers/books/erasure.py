"""What erasing a participant means for the reading club: the messages that name them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import BookPick, Presenter
from bot.kernel.services import Registry
from handlers.books import keys

ANY = "%"  # SQL LIKE: any part of a key


async def key_patterns(db: AsyncSession, participant_id: int) -> list[str]:
    """The LIKE patterns of the reading club's keys that name or quote this participant: what
    was sent to them, and the reminders of the meetings they present at (those name every
    presenter)."""
    sessions = await db.scalars(
        select(BookPick.session_id)
        .join(Presenter, Presenter.pick_id == BookPick.id)
        .where(Presenter.participant_id == participant_id)
        .distinct()
    )
    return [
        keys.invite_key(ANY, participant_id),
        keys.verdict_key(ANY, ANY, participant_id),
        keys.presenters_key(ANY, participant_id),
        *(keys.presenters_key(session_id, ANY) for session_id in sessions.all()),
    ]


def register(registry: Registry) -> None:
    registry.personal_keys("books", key_patterns)
