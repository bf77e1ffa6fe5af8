"""Delivering the outbox against a platform stand-in: rate limits, 429, 5xx, blocked, timeouts."""

from __future__ import annotations

import itertools
import logging
import time
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from bot.core.clock import ManualClock
from bot.core.messages import Reply
from bot.core.ports import PermanentFailure, RetryLater, TransientFailure, UncertainDelivery
from bot.db.models import Identity, OutboxMessage, Participant
from bot.kernel.services import Services
from scheduler.claims import new_worker_id
from scheduler.delivery import Delivery
from scheduler.outbox import enqueue, enqueue_many, enqueue_to_chat, requeue_uncertain
from scheduler.outcomes import MAX_FAILURES
from scheduler.ratelimit import RateLimiter
from tests.fakes.flaky_messenger import FlakyMessenger
from tests.scheduler.helpers import VirtualTime, add_people, outbox_rows


@pytest.fixture
def vtime() -> VirtualTime:
    return VirtualTime()


@pytest.fixture
def telegram(services: Services, vtime: VirtualTime) -> FlakyMessenger:
    messenger = FlakyMessenger("telegram", monotonic=vtime.monotonic)
    services.messengers["telegram"] = messenger
    return messenger


@pytest.fixture
def delivery(services: Services, vtime: VirtualTime) -> Delivery:
    limiter = RateLimiter(monotonic=vtime.monotonic, sleep=vtime.sleep, record=True)
    return Delivery(services, limiter=limiter)


def clock(services: Services) -> ManualClock:
    assert isinstance(services.clock, ManualClock)
    return services.clock


async def broadcast(services: Services, people: list[int], prefix: str = "omroep:1") -> int:
    async with services.database() as db, db.begin():
        return await enqueue_many(
            db,
            key_prefix=prefix,
            participant_ids=people,
            reply_for=lambda p: Reply(f"Beste {p.display_name}, tot donderdag!"),
        )


async def statuses(services: Services) -> dict[str, str]:
    return {row.key: row.status for row in await outbox_rows(services)}


async def test_every_recipient_gets_the_message_once(
    services: Services, telegram: FlakyMessenger, delivery: Delivery
) -> None:
    people = await add_people(services, 5)
    assert await broadcast(services, people) == 5
    report = await delivery.deliver_until_idle()
    assert report.sent == 5
    assert sorted(d.chat_id for d in telegram.delivered) == [str(2000 + n) for n in range(5)]
    [first] = [d for d in telegram.delivered if d.chat_id == "2000"]
    assert first.reply.text == "Beste Deelnemer 2000, tot donderdag!"
    rows = await outbox_rows(services)
    assert {r.status for r in rows} == {"sent"}
    assert all(r.sent_at == services.clock.now() and r.message_id for r in rows)
    # Again, later: nothing new goes out.
    clock(services).advance(timedelta(days=1))
    assert (await delivery.deliver_until_idle()).sent == 0
    assert len(telegram.delivered) == 5


async def test_forty_participants_go_out_within_the_rate_limits_in_under_two_seconds(
    services: Services, telegram: FlakyMessenger, delivery: Delivery, vtime: VirtualTime
) -> None:
    vtime.frozen = True  # every slot planned from one instant: the limiter's whole schedule
    people = await add_people(services, 40)
    async with services.database() as db, db.begin():
        await enqueue_to_chat(db, key="a:1", platform="telegram", chat_id="2000", reply=Reply("1"))
        await enqueue_to_chat(db, key="a:2", platform="telegram", chat_id="2000", reply=Reply("2"))
    started = time.perf_counter()
    assert await broadcast(services, people) == 40  # one transaction
    report = await delivery.deliver_until_idle()
    elapsed = time.perf_counter() - started
    assert report.sent == 42
    grants = delivery.limiter.grants
    assert grants is not None and len(grants) == 42
    slots = sorted(g.at for g in grants)
    assert min(b - a for a, b in itertools.pairwise(slots)) >= 1 / 30 - 1e-9
    per_chat: dict[str, list[float]] = {}
    for grant in grants:
        per_chat.setdefault(grant.chat_id, []).append(grant.at)
    for chat_slots in per_chat.values():
        chat_slots.sort()
        assert all(b - a >= 1.0 - 1e-9 for a, b in itertools.pairwise(chat_slots))
    assert len(per_chat["2000"]) == 3  # two announcements and the broadcast: 0 s, 1 s, 2 s
    assert max(per_chat["2000"]) <= 2.0 + 1e-6
    # At Telegram's limits the 40 participants take about 1.3 s of sending slots.
    assert max(min(chat_slots) for chat_slots in per_chat.values()) <= 41 / 30 + 1e-6
    assert elapsed < 2.0, f"delivery overhead {elapsed:.2f}s"


