"""Benchmark: what copbot costs to run, beside a bare python-telegram-bot echo bot.

Both bots poll the same Telegram Bot API stand-in (tests/fakes/telegram_api.py, served by this
process); each bot runs in a process of its own (tests/bench/bot_workers.py), so the CPU time
and memory it reports are its own. Printed, never asserted:

- CPU per update (process time) for `/les corporaties` and `/help`, and the echo bot's for the
  same texts, one update at a time, answered before the next; both bots run at once and take
  turns, in rounds, so that whatever else the machine does weighs on both; the ratio copbot /
  echo per round, and its median;
- cold start: `echo "/les corporaties" | copbot console`, from start to answer (median of a few);
- RSS after 4,000 updates, copbot and the echo bot;
- a broadcast to 3,000 participants through the outbox: messages per second as a share of
  Telegram's limit (~30/s; the stand-in itself never rate-limits), and duplicates;
- announcing a meeting to 3,000 participants (`/sessie nieuw`: a card with buttons and an .ics
  each, two API calls): the planning command's time, the delivery's pace as a share of the
  limit, and duplicates (`--no-announce` leaves it out).

`make bench` runs it; `--quick` uses fewer updates and recipients.
"""

from __future__ import annotations

import asyncio
import collections
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.fakes.telegram_api import FakeTelegram  # noqa: E402

WORKERS = ROOT / "tests" / "bench" / "bot_workers.py"
PYTHON = sys.executable
TELEGRAM_PER_SECOND = 30.0
GOAL_CPU_RATIO = 2.0
GOAL_COLD_START = 1.5  # seconds
GOAL_RSS_MB = 120.0
USERS = 20  # distinct people talking to the bot
ROUNDS = 5  # CPU is measured in rounds, echo and copbot taking turns
TEXTS = ("/les corporaties", "/help")


@dataclass
class Sizes:
    per_text: int = 500  # updates measured one at a time, per text (over all rounds)
    soak: int = 4000  # updates before RSS is read
    recipients: int = 3000
    cold_runs: int = 5


class Worker:
    """A bot process polling the stand-in; `stats()` asks for its CPU seconds and RSS."""

    def __init__(self, kind: str, fake: FakeTelegram, db_url: str) -> None:
        self.kind = kind
        self.args = [PYTHON, str(WORKERS), kind, fake.base_url, fake.token, db_url]
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        self.process = await asyncio.create_subprocess_exec(
            *self.args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT
        )
        if await self._line() != "ready":
            raise RuntimeError(f"the {self.kind} worker did not start")

    async def _line(self) -> str:
        assert self.process is not None and self.process.stdout is not None
        return (await asyncio.wait_for(self.process.stdout.readline(), 120)).decode().strip()

    async def stats(self) -> tuple[float, int]:
        assert self.process is not None and self.process.stdin is not None
        self.process.stdin.write(b"stats\n")
        await self.process.stdin.drain()
        cpu, rss = (await self._line()).split()
        return float(cpu), int(rss)

    async def stop(self) -> None:
        assert self.process is not None and self.process.stdin is not None
        self.process.stdin.write(b"stop\n")
        await self.process.stdin.drain()
        await asyncio.wait_for(self.process.wait(), 60)


async def _answers(fake: FakeTelegram, before: int, count: int) -> None:
    try:
        await fake.wait_for(lambda: len(fake.sent(method="sendMessage")) >= before + count, 30)
    except TimeoutError:
        got = len(fake.sent(method="sendMessage")) - before
        calls = [name for name, _ in fake.calls[-8:]]
        raise RuntimeError(f"{got} of {count} answers within 30 s; last calls {calls}") from None


async def _one(fake: FakeTelegram, user: int, text: str, count: int) -> None:
    before = len(fake.sent(method="sendMessage"))
    fake.private_message(user, text)
    await _answers(fake, before, count)


async def _settle(fake: FakeTelegram) -> int:
    """Wait until the bot has sent nothing for 1.5 s; returns how many messages it sent."""
    count = -1
    while count != len(fake.sent(method="sendMessage")):
        count = len(fake.sent(method="sendMessage"))
        await asyncio.sleep(1.5)
    return count


async def _replies_per(fake: FakeTelegram, text: str) -> int:
    """How many messages one update with `text` gets (it waits until the answer is complete)."""
    before = await _settle(fake)
    fake.private_message(1000, text)
    await _answers(fake, before, 1)
    return await _settle(fake) - before


