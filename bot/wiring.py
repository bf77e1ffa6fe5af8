"""Builds one App: settings, storage, clock, the feature registry and the platform senders."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.core.clock import Clock, SystemClock
from bot.core.config import Settings
from bot.core.messages import Incoming, Reply
from bot.core.ports import Messenger
from bot.db.engine import create_engine, session_factory
from bot.db.migrate import upgrade
from bot.db.models import Identity, Participant
from bot.kernel.dispatch import TELEGRAM_ANONYMOUS_ADMIN, Dispatcher
from bot.kernel.registry import Registry, build_registry

if TYPE_CHECKING:
    from knowledge.model import Knowledge

log = logging.getLogger(__name__)


@dataclass
class App:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    clock: Clock
    registry: Registry
    messengers: dict[str, Messenger] = field(default_factory=dict)
    # Services that features share and that platforms or the scheduler attach at start.
    services: dict[str, Any] = field(default_factory=dict)

    @property
    def dispatcher(self) -> Dispatcher:
        return self.registry.dispatcher

    @property
    def organiser_ids(self) -> set[tuple[str, str]]:
        return set(self.settings.organiser_identities())

    @property
    def knowledge(self) -> Knowledge:
        from knowledge.loader import get_knowledge

        return get_knowledge()

    async def dispatch(self, incoming: Incoming) -> list[Reply]:
        return await self.dispatcher.dispatch(self, incoming)

    async def prepare(self) -> None:
        """Migrate the database and make the configured organisers organisers."""
        await upgrade(self.engine)
        await self.bootstrap_organisers()

    async def bootstrap_organisers(self) -> None:
        now = self.clock.now()
        async with self.sessions() as db, db.begin():
            for platform, user_id in self.settings.organiser_identities():
                if user_id == TELEGRAM_ANONYMOUS_ADMIN:
                    log.warning("ignoring the anonymous-admin id in COPBOT_ORGANISERS")
                    continue
                identity = await db.scalar(
                    select(Identity).where(
                        Identity.platform == platform, Identity.user_id == user_id
                    )
                )
                if identity is None:
                    participant = Participant(
                        display_name=f"{platform}:{user_id}",
                        language=self.settings.language,
                        created_at=now,
                        is_organiser=True,
                    )
                    db.add(Identity(participant=participant, platform=platform, user_id=user_id))
                else:
                    identity.participant.is_organiser = True

    async def close(self) -> None:
        await self.engine.dispose()


def build_app(
    settings: Settings | None = None,
    *,
    clock: Clock | None = None,
    registry: Registry | None = None,
) -> App:
    settings = settings or Settings()
    engine = create_engine(settings.database_url)
    return App(
        settings=settings,
        engine=engine,
        sessions=session_factory(engine),
        clock=clock or SystemClock(),
        registry=registry or build_registry(),
    )
