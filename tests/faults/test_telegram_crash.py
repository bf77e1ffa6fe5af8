"""kill -9 while the bot answers a burst of Telegram updates, start again on the same database:
every update is answered, none twice, by long polling and by webhook.

The bot is `copbot run` in a process of its own, talking to the Telegram stand-in over
loopback. 50 participants each send `/les corporaties`; after 15 answers the process is killed
with SIGKILL and started again. An update whose answer was on its way at the kill is
"uncertain" (stored as handled, never answered again): it has at most one answer, and there is
at most one such update (updates are answered one at a time).
"""

from __future__ import annotations

import asyncio
import signal
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.db.models import InboxUpdate
from tests.factories import database_url_for, make_app
from tests.fakes.telegram_api import FakeTelegram
from tests.faults.bot_process import free_port, kill, settle, start_bot

pytestmark = pytest.mark.slow

BURST = 50
KILL_AFTER = 15
FIRST_USER = 7000


def answered(fake: FakeTelegram) -> Counter[int]:
    return Counter(s.chat_id for s in fake.outgoing if s.method == "sendMessage")


async def check_exactly_once(tmp_path: Path, fake: FakeTelegram, env: dict[str, str]) -> None:
    """Restart on the same database, wait until everything is answered, check the counts."""
    second = await start_bot(tmp_path, env, "second.log")
    try:
        chats = set(range(FIRST_USER, FIRST_USER + BURST))
        services = await make_app(tmp_path)
        try:

            async def uncertain() -> set[int]:
                async with services.database() as db:
                    rows = await db.scalars(
                        select(InboxUpdate).where(InboxUpdate.status == "handled")
                    )
                    return {int(row.payload["message"]["chat"]["id"]) for row in rows}

            left_uncertain = await settle(chats, lambda: answered(fake), uncertain)
        finally:
            await services.close()
    finally:
        await kill(second, signal.SIGTERM)
    counts = answered(fake)
    per_update = max(counts.values())
    assert per_update == 1, f"somebody was answered twice: {counts.most_common(3)}"
    missing = chats - set(counts)
    assert missing <= left_uncertain, f"never answered: {sorted(missing)}"
    assert len(left_uncertain) <= 1
    log = (tmp_path / "second.log").read_text()
    assert "Traceback" not in log, log[-3000:]
    print(f"uncertain after the kill: {sorted(left_uncertain)}; unanswered {sorted(missing)}")


async def wait_then_kill(
    fake: FakeTelegram, first: asyncio.subprocess.Process, first_log: Path
) -> int:
    reached = asyncio.create_task(fake.wait_for(lambda: len(answered(fake)) >= KILL_AFTER, 30))
    exited = asyncio.create_task(first.wait())
    await asyncio.wait({reached, exited}, timeout=40, return_when=asyncio.FIRST_COMPLETED)
    reached.cancel()
    assert first.returncode is None, (
        "the bot stopped before it could be killed: "
        + (
            first_log.read_text()[-3000:]  # noqa: ASYNC240 (the test fails here anyway)
        )
    )
    await kill(first)
    exited.cancel()
    at_kill = len(answered(fake))
    assert KILL_AFTER <= at_kill < BURST, f"the kill must land mid-burst ({at_kill})"
    return at_kill


async def test_kill_9_while_polling_then_restart_answers_every_update_once(
    tmp_path: Path,
) -> None:
    fake = FakeTelegram()
    await fake.start()
    try:
        await (await make_app(tmp_path)).close()  # a migrated database
        env = {
            "COPBOT_DATABASE_URL": database_url_for(tmp_path),
            "COPBOT_TELEGRAM_TOKEN": fake.token,
            "COPBOT_TELEGRAM_API_URL": fake.base_url,
            "COPBOT_HTTP_PORT": "0",  # any free port: polling needs none known in advance
        }
        for n in range(BURST):
            fake.private_message(FIRST_USER + n, "/les corporaties")
        first = await start_bot(tmp_path, env, "first.log")
        try:
            await wait_then_kill(fake, first, tmp_path / "first.log")
        finally:
            await kill(first)
        await check_exactly_once(tmp_path, fake, env)
    finally:
        await fake.stop()


async def test_kill_9_with_a_webhook_then_restart_answers_every_update_once(
    tmp_path: Path,
) -> None:
    fake = FakeTelegram()
    await fake.start()
    try:
        await (await make_app(tmp_path)).close()
        port = free_port()
        url = f"http://127.0.0.1:{port}/telegram"
        env = {
            "COPBOT_DATABASE_URL": database_url_for(tmp_path),
            "COPBOT_TELEGRAM_TOKEN": fake.token,
            "COPBOT_TELEGRAM_API_URL": fake.base_url,
            "COPBOT_TELEGRAM_WEBHOOK_URL": url,
            "COPBOT_HTTP_PORT": str(port),
        }
        first = await start_bot(tmp_path, env, "first.log")
        try:
            await fake.wait_for(lambda: bool(fake.webhook["url"]), 30)
            await wait_until_serving(url)
            updates = [
                fake.private_message(FIRST_USER + n, "/les corporaties") for n in range(BURST)
            ]
            statuses = await asyncio.gather(*(fake.deliver_webhook(u) for u in updates))
            assert set(statuses) == {200}
            await wait_then_kill(fake, first, tmp_path / "first.log")
        finally:
            await kill(first)
        await check_exactly_once(tmp_path, fake, env)
    finally:
        await fake.stop()


async def wait_until_serving(url: str) -> None:
    """The webhook is set before the HTTP server listens: wait for /healthz."""
    import aiohttp

    health = url.rsplit("/", 1)[0] + "/healthz"
    async with asyncio.timeout(20), aiohttp.ClientSession() as session:
        while True:
            try:
                async with session.get(health) as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