class BotUnderTest:
    """A bot worker polling a stand-in of its own, with USERS people known to it."""

    def __init__(self, kind: str, tmp: Path) -> None:
        self.kind = kind
        self.fake = FakeTelegram()
        self.tmp = tmp
        self.worker: Worker | None = None
        self.replies: dict[str, int] = {}  # messages one update with the text gets

    async def start(self) -> None:
        await self.fake.start()
        db_url = f"sqlite+aiosqlite:///{self.tmp / (self.kind + '.db')}"
        self.worker = Worker(self.kind, self.fake, db_url)
        await self.worker.start()
        for user in range(1000, 1000 + USERS):  # everyone known before measuring
            await _one(self.fake, user, "/start", 1)
        for text in TEXTS:
            self.replies[text] = await _replies_per(self.fake, text)
            for n in range(20):  # warm up
                await _one(self.fake, 1000 + n % USERS, text, self.replies[text])

    async def cpu_per_update(self, text: str, count: int) -> float:
        """CPU seconds per update, `count` updates one at a time, each answered first."""
        assert self.worker is not None
        cpu, _ = await self.worker.stats()
        for n in range(count):
            await _one(self.fake, 1000 + n % USERS, text, self.replies[text])
        return ((await self.worker.stats())[0] - cpu) / count

    async def rss_after(self, soak: int) -> float:
        """RSS in MB after `soak` more updates, in batches as a busy group would send them."""
        assert self.worker is not None
        done = 0
        while done < soak:
            before = len(self.fake.sent(method="sendMessage"))
            batch = min(100, soak - done)
            for n in range(batch):
                self.fake.private_message(1000 + n % USERS, TEXTS[n % 2])
            await _answers(self.fake, before, batch)
            done += batch
        await asyncio.sleep(2.0)  # the last answers of the last batch
        return (await self.worker.stats())[1] / 1024

    async def stop(self) -> None:
        if self.worker is not None:
            await self.worker.stop()
        await self.fake.stop()