async def test_a_429_storm_is_waited_out_and_nothing_is_lost_or_doubled(
    services: Services, telegram: FlakyMessenger, delivery: Delivery
) -> None:
    people = await add_people(services, 20)
    await broadcast(services, people)
    # The platform answers 429 "retry after 7 s" to five requests spread over the broadcast.
    telegram.fail_next(RetryLater(7))
    telegram.fail_next(RetryLater(7), chat_id="2010")
    for chat in ("2011", "2012", "2019"):
        telegram.fail_next(RetryLater(3), chat_id=chat)
    passes = 0
    while (await statuses(services)) != {k: "sent" for k in await statuses(services)}:
        passes += 1
        assert passes < 50
        before = len(telegram.attempts)
        await delivery.deliver_until_idle()
        paused = delivery.paused_until.get("telegram")
        if paused is not None and paused > services.clock.now():
            # While paused, nothing is tried, however often we look.
            after = len(telegram.attempts)
            await delivery.deliver_until_idle()
            assert len(telegram.attempts) == after
            assert after > before
            clock(services).set(paused)
        else:
            clock(services).advance(timedelta(seconds=1))
    assert sorted(d.chat_id for d in telegram.delivered) == sorted(
        str(2000 + n) for n in range(20)
    )
    assert len(telegram.attempts) == 25  # 20 deliveries + 5 refusals
    rows = await outbox_rows(services)
    assert all(r.failures == 0 for r in rows)  # 429s are no failures


async def test_a_message_refused_with_429_waits_for_retry_after(
    services: Services, telegram: FlakyMessenger, delivery: Delivery
) -> None:
    [person] = await add_people(services, 1)
    await broadcast(services, [person])
    telegram.fail_next(RetryLater(30))
    await delivery.deliver_until_idle()
    [row] = await outbox_rows(services)
    assert (row.status, row.next_attempt_at) == (
        "pending",
        services.clock.now() + timedelta(seconds=30),
    )
    clock(services).advance(timedelta(seconds=29))
    await delivery.deliver_until_idle()
    assert telegram.delivered == []
    clock(services).advance(timedelta(seconds=1))
    await delivery.deliver_until_idle()
    assert len(telegram.delivered) == 1


async def test_5xx_backs_off_then_succeeds(
    services: Services, telegram: FlakyMessenger, delivery: Delivery
) -> None:
    people = await add_people(services, 3)
    await broadcast(services, people)
    telegram.fail_next(TransientFailure("502"), TransientFailure("503"), chat_id="2001")
    start = services.clock.now()
    await delivery.deliver_until_idle()
    key = f"omroep:1:participant:{people[1]}"
    row = {r.key: r for r in await outbox_rows(services)}[key]
    assert (row.status, row.failures, row.next_attempt_at) == (
        "pending",
        1,
        start + timedelta(seconds=15),
    )
    clock(services).advance(timedelta(seconds=15))
    await delivery.deliver_until_idle()
    row = {r.key: r for r in await outbox_rows(services)}[key]
    assert (row.failures, row.next_attempt_at) == (2, services.clock.now() + timedelta(seconds=30))
    clock(services).advance(timedelta(seconds=29))
    await delivery.deliver_until_idle()
    assert telegram.received("2001") == 0
    clock(services).advance(timedelta(seconds=1))
    await delivery.deliver_until_idle()
    assert [telegram.received(str(2000 + n)) for n in range(3)] == [1, 1, 1]
    assert set((await statuses(services)).values()) == {"sent"}


async def test_5xx_forever_ends_as_failed(
    services: Services, telegram: FlakyMessenger, delivery: Delivery
) -> None:
    [person] = await add_people(services, 1)
    await broadcast(services, [person])
    telegram.always_fail("2000", TransientFailure("500 Internal Server Error"))
    for _ in range(MAX_FAILURES + 5):
        await delivery.deliver_until_idle()
        clock(services).advance(timedelta(hours=1))
    [row] = await outbox_rows(services)
    assert (row.status, row.failures, row.attempts) == ("failed", MAX_FAILURES, MAX_FAILURES)
    assert "500 Internal Server Error" in (row.last_error or "")


async def test_a_blocked_bot_is_recorded_and_never_retried(
    services: Services, telegram: FlakyMessenger, delivery: Delivery
) -> None:
    people = await add_people(services, 2)
    await broadcast(services, people)
    telegram.always_fail("2000", PermanentFailure("Forbidden: bot was blocked by the user"))
    await delivery.deliver_until_idle()
    for _ in range(3):
        clock(services).advance(timedelta(days=1))
        await delivery.deliver_until_idle()
    rows = {r.chat_id: r for r in await outbox_rows(services)}
    assert rows["2000"].status == "failed"
    assert "blocked by the user" in (rows["2000"].last_error or "")
    assert rows["2001"].status == "sent"
    assert telegram.attempts.count("2000") == 1


