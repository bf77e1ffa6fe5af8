"""Fixtures every test can use: an App on a fresh SQLite file, an organiser and a participant."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.wiring import App
from tests.factories import Person, make_app


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[App]:
    application = await make_app(tmp_path)
    try:
        yield application
    finally:
        await application.close()


@pytest.fixture
def organiser(app: App) -> Person:
    return Person(app, "organiser", name="Olga Organisator", username="olga")


@pytest.fixture
def participant(app: App) -> Person:
    return Person(app, "p1", name="Esther Brink", username="esther")
