"""Fixtures every test can use: an App on a fresh SQLite file, an organiser and a participant."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.kernel.services import Services
from tests.factories import Person, make_app


@pytest.fixture
async def services(tmp_path: Path) -> AsyncIterator[Services]:
    application = await make_app(tmp_path)
    try:
        yield application
    finally:
        await application.close()


@pytest.fixture
def organiser(services: Services) -> Person:
    return Person(services, "organiser", name="Olga Organisator", username="olga")


@pytest.fixture
def participant(services: Services) -> Person:
    return Person(services, "p1", name="Esther Brink", username="esther")