async def test_an_uncertain_send_is_not_resent(
    services: Services, telegram: FlakyMessenger, delivery: Delivery
) -> None:
    [person] = await add_people(services, 1)
    await broadcast(services, [person])
    telegram.fail_next(UncertainDelivery("timed out after 10 s"))
    await delivery.deliver_until_idle()
    for _ in range(3):
        clock(services).advance(timedelta(hours=1))
        await delivery.deliver_until_idle()
    [row] = await outbox_rows(services)
    assert (row.status, row.attempts) == ("uncertain", 1)
    assert len(telegram.attempts) == 1  # it did arrive, once
    # Only an explicit decision sends it again.
    async with services.database() as db, db.begin():
        assert await requeue_uncertain(db, key_prefix="omroep:1", now=services.clock.now()) == 1
    await delivery.deliver_until_idle()
    assert len(telegram.delivered) == 2


async def test_a_row_left_sending_by_a_killed_process_becomes_uncertain(
    services: Services, telegram: FlakyMessenger, delivery: Delivery
) -> None:
    people = await add_people(services, 3)
    await broadcast(services, people)
    host = new_worker_id().split(":")[0]
    dead = f"{host}:999999999:gone"
    rows = await outbox_rows(services)
    async with services.database() as db, db.begin():
        await db.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == rows[0].id)
            .values(status="sending", claimed_by=dead, claimed_until=services.clock.now())
        )
        # A second row that the dead process had claimed but not started.
        await db.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == rows[1].id)
            .values(claimed_by=dead, claimed_until=services.clock.now() + timedelta(minutes=10))
        )
    assert await delivery.recover() == 1
    await delivery.deliver_until_idle()
    assert await statuses(services) == {
        rows[0].key: "uncertain",
        rows[1].key: "sent",
        rows[2].key: "sent",
    }
    assert sorted(d.chat_id for d in telegram.delivered) == ["2001", "2002"]


async def test_a_live_peers_rows_are_left_alone(
    services: Services, telegram: FlakyMessenger, delivery: Delivery
) -> None:
    [person] = await add_people(services, 1)
    await broadcast(services, [person])
    peer = new_worker_id()  # alive: a worker of this very process
    async with services.database() as db, db.begin():
        await db.execute(
            update(OutboxMessage).values(
                status="sending",
                claimed_by=peer,
                claimed_until=services.clock.now() + timedelta(1),
            )
        )
    assert await delivery.recover() == 0
    assert set((await statuses(services)).values()) == {"sending"}


async def test_a_platform_that_is_not_connected_keeps_its_messages_waiting(
    services: Services, delivery: Delivery, vtime: VirtualTime, caplog: pytest.LogCaptureFixture
) -> None:
    people = await add_people(services, 3, platform="slack", with_dm=False)
    await broadcast(services, people)
    with caplog.at_level(logging.WARNING, logger="scheduler.delivery"):
        for _ in range(3):
            await delivery.deliver_until_idle()
            clock(services).advance(timedelta(minutes=1))
    assert set((await statuses(services)).values()) == {"pending"}
    assert sum("slack" in m and "not connected" in m for m in caplog.messages) == 1
    # Slack connects: the DMs are opened, remembered and the messages go out.
    slack = FlakyMessenger("slack", monotonic=vtime.monotonic, dm_prefix="D")
    services.messengers["slack"] = slack
    await delivery.deliver_until_idle()
    assert sorted(d.chat_id for d in slack.delivered) == ["D2000", "D2001", "D2002"]
    async with services.database() as db:
        remembered = (
            await db.scalars(
                select(Identity.dm_chat_id)
                .where(Identity.platform == "slack")
                .order_by(Identity.id)
            )
        ).all()
    assert remembered == ["D2000", "D2001", "D2002"]


async def test_someone_who_left_before_it_went_out_is_skipped(
    services: Services, telegram: FlakyMessenger, delivery: Delivery
) -> None:
    stays, leaves = await add_people(services, 2)
    await broadcast(services, [stays, leaves])
    async with services.database() as db, db.begin():
        await db.execute(update(Participant).where(Participant.id == leaves).values(status="left"))
    await delivery.deliver_until_idle()
    assert [d.chat_id for d in telegram.delivered] == ["2000"]
    assert (await statuses(services))[f"omroep:1:participant:{leaves}"] == "skipped"


async def test_a_message_waits_for_not_before(
    services: Services, telegram: FlakyMessenger, delivery: Delivery
) -> None:
    [person] = await add_people(services, 1)
    async with services.database() as db, db.begin():
        await enqueue(
            db,
            key="later",
            participant_id=person,
            reply=Reply("Straks"),
            not_before=services.clock.now() + timedelta(hours=1),
        )
    await delivery.deliver_until_idle()
    assert telegram.delivered == []
    clock(services).advance(timedelta(hours=1))
    await delivery.deliver_until_idle()
    assert len(telegram.delivered) == 1
