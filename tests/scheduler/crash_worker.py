"""A separate copbot process for the crash and scale-out tests.

    python -m tests.scheduler.crash_worker DATABASE_URL API_URL [NAME]

Runs the scheduler's tick against the database (migrated by the test) and delivers through
tests.fakes.http_messenger to the counting stand-in, until nothing is left to do. Job kind
"remote-ping" tells the stand-in that it ran and queues one message.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import time

from bot.core.config import Settings
from bot.core.messages import Reply
from bot.kernel.services import JobContext, Registry
from scheduler.delivery import pending_count
from scheduler.jobs import next_due_at
from scheduler.outbox import enqueue_to_chat
from scheduler.service import tick
from tests.factories import build_services
from tests.fakes.http_messenger import HttpMessenger


async def main(database_url: str, api_url: str, name: str) -> int:
    messenger = HttpMessenger(api_url, sender=name)
    registry = Registry()

    async def ping(ctx: JobContext) -> None:
        await messenger.post_job(ctx.job.key)
        await enqueue_to_chat(
            ctx.db,
            key=f"pong:{ctx.job.key}",
            platform="telegram",
            chat_id=f"pong-{ctx.job.key}",
            reply=Reply("pong"),
        )

    registry.job("remote-ping", ping)

    settings = Settings(_env_file=None, database_url=database_url)  # type: ignore[call-arg]
    services = build_services(settings, registry=registry)
    services.messengers["telegram"] = messenger
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            await tick(services)
            due = await next_due_at(services)
            if await pending_count(services) == 0 and (due is None or due > services.clock.now()):
                return 0
            await asyncio.sleep(0.05)  # what is left is held by a peer: look again soon
        return 3
    finally:
        await messenger.close()
        await services.close()


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    name = sys.argv[3] if len(sys.argv) > 3 else "worker"
    sys.exit(asyncio.run(main(sys.argv[1], sys.argv[2], name)))
