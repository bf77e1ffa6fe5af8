"""Putting rendered replies into Slack: the Web API client and the response_url."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import aiohttp
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import FixedValueRetryIntervalCalculator
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.core.messages import Attachment, Reply
from bot.platforms.slack.blocks import Message, render

log = logging.getLogger(__name__)

RESPONSE_URL_POSTS = 5  # Slack accepts five posts to one response_url (within 30 minutes)


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
