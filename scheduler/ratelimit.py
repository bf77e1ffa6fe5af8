"""Sending slots per platform: an overall rate and a minimum gap between messages to one chat.

Telegram: about 30 messages per second overall for bulk sends, at most one per second in one
chat, 20 per minute in a group. Slack: chat.postMessage about one per second per channel.
Each send reserves the earliest slot that keeps both limits, then sleeps until it; the clock
and the sleep are injected, so tests check the spacing without waiting. A send that went out
late (a busy event loop) followed by one on time would put more than the limit in one
second: the sends that actually left are counted too, and none goes out while the last
second (and a margin) already holds the limit.
"""

from __future__ import annotations

import asyncio
import bisect
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace

_EPSILON = 1e-9
# Sends counted per window: a platform counts messages per second, as they arrive; the
# margin covers the milliseconds by which one request may arrive later than the next.
WINDOW = 1.0
WINDOW_MARGIN = 0.05


@dataclass(frozen=True)
class PlatformLimits:
    per_second: float  # overall messages per second
    chat_interval: float  # seconds between two messages to one private chat / channel
    group_interval: float | None = None  # seconds between messages to one group chat

    def interval_for(self, chat_id: str) -> float:
        # Telegram group and channel ids are negative.
        if self.group_interval is not None and chat_id.startswith("-"):
            return self.group_interval
        return self.chat_interval


LIMITS: dict[str, PlatformLimits] = {
    "telegram": PlatformLimits(per_second=30.0, chat_interval=1.0, group_interval=3.0),
    "slack": PlatformLimits(per_second=10.0, chat_interval=1.0),
    "console": PlatformLimits(per_second=1000.0, chat_interval=0.0),
}
DEFAULT_LIMITS = PlatformLimits(per_second=10.0, chat_interval=1.0)
# With replicas (PostgreSQL) one of them sends at a time, and a turn may pass from one to the
# next in the middle of a second: 90% of the overall rate keeps the platform's count per second
# within its limit despite the few milliseconds each message may come late or early.
SHARED_SHARE = 0.9


def shared_limits() -> dict[str, PlatformLimits]:
    """LIMITS for a sender that takes turns with other replicas."""
    return {
        name: replace(limits, per_second=limits.per_second * SHARED_SHARE)
        for name, limits in LIMITS.items()
    }


@dataclass(frozen=True)
class Grant:
    platform: str
    chat_id: str
    at: float  # monotonic instant of the slot


class RateLimiter:
    """Hands out sending slots; `wait()` sleeps until the caller's slot."""

    def __init__(
        self,
        limits: dict[str, PlatformLimits] | None = None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        record: bool = False,
    ) -> None:
        self.limits = dict(LIMITS if limits is None else limits)
        self.monotonic = monotonic
        self.sleep = sleep
        self._slots: dict[str, list[float]] = {}  # per platform, sorted
        self._chat_next: dict[tuple[str, str], float] = {}
        self._sent: dict[str, deque[float]] = {}  # per platform: when sends actually left
        self._window_locks: dict[str, asyncio.Lock] = {}
        self.grants: list[Grant] | None = [] if record else None

    def limits_for(self, platform: str) -> PlatformLimits:
        return self.limits.get(platform, DEFAULT_LIMITS)

    def reserve(self, platform: str, chat_id: str, calls: int = 1) -> float:
        """Reserve the earliest allowed slot (and `calls` - 1 more after it, for a reply that
        takes several API calls, such as a text and its document); returns the first one's
        monotonic instant."""
        now = self.monotonic()
        limits = self.limits_for(platform)
        gap = 1.0 / limits.per_second
        slots = self._slots.setdefault(platform, [])
        # Forget slots too old to matter.
        del slots[: bisect.bisect_left(slots, now - gap)]
        at = max(now, self._chat_next.get((platform, chat_id), now))
        first = None
        for _ in range(max(1, calls)):
            for slot in slots:
                if slot - at >= gap - _EPSILON:
                    break
                if at - slot < gap - _EPSILON:
                    at = slot + gap
            bisect.insort(slots, at)
            first = at if first is None else first
        assert first is not None
        self._chat_next[(platform, chat_id)] = at + limits.interval_for(chat_id)
        if len(self._chat_next) > 10_000:
            self._chat_next = {k: v for k, v in self._chat_next.items() if v > now}
        if self.grants is not None:
            self.grants.append(Grant(platform, chat_id, first))
        return first

    def handover_delay(self) -> float:
        """Seconds until every platform's last reserved slot is a full gap in the past: then
        another process may start sending without breaking the overall rate."""
        now = self.monotonic()
        delays = [
            slots[-1] + 1.0 / self.limits_for(platform).per_second - now
            for platform, slots in self._slots.items()
            if slots
        ]
        return max([0.0, *delays])

    async def wait(
        self, platform: str, chat_id: str, calls: int = 1, *, window: bool = True
    ) -> float:
        """Reserve a slot (`calls` slots) and sleep until the first comes; returns it.

        `window=False`: the caller calls `within_window` itself, right before it sends.
        """
        at = self.reserve(platform, chat_id, calls)
        delay = at - self.monotonic()
        if delay > 0:
            await self.sleep(delay)
        if window:
            await self.within_window(platform, calls)
        return at

    async def within_window(self, platform: str, calls: int = 1) -> None:
        """Wait until the last WINDOW (+ margin) holds room for `calls` more sends, and count
        them as sent now."""
        most = max(1, int(self.limits_for(platform).per_second + _EPSILON))
        calls = max(1, calls)
        sent = self._sent.setdefault(platform, deque())
        span = WINDOW + WINDOW_MARGIN
        # One sender at a time: two that found the same room would both take it.
        async with self._window_locks.setdefault(platform, asyncio.Lock()):
            now = self.monotonic()
            while sent and sent[0] <= now - span:
                sent.popleft()
            over = len(sent) + calls - most
            if over > 0 and len(sent) >= over:
                delay = sent[over - 1] + span - now
                if delay > 0:
                    await self.sleep(delay)
                    now = self.monotonic()
            sent.extend([now] * calls)
            while len(sent) > most:
                sent.popleft()
