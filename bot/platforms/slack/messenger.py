"""Slack on the bot's own initiative (the outbox): DMs, group DMs and edits, paced per
channel; Web API failures become the outbox's delivery errors."""

from __future__ import annotations

import asyncio

import aiohttp
from slack_sdk.errors import SlackApiError, SlackRequestError

from bot.core import ports as base
from bot.core.messages import Reply
from bot.platforms.slack.blocks import render
from bot.platforms.slack.sender import SlackSender

# Errors that fix themselves or an admin fixes (a rotated token); everything else is final.
TRANSIENT_ERRORS = {
    "internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited",
    "rate_limited", "not_authed", "invalid_auth", "token_revoked", "token_expired",
}  # fmt: skip


class SlackMessenger:
    """Messages on the bot's own initiative (the outbox): a member's DM, ~1 per second each."""

    platform = "slack"
    can_edit = True  # chat.update
    can_open_group_chat = True  # conversations.open with several users

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
