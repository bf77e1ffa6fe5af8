"""Messages that were in flight when the sender died (kill -9) are not resent blindly, but
the organisers hear whose they were and can send them once more, once."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.core.messages import Reply
from bot.db.models import OutboxMessage
from bot.kernel.services import Services
from scheduler.claims import new_worker_id
from scheduler.outbox import enqueue_many
from scheduler.service import tick
from tests.factories import Person
from tests.fakes.flaky_messenger import FlakyMessenger
from tests.scheduler.helpers import add_people


async def statuses(services: Services) -> dict[str, str]:
    async with services.database() as db:
        rows = (await db.scalars(select(OutboxMessage))).all()
    return {row.key: row.status for row in rows}


async def test_the_organisers_hear_of_messages_that_may_be_missing_and_resend_them_once(
    services: Services,
) -> None:
    olga = Person(services, "organiser", name="Olga Organisator")
    await olga.say("/start")
    esther = Person(services, "p1", name="Esther Brink")
    await esther.say("/start")
    people = await add_people(services, 2, platform="console", first_user=3000)
    console = FlakyMessenger("console")
    services.messengers["console"] = console
    now = services.clock.now()
    dead = f"{new_worker_id().split(':')[0]}:999999999:dead"  # a killed process on this host
    async with services.database() as db, db.begin():
        await enqueue_many(
            db, key_prefix="reminder:session:3", participant_ids=people,
            reply_for=lambda p: Reply("Morgen is de bijeenkomst."),
        )  # fmt: skip
        rows = (await db.scalars(select(OutboxMessage))).all()
        for row in rows:  # in flight when the sender was killed
            row.status, row.claimed_by = "sending", dead
            row.claimed_until = now + timedelta(minutes=10)

    await tick(services)  # the restart: recovery, then the notice goes out
    assert set((await statuses(services)).values()) >= {"uncertain"}
    [notice] = [d for d in console.delivered if "niet of ze zijn aangekomen" in d.reply.text]
    assert "Deelnemer 3000: reminder:session:3" in notice.reply.text
    assert "Deelnemer 3001: reminder:session:3" in notice.reply.text
    [[button]] = [list(row) for row in notice.reply.buttons]
    assert not [d for d in console.delivered if "Morgen" in d.reply.text]  # not resent blindly

    refused = await esther.press(button.data)
    assert "alleen organisatoren" in refused[0].text.lower()
    [done] = await olga.press(button.data)
    assert "2 bericht(en) gaan opnieuw" in done.text and "twee keer" in done.text
    await tick(services)
    assert len([d for d in console.delivered if "Morgen" in d.reply.text]) == 2
    [again] = await olga.press(button.data)
    assert "al opnieuw verstuurd" in again.text
    await tick(services)
    assert len([d for d in console.delivered if "Morgen" in d.reply.text]) == 2
