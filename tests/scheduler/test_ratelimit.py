"""Sending slots: overall rate and per-chat gaps, checked on an injected clock."""

from __future__ import annotations

import asyncio
import itertools

from scheduler.ratelimit import LIMITS, RateLimiter
from tests.scheduler.helpers import VirtualTime


def gaps(values: list[float]) -> list[float]:
    return [round(b - a, 6) for a, b in itertools.pairwise(values)]


def test_distinct_chats_go_out_at_thirty_per_second_on_telegram() -> None:
    time = VirtualTime()
    limiter = RateLimiter(monotonic=time.monotonic)
    slots = [limiter.reserve("telegram", str(chat)) for chat in range(40)]
    assert slots[0] == 0.0
    assert all(abs(gap - 1 / 30) < 1e-6 for gap in gaps(slots))
    assert slots[-1] < 1.31  # 40 participants in about 1.3 s


def test_one_chat_gets_at_most_one_message_per_second() -> None:
    time = VirtualTime()
    limiter = RateLimiter(monotonic=time.monotonic)
    slots = [limiter.reserve("telegram", "42") for _ in range(3)]
    assert gaps(slots) == [1.0, 1.0]


def test_a_busy_chat_does_not_hold_up_the_others() -> None:
    time = VirtualTime()
    limiter = RateLimiter(monotonic=time.monotonic)
    first = limiter.reserve("telegram", "busy")
    second = limiter.reserve("telegram", "busy")
    others = [limiter.reserve("telegram", f"other{n}") for n in range(3)]
    assert (first, second) == (0.0, 1.0)
    # The other chats fill the slots in between instead of queueing behind "busy".
    assert others == [1 / 30, 2 / 30, 3 / 30]


def test_groups_get_twenty_per_minute_and_slack_channels_one_per_second() -> None:
    time = VirtualTime()
    limiter = RateLimiter(monotonic=time.monotonic)
    group = [limiter.reserve("telegram", "-100123") for _ in range(3)]
    assert gaps(group) == [3.0, 3.0]
    channel = [limiter.reserve("slack", "C123") for _ in range(3)]
    assert gaps(channel) == [1.0, 1.0]
    assert LIMITS["slack"].chat_interval == 1.0


def test_slots_follow_the_clock() -> None:
    time = VirtualTime()
    limiter = RateLimiter(monotonic=time.monotonic)
    assert limiter.reserve("telegram", "a") == 0.0
    time.t = 10.0
    assert limiter.reserve("telegram", "a") == 10.0  # long after the last one: at once


async def test_wait_sleeps_until_the_slot() -> None:
    time = VirtualTime()
    limiter = RateLimiter(monotonic=time.monotonic, sleep=time.sleep)
    await limiter.wait("telegram", "a")
    await limiter.wait("telegram", "a")
    await limiter.wait("telegram", "b")
    # "a" waits a second for itself; "b", asked for after that, keeps 1/30 s from it.
    assert [round(s, 6) for s in time.sleeps] == [1.0, round(1 / 30, 6)]
    assert abs(time.t - (1 + 1 / 30)) < 1e-9


def test_a_reply_of_two_calls_takes_two_slots_of_the_overall_rate() -> None:
    time = VirtualTime()
    limiter = RateLimiter(monotonic=time.monotonic)
    # A card and its .ics per participant: 20 participants are 40 calls, about 1.3 s.
    slots = [limiter.reserve("telegram", str(chat), calls=2) for chat in range(20)]
    assert all(abs(gap - 2 / 30) < 1e-6 for gap in gaps(slots))
    assert limiter.reserve("telegram", "next") > slots[-1] + 1.5 / 30


class LateSleeps:
    """A clock whose sleeps overrun now and then, as on a busy event loop."""

    def __init__(self, late: dict[int, float]) -> None:
        self.t = 0.0
        self.late = late  # sleep number → seconds it overruns
        self.count = 0

    def monotonic(self) -> float:
        return self.t

    async def sleep(self, delay: float) -> None:
        self.count += 1
        self.t += max(delay, 0.0) + self.late.get(self.count, 0.0)


def busiest_second(stamps: list[float]) -> int:
    best, start = 0, 0
    for end, at in enumerate(stamps):
        while at - stamps[start] >= 1.0 - 1e-9:
            start += 1
        best = max(best, end - start + 1)
    return best


async def test_a_late_send_followed_by_one_on_time_keeps_thirty_in_any_second() -> None:
    clock = LateSleeps({1: 0.03})  # the second message leaves 30 ms late
    limiter = RateLimiter(monotonic=clock.monotonic, sleep=clock.sleep)
    stamps = []
    for chat in range(150):
        await limiter.wait("telegram", str(chat))
        stamps.append(clock.t)
    assert busiest_second(stamps) <= 30
    assert 150 / stamps[-1] >= 0.9 * LIMITS["telegram"].per_second


class SharedClock:
    """A clock that concurrent sleepers move forward: each wakes at its own target."""

    def __init__(self) -> None:
        self.t = 0.0

    def monotonic(self) -> float:
        return self.t

    async def sleep(self, delay: float) -> None:
        target = self.t + max(delay, 0.0)
        await asyncio.sleep(0)  # the others run meanwhile, as on a real event loop
        self.t = max(self.t, target)


async def test_concurrent_senders_share_the_thirty_in_any_second() -> None:
    clock = SharedClock()
    limiter = RateLimiter(monotonic=clock.monotonic, sleep=clock.sleep)
    stamps: list[float] = []

    async def sender() -> None:
        for _ in range(15):
            await limiter.within_window("telegram")
            stamps.append(clock.t)

    await asyncio.gather(*(sender() for _ in range(8)))
    assert len(stamps) == 120
    assert busiest_second(sorted(stamps)) <= 30
