"""The Slack adapter: events, slash commands and button presses in, Block Kit replies out."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import FixedValueRetryIntervalCalculator
from slack_sdk.signature import Clock as SignatureClock
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.core import ports as base
from bot.core.messages import Attachment, Incoming, Reply
from bot.core.ports import Stopper
from bot.kernel.dispatch import dispatch
from bot.kernel.services import Services
from bot.platforms.slack.blocks import Message, render

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"  # events, slash commands and interactivity alike
CATCH_ALL_COMMANDS = {"cop", "copbot"}  # "/cop help" means "/help"
DRAIN_SECONDS = 10.0  # how long stopping waits for replies in progress
USER_CACHE_TTL = timedelta(hours=6)
RESPONSE_URL_POSTS = 5  # Slack accepts five posts to one response_url (within 30 minutes)
LINK = re.compile(r"<([^>|]*)(?:\|([^>]*))?>")
USER_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
# Errors that fix themselves or an admin fixes (a rotated token); everything else is final.
TRANSIENT_ERRORS = {
    "internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited",
    "rate_limited", "not_authed", "invalid_auth", "token_revoked", "token_expired",
}  # fmt: skip


def make_client(token: str | None, base_url: str, timeout: int = 30) -> AsyncWebClient:
    """A Web API client that waits out 429s and retries a 5xx once; never resends after a
    timeout or a dropped connection, since the message may already have arrived."""
    handlers = [
        AsyncConnectionErrorRetryHandler(error_types=[aiohttp.ClientConnectorError]),
        AsyncRateLimitErrorRetryHandler(max_retry_count=1),
        AsyncServerErrorRetryHandler(1, FixedValueRetryIntervalCalculator(0.5)),
    ]
    return AsyncWebClient(token=token, base_url=base_url, timeout=timeout, retry_handlers=handlers)


@dataclass
class Origin:
    """Where an update came from, so its replies can go back the way Slack wants."""

    channel: str
    user: str
    is_dm: bool
    response_url: str | None = None
    message_ts: str | None = None  # the message a pressed button sits on
    ephemeral: bool = False  # that message is ephemeral: chat.update can't change it
    thread_ts: str | None = None
    posts_left: int = RESPONSE_URL_POSTS


class SlackSender:
    """Puts rendered replies into Slack through the Web API or a response_url."""

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client

    async def post(self, channel: str, message: Message, thread_ts: str | None = None) -> str:
        response = await self.client.chat_postMessage(
            channel=channel, thread_ts=thread_ts, **message
        )
        return str(response["ts"])

    async def open_dm(self, user: str) -> str:
        response = await self.client.conversations_open(users=user)
        return str(response["channel"]["id"])

    async def open_group(self, users: list[str]) -> str:
        # conversations.open with several users opens (or returns) their group DM with the bot.
        response = await self.client.conversations_open(users=",".join(users))
        return str(response["channel"]["id"])

    async def upload(self, channel: str, attachment: Attachment) -> None:
        await self.client.files_upload_v2(
            channel=channel, filename=attachment.filename, content=attachment.content,
            title=attachment.filename,
        )  # fmt: skip

    async def deliver(self, origin: Origin, reply: Reply) -> None:
        private = reply.private and not origin.is_dm
        messages = render(reply)
        if reply.edit and origin.message_ts and messages:
            first, *messages = messages
            if not (origin.ephemeral and await self._respond(origin, first, replace=True)):
                await self.client.chat_update(
                    channel=origin.channel, ts=origin.message_ts, **first
                )
        for message in messages:
            kind = "ephemeral" if private else "in_channel"
            if await self._respond(origin, {**message, "response_type": kind}):
                continue
            if private:
                await self.client.chat_postEphemeral(
                    channel=origin.channel, user=origin.user, thread_ts=origin.thread_ts, **message
                )
            else:
                await self.post(origin.channel, message, origin.thread_ts)
        if reply.attachment:  # files can't be ephemeral: a private file goes to the DM
            channel = await self.open_dm(origin.user) if private else origin.channel
            await self.upload(channel, reply.attachment)

    async def _respond(self, origin: Origin, body: dict[str, Any], replace: bool = False) -> bool:
        """Post to the response_url while it lasts; False means "use the Web API instead"."""
        if not origin.response_url or origin.posts_left <= 0:
            return False
        origin.posts_left -= 1
        hook = AsyncWebhookClient(origin.response_url, retry_handlers=self.client.retry_handlers)
        response = await hook.send_dict({**body, "replace_original": replace})
        if response.status_code != 200:
            log.warning("response_url answered %s: %s", response.status_code, response.body)
            origin.posts_left = 0
            return False
        return True


class SlackMessenger:
    """Messages on the bot's own initiative (the outbox): a member's DM, ~1 per second each."""

    platform = "slack"

    def __init__(self, sender: SlackSender, min_interval: float = 1.0) -> None:
        self.sender = sender
        self.min_interval = min_interval  # Slack allows about one message per second per channel
        self._next_slot: dict[str, float] = {}

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        try:
            first: str | None = None
            for message in render(reply):
                await self._pace(chat_id)
                ts = await self.sender.post(chat_id, message)
                first = first or ts
            if reply.attachment:
                await self.sender.upload(chat_id, reply.attachment)
            return first
        except Exception as problem:
            raise delivery_error(problem) from problem

    async def open_private_chat(self, user_id: str) -> str:
        try:
            return await self.sender.open_dm(user_id)
        except Exception as problem:
            raise delivery_error(problem) from problem

    async def edit_message(self, chat_id: str, message_id: str, reply: Reply) -> None:
        """Replace an earlier message (a vote message with new counts) via chat.update."""
        try:
            first = render(reply)[0]
            await self._pace(chat_id)
            await self.sender.client.chat_update(channel=chat_id, ts=message_id, **first)
        except Exception as problem:
            raise delivery_error(problem) from problem

    async def open_group_chat(self, user_ids: list[str]) -> str:
        """A group DM of these members and the bot (e.g. a newcomer and their buddy)."""
        try:
            return await self.sender.open_group(user_ids)
        except Exception as problem:
            raise delivery_error(problem) from problem

    async def _pace(self, channel: str) -> None:
        now = asyncio.get_running_loop().time()
        slot = max(now, self._next_slot.get(channel, 0.0))
        self._next_slot[channel] = slot + self.min_interval  # claimed before waiting
        if slot > now:
            await asyncio.sleep(slot - now)


def delivery_error(problem: Exception) -> Exception:
    """The outbox's view of a failed Web API call; unknown exceptions pass unchanged."""
    if isinstance(problem, SlackApiError):
        status = problem.response.status_code
        data = problem.response.data
        error = str(data.get("error", "")) if isinstance(data, dict) else ""
        retry_after = (problem.response.headers or {}).get("Retry-After")
        if isinstance(retry_after, list):
            retry_after = retry_after[0]
        if status == 429 or (error in {"ratelimited", "rate_limited"} and retry_after):
            return base.RetryLater(float(retry_after or 1), error or "rate limited")
        if status >= 500 or error in TRANSIENT_ERRORS:
            return base.TransientFailure(error or f"HTTP {status}")
        return base.PermanentFailure(error or f"HTTP {status}")
    if isinstance(problem, aiohttp.ClientConnectorError | aiohttp.ConnectionTimeoutError):
        return base.TransientFailure(str(problem))  # nothing reached Slack
    if isinstance(problem, TimeoutError | aiohttp.ClientError):
        return base.UncertainDelivery(str(problem) or type(problem).__name__)
    if isinstance(problem, SlackRequestError):
        return base.TransientFailure(str(problem))
    return problem


