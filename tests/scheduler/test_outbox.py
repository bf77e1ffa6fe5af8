"""The outbox: one row per recipient, idempotent keys, leavers, announcements."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from bot.core.messages import Attachment, Button, Reply
from bot.db.models import Identity, Participant
from bot.kernel.services import Services
from scheduler.outbox import (
    cancel_pending,
    enqueue,
    enqueue_many,
    enqueue_to_chat,
    reply_from_json,
    reply_to_json,
)
from tests.scheduler.helpers import add_people, outbox_rows


async def test_a_key_is_queued_once(services: Services) -> None:
    [person] = await add_people(services, 1)
    async with services.database() as db, db.begin():
        assert await enqueue(db, key="hello:1", participant_id=person, reply=Reply("Hoi"))
        assert not await enqueue(db, key="hello:1", participant_id=person, reply=Reply("Hoi!"))
    async with services.database() as db, db.begin():
        assert not await enqueue(db, key="hello:1", participant_id=person, reply=Reply("Hoi?"))
    [row] = await outbox_rows(services)
    assert (row.key, row.status, row.platform, row.reply["text"]) == (
        "hello:1",
        "pending",
        "telegram",
        "Hoi",
    )


async def test_enqueue_many_follows_each_persons_language_in_one_go(services: Services) -> None:
    dutch = await add_people(services, 2, language="nl")
    english = await add_people(services, 1, language="en", first_user=3000)

    def reply_for(person: Participant) -> Reply:
        return Reply("Tot morgen!" if person.language == "nl" else "See you tomorrow!")

    async with services.database() as db, db.begin():
        new = await enqueue_many(
            db, key_prefix="logistics:s1", participant_ids=dutch + english, reply_for=reply_for
        )
        assert new == 3
        again = await enqueue_many(
            db, key_prefix="logistics:s1", participant_ids=dutch + english, reply_for=reply_for
        )
        assert again == 0
    texts = {row.key: row.reply["text"] for row in await outbox_rows(services)}
    assert texts == {
        f"logistics:s1:participant:{dutch[0]}": "Tot morgen!",
        f"logistics:s1:participant:{dutch[1]}": "Tot morgen!",
        f"logistics:s1:participant:{english[0]}": "See you tomorrow!",
    }


async def test_leavers_get_nothing_unless_forced(services: Services) -> None:
    stays, leaves = await add_people(services, 2)
    async with services.database() as db, db.begin():
        await db.execute(update(Participant).where(Participant.id == leaves).values(status="left"))
    async with services.database() as db, db.begin():
        assert not await enqueue(db, key="r:leaver", participant_id=leaves, reply=Reply("x"))
        assert await enqueue(
            db, key="r:leaver:forced", participant_id=leaves, reply=Reply("x"), force=True
        )
        assert (
            await enqueue_many(
                db, key_prefix="b", participant_ids=[stays, leaves], reply_for=lambda p: Reply("y")
            )
            == 1
        )
    assert [row.key for row in await outbox_rows(services)] == [
        "r:leaver:forced",
        f"b:participant:{stays}",
    ]


async def test_the_most_recently_seen_platform_is_chosen(services: Services) -> None:
    [person] = await add_people(services, 1, platform="telegram")
    async with services.database() as db, db.begin():
        db.add(
            Identity(
                participant_id=person,
                platform="slack",
                user_id="U1",
                last_seen_at=services.clock.now() + timedelta(minutes=1),
            )
        )
        await enqueue(db, key="k", participant_id=person, reply=Reply("x"))
    [row] = await outbox_rows(services)
    assert row.platform == "slack"


async def test_announcements_go_to_a_chat_and_can_be_withdrawn(services: Services) -> None:
    async with services.database() as db, db.begin():
        assert await enqueue_to_chat(
            db, key="announce:1", platform="slack", chat_id="C42", reply=Reply("Nieuws")
        )
        assert await enqueue_to_chat(
            db, key="announce:2", platform="slack", chat_id="C42", reply=Reply("Meer")
        )
        assert await cancel_pending(db, key_prefix="announce:2") == 1
    rows = await outbox_rows(services)
    assert [(r.chat_id, r.participant_id, r.status) for r in rows] == [
        ("C42", None, "pending"),
        ("C42", None, "cancelled"),
    ]


def test_a_reply_survives_the_json_column() -> None:
    reply = Reply(
        "Kom je?",
        buttons=((Button("ja", "rsvp:1:ja"), Button("nee", "rsvp:1:nee")),),
        attachment=Attachment("sessie.ics", b"BEGIN:VCALENDAR\r\n\x00", "text/calendar"),
        context="§1.8",
        private=False,
        html=True,
    )
    assert reply_from_json(reply_to_json(reply)) == reply
    assert reply_from_json(reply_to_json(Reply("kaal"))) == Reply("kaal")
