"""Benchmark: the organiser's overview pages over real HTTP on a community of some size.

A database with 40 meetings, 300 participants with their RSVPs, 3,000 outbox rows (some
failed, some uncertain) and buddy pairs; the bot's HTTP server on loopback; a session signed
in through the one-time link from /dashboard. Each overview page is fetched 30 times (after 3
warm-ups): median and p95, against the goal of 200 ms and against GET /healthz measured in
the same run. Pages that are not served yet are skipped with a note. Printed, never asserted.

`make bench` runs it; `--quick` fetches each page 10 times.
"""

from __future__ import annotations

import asyncio
import math
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import aiohttp
from sqlalchemy import select, update

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.core.messages import Reply  # noqa: E402
from bot.db.models import OutboxMessage, Participant, Rsvp, Session  # noqa: E402
from bot.db.models.buddies import BuddyOffer, Pairing  # noqa: E402
from bot.http import HttpServer, build_web_app  # noqa: E402
from bot.kernel.services import Services  # noqa: E402
from scheduler.outbox import enqueue_many  # noqa: E402
from tests.factories import Person, make_app  # noqa: E402
from tests.history_factory import add_session  # noqa: E402
from tests.scheduler.helpers import add_people  # noqa: E402

GOAL_MS = 200.0
MEETINGS, PEOPLE, OUTBOX = 40, 300, 3000
CITIES = ("Utrecht", "Arnhem", "Delft", "Zwolle", "Groningen", "Heerlen", "Leeuwarden", "Ede")
# The overview's pages; {meeting} is the upcoming meeting with the most RSVPs.
PAGES = (
    "/dashboard/meetings",
    "/dashboard/meetings/{meeting}",
    "/dashboard/agenda",
    "/dashboard/pulse",
    "/dashboard/buddies",
    "/dashboard/messages",
    "/dashboard/books",
)


async def seed(services: Services) -> int:
    """The community; returns the id of the meeting to show in detail."""
    rng = random.Random(16)
    now = services.clock.now()
    first = now - timedelta(days=90 * 30)
    meetings = [
        await add_session(services, first + timedelta(days=90 * n), place=CITIES[n % 8])
        for n in range(MEETINGS)
    ]
    people = await add_people(services, PEOPLE, platform="console", first_user=10_000)
    async with services.database() as db, db.begin():
        for n, pid in enumerate(people):
            await db.execute(
                update(Participant)
                .where(Participant.id == pid)
                .values(city=CITIES[n % 8], is_newcomer=n >= 270, experienced=n < 30)
            )
        # Everyone answered about 8 meetings; the showcase meeting (the 35th) got all 300.
        showcase = meetings[34]
        for pid in people:
            chosen = set(rng.sample(meetings, 8)) | {showcase}
            for meeting in chosen:
                answer = rng.choice(("yes", "yes", "yes", "no", "maybe"))
                db.add(
                    Rsvp(
                        session_id=meeting, participant_id=pid, answer=answer,
                        overnight=answer == "yes" and rng.random() < 0.6, updated_at=now,
                    )
                )  # fmt: skip
        # 20 buddies (room for 2 each), 25 newcomers paired, 5 waiting, 4 failed check-ins.
        for pid in people[:20]:
            db.add(BuddyOffer(participant_id=pid, capacity=2, created_at=now, updated_at=now))
        for n, pid in enumerate(people[270:295]):
            db.add(
                Pairing(
                    newcomer_id=pid, buddy_id=people[n % 20], rule="cross_city",
                    created_at=now - timedelta(days=30), checkin_round=2,
                    checkin_failures=2 if n < 4 else 0,
                    checked_in_at=now - timedelta(days=3) if 4 <= n < 15 else None,
                )
            )  # fmt: skip
        # 3,000 outbox rows: a reminder to everyone for the last 10 meetings.
        for meeting in meetings[-10:]:
            await enqueue_many(
                db, key_prefix=f"reminder:session:{meeting}:offset:-P2D", participant_ids=people,
                reply_for=lambda p: Reply("Overmorgen is de bijeenkomst."),
            )  # fmt: skip
        ids = (await db.scalars(select(OutboxMessage.id).order_by(OutboxMessage.id))).all()
        sent = [i for n, i in enumerate(ids) if n % 10 not in (0, 1)]
        await db.execute(
            update(OutboxMessage).where(OutboxMessage.id.in_(sent)).values(status="sent")
        )
        await db.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(ids[::10]))
            .values(status="failed", last_error="Forbidden: bot was blocked by the user")
        )
        await db.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(ids[1::20]))
            .values(status="uncertain", last_error="timed out after 10 s")
        )
    assert len(ids) == OUTBOX
    async with services.database() as db:
        assert await db.get(Session, showcase) is not None
    return showcase


