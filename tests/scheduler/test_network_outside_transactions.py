"""No network call while a database transaction holds SQLite's write lock: a vote message's
edit and the opening of a buddy pair's group DM go through the outbox, outside the job."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from sqlalchemy import text

from bot.core.clock import ManualClock
from bot.core.messages import Incoming
from bot.kernel.dispatch import dispatch
from bot.kernel.services import Services
from scheduler.service import tick
from tests.factories import BACKEND, Person
from tests.fakes.lock_probe import LockProbingMessenger, write_locked
from tests.history_factory import add_person

pytestmark = pytest.mark.skipif(BACKEND != "sqlite", reason="probes SQLite's write lock")

PLAN = "/sessie nieuw 14 januari 2027 10:00 | Utrecht, Zuilen | Vreedzame wijk | geen overnachting"
_updates = itertools.count(1)


def probe(services: Services, platform: str) -> LockProbingMessenger:
    messenger = LockProbingMessenger(platform, services.settings.database_url)
    services.messengers[platform] = messenger
    services.settings.outbox_concurrency = 1  # one sender: its own writes are not in between
    return messenger


async def press(person: Person, data: str, message_id: str) -> None:
    """A button press on a message of the person's chat (the adapters report its id)."""
    await dispatch(
        person.services,
        Incoming(
            platform=person.platform,
            user_id=person.user_id,
            chat_id=person.user_id,
            callback=data,
            display_name=person.name,
            language=person.language,
            message_id=message_id,
            update_id=f"probe-{next(_updates)}",
        ),
    )


async def test_the_probe_sees_a_transaction_s_write_lock(services: Services) -> None:
    assert not write_locked(services.settings.database_url)
    async with services.database() as db, db.begin():
        await db.execute(text("SELECT 1"))  # the transaction begins (immediately) here
        assert write_locked(services.settings.database_url)
    assert not write_locked(services.settings.database_url)


async def test_vote_messages_are_edited_outside_the_refresh_job_s_transaction(
    services: Services, organiser: Person, participant: Person
) -> None:
    console = probe(services, "console")
    bert = Person(services, "bert", name="Bert de Vries")
    for person in (organiser, participant, bert):
        await person.say("/start")
    await organiser.say(PLAN)
    await participant.say("/agenda voorstel Bewoners aan het stuur")
    await organiser.say("/peiling open")
    await press(bert, "pr:1", message_id="bert-msg")
    await press(participant, "pv:1:1", message_id="esther-msg")
    clock = services.clock
    assert isinstance(clock, ManualClock)
    clock.advance(timedelta(seconds=61))
    await tick(services)

    assert [(chat, mid) for chat, mid, _ in console.edits] == [("bert", "bert-msg")]
    assert "(1 stem)" in console.edits[0][2].text
    assert ("edit_message", False) in console.calls
    assert console.locked_calls() == []


async def test_the_buddy_group_dm_is_opened_outside_the_intro_job_s_transaction(
    services: Services,
) -> None:
    slack = probe(services, "slack")
    await add_person(
        services, "Karel Slack", city="Groningen", user_id="UKAREL02", platform="slack",
        experienced=True,
    )  # fmt: skip
    await Person(services, "UKAREL02", name="Karel Slack", platform="slack").say("/maatje word")
    lies = Person(services, "ULIES001", name="Lies Slack", platform="slack")
    await lies.say("/ik stad Utrecht")
    await lies.say("/start")
    await lies.press("nieuw:ja")
    await tick(services)

    assert slack.groups == [["ULIES001", "UKAREL02"]]
    assert {d.chat_id for d in slack.delivered if "Kennismaken" in d.reply.text} == {
        "GUKAREL02ULIES001"
    }
    assert ("open_group_chat", False) in slack.calls
    assert slack.locked_calls() == []
