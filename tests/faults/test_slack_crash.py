"""kill -9 while the bot answers a burst of Slack messages, start again on the same database:
every request Slack was told arrived (200) is answered, none twice.

The bot is `copbot run` in a process of its own, serving Slack's Events API over HTTP and
talking to the Slack Web API stand-in over loopback. Each request is stored before it is
acknowledged; what the killed process had not handled yet, the next one handles at start. A
request whose answer was on its way at the kill is "uncertain" (never answered again).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import signal
import time
from collections import Counter
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import select

from bot.db.models import InboxUpdate
from bot.platforms.slack.adapter import EVENTS_PATH
from tests.factories import database_url_for, make_app
from tests.fakes.slack_api import BOT_TOKEN, FakeSlack
from tests.faults.bot_process import free_port, kill, settle, start_bot
from tests.integration.harness import SECRET, dm, event_body

pytestmark = pytest.mark.slow

BURST = 30
KILL_AFTER = 8


async def wait_until_serving(url: str) -> None:
    """Until /healthz answers (a loaded machine may take a while to start the bot)."""
    health = url.replace(EVENTS_PATH, "/healthz")
    async with asyncio.timeout(60), aiohttp.ClientSession() as session:
        while True:
            try:
                async with session.get(health) as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.2)


def answered(fake: FakeSlack) -> Counter[str]:
    return Counter(str(call.args["channel"]) for call in fake.of("chat.postMessage"))


async def post(session: aiohttp.ClientSession, url: str, body: str) -> int:
    ts = str(int(time.time()))
    digest = hmac.new(SECRET.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": f"v0={digest}",
    }
    async with session.post(url, data=body.encode(), headers=headers) as response:
        return response.status


async def test_kill_9_mid_burst_then_restart_answers_every_acknowledged_request_once(
    tmp_path: Path,
) -> None:
    fake = await FakeSlack().start()
    users = [f"U{7000 + n}" for n in range(BURST)]
    for user in users:
        fake.add_user(user, f"Deelnemer {user}")
    try:
        await (await make_app(tmp_path)).close()  # a migrated database
        port = free_port()
        url = f"http://127.0.0.1:{port}{EVENTS_PATH}"
        env = {
            "COPBOT_DATABASE_URL": database_url_for(tmp_path),
            "COPBOT_SLACK_BOT_TOKEN": BOT_TOKEN,
            "COPBOT_SLACK_SIGNING_SECRET": SECRET,
            "COPBOT_SLACK_API_URL": fake.api_url,
            "COPBOT_HTTP_PORT": str(port),
        }
        first = await start_bot(tmp_path, env, "first.log")
        try:
            await wait_until_serving(url)
            bodies = [
                json.dumps(event_body(dm("/les corporaties", user=user), f"Ev{user}"))
                for user in users
            ]
            async with aiohttp.ClientSession() as session:
                statuses = await asyncio.gather(*(post(session, url, b) for b in bodies))
            assert statuses == [200] * BURST  # Slack was told: every one arrived
            async with asyncio.timeout(40):
                while len(answered(fake)) < KILL_AFTER:  # noqa: ASYNC110
                    await asyncio.sleep(0.02)
            await kill(first)
        finally:
            await kill(first)
        at_kill = len(answered(fake))
        assert at_kill < BURST, f"the kill must land mid-burst ({at_kill})"

        second = await start_bot(tmp_path, env, "second.log")
        try:
            services = await make_app(tmp_path)
            try:

                async def uncertain() -> set[str]:
                    async with services.database() as db:
                        rows = await db.scalars(
                            select(InboxUpdate).where(
                                InboxUpdate.platform == "slack", InboxUpdate.status == "handled"
                            )
                        )
                        return {
                            json.loads(row.payload["body"])["event"]["channel"] for row in rows
                        }

                channels = {"D" + user[1:] for user in users}
                left_uncertain = await settle(channels, lambda: answered(fake), uncertain)
            finally:
                await services.close()
        finally:
            await kill(second, signal.SIGTERM)
        counts = answered(fake)
        assert max(counts.values()) == 1, f"somebody was answered twice: {counts.most_common(3)}"
        assert channels - set(counts) <= left_uncertain
        assert len(left_uncertain) <= 1
        assert "Traceback" not in (tmp_path / "second.log").read_text()
    finally:
        await fake.stop()