async def sign_in(browser: aiohttp.ClientSession, base: str, services: Services) -> None:
    organiser = Person(services, "organiser", name="Olga Organisator")
    await organiser.say("/start")
    answer = await organiser.text("/dashboard")
    found = re.search(re.escape(base) + r"(/dashboard/login/[\w-]+)", answer)
    assert found, answer
    async with browser.post(base + found.group(1), allow_redirects=False) as signed_in:
        assert signed_in.status == 303, await signed_in.text()


async def timed(browser: aiohttp.ClientSession, url: str, runs: int) -> tuple[int, list[float]]:
    """The status of the last answer and each request's milliseconds (after 3 warm-ups)."""
    status = 0
    times = []
    for n in range(runs + 3):
        start = time.perf_counter()
        async with browser.get(url) as answer:
            await answer.read()
            status = answer.status
        if n >= 3:
            times.append((time.perf_counter() - start) * 1000)
    return status, times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[math.ceil(0.95 * len(ordered)) - 1]


async def main(runs: int) -> None:
    with tempfile.TemporaryDirectory(prefix="copbot-bench-dashboard-") as folder:
        services = await make_app(Path(folder), public_url="http://127.0.0.1")
        server = HttpServer(build_web_app(services), "127.0.0.1", 0)
        try:
            started = time.perf_counter()
            showcase = await seed(services)
            print(
                f"seeded {MEETINGS} meetings, {PEOPLE} participants with RSVPs, "
                f"{OUTBOX} outbox rows, 25 buddy pairs in {time.perf_counter() - started:.1f} s"
            )
            base = f"http://127.0.0.1:{await server.start()}"
            services.settings.public_url = base
            jar = aiohttp.CookieJar(unsafe=True)
            async with aiohttp.ClientSession(cookie_jar=jar) as browser:
                await sign_in(browser, base, services)
                _, health = await timed(browser, base + "/healthz", runs)
                baseline = statistics.median(health)
                print(
                    f"\n{runs} GETs each over loopback; goal {GOAL_MS:.0f} ms; baseline GET "
                    f"/healthz median {baseline:.2f} ms, p95 {p95(health):.2f} ms\n"
                )
                print(f"{'page':<34} {'median':>9} {'p95':>9} {'/goal':>7} {'/healthz':>9}")
                for path in PAGES:
                    shown = path.format(meeting=showcase)
                    status, times = await timed(browser, base + shown, runs)
                    if status == 404:
                        print(f"{shown:<34} skipped: not served yet (404)")
                        continue
                    if status != 200:
                        print(f"{shown:<34} skipped: answered {status}")
                        continue
                    median = statistics.median(times)
                    print(
                        f"{shown:<34} {median:>6.1f} ms {p95(times):>6.1f} ms "
                        f"{median / GOAL_MS:>7.2f} {median / baseline:>8.1f}x"
                    )
        finally:
            await server.stop()
            await services.close()


if __name__ == "__main__":
    asyncio.run(main(10 if "--quick" in sys.argv else 30))
