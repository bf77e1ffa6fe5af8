"""Failed look-ups counted per client: after too many within a window the client waits."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from datetime import datetime, timedelta


class FailureLimit:
    """At most `limit` failures per key (a client's address) within `window`, in memory.

    Only failures count: a calendar app fetching its good feed every few minutes is never
    slowed down, someone trying tokens is stopped after a handful. Keys are forgotten once
    their failures are older than the window; at most `max_keys` are kept.
    """

    def __init__(
        self,
        limit: int,
        window: timedelta,
        clock: Callable[[], datetime],
        max_keys: int = 10_000,
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self.max_keys = max_keys
        self._failures: dict[str, deque[datetime]] = {}

    def wait(self, key: str) -> timedelta | None:
        """How long `key` must wait before its next look-up, or None when it may go ahead."""
        failures = self._failures.get(key)
        if failures is None:
            return None
        now = self.clock()
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        if not failures:
            del self._failures[key]
            return None
        if len(failures) < self.limit:
            return None
        return failures[0] + self.window - now

    def failed(self, key: str) -> None:
        now = self.clock()
        if key not in self._failures and len(self._failures) >= self.max_keys:
            self._forget_old(now)
        self._failures.setdefault(key, deque(maxlen=self.limit)).append(now)

    def _forget_old(self, now: datetime) -> None:
        for key in [k for k, f in self._failures.items() if not f or f[-1] <= now - self.window]:
            del self._failures[key]
        while len(self._failures) >= self.max_keys:  # still full: the oldest key goes
            del self._failures[next(iter(self._failures))]
