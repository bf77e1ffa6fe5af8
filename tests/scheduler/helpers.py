"""Shared bits of the scheduler tests: people to send to, and virtual time for the limiter."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from bot.db.models import Identity, OutboxMessage, Participant
from bot.kernel.services import Services


async def add_people(
    services: Services,
    count: int,
    *,
    platform: str = "telegram",
    first_user: int = 2000,
    language: str = "nl",
    with_dm: bool = True,
) -> list[int]:
    """`count` active participants, each with one identity; returns their ids."""
    now = services.clock.now()
    async with services.database() as db, db.begin():
        people = []
        for n in range(count):
            user = str(first_user + n)
            person = Participant(
                display_name=f"Deelnemer {user}", language=language, created_at=now
            )
            db.add(
                Identity(
                    participant=person,
                    platform=platform,
                    user_id=user,
                    dm_chat_id=user if with_dm else None,
                    last_seen_at=now,
                )
            )
            people.append(person)
        await db.flush()
        return [p.id for p in people]


async def outbox_rows(services: Services) -> list[OutboxMessage]:
    async with services.database() as db:
        return list((await db.scalars(select(OutboxMessage).order_by(OutboxMessage.id))).all())


class VirtualTime:
    """A monotonic clock and a sleep that moves it instead of waiting.

    With `frozen=True` the clock stands still: every slot is planned from the same instant,
    which shows the limiter's ideal schedule for a whole batch.
    """

    def __init__(self, *, frozen: bool = False) -> None:
        self.t = 0.0
        self.frozen = frozen
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.t

    async def sleep(self, delay: float) -> None:
        # The limiter sleeps right after reserving, so now + delay is the reserved slot.
        self.sleeps.append(delay)
        if not self.frozen:
            self.t += max(delay, 0.0)
        await asyncio.sleep(0)
