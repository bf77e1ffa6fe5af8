"""Sending slots: overall rate and per-chat gaps, checked on an injected clock."""

from __future__ import annotations

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
