"""Long polling that confirms an update to Telegram only after it is stored.

python-telegram-bot's Updater confirms the getUpdates offset as soon as it has put a batch in
memory, and retries a batch it cannot parse without pausing. Here getUpdates is called with
the raw Bot API (aiohttp): each update's JSON is stored in the inbox first, and only the next
call's offset confirms it. Reading an update happens later, when the inbox row is handled, so
one unreadable update is skipped there and blocks nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp

from bot.kernel.inbox import Backoff

log = logging.getLogger(__name__)

# Stores one update's JSON; returns False when it was stored before (a redelivery).
Store = Callable[[dict[str, Any]], Awaitable[bool]]


class PollingError(Exception):
    def __init__(self, description: str, retry_after: float | None = None) -> None:
        super().__init__(description)
        self.retry_after = retry_after


class Poller:
    """getUpdates in a loop: store every update, then confirm it with the next offset."""

    def __init__(
        self,
        api_url: str,
        token: str,
        store: Store,
        on_stored: Callable[[], None],
        *,
        timeout: float,
        allowed_updates: list[str],
    ) -> None:
        self.url = f"{api_url}{token}/getUpdates"
        self.store = store
        self.on_stored = on_stored
        self.timeout = max(0, round(timeout))
        self.allowed_updates = allowed_updates
        self.offset: int | None = None
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="telegram-polling")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        backoff = Backoff()
        client_timeout = aiohttp.ClientTimeout(total=self.timeout + 20, connect=10)
        async with aiohttp.ClientSession(timeout=client_timeout) as session:
            while True:
                try:
                    await self.poll_once(session)
                except asyncio.CancelledError:
                    raise
                except Exception as problem:
                    # Logged once per run of failures, then waited out, longer each time.
                    if backoff.failures == 0:
                        log.warning("Telegram getUpdates failed (%s); trying again", problem)
                    retry_after = getattr(problem, "retry_after", None)
                    if retry_after:
                        await asyncio.sleep(float(retry_after))
                    await backoff.failed()
                    continue
                if backoff.failures:
                    log.info("Telegram getUpdates works again")
                backoff.succeeded()

    async def poll_once(self, session: aiohttp.ClientSession) -> None:
        params: dict[str, Any] = {
            "timeout": self.timeout,
            "allowed_updates": self.allowed_updates,
        }
        if self.offset is not None:
            params["offset"] = self.offset
        async with session.post(self.url, json=params) as response:
            try:
                body = await response.json(content_type=None)
            except ValueError:
                raise PollingError(f"HTTP {response.status}, not JSON") from None
        if not isinstance(body, dict) or not body.get("ok"):
            body = body if isinstance(body, dict) else {}
            retry_after = (body.get("parameters") or {}).get("retry_after")
            raise PollingError(
                f"{body.get('error_code', response.status)} {body.get('description', '')}",
                retry_after,
            )
        updates = [u for u in body.get("result") or [] if isinstance(u, dict)]
        stored = False
        for raw in updates:
            update_id = raw.get("update_id")
            if not isinstance(update_id, int):
                log.warning("ignoring an update without an update_id")
                continue
            stored = await self.store(raw) or stored  # an error here: not confirmed, fetched again
            self.offset = max(self.offset or 0, update_id + 1)
        if stored:
            self.on_stored()
