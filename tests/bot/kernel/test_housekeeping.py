"""What the structure used to hide: update ids pruned, registrations once, knowledge at start."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot import wiring
from bot.core.clock import ManualClock
from bot.core.messages import Reply
from bot.db.models import ProcessedUpdate
from bot.kernel.dispatch import UPDATE_MEMORY
from bot.kernel.services import Context, Registry, Services
from knowledge.loader import DATA_DIR, KnowledgeError, load_knowledge
from scheduler.service import start_scheduler_service
from tests.factories import Person, make_settings


async def remembered(services: Services) -> list[str]:
    async with services.database() as db:
        return list((await db.scalars(select(ProcessedUpdate.update_key))).all())


async def test_the_running_scheduler_forgets_old_update_ids(services: Services) -> None:
    person = Person(services, "p1")
    await person.say("/start")  # remembered now
    clock = services.clock
    assert isinstance(clock, ManualClock)
    clock.advance(UPDATE_MEMORY + timedelta(days=1))
    await person.say("/ik")  # remembered a fortnight later
    assert len(await remembered(services)) == 2

    service = await start_scheduler_service(services)
    try:
        for _ in range(100):  # the first wake-up comes at once
            if len(await remembered(services)) == 1:
                break
            await asyncio.sleep(0.05)
    finally:
        await service.stop()
    [kept] = await remembered(services)
    assert kept.startswith("console-")


async def handler(ctx: Context) -> Reply:
    return Reply("x")


def test_a_dialogue_or_fallback_registered_twice_is_an_error() -> None:
    registry = Registry()
    registry.dialogue("kleur", handler)
    with pytest.raises(ValueError, match="twice"):
        registry.dialogue("kleur", handler)
    registry.set_fallback(handler)
    with pytest.raises(ValueError, match="twice"):
        registry.set_fallback(handler)
    registry.command("x", handler, help_nl="x", help_en="x")
    with pytest.raises(ValueError, match="twice"):
        registry.command("X", handler, help_nl="x", help_en="x")


def test_broken_knowledge_stops_the_bot_at_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "data"
    broken.mkdir()
    for source in DATA_DIR.glob("*.yaml"):
        (broken / source.name).write_text(source.read_text())
    lessons = broken / "lessons.yaml"
    lessons.write_text(lessons.read_text().replace("theme:", "thema:", 1))
    monkeypatch.setattr(wiring, "load_knowledge", lambda: load_knowledge(broken))
    with pytest.raises(KnowledgeError):
        wiring.build_services(make_settings(tmp_path))  # not at the first /les


def test_the_knowledge_and_lesson_index_are_ready_when_the_services_are(tmp_path: Path) -> None:
    services = wiring.build_services(make_settings(tmp_path))
    assert services.knowledge.lessons
    assert services.lesson_index.knowledge is services.knowledge
    assert services.lesson_index.search("corporaties")
