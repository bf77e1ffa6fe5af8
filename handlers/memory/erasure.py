"""What erasing a participant means for the collective memory.

Their answers go (the table points at them, NOT NULL) and their consent with them; a lesson made
of their answer stays, its contributor row without a name. Here: the messages that were sent to
them or quote them (the three-month question quotes their answer).
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.kernel.services import Registry
from handlers.memory import keys

ANY = "%"  # SQL LIKE: any part of a key


async def key_patterns(db: AsyncSession, participant_id: int) -> list[str]:
    return [
        keys.to_participant(keys.ask_prefix(ANY), participant_id),
        keys.to_participant(keys.followup_prefix(ANY), participant_id),
        keys.consent_key(participant_id),
    ]


def register(registry: Registry) -> None:
    registry.personal_keys("memory", key_patterns)
