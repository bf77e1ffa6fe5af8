"""The Telegram inbox: what one stored update costs in transactions, and what it leaves behind.

The bot serves the Telegram stand-in by long polling; the tests count the transactions the
engine begins while participants write, one message answered before the next.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, select, text

from bot.db.models import InboxUpdate
from bot.http import build_web_app
from bot.kernel import inbox
from bot.kernel.services import Services
from bot.platforms.telegram.adapter import start_telegram
from tests.fakes.telegram_api import FakeTelegram
from tests.telegram_fixtures import telegram_api, telegram_services  # noqa: F401 (fixtures)

PEOPLE = range(601, 611)
NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


async def say(fake: FakeTelegram, user_id: int, words: str) -> None:
    before = len(fake.sent(user_id))
    fake.private_message(user_id, words)
    await fake.wait_sent(user_id, 1, after=before)


async def statuses(services: Services) -> list[str]:
    async with services.database() as db:
        return list(await db.scalars(select(InboxUpdate.status).order_by(InboxUpdate.id)))


async def test_a_polled_update_takes_one_transaction_stored_as_it_is_handled(
    services: Services, fake: FakeTelegram
) -> None:
    stop = await start_telegram(services, build_web_app(services), poll_timeout=1)
    try:
        for person in PEOPLE:  # known before counting
            await say(fake, person, "/start")
        begun: list[Any] = []

        def count(connection: Any) -> None:
            begun.append(connection)

        event.listen(services.engine.sync_engine, "begin", count)
        try:
            for person in PEOPLE:
                await say(fake, person, "/help")
        finally:
            event.remove(services.engine.sync_engine, "begin", count)
        # Stored (with its dedup record) in the transaction that handles it, and marked
        # answered with the next one. One look or a scheduler tick may fall in between.
        assert len(begun) <= len(PEOPLE) + 2, len(begun)
        # Every answered update but the last is marked so; the last once the bot is quiet.
        assert (await statuses(services))[:-1] == ["answered"] * (2 * len(PEOPLE) - 1)
        async with asyncio.timeout(5):
            while (await statuses(services))[-1] != "answered":  # noqa: ASYNC110
                await asyncio.sleep(0.05)
    finally:
        await stop()


async def test_stopping_marks_what_was_answered(services: Services, fake: FakeTelegram) -> None:
    stop = await start_telegram(services, build_web_app(services), poll_timeout=1)
    try:
        await say(fake, PEOPLE[0], "/start")
    finally:
        await stop()
    assert await statuses(services) == ["answered"]


async def test_looking_at_the_inbox_waits_for_no_writer(services: Services) -> None:
    """A look at the inbox only reads: a writer holding SQLite's write lock does not stop it."""
    stored = await inbox.receive(services, "telegram", "1:1", {"update_id": 1})
    assert stored is not None
    async with services.engine.connect() as writer:
        await writer.execute(text("UPDATE inbox SET status = 'received'"))  # holds the lock
        async with asyncio.timeout(3):
            rows = await inbox.waiting(services, "telegram")
        await writer.rollback()
    assert [row.id for row in rows] == [stored.id]


async def test_a_claim_marks_what_was_answered_in_one_statement(services: Services) -> None:
    rows = [await inbox.receive(services, "telegram", f"1:{n}", {"update_id": n}) for n in (1, 2)]
    first, second = (row.id for row in rows if row is not None)
    async with services.database() as db, db.begin():
        assert await inbox.claim(db, first)
    executed: list[str] = []

    def spot(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        executed.append(statement)

    event.listen(services.engine.sync_engine, "before_cursor_execute", spot)
    try:
        async with services.database() as db, db.begin():
            assert await inbox.claim(db, second, [first])
            assert not await inbox.claim(db, second, [first])  # taken already
    finally:
        event.remove(services.engine.sync_engine, "before_cursor_execute", spot)
    # SQLite's BEGIN IMMEDIATE is a statement of its own; PostgreSQL's BEGIN is not one here.
    verbs = [s.split()[0] for s in executed]
    assert [v for v in verbs if v != "BEGIN"] == ["UPDATE", "UPDATE"]
    assert await statuses(services) == ["answered", "handled"]


async def test_a_polled_update_delivered_again_is_not_answered_again(
    services: Services, fake: FakeTelegram
) -> None:
    """Handled and committed, but the offset never confirmed (a crash in between): Telegram
    delivers it again, and the dedup record stored with it drops it."""
    stop = await start_telegram(services, build_web_app(services), poll_timeout=1)
    try:
        await say(fake, PEOPLE[0], "/start")
        await asyncio.sleep(0.3)  # /start's answer may come in more than one message
        before = len(fake.sent(PEOPLE[0]))
        update = fake.private_message(PEOPLE[0], "/help")
        await fake.wait_sent(PEOPLE[0], 1, after=before)
        fake.redeliver(update)
        await say(fake, PEOPLE[1], "/start")  # handled after the redelivery
        await asyncio.sleep(0.3)
        assert len(fake.sent(PEOPLE[0])) == before + 1  # /help answered once
    finally:
        await stop()
    assert await statuses(services) == ["answered"] * 3


async def test_storing_with_the_handling_writes_nothing_for_an_update_seen_before(
    services: Services,
) -> None:
    first = InboxUpdate(
        platform="telegram", update_key="1:7", payload={"update_id": 7}, received_at=NOW
    )
    again = InboxUpdate(
        platform="telegram", update_key="1:7", payload={"update_id": 7}, received_at=NOW
    )
    async with services.database() as db, db.begin():
        assert await inbox.take(db, first)
    assert first.id is not None
    async with services.database() as db, db.begin():
        # The answer to the first went out meanwhile: marked even though this one is dropped.
        assert not await inbox.take(db, again, [first.id])
        # ... and the transaction goes on (an error would end it in PostgreSQL)
        assert (await db.execute(text("SELECT count(*) FROM inbox"))).scalar() == 1
    assert again.id is None
    assert await statuses(services) == ["answered"]
