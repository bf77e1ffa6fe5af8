"""What every platform adapter offers the rest of the bot for sending on its own initiative."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from bot.core.messages import Reply

# What starting a platform or the scheduler returns: the function that stops it again.
Stopper = Callable[[], Awaitable[None]]


@dataclass(frozen=True)
class WebPage:
    """What a feature's HTTP route answers (the server turns None into 404 Not Found).

    With an `etag` (without quotes) or `last_modified` the server answers a conditional GET
    (If-None-Match, else If-Modified-Since) with 304 Not Modified when the client is current.
    """

    body: bytes
    content_type: str = "text/html"
    charset: str | None = "utf-8"
    etag: str | None = None
    last_modified: datetime | None = None
    headers: Mapping[str, str] = field(default_factory=dict)  # e.g. Cache-Control
    status: int = 200  # 303 with a Location header for a redirect, 403 for a refusal, ...
    cookies: tuple[str, ...] = ()  # whole Set-Cookie values, one header each


@dataclass(frozen=True)
class WebRequest:
    """What a feature's web page gets of an HTTP request (the server has read the form of a
    POST, within its size limit; names and values are text)."""

    method: str
    path: str
    params: Mapping[str, str] = field(default_factory=dict)  # the path's {name} parts
    query: Mapping[str, str] = field(default_factory=dict)
    form: Mapping[str, str] = field(default_factory=dict)
    cookies: Mapping[str, str] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    client: str = "unknown"  # the remote address


class DeliveryError(Exception):
    """A send failed; the subclass says whether and when to try again."""


class RetryLater(DeliveryError):
    """Rate limited (HTTP 429): try again after `retry_after` seconds."""

    def __init__(self, retry_after: float, detail: str = "") -> None:
        super().__init__(detail or f"retry after {retry_after}s")
        self.retry_after = retry_after


class TransientFailure(DeliveryError):
    """The platform failed (5xx) or could not be reached before anything was sent."""


class PermanentFailure(DeliveryError):
    """It will never work (bot blocked, chat gone, user deactivated): do not retry."""


class UncertainDelivery(DeliveryError):
    """The request went out but no answer came (timeout): it may have been delivered."""


class NotSupported(PermanentFailure):
    """This platform cannot do that at all (edit a message, open a group chat): never retried.

    A messenger whose `can_edit` / `can_open_group_chat` is False raises it from that method.
    """


class Messenger(Protocol):
    """Sending side of a platform adapter, used by the outbox and for direct replies.

    Features ask `can_edit` and `can_open_group_chat` before they queue such work; the
    outbox's delivery makes every call (outside any database transaction).
    """

    platform: str
    can_edit: bool  # edit_message works
    can_open_group_chat: bool  # open_group_chat works

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        """Send `reply` to `chat_id`; returns the platform's message id when there is one."""
        ...

    async def open_private_chat(self, user_id: str) -> str:
        """The chat id of the private conversation with `user_id` (opened when needed)."""
        ...

    async def edit_message(self, chat_id: str, message_id: str, reply: Reply) -> None:
        """Replace the message `message_id` sent earlier to `chat_id` with `reply`'s content
        (its first message); raises NotSupported when `can_edit` is False."""
        ...

    async def open_group_chat(self, user_ids: list[str]) -> str:
        """The chat id of a group conversation of these users and the bot (opened when
        needed); raises NotSupported when `can_open_group_chat` is False."""
        ...
