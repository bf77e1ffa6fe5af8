"""A local HTTP stand-in of a chat platform's send endpoint that counts what arrives.

`POST /send` with JSON {"chat_id", "text"} answers slowly (like a real API under load) with
{"ok": true, "message_id": n}; every message is counted per chat (its arrival time goes to
`arrivals`) the moment it arrives, so a sender killed while waiting for the answer still
leaves its message counted. `POST /job` with
{"key"} counts job runs. `refuse_next(n, status, retry_after)` answers the next n sends with
an error instead.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import Counter

from aiohttp import web


class CountingApi:
    def __init__(self, *, latency: float = 0.03) -> None:
        self.latency = latency
        self.received: Counter[str] = Counter()
        self.jobs: Counter[str] = Counter()
        self.senders: Counter[str] = Counter()
        self.arrivals: list[float] = []  # time.monotonic() of every counted message
        self._refusals: list[tuple[int, float]] = []
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self._arrived = asyncio.Event()
        self.url = ""

    @property
    def total(self) -> int:
        return sum(self.received.values())

    async def wait_for_total(self, count: int) -> None:
        while self.total < count:
            self._arrived.clear()
            await self._arrived.wait()

    def refuse_next(self, count: int, status: int = 429, retry_after: float = 1.0) -> None:
        self._refusals.extend([(status, retry_after)] * count)

    async def start(self) -> str:
        services = web.Application()
        services.router.add_post("/send", self._send)
        services.router.add_post("/job", self._job)
        self._runner = web.AppRunner(services, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _send(self, request: web.Request) -> web.Response:
        body = await request.json()
        if self._refusals:
            status, retry_after = self._refusals.pop(0)
            return web.json_response(
                {"ok": False, "error_code": status, "parameters": {"retry_after": retry_after}},
                status=status,
            )
        self.received[str(body["chat_id"])] += 1
        self.arrivals.append(time.monotonic())
        self._arrived.set()
        self.senders[request.headers.get("X-Sender", "?")] += 1
        await asyncio.sleep(self.latency)
        return web.json_response({"ok": True, "message_id": next(self._ids)})

    async def _job(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.jobs[str(body["key"])] += 1
        return web.json_response({"ok": True})
