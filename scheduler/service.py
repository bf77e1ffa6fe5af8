"""The scheduler service: APScheduler wakes the bot up; the rows say what to do.

APScheduler (AsyncIOScheduler) keeps no jobs of ours: one interval job wakes the service
every few seconds and one date job at the next due instant. A wake-up runs `tick()`: recover
what a dead process left, run due jobs, deliver due outbox messages. A missed wake-up loses
nothing (the next one sees the same rows), so APScheduler's misfire_grace_time cannot
silently skip a reminder; its job store is never used.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.kernel.dispatch import UPDATE_MEMORY, prune_processed_updates
from bot.kernel.services import Services
from scheduler.delivery import Delivery, next_outbox_at
from scheduler.jobs import next_due_at, release_dead_job_claims, run_due_jobs
from scheduler.timeline import add_missing_steps

log = logging.getLogger(__name__)

INTERVAL_SECONDS = 5.0
MIN_GAP_SECONDS = 0.5  # between two ticks when something stays due (e.g. held by a peer)
WAKE_JOB = "copbot-wake"
NEXT_DUE_JOB = "copbot-next-due"
# How often the remembered update ids are pruned (bot.kernel.dispatch.UPDATE_MEMORY).
PRUNE_EVERY = timedelta(hours=1)


async def tick(services: Services, delivery: Delivery | None = None) -> None:
    """One look at the rows: recover, run due jobs, send due messages (through `delivery`,
    the running service's own; a one-off look makes its own)."""
    delivery = delivery or Delivery(services)
    await release_dead_job_claims(services)
    await delivery.recover()
    while await run_due_jobs(services):
        pass  # a job may schedule another one that is due at once
    await delivery.deliver_until_idle()


class SchedulerService:
    """Runs `tick()` whenever APScheduler (or a commit that queued messages) wakes it."""

    def __init__(self, services: Services, *, interval: float = INTERVAL_SECONDS) -> None:
        self.services = services
        self.delivery = Delivery(services)
        self.interval = interval
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stop = asyncio.Event()  # set by stop(): one last look, no gap waited out
        self._unhook: Callable[[], None] | None = None
        self.ticks = 0
        self._pruned_at: datetime | None = None

    def wake(self) -> None:
        self._wake.set()

    async def _wake_job(self) -> None:  # a coroutine, so APScheduler runs it on our loop
        self.wake()

    async def start(self) -> None:
        self.scheduler.add_job(
            self._wake_job,
            "interval",
            seconds=self.interval,
            id=WAKE_JOB,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
        )
        self.scheduler.start()
        loop = asyncio.get_running_loop()

        def wake_soon() -> None:  # may be called from any thread that commits
            loop.call_soon_threadsafe(self._wake.set)

        self._unhook = self.services.outbox_committed.connect(wake_soon)
        self._task = asyncio.create_task(self._run(), name="copbot-scheduler")
        self.wake()  # catch up at once: jobs missed while down, messages left unsent

    async def _run(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            try:
                await tick(self.services, self.delivery)
                await self.housekeeping()
                self.ticks += 1
                if self._stop.is_set():
                    return  # that was the last look, for what was queued just before
                await self._plan_next()
            except asyncio.CancelledError:
                raise
            except Exception:  # the service keeps running; the rows are still there
                log.exception("scheduler tick failed")
                if self._stop.is_set():
                    return
            with contextlib.suppress(TimeoutError):  # the gap, unless the service stops
                await asyncio.wait_for(self._stop.wait(), MIN_GAP_SECONDS)

    async def housekeeping(self) -> None:
        """Forget old update ids (at most once an hour): the table would grow forever."""
        now = self.services.clock.now()
        if self._pruned_at is not None and now - self._pruned_at < PRUNE_EVERY:
            return
        self._pruned_at = now
        pruned = await prune_processed_updates(self.services)
        if pruned:
            log.info("forgot %d update ids older than %s", pruned, UPDATE_MEMORY)

    async def _plan_next(self) -> None:
        """A date job at the earliest due instant, unless the interval comes first anyway."""
        candidates = [
            t for t in (await next_due_at(self.services), await next_outbox_at(self.services)) if t
        ]
        if not candidates:
            return
        now = self.services.clock.now()
        due = max(min(candidates), now + timedelta(seconds=MIN_GAP_SECONDS))
        if due - now >= timedelta(seconds=self.interval):
            return
        # APScheduler counts in wall-clock time; the app's clock is only for what is due.
        run_date = datetime.now(UTC) + (due - now)
        self.scheduler.add_job(
            self._wake_job,
            "date",
            run_date=run_date,
            id=NEXT_DUE_JOB,
            replace_existing=True,
            misfire_grace_time=None,
        )

    async def stop(self, grace: float = 5.0) -> None:
        """One last look (messages queued just before), then hand back what is unsent."""
        if self._unhook is not None:
            self._unhook()
            self._unhook = None
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        self._stop.set()
        self._wake.set()
        task, self._task = self._task, None
        if task is None:
            return
        try:
            await asyncio.wait_for(asyncio.shield(task), grace)
            return
        except TimeoutError:
            log.warning("scheduler still busy after %.0f s; handing back unsent messages", grace)
        self.delivery.stopping = True
        try:
            await asyncio.wait_for(task, grace)
        except (TimeoutError, asyncio.CancelledError):
            log.warning("scheduler did not stop; cancelled")


async def start_scheduler_service(services: Services) -> SchedulerService:
    """Start the service (called by bot.runtime); `.stop()` stops it."""
    added = await add_missing_steps(services)
    if added:
        log.info("added %d timeline steps that planned sessions did not have yet", added)
    service = SchedulerService(services)
    await service.start()
    return service
