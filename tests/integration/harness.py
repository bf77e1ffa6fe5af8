"""Shared by the integration tests: a Slack client that signs as Slack does, both platforms."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
from aiohttp import web
from sqlalchemy import func, select

from bot.db.models import ProcessedUpdate
from bot.http import HttpServer, build_web_app
from bot.kernel.services import Services
from bot.platforms.slack.adapter import EVENTS_PATH, start_slack
from bot.platforms.telegram.adapter import start_telegram
from bot.runtime import Stopper
from tests.factories import make_app
from tests.fakes.slack_api import BOT_TOKEN, BOT_USER, TEAM, FakeSlack
from tests.fakes.telegram_api import FakeTelegram

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
_ids = count(1)


@dataclass
class SlackBot:
    """The bot serving Slack over HTTP, and a way to talk to it the way Slack does."""

    services: Services
    slack: FakeSlack
    url: str
    session: aiohttp.ClientSession
    stop_slack: Stopper
    responses: list[tuple[int, str]] = field(default_factory=list)

    def now(self) -> int:
        return int(self.services.clock.now().timestamp())

    async def send(
        self,
        body: str,
        *,
        form: bool = False,
        timestamp: str | None = None,
        secret: str = SECRET,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, str]:
        """POST `body` signed exactly as Slack signs: v0=HMAC-SHA256("v0:{ts}:{body}")."""
        ts = timestamp if timestamp is not None else str(self.now())
        digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256)
        all_headers = {
            "Content-Type": "application/x-www-form-urlencoded" if form else "application/json",
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": "v0=" + digest.hexdigest(),
            **(headers or {}),
        }
        async with self.session.post(self.url, data=body.encode(), headers=all_headers) as r:
            result = (r.status, await r.text())
        self.responses.append(result)
        return result

    async def event(self, event: dict[str, Any], event_id: str | None = None, **kw: Any) -> str:
        event_id = event_id or f"Ev{next(_ids):06d}"
        await self.send(json.dumps(event_body(event, event_id)), **kw)
        return event_id

    async def command(
        self, command: str, text: str, user: str = "U1", channel: str = "C1", **kw: Any
    ) -> tuple[int, str]:
        n = next(_ids)
        fields = {
            "token": "legacy", "team_id": TEAM, "channel_id": channel,
            "channel_name": "directmessage" if channel.startswith("D") else "cop-algemeen",
            "user_id": user, "user_name": "esther", "command": command, "text": text,
            "api_app_id": "A1", "response_url": self.slack.response_url(f"c{n}"),
            "trigger_id": f"{n}.1.abc",
        }  # fmt: skip
        return await self.send(urlencode(fields), form=True, **kw)

    async def press(
        self, value: str, message_ts: str, channel: str = "C1", ephemeral: bool = False
    ) -> tuple[int, str]:
        n = next(_ids)
        payload = {
            "type": "block_actions",
            "user": {"id": "U1", "username": "esther", "team_id": TEAM},
            "api_app_id": "A1",
            "token": "legacy",
            "container": {"type": "message", "message_ts": message_ts, "channel_id": channel,
                          "is_ephemeral": ephemeral},
            "trigger_id": f"{n}.2.def",
            "team": {"id": TEAM, "domain": "cop"},
            "channel": {"id": channel, "name": "cop-algemeen"},
            "message": {"type": "message", "ts": message_ts, "text": "..."},
            "response_url": self.slack.response_url(f"a{n}"),
            "actions": [{"type": "button", "action_id": "copbot-0-0", "block_id": "b1",
                         "value": value, "action_ts": f"{time.time():.6f}",
                         "text": {"type": "plain_text", "text": "Ja"}}],
        }  # fmt: skip
        return await self.send(urlencode({"payload": json.dumps(payload)}), form=True)

    async def handled(self) -> int:
        async with self.services.database() as db:
            return int(await db.scalar(select(func.count()).select_from(ProcessedUpdate)) or 0)


def slack_settings(slack: FakeSlack) -> dict[str, object]:
    """The settings that point the bot at the Slack stand-in, served over HTTP."""
    return {
        "slack_bot_token": BOT_TOKEN,
        "slack_signing_secret": SECRET,
        "slack_api_url": slack.api_url,
    }


@asynccontextmanager
async def serving_slack(
    services: Services, slack: FakeSlack, web_app: web.Application | None = None
) -> AsyncIterator[SlackBot]:
    """Start the Slack adapter and the HTTP server (on a free port); stop both after."""
    web_app = web_app if web_app is not None else build_web_app(services)
    stop_slack = await start_slack(services, web_app)
    server = HttpServer(web_app, "127.0.0.1", 0)
    port = await server.start()
    try:
        async with aiohttp.ClientSession() as session:
            url = f"http://127.0.0.1:{port}{EVENTS_PATH}"
            yield SlackBot(services, slack, url, session, stop_slack)
    finally:
        await stop_slack()
        await server.stop()


def event_body(event: dict[str, Any], event_id: str) -> dict[str, Any]:
    return {
        "token": "legacy", "team_id": TEAM, "api_app_id": "A1", "event": event,
        "type": "event_callback", "event_id": event_id, "event_time": 1_700_000_000,
        "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}],
    }  # fmt: skip


def dm(text: str, user: str = "U1") -> dict[str, Any]:
    return {"type": "message", "channel": "D" + user[1:], "channel_type": "im", "user": user,
            "text": text, "ts": f"{time.time():.6f}"}  # fmt: skip


@dataclass
class Both:
    """One bot serving Telegram and Slack at once, with both stand-ins."""

    services: Services
    telegram: FakeTelegram
    slack: SlackBot


@asynccontextmanager
async def both_platforms(tmp_path: Path, slack_users: dict[str, str]) -> AsyncIterator[Both]:
    """Start the stand-ins, the app, both adapters and the HTTP server; stop them after."""
    telegram = FakeTelegram()
    await telegram.start()
    slack = await FakeSlack().start()
    for user_id, name in slack_users.items():
        slack.add_user(user_id, name, locale="nl-NL")
    services = await make_app(
        tmp_path,
        telegram_token=telegram.token,
        telegram_api_url=telegram.base_url,
        **slack_settings(slack),
    )
    web_app = build_web_app(services)
    stop_telegram = await start_telegram(services, web_app, poll_timeout=1)
    try:
        async with serving_slack(services, slack, web_app) as slack_bot:
            yield Both(services, telegram, slack_bot)
    finally:
        await stop_telegram()
        await services.close()
        await slack.stop()
        await telegram.stop()
