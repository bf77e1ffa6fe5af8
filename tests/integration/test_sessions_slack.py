"""Sessions on the Slack stand-in: RSVP buttons update the card, a reminder reaches the DM."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.core.clock import ManualClock
from bot.db.models import Rsvp
from scheduler.service import tick
from tests.factories import Person, make_app
from tests.fakes.slack_api import FakeSlack, block_values, blocks_text
from tests.integration.harness import SlackBot, serving_slack, slack_settings


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[SlackBot]:
    slack = await FakeSlack().start()
    slack.add_user("U1", "Esther Brink", locale="nl-NL")
    services = await make_app(tmp_path, **slack_settings(slack))
    try:
        async with serving_slack(services, slack) as bot:
            yield bot
    finally:
        await services.close()
        await slack.stop()


async def test_rsvp_buttons_and_a_reminder_on_slack(bot: SlackBot) -> None:
    olga = Person(bot.services, "organiser", name="Olga Organisator")
    await olga.say(
        "/sessie nieuw 3 december 2026 10:00 | Utrecht, wijk Zuilen | Durf | overnachting"
    )

    await bot.command("/sessie", "", user="U1", channel="DU1")  # "/sessie" alone: how to use it
    [usage] = await bot.slack.wait_for("response_url")
    assert "/sessies" in blocks_text(usage.args)
    await bot.command("/cop", "sessies", user="U1", channel="DU1")
    answers = await bot.slack.wait_for("response_url", count=3)
    card = next(a for a in answers if "rsvp:1:ja" in block_values(a.args))
    assert "Utrecht, wijk Zuilen" in blocks_text(card.args)
    assert {"rsvp:1:ja", "rsvp:1:nee", "rsvp:1:misschien"} <= set(block_values(card.args))

    # Esther presses "Ja, ik kom" and then "overnachting ja" on the card in her DM.
    await bot.press("rsvp:1:ja", message_ts="1700000000.000200", channel="DU1")
    [updated] = await bot.slack.wait_for("chat.update")
    assert updated.args["ts"] == "1700000000.000200"
    assert "Jouw antwoord: ja, ik kom" in blocks_text(updated.args)
    overnight = next(
        v for v in block_values(updated.args) if v.startswith("rsvp:1:") and "nacht" in v
    )
    await bot.press(overnight, message_ts="1700000000.000200", channel="DU1")
    await bot.slack.wait_for("chat.update", count=2)
    async with bot.services.database() as db:
        [rsvp] = (await db.scalars(select(Rsvp))).all()
    assert rsvp.answer == "yes" and rsvp.overnight is True

    # Two days before, 10:00 Amsterdam time, the reminder reaches her DM with the buttons.
    clock = bot.services.clock
    assert isinstance(clock, ManualClock)
    clock.set(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    await tick(bot.services)
    reminders = [
        c for c in bot.slack.of("chat.postMessage")
        if c.args["channel"] == "DU1" and "rsvp:1:ja" in block_values(c.args)
    ]  # fmt: skip
    assert len(reminders) == 1
    assert "donderdag 3 december 2026" in blocks_text(reminders[0].args)
    await tick(bot.services)  # nothing twice
    assert len([c for c in bot.slack.of("chat.postMessage") if c.args["channel"] == "DU1"]) == 1
