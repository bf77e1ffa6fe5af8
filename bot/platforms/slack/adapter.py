"""The Slack adapter: events, slash commands and button presses in, Block Kit replies out."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
from datetime import datetime, timedelta
from typing import Any

import aiohttp
from aiohttp import web
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import Clock as SignatureClock
from slack_sdk.signature import SignatureVerifier

from bot.core.messages import Incoming
from bot.core.ports import Stopper
from bot.db.models import InboxUpdate
from bot.kernel import inbox
from bot.kernel.dispatch import dispatch
from bot.kernel.inbox import InboxWorker
from bot.kernel.services import Services
from bot.platforms.slack.intake import http_handler
from bot.platforms.slack.messenger import SlackMessenger
from bot.platforms.slack.sender import Origin, SlackSender, make_client
from bot.platforms.slack.text import USER_MENTION, command_text, mention_text

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"  # events, slash commands and interactivity alike
DRAIN_SECONDS = 10.0  # how long stopping waits for replies in progress
USER_CACHE_TTL = timedelta(hours=6)


class SlackAdapter:
    """Bolt listeners that acknowledge at once and hand the work to background tasks."""

    def __init__(self, services: Services, sender: SlackSender) -> None:
        self.services = services
        self.sender = sender
        self._users: dict[str, tuple[datetime, tuple[str, str | None, str | None]]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self.bolt: AsyncApp | None = None
        # Requests over HTTP are kept in the inbox before they are acknowledged.
        self.worker: InboxWorker | None = None

    def register(self, bolt: AsyncApp) -> None:
        bolt.event("message")(self.on_message)
        bolt.event("app_mention")(self.on_mention)
        bolt.command(re.compile(r"^/"))(self.on_command)
        bolt.action(re.compile(r".*"))(self.on_action)

    async def on_message(
        self, body: dict[str, Any], event: dict[str, Any], context: dict[str, Any]
    ) -> None:
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return  # edits, joins and bots (ourselves included) are not for us
        bot_user = context.get("bot_user_id")
        text = mention_text(event.get("text", ""), bot_user, as_command=False)
        origin = Origin(event["channel"], event.get("user", ""), is_dm=True)
        self._start(
            origin,
            _update_id(context, body.get("event_id")),
            text,
            event.get("text", ""),
            bot_user,
        )

    async def on_mention(
        self, body: dict[str, Any], event: dict[str, Any], context: dict[str, Any]
    ) -> None:
        if event.get("bot_id") or event.get("subtype") or event["channel"].startswith("D"):
            return  # in a DM message.im already brings the same text
        bot_user = context.get("bot_user_id")
        origin = Origin(event["channel"], event.get("user", ""), is_dm=False)
        origin.thread_ts = event.get("thread_ts")
        # Said to the bot: "@copbot les monitoring" and "Hoi @copbot, wat leren we over
        # corporaties?" are read as in a private chat (a command word, else a question).
        text = mention_text(event.get("text", ""), bot_user, as_command=False) or "/help"
        self._start(
            origin,
            _update_id(context, body.get("event_id")),
            text,
            event.get("text", ""),
            bot_user,
            addressed=True,
        )

    async def on_command(
        self, ack: AsyncAck, body: dict[str, Any], context: dict[str, Any]
    ) -> None:
        await ack()
        channel = body.get("channel_id", "")
        is_dm = body.get("channel_name") == "directmessage" or channel.startswith("D")
        origin = Origin(channel, body.get("user_id", ""), is_dm, body.get("response_url"))
        key = body.get("trigger_id") or _digest(body.get("response_url", ""))
        text = command_text(body.get("command", ""), body.get("text", ""))
        update = _update_id(context, f"command:{key}")
        self._start(origin, update, text=text, mentions=body.get("text", ""))

    async def on_action(
        self, ack: AsyncAck, body: dict[str, Any], context: dict[str, Any]
    ) -> None:
        await ack()
        action = (body.get("actions") or [{}])[0]
        if action.get("type") != "button" or not action.get("value"):
            return  # a link button: Slack opened the link, nothing to do
        container = body.get("container") or {}
        channel = (body.get("channel") or {}).get("id") or container.get("channel_id", "")
        is_dm = (body.get("channel") or {}).get("name") == "directmessage" or channel[:1] == "D"
        origin = Origin(channel, body["user"]["id"], is_dm, body.get("response_url"))
        origin.message_ts = container.get("message_ts") or (body.get("message") or {}).get("ts")
        origin.ephemeral = bool(container.get("is_ephemeral"))
        key = body.get("trigger_id") or _digest(f"{action.get('action_ts')}{origin.user}")
        self._start(origin, _update_id(context, f"action:{key}"), callback=action["value"])

    def _start(
        self, origin: Origin, update_id: str | None, text: str = "", mentions: str = "",
        bot_user: str | None = None, callback: str | None = None, addressed: bool = False,
    ) -> None:  # fmt: skip
        mentioned = tuple(m for m in USER_MENTION.findall(mentions) if m != bot_user)
        task = asyncio.create_task(
            self._handle(origin, update_id, text, callback, mentioned, addressed)
        )
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _handle(
        self, origin: Origin, update_id: str | None, text: str, callback: str | None,
        mentions: tuple[str, ...], addressed: bool = False,
    ) -> None:  # fmt: skip
        name, handle, locale = await self._user(origin.user)
        incoming = Incoming(
            platform="slack", user_id=origin.user, chat_id=origin.channel, text=text,
            callback=callback, display_name=name, username=handle, language=locale,
            is_group=not origin.is_dm, update_id=update_id, message_id=origin.message_ts,
            mentions=mentions, addressed=addressed,
        )  # fmt: skip
        for reply in await dispatch(self.services, incoming):
            try:
                await self.sender.deliver(origin, reply)
            except Exception:
                log.exception("could not deliver a reply to %s in %s", origin.user, origin.channel)

    async def _user(self, user_id: str) -> tuple[str, str | None, str | None]:
        """Display name, handle and locale from users.info, remembered for a few hours."""
        now = self.services.clock.now()
        cached = self._users.get(user_id)
        if cached and now - cached[0] < USER_CACHE_TTL:
            return cached[1]
        try:
            user = (await self.sender.client.users_info(user=user_id, include_locale=True))["user"]
        except (SlackApiError, aiohttp.ClientError, TimeoutError) as problem:
            log.warning("users.info for %s failed: %s", user_id, problem)
            return "", None, None
        profile = user.get("profile") or {}
        name = profile.get("display_name") or profile.get("real_name") or user.get("name") or ""
        info = (name, user.get("name"), user.get("locale"))
        self._users[user_id] = (now, info)
        return info

    async def store(self, request: dict[str, Any]) -> bool:
        """Keep a verified request before Slack hears it arrived; False when kept before."""
        key = "raw:" + _digest(str(request["body"]))
        if self.worker is not None:
            return await self.worker.keep(key, request)  # handled from memory, at once
        return await inbox.receive(self.services, "slack", key, request) is not None

    async def handle_stored(self, item: InboxUpdate) -> None:
        """A stored request, handed to bolt and its listeners; answered at most once."""
        worker = self.worker
        if self.bolt is None or worker is None:
            return
        if not await inbox.claim_apart(self.services, item, worker.answered):
            return
        before = set(self._tasks)
        payload = item.payload or {}
        request = AsyncBoltRequest(
            body=str(payload.get("body", "")),
            query=str(payload.get("query", "")),
            headers=dict(payload.get("headers") or {}),
            context={STORED: True},
        )
        try:
            await self.bolt.async_dispatch(request)
        except Exception:
            log.exception("a stored Slack request could not be handled")
        started = set(self._tasks) - before
        if started:
            await asyncio.wait(started)
        worker.done(item.id)  # marked answered with the next claim, or soon after (as Telegram)

    async def drain(self) -> None:
        """Let replies in progress finish (bounded) before the process stops."""
        if self._tasks:
            _, pending = await asyncio.wait(set(self._tasks), timeout=DRAIN_SECONDS)
            for task in pending:
                task.cancel()


class _AppClock(SignatureClock):
    def __init__(self, services: Services) -> None:
        self.services = services

    def now(self) -> float:
        return self.services.clock.now().timestamp()


# In bolt's context of a request handled from the inbox: the inbox already keeps it once.
STORED = "copbot_stored"


def _update_id(context: dict[str, Any], update_id: str | None) -> str | None:
    """The id the dispatcher remembers, unless the inbox does that already (a request is
    then claimed before it is handled, and not checked a second time)."""
    return None if context.get(STORED) else update_id


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


async def start_slack(services: Services, web_app: web.Application) -> Stopper:
    """Serve Slack: over HTTP on the bot's server, or over Socket Mode with an app token."""
    settings = services.settings
    client = make_client(settings.slack_bot_token, settings.slack_api_url)
    sender = SlackSender(client)
    adapter = SlackAdapter(services, sender)
    bolt = AsyncApp(
        client=client,
        signing_secret=settings.slack_signing_secret or "",
        request_verification_enabled=False,  # done in http_handler, with the app's clock
        # Listeners run before bolt answers: a stored request is finished only after its
        # listener started the reply (they acknowledge first and reply in tasks of their own).
        process_before_response=True,
    )
    adapter.register(bolt)
    adapter.bolt = bolt
    services.messengers["slack"] = SlackMessenger(sender)
    socket: Any = None
    if settings.slack_app_token:
        from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

        socket = AsyncSocketModeHandler(bolt, settings.slack_app_token)
        await socket.connect_async()
        log.info("Slack: Socket Mode connected")
    else:
        verifier = SignatureVerifier(
            settings.slack_signing_secret or "", clock=_AppClock(services)
        )
        clock = _AppClock(services)
        adapter.worker = InboxWorker(services, "slack", adapter.handle_stored)
        handler = http_handler(bolt, verifier, clock.now, store=adapter.store)
        web_app.router.add_post(EVENTS_PATH, handler)
        adapter.worker.start()  # first what a stopped process left, then each new request
        log.info("Slack: events, commands and interactivity on POST %s", EVENTS_PATH)

    async def stop() -> None:
        if socket is not None:
            await socket.close_async()
        if adapter.worker is not None:
            await adapter.worker.stop()
        await adapter.drain()
        services.messengers.pop("slack", None)

    return stop
