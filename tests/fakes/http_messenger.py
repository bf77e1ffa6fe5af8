"""A Messenger that posts to tests.fakes.counting_api over real HTTP, mapping its answers
to the delivery errors the way a platform adapter does (429, 5xx, 403, timeouts)."""

from __future__ import annotations

import aiohttp

from bot.core.messages import Reply
from bot.core.ports import (
    NotSupported,
    PermanentFailure,
    RetryLater,
    TransientFailure,
    UncertainDelivery,
)


class HttpMessenger:
    can_edit = False
    can_open_group_chat = False

    def __init__(
        self, base_url: str, *, platform: str = "telegram", sender: str = "", timeout: float = 5
    ) -> None:
        self.platform = platform
        self.base_url = base_url.rstrip("/")
        self.sender = sender
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=self.timeout)
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        try:
            async with self._client().post(
                f"{self.base_url}/send",
                json={"chat_id": chat_id, "text": reply.text},
                headers={"X-Sender": self.sender},
            ) as response:
                body = await response.json()
        except aiohttp.ClientConnectorError as problem:
            raise TransientFailure(f"cannot connect: {problem}") from problem
        except (TimeoutError, aiohttp.ClientError) as problem:
            raise UncertainDelivery(f"no answer: {problem!r}") from problem
        if response.status == 429:
            raise RetryLater(float(body.get("parameters", {}).get("retry_after", 1)))
        if response.status >= 500:
            raise TransientFailure(f"HTTP {response.status}")
        if response.status >= 400:
            raise PermanentFailure(f"HTTP {response.status}: {body}")
        return str(body["message_id"])

    async def open_private_chat(self, user_id: str) -> str:
        return user_id

    async def edit_message(self, chat_id: str, message_id: str, reply: Reply) -> None:
        raise NotSupported("the counting API cannot edit")

    async def open_group_chat(self, user_ids: list[str]) -> str:
        raise NotSupported("the counting API has no group chats")

    async def post_job(self, key: str) -> None:
        async with self._client().post(f"{self.base_url}/job", json={"key": key}) as response:
            response.raise_for_status()
