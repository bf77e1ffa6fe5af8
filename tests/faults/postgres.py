"""A database of its own on the throwaway PostgreSQL (COPBOT_TEST_POSTGRES_URL) for a fault
test, and the peak of messages per second the counting stand-in saw."""

from __future__ import annotations

import bisect
import os
import secrets
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

import asyncpg
import pytest
from sqlalchemy.engine import make_url

PG_URL = os.environ.get("COPBOT_TEST_POSTGRES_URL")


@asynccontextmanager
async def fresh_database() -> AsyncIterator[str]:
    """The URL of a new, empty database, dropped afterwards; skips without PostgreSQL."""
    if not PG_URL:
        pytest.skip("COPBOT_TEST_POSTGRES_URL is not set")
    url = make_url(PG_URL)
    name = f"copbot_f_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(
        host=url.host,
        port=url.port,
        user=url.username,
        password=url.password,
        database=url.database,
    )
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


def peak_per_second(arrivals: Sequence[float]) -> int:
    """The most messages that arrived within any one second (a sliding window)."""
    times = sorted(arrivals)
    return max(
        (bisect.bisect_left(times, start + 1.0) - i for i, start in enumerate(times)), default=0
    )
