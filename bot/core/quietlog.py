"""A log that says one short line per reason at a time, however fast the reasons come."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable


class QuietLog:
    """Log a warning for `reason` at most once per `interval` seconds, with how many were
    held back since. For requests refused before anyone is known (forged signatures, guessed
    tokens): a flood of them must not fill the log. The limit is on the log, not the client."""

    def __init__(
        self,
        logger: logging.Logger,
        interval: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.logger = logger
        self.interval = interval
        self.clock = clock
        self._last: dict[str, float] = {}
        self._held: dict[str, int] = {}

    def warning(self, reason: str, detail: str = "") -> None:
        now = self.clock()
        last = self._last.get(reason)
        if last is not None and now - last < self.interval:
            self._held[reason] = self._held.get(reason, 0) + 1
            return
        held = self._held.pop(reason, 0)
        self._last[reason] = now
        more = f" ({held} more like it held back)" if held else ""
        self.logger.warning("%s%s%s", reason, f": {detail[:120]}" if detail else "", more)
