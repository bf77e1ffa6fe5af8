"""Where features declare what the scheduler runs: job kinds and session timeline steps."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scheduler.jobs import JobContext

JobHandler = Callable[["JobContext"], Awaitable[None]]


@dataclass(frozen=True)
class TimelineStep:
    """A step every session gets, due at session start + offset (offset < 0 is before)."""

    kind: str  # also the job kind that runs it
    offset: timedelta
    label_nl: str
    label_en: str
    # Sessions may carry their own offsets for a kind (e.g. reminders "14d 2d 3u").
    per_session: bool = False


class JobRegistry:
    """Job kinds by name, and the steps of the session timeline, declared by each feature."""

    def __init__(self) -> None:
        self.handlers: dict[str, JobHandler] = {}
        self.steps: dict[str, TimelineStep] = {}
        self.payload_examples: dict[str, dict[str, Any]] = {}

    def job(self, kind: str) -> Callable[[JobHandler], JobHandler]:
        def decorate(handler: JobHandler) -> JobHandler:
            if kind in self.handlers:
                raise ValueError(f"job kind {kind!r} registered twice")
            self.handlers[kind] = handler
            return handler

        return decorate

    def step(
        self,
        kind: str,
        offset: timedelta,
        *,
        label_nl: str,
        label_en: str,
        per_session: bool = False,
    ) -> Callable[[JobHandler], JobHandler]:
        """Declare a timeline step and its handler in one go."""

        def decorate(handler: JobHandler) -> JobHandler:
            self.steps[kind] = TimelineStep(kind, offset, label_nl, label_en, per_session)
            return self.job(kind)(handler)

        return decorate