def plain_text(text: str) -> str:
    """Slack's markup back to what the person typed: &lt; → <, <#C1|cop> → #cop; user
    mentions stay "<@U1>" (without a label), which is how handlers recognise Slack people."""

    def unlink(match: re.Match[str]) -> str:
        target, label = match.group(1), match.group(2)
        if target.startswith("@"):
            return f"<{target}>"
        if target[:1] in "#!":
            return target[0].replace("!", "@") + (label or target[1:].split("^")[0])
        return label or target

    text = LINK.sub(unlink, text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def command_text(command: str, text: str) -> str:
    """ "/les monitoring" stays; "/cop ik stad Utrecht" becomes "/ik stad Utrecht"."""
    name, rest = command.lstrip("/").lower(), plain_text(text).strip()
    if name in CATCH_ALL_COMMANDS:
        return "/" + (rest.lstrip("/") or "help")
    return f"/{name} {rest}".strip()


def mention_text(text: str, bot_user: str | None, as_command: bool = True) -> str:
    """A mention is addressed to the bot, so "@copbot les monitoring" is "/les monitoring"."""
    if bot_user:
        text = re.sub(rf"\s*<@{re.escape(bot_user)}(?:\|[^>]*)?>\s*", " ", text)
    elif as_command:
        text = re.sub(r"^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>", " ", text)
    text = plain_text(text).strip()
    if not as_command or text.startswith("/"):
        return text
    return "/" + (text or "help")


class SlackAdapter:
    """Bolt listeners that acknowledge at once and hand the work to background tasks."""

    def __init__(self, services: Services, sender: SlackSender) -> None:
        self.services = services
        self.sender = sender
        self._users: dict[str, tuple[datetime, tuple[str, str | None, str | None]]] = {}
        self._tasks: set[asyncio.Task[None]] = set()

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
        self._start(origin, body.get("event_id"), text, event.get("text", ""), bot_user)

    async def on_mention(
        self, body: dict[str, Any], event: dict[str, Any], context: dict[str, Any]
    ) -> None:
        if event.get("bot_id") or event.get("subtype") or event["channel"].startswith("D"):
            return  # in a DM message.im already brings the same text
        bot_user = context.get("bot_user_id")
        origin = Origin(event["channel"], event.get("user", ""), is_dm=False)
        origin.thread_ts = event.get("thread_ts")
        text = mention_text(event.get("text", ""), bot_user)
        self._start(origin, body.get("event_id"), text, event.get("text", ""), bot_user)

    async def on_command(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        channel = body.get("channel_id", "")
        is_dm = body.get("channel_name") == "directmessage" or channel.startswith("D")
        origin = Origin(channel, body.get("user_id", ""), is_dm, body.get("response_url"))
        key = body.get("trigger_id") or _digest(body.get("response_url", ""))
        text = command_text(body.get("command", ""), body.get("text", ""))
        self._start(origin, f"command:{key}", text=text, mentions=body.get("text", ""))

    async def on_action(self, ack: AsyncAck, body: dict[str, Any]) -> None:
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
        self._start(origin, f"action:{key}", callback=action["value"])

    def _start(
        self, origin: Origin, update_id: str | None, text: str = "", mentions: str = "",
        bot_user: str | None = None, callback: str | None = None,
    ) -> None:  # fmt: skip
        mentioned = tuple(m for m in USER_MENTION.findall(mentions) if m != bot_user)
        task = asyncio.create_task(self._handle(origin, update_id, text, callback, mentioned))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _handle(
        self, origin: Origin, update_id: str | None, text: str, callback: str | None,
        mentions: tuple[str, ...],
    ) -> None:  # fmt: skip
        name, handle, locale = await self._user(origin.user)
        incoming = Incoming(
            platform="slack", user_id=origin.user, chat_id=origin.channel, text=text,
            callback=callback, display_name=name, username=handle, language=locale,
            is_group=not origin.is_dm, update_id=update_id, message_id=origin.message_ts,
            mentions=mentions,
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


def http_handler(
    bolt: AsyncApp, verifier: SignatureVerifier
) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    """Verify Slack's signature first (bolt would answer 500 to a malformed timestamp and uses
    the real clock), then let bolt parse and acknowledge."""

    async def handle(request: web.Request) -> web.StreamResponse:
        timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
        try:
            body = (await request.read()).decode("utf-8")
        except UnicodeDecodeError:
            body, timestamp = "", ""
        if not (timestamp.isascii() and timestamp.isdigit()):
            return web.json_response({"error": "invalid request"}, status=400)
        if not verifier.is_valid(body, timestamp, request.headers.get("X-Slack-Signature", "")):
            return web.json_response({"error": "invalid request"}, status=401)
        headers: dict[str, str | Sequence[str]] = {
            k.lower(): v for k, v in request.headers.items()
        }
        bolt_request = AsyncBoltRequest(body=body, query=request.query_string, headers=headers)
        return await to_aiohttp_response(await bolt.async_dispatch(bolt_request))

    return handle


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
    )
    adapter.register(bolt)
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
        web_app.router.add_post(EVENTS_PATH, http_handler(bolt, verifier))
        log.info("Slack: events, commands and interactivity on POST %s", EVENTS_PATH)

    async def stop() -> None:
        if socket is not None:
            await socket.close_async()
        await adapter.drain()
        services.messengers.pop("slack", None)

    return stop
