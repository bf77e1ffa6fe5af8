"""Outbox rows that edit a sent message or go to a group chat the delivery opens first."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.core.clock import ManualClock
from bot.core.messages import Reply
from bot.core.ports import NotSupported, RetryLater, TransientFailure, UncertainDelivery
from bot.kernel.services import Services
from scheduler.delivery import Delivery
from scheduler.outbox import enqueue_edit, enqueue_to_group
from scheduler.ratelimit import RateLimiter
from tests.factories import BACKEND
from tests.fakes.flaky_messenger import FlakyMessenger
from tests.fakes.lock_probe import LockProbingMessenger
from tests.scheduler.helpers import VirtualTime, outbox_rows


@pytest.fixture
def delivery(services: Services) -> Delivery:
    vtime = VirtualTime()
    limiter = RateLimiter(monotonic=vtime.monotonic, sleep=vtime.sleep)
    return Delivery(services, limiter=limiter, concurrency=1)


def slack(services: Services) -> FlakyMessenger:
    """A Slack stand-in that can open group chats (and probes the lock on SQLite)."""
    if BACKEND == "sqlite":
        messenger: FlakyMessenger = LockProbingMessenger("slack", services.settings.database_url)
    else:
        messenger = FlakyMessenger("slack", groups=True)
    services.messengers["slack"] = messenger
    return messenger


def no_locked_calls(messenger: FlakyMessenger) -> bool:
    return not isinstance(messenger, LockProbingMessenger) or messenger.locked_calls() == []


async def edit(services: Services, key: str, text: str, message_id: str = "17") -> bool:
    async with services.database() as db, db.begin():
        return await enqueue_edit(
            db, key=key, platform="slack", chat_id="D1", message_id=message_id, reply=Reply(text)
        )


async def group(services: Services, key: str = "intro:group") -> bool:
    async with services.database() as db, db.begin():
        return await enqueue_to_group(
            db, key=key, platform="slack", user_ids=["U2", "U1"], reply=Reply("Kennismaken")
        )


async def test_an_edit_replaces_the_message_in_its_chat(
    services: Services, delivery: Delivery
) -> None:
    messenger = slack(services)
    assert await edit(services, "poll:1:message:1:edit:1", "2 stemmen")
    report = await delivery.deliver_until_idle()
    assert report.sent == 1
    assert [(chat, mid, reply.text) for chat, mid, reply in messenger.edits] == [
        ("D1", "17", "2 stemmen")
    ]
    assert messenger.delivered == []  # replaced, not sent anew
    [row] = await outbox_rows(services)
    assert (row.status, row.message_id) == ("sent", "17")
    assert no_locked_calls(messenger)


async def test_the_newest_edit_of_a_message_wins(services: Services, delivery: Delivery) -> None:
    messenger = slack(services)
    await edit(services, "poll:1:message:1:edit:1", "1 stem")
    await edit(services, "poll:1:message:1:edit:2", "2 stemmen")
    await edit(services, "poll:1:message:2:edit:2", "ander bericht", message_id="18")
    await delivery.deliver_until_idle()
    assert [(mid, reply.text) for _, mid, reply in messenger.edits] == [
        ("17", "2 stemmen"),
        ("18", "ander bericht"),
    ]
    assert [row.status for row in await outbox_rows(services)] == ["cancelled", "sent", "sent"]


async def test_an_edit_waits_out_a_429_like_a_message(
    services: Services, delivery: Delivery
) -> None:
    messenger = slack(services)
    messenger.fail_next(RetryLater(30))
    await edit(services, "poll:1:message:1:edit:1", "2 stemmen")
    report = await delivery.deliver_until_idle()
    assert report.retry_later == 1 and messenger.edits == []
    assert delivery.paused_until["slack"] > services.clock.now()
    clock = services.clock
    assert isinstance(clock, ManualClock)
    clock.advance(timedelta(seconds=31))
    await delivery.deliver_until_idle()
    assert len(messenger.edits) == 1
    assert [row.status for row in await outbox_rows(services)] == ["sent"]


async def test_an_edit_on_a_platform_that_cannot_edit_is_skipped(
    services: Services, delivery: Delivery
) -> None:
    class NoEdits(FlakyMessenger):
        can_edit = False

        async def edit_message(self, chat_id: str, message_id: str, reply: Reply) -> None:
            raise NotSupported("no edits here")

    services.messengers["slack"] = NoEdits("slack")
    await edit(services, "poll:1:message:1:edit:1", "2 stemmen")
    report = await delivery.deliver_until_idle()
    assert report.skipped == 1
    [row] = await outbox_rows(services)
    assert row.status == "skipped" and "no edits here" in (row.last_error or "")


async def test_a_group_chat_is_opened_then_sent_to_and_remembered(
    services: Services, delivery: Delivery
) -> None:
    messenger = slack(services)
    assert await group(services)
    assert not await group(services)  # the key is the idempotency key
    messenger.fail_next(TransientFailure("HTTP 503"))
    report = await delivery.deliver_until_idle()
    assert report.backoff == 1 and messenger.groups == [["U2", "U1"]]
    [row] = await outbox_rows(services)
    assert (row.status, row.chat_id) == ("pending", "GU1U2")
    clock = services.clock
    assert isinstance(clock, ManualClock)
    clock.advance(timedelta(minutes=1))
    await delivery.deliver_until_idle()
    assert [(d.chat_id, d.reply.text) for d in messenger.delivered] == [("GU1U2", "Kennismaken")]
    assert messenger.groups == [["U2", "U1"]]  # the retry used the chat opened before
    assert no_locked_calls(messenger)


async def test_a_group_chat_that_could_not_be_opened_is_tried_again(
    services: Services, delivery: Delivery
) -> None:
    messenger = slack(services)
    messenger.fail_next_open(UncertainDelivery("timeout"))  # opening sends nothing: safe
    await group(services)
    report = await delivery.deliver_until_idle()
    assert report.backoff == 1 and messenger.delivered == []
    clock = services.clock
    assert isinstance(clock, ManualClock)
    clock.advance(timedelta(minutes=1))
    await delivery.deliver_until_idle()
    assert [d.chat_id for d in messenger.delivered] == ["GU1U2"]


async def test_a_group_on_a_platform_without_group_chats_is_skipped(
    services: Services, delivery: Delivery
) -> None:
    messenger = FlakyMessenger("slack")
    services.messengers["slack"] = messenger
    await group(services)
    report = await delivery.deliver_until_idle()
    assert report.skipped == 1 and messenger.delivered == []
    assert [row.status for row in await outbox_rows(services)] == ["skipped"]


async def test_a_group_waits_while_its_platform_is_not_connected(
    services: Services, delivery: Delivery
) -> None:
    await group(services)
    await delivery.deliver_until_idle()
    assert [row.status for row in await outbox_rows(services)] == ["pending"]
    messenger = slack(services)
    await delivery.deliver_until_idle()
    assert [d.chat_id for d in messenger.delivered] == ["GU1U2"]
