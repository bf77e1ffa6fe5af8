"""Builds the services from the settings: storage, clock, knowledge, lesson index, features.

The one place that knows every feature package: each has `register(registry)`, called in the
order of FEATURES (also /help's order), with /help itself last so it can list the others.
"""

from __future__ import annotations

import importlib
import logging
import random

from sqlalchemy import select

from bot.core.clock import Clock, SystemClock
from bot.core.config import Settings
from bot.db.engine import create_engine, session_factory
from bot.db.migrate import upgrade, upgrade_apart
from bot.db.models import Identity, Participant
from bot.kernel.services import Registry, Services
from bot.platforms.telegram import is_anonymous_admin
from handlers.memory import load_harvest
from knowledge.loader import load_knowledge
from knowledge.model import Knowledge
from knowledge.search import LessonIndex

log = logging.getLogger(__name__)

# Each entry is "package" (its register()) or "package:function"; the order is /help's order.
FEATURES: tuple[str, ...] = (
    "handlers.lessons",
    "handlers.people",
    "handlers.sessions",
    "handlers.polls",
    "handlers.books",
    "handlers.buddies",
    "handlers.history",
    "handlers.outbox",
    "handlers.memory",
    "handlers.dashboard",
    "handlers.people:register_privacy",
    "handlers.buddies:register_continuity",
)


def build_registry(features: tuple[str, ...] = FEATURES) -> Registry:
    registry = Registry()
    for feature in features:
        module_name, _, function = feature.partition(":")
        getattr(importlib.import_module(module_name), function or "register")(registry)
    # /help is added last so it can list everything registered before it.
    importlib.import_module("handlers.help").register(registry)
    return registry


def build_services(
    settings: Settings | None = None,
    *,
    clock: Clock | None = None,
    registry: Registry | None = None,
    knowledge: Knowledge | None = None,
    lesson_index: LessonIndex | None = None,
    rng: random.Random | None = None,
) -> Services:
    """Everything the bot needs, built once. The knowledge is loaded and validated here, at
    start (a broken data file stops the bot now, not at the first /les)."""
    settings = settings or Settings()
    knowledge = knowledge or load_knowledge()
    engine = create_engine(settings.database_url)
    services = Services(
        settings=settings,
        engine=engine,
        database=session_factory(engine),
        clock=clock or SystemClock(),
        registry=registry or build_registry(),
        knowledge=knowledge,
        lesson_index=lesson_index or LessonIndex(knowledge),
        random=rng or random.Random(),
    )
    services.database.configure(info={"outbox_committed": services.outbox_committed})
    return services


async def prepare(services: Services, *, migrate_apart: bool = False) -> None:
    """Migrate the database and make the configured organisers organisers. With
    `migrate_apart` (the long-running bot) a needed migration runs in a child process."""
    await (upgrade_apart if migrate_apart else upgrade)(services.engine)
    await bootstrap_organisers(services)
    # /les ranks the lessons harvested after the booklet with the booklet's own.
    await load_harvest(services)


async def bootstrap_organisers(services: Services) -> None:
    now = services.clock.now()
    async with services.database() as db, db.begin():
        for platform, user_id in services.settings.organiser_identities():
            if platform == "telegram" and is_anonymous_admin(user_id):
                log.warning("ignoring the anonymous-admin id in COPBOT_ORGANISERS")
                continue
            identity = await db.scalar(
                select(Identity).where(Identity.platform == platform, Identity.user_id == user_id)
            )
            if identity is None:
                participant = Participant(
                    display_name=f"{platform}:{user_id}",
                    language=services.settings.language,
                    created_at=now,
                    is_organiser=True,
                )
                db.add(Identity(participant=participant, platform=platform, user_id=user_id))
            else:
                identity.participant.is_organiser = True