async def side_by_side(sizes: Sizes, tmp: Path) -> tuple[dict[str, list[float]], dict[str, float]]:
    """CPU per update of both bots, in ROUNDS rounds of `sizes.per_text // ROUNDS` updates
    per text, echo and copbot one after the other in each round (what else the machine does
    weighs on both alike); then the RSS of each after `sizes.soak` updates."""
    bots = {kind: BotUnderTest(kind, tmp) for kind in ("echo", "copbot")}
    cpu: dict[str, list[float]] = {f"{kind} {text}": [] for kind in bots for text in TEXTS}
    rss: dict[str, float] = {}
    try:
        for bot in bots.values():
            await bot.start()
        for _ in range(ROUNDS):
            for text in TEXTS:
                for kind, bot in bots.items():
                    per_round = max(1, sizes.per_text // ROUNDS)
                    cpu[f"{kind} {text}"].append(await bot.cpu_per_update(text, per_round))
        for kind, bot in bots.items():
            rss[kind] = await bot.rss_after(sizes.soak)
    finally:
        for bot in bots.values():
            await bot.stop()
    return cpu, rss


COPBOT = [PYTHON, "-m", "bot", "console"]


def cold_start(runs: int, tmp: Path) -> tuple[float, float]:
    """Median seconds of `echo "/les corporaties" | copbot console`, and of a bare `python`.

    `python -m bot` is the `copbot` command, run from this tree (also when it is a copy).
    """
    env = {**os.environ, "COPBOT_DATABASE_URL": f"sqlite+aiosqlite:///{tmp / 'console.db'}"}

    def timed(args: list[str], stdin: bytes) -> float:
        started = time.perf_counter()
        done = subprocess.run(args, input=stdin, capture_output=True, env=env, cwd=ROOT)
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(done.stderr.decode()[-2000:])
        return elapsed

    # As deployed (pip install writes bytecode; so does a first `make run`): the project's
    # modules compiled once, also when PYTHONDONTWRITEBYTECODE is set where the bench runs.
    packages = [str(ROOT / name) for name in ("bot", "handlers", "knowledge", "scheduler")]
    subprocess.run([PYTHON, "-m", "compileall", "-q", *packages], check=True, cwd=ROOT)
    timed(COPBOT, b"/start\n")  # the database is made once, not measured
    copbot = statistics.median(timed(COPBOT, b"/les corporaties\n") for _ in range(runs))
    bare = statistics.median(timed([PYTHON, "-c", "pass"], b"") for _ in range(runs))
    return copbot, bare


async def broadcast_run(recipients: int, tmp: Path) -> tuple[float, float, int, int, int]:
    """(seconds, worker CPU seconds, sent, duplicates, most messages in one second)."""
    fake = TimedTelegram()
    await fake.start()
    try:
        db_url = f"sqlite+aiosqlite:///{tmp / 'broadcast.db'}"
        args = [PYTHON, str(WORKERS), "broadcast", fake.base_url, fake.token, db_url]
        process = await asyncio.create_subprocess_exec(
            *args, str(recipients), stdout=subprocess.PIPE, cwd=ROOT
        )
        output, _ = await process.communicate()
        seconds, cpu, sent = output.decode().split()
    finally:
        await fake.stop()
    chats = collections.Counter(s.chat_id for s in fake.sent(method="sendMessage"))
    duplicates = sum(n - 1 for n in chats.values() if n > 1)
    return float(seconds), float(cpu), int(sent), duplicates, _busiest_second(fake.send_times)


async def announce_run(recipients: int, tmp: Path) -> dict[str, float]:
    """Planning a meeting that announces itself to `recipients` participants: the planning
    command's time, then the delivery of a message and an .ics each (two API calls)."""
    fake = TimedTelegram()
    await fake.start()
    try:
        db_url = f"sqlite+aiosqlite:///{tmp / 'announce.db'}"
        args = [PYTHON, str(WORKERS), "announce", fake.base_url, fake.token, db_url]
        process = await asyncio.create_subprocess_exec(
            *args, str(recipients), stdout=subprocess.PIPE, cwd=ROOT
        )
        output, _ = await process.communicate()
        seconds, cpu, sent, planned = output.decode().split()
    finally:
        await fake.stop()
    calls = [(s.method, s.chat_id) for s in fake.sent() if s.method in SENDS]
    counted = collections.Counter(calls)
    return {
        "seconds": float(seconds),
        "cpu": float(cpu),
        "sent": int(sent),
        "planned": float(planned),
        "calls": len(calls),
        "people": len({chat for _, chat in calls}),
        "duplicates": sum(n - 1 for n in counted.values() if n > 1),
        "busiest": _busiest_second(fake.send_times),
    }


SENDS = ("sendMessage", "sendDocument")


class TimedTelegram(FakeTelegram):
    """The stand-in, noting when each message arrived (to check the pace against the limit)."""

    def __init__(self) -> None:
        super().__init__()
        self.send_times: list[float] = []

    async def _api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        self.send_times.append(time.monotonic())
        return await super()._api_sendMessage(params)

    async def _api_sendDocument(self, params: dict[str, Any]) -> dict[str, Any]:
        self.send_times.append(time.monotonic())
        return await super()._api_sendDocument(params)


def _busiest_second(stamps: list[float]) -> int:
    stamps.sort()
    best, start = 0, 0
    for end, at in enumerate(stamps):
        while at - stamps[start] >= 1.0:
            start += 1
        best = max(best, end - start + 1)
    return best


async def main(sizes: Sizes) -> None:
    with tempfile.TemporaryDirectory(prefix="copbot-bench-") as name:
        tmp = Path(name)
        print(f"copbot beside a bare python-telegram-bot echo bot ({sys.version.split()[0]})")
        cpu, rss = await side_by_side(sizes, tmp)
        print(
            f"\nCPU per update, one at a time ({sizes.per_text} each in {ROUNDS} rounds, echo "
            "and copbot taking turns; median of the rounds; goal ratio <= 2):"
        )
        for text in TEXTS:
            echo, bot = cpu[f"echo {text}"], cpu[f"copbot {text}"]
            ratios = sorted(c / e for c, e in zip(bot, echo, strict=True))
            ratio = statistics.median(ratios)
            print(
                f"  {text:18} copbot {statistics.median(bot) * 1000:6.2f} ms   echo "
                f"{statistics.median(echo) * 1000:5.2f} ms   ratio {ratio:4.2f}"
                f"   (rounds {ratios[0]:4.2f} to {ratios[-1]:4.2f})"
            )
        print(f"\nRSS after {sizes.soak} updates (goal < {GOAL_RSS_MB:.0f} MB):")
        print(
            f"  copbot {rss['copbot']:6.1f} MB   echo {rss['echo']:5.1f} MB   ratio "
            f"{rss['copbot'] / rss['echo']:4.2f}   share of goal "
            f"{rss['copbot'] / GOAL_RSS_MB:4.2f}"
        )
        copbot, bare = cold_start(sizes.cold_runs, tmp)
        print(f"\nCold start to the first answer, median of {sizes.cold_runs} (goal < 1.5 s):")
        print(
            f"  copbot console {copbot:5.2f} s   bare python {bare:5.2f} s   ratio "
            f"{copbot / bare:4.1f}   share of goal {copbot / GOAL_COLD_START:4.2f}"
        )
        seconds, cpu, sent, duplicates, busiest = await broadcast_run(sizes.recipients, tmp)
        rate = sent / seconds
        print(f"\nBroadcast to {sizes.recipients} through the outbox (goal ratio >= 0.9):")
        print(
            f"  sent {sent} in {seconds:5.1f} s = {rate:5.1f}/s   ratio to the limit "
            f"{rate / TELEGRAM_PER_SECOND:4.2f}   duplicates {duplicates}   busiest second "
            f"{busiest}   CPU {cpu / max(sent, 1) * 1000:4.2f} ms/message"
        )
        if "--no-announce" not in sys.argv:
            report_announce(await announce_run(sizes.recipients, tmp), sizes.recipients)


def report_announce(run: dict[str, float], recipients: int) -> None:
    """Save the date to everyone: a message with buttons and an .ics per participant."""
    rate = run["calls"] / run["seconds"]
    print(f"\nAnnouncing a meeting to {recipients} participants (message + .ics each):")
    print(
        f"  /sessie nieuw answered in {run['planned']:5.2f} s (rows queued); delivered to "
        f"{run['people']:.0f} people in {run['seconds']:5.1f} s: {run['calls']:.0f} API calls = "
        f"{rate:5.1f}/s, ratio to the limit {rate / TELEGRAM_PER_SECOND:4.2f}   duplicates "
        f"{run['duplicates']:.0f}   busiest second {run['busiest']:.0f}"
    )


if __name__ == "__main__":
    quick = "--quick" in sys.argv
    asyncio.run(main(Sizes(50, 400, 300, 3) if quick else Sizes()))
