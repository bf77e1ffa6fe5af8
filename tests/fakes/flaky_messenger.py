"""An in-process platform for outbox tests: records what arrives, fails when told to."""

from __future__ import annotations

import asyncio
import itertools
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from bot.core.messages import Reply
from bot.core.ports import NotSupported, UncertainDelivery


@dataclass(frozen=True)
class Delivered:
    chat_id: str
    reply: Reply
    at: float  # the injected monotonic clock at the moment of sending


class FlakyMessenger:
    """A Messenger that delivers into `delivered`, or raises the failures queued for it.

    `fail_next(error, ...)` queues failures for the next sends (to any chat, or to one
    chat with `chat_id=`); `always_fail(chat_id, error)` makes a chat fail for good. A queued
    `UncertainDelivery` is a timeout after the platform took the message: it is delivered and
    the error is raised anyway, as happens on a real network. Edits land in `edits` and take
    the same queued failures. With `groups=True` it opens group chats ("G" + the sorted user
    ids, recorded in `groups`; `fail_next_open` queues failures for that), without it raises
    NotSupported like a platform that has none.
    """

    can_edit = True
    can_open_group_chat = False

    def __init__(
        self,
        platform: str = "telegram",
        *,
        monotonic: Callable[[], float] = lambda: 0.0,
        dm_prefix: str = "",
        groups: bool = False,
    ) -> None:
        self.platform = platform
        self.can_open_group_chat = groups
        self.monotonic = monotonic
        self.dm_prefix = dm_prefix
        self.delivered: list[Delivered] = []
        self.attempts: list[str] = []  # chat ids, one per send call
        self.opened: list[str] = []
        self.edits: list[tuple[str, str, Reply]] = []  # (chat id, message id, new content)
        self.groups: list[list[str]] = []
        self._open_failures: deque[Exception] = deque()
        self._queued: deque[Exception] = deque()
        self._queued_for: dict[str, deque[Exception]] = {}
        self._always: dict[str, Exception] = {}
        self._ids = itertools.count(1)
        self._arrived = asyncio.Event()

    async def wait_for(self, count: int) -> None:
        """Until `count` messages have been delivered."""
        while len(self.delivered) < count:
            self._arrived.clear()
            await self._arrived.wait()

    def fail_next(self, *errors: Exception, chat_id: str | None = None) -> None:
        if chat_id is None:
            self._queued.extend(errors)
        else:
            self._queued_for.setdefault(chat_id, deque()).extend(errors)

    def fail_next_open(self, *errors: Exception) -> None:
        self._open_failures.extend(errors)

    def always_fail(self, chat_id: str, error: Exception) -> None:
        self._always[chat_id] = error

    def received(self, chat_id: str) -> int:
        return sum(1 for d in self.delivered if d.chat_id == chat_id)

    def _next_error(self, chat_id: str) -> Exception | None:
        error: Exception | None = self._always.get(chat_id)
        if error is None and self._queued_for.get(chat_id):
            error = self._queued_for[chat_id].popleft()
        if error is None and self._queued:
            error = self._queued.popleft()
        return error

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        self.attempts.append(chat_id)
        error = self._next_error(chat_id)
        if error is not None and not isinstance(error, UncertainDelivery):
            raise error
        self.delivered.append(Delivered(chat_id, reply, self.monotonic()))
        self._arrived.set()
        if error is not None:
            raise error
        return str(next(self._ids))

    async def open_private_chat(self, user_id: str) -> str:
        self.opened.append(user_id)
        return f"{self.dm_prefix}{user_id}"

    async def edit_message(self, chat_id: str, message_id: str, reply: Reply) -> None:
        error = self._next_error(chat_id)
        if error is not None and not isinstance(error, UncertainDelivery):
            raise error
        self.edits.append((chat_id, message_id, reply))
        if error is not None:
            raise error

    async def open_group_chat(self, user_ids: list[str]) -> str:
        if not self.can_open_group_chat:
            raise NotSupported(f"{self.platform} (a FlakyMessenger) opens no group chats")
        if self._open_failures:
            raise self._open_failures.popleft()
        self.groups.append(list(user_ids))
        return "G" + "".join(sorted(user_ids))
