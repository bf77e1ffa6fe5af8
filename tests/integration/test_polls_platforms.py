"""Agenda votes from Telegram and Slack at once, through the real adapters and their stand-ins."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.core.clock import ManualClock
from handlers.polls.lifecycle import REFRESH_DELAY
from scheduler.service import tick
from tests.factories import Person
from tests.fakes.slack_api import block_values, blocks_text
from tests.fakes.telegram_api import Sent
from tests.integration.harness import Both, both_platforms

ESTHER = 501  # on Telegram
PLAN = "/sessie nieuw 14 januari 2027 10:00 | Utrecht, Zuilen | Vreedzame wijk | geen overnachting"


@pytest.fixture
async def both(tmp_path: Path) -> AsyncIterator[Both]:
    async with both_platforms(tmp_path, {"U1": "Karel Slack"}) as running:
        yield running


async def test_votes_from_telegram_and_slack_count_in_one_tally(both: Both) -> None:
    services, telegram, slack = both.services, both.telegram, both.slack
    olga = Person(services, "organiser", name="Olga Organisator")
    await olga.say("/start")
    await olga.say(PLAN)
    await olga.say("/agenda voorstel Bewoners aan het stuur")
    await olga.say("/agenda voorstel Corporaties als partner")

    # Both say hello first, so the bot knows them (and their private chats).
    telegram.private_message(ESTHER, "/start")
    await telegram.wait_sent(ESTHER, 1)
    await slack.command("/cop", "start", user="U1", channel="DU1")
    await slack.slack.wait_for("response_url")

    await olga.say("/peiling open")
    await tick(services)  # the vote messages go out through the outbox
    [vote] = [s for s in telegram.sent(ESTHER) if "Agendapeiling" in s.text]
    assert ("Bewoners aan het stuur (0)", "pv:1:1") in vote.buttons
    for _, data in vote.buttons:
        assert len(data.encode()) <= 64
    posted = [
        c for c in slack.slack.of("chat.postMessage") if "Agendapeiling" in blocks_text(c.args)
    ]
    assert posted, slack.slack.calls
    assert "pv:1:2" in block_values(posted[0].args)

    # Esther votes on Telegram: her own message is edited with a tick and the count.
    telegram.press(ESTHER, vote, "pv:1:1")
    await telegram.wait_for(lambda: bool(telegram.sent(ESTHER, "editMessageText")))
    edited: Sent = telegram.sent(ESTHER, "editMessageText")[-1]
    assert edited.message_id == vote.message_id
    assert "✓ #1 Bewoners aan het stuur (1 stem)" in edited.text
    assert ("✓ Bewoners aan het stuur (1)", "pv:1:1") in edited.buttons

    # Karel votes on Slack for both topics; the tally has both platforms in it.
    ts = posted[0].args.get("ts") or "1.000001"
    channel = str(posted[0].args["channel"])
    for value in ("pv:1:1", "pv:1:2"):
        answered = len(slack.slack.of("response_url", "chat.update"))
        await slack.press(value, message_ts=ts, channel=channel)
        await slack.slack.wait_for("response_url", "chat.update", count=answered + 1)
    standing = await olga.text("/peiling stand")
    assert "stemmers: 2" in standing
    assert "Bewoners aan het stuur\n   ██████████ 2\n   stemmen van:" in standing
    assert "Karel Slack" in standing and "Corporaties als partner\n   █████ 1" in standing

    # A minute later one edit round brings Esther's Telegram message up to date with Karel's
    # Slack votes, without her pressing anything.
    edits_before = len(telegram.sent(ESTHER, "editMessageText"))
    assert isinstance(services.clock, ManualClock)
    services.clock.advance(REFRESH_DELAY + timedelta(seconds=1))
    await tick(services)
    refreshed = telegram.sent(ESTHER, "editMessageText")[edits_before:]
    assert refreshed, "the other participant's vote message was not refreshed"
    assert refreshed[-1].message_id == vote.message_id
    assert "✓ #1 Bewoners aan het stuur (2 stemmen)" in refreshed[-1].text


async def test_vote_message_on_slack_is_updated_in_place(both: Both) -> None:
    services, slack = both.services, both.slack
    olga = Person(services, "organiser", name="Olga Organisator")
    await olga.say("/start")
    await olga.say(PLAN)
    await olga.say("/agenda voorstel Bewoners aan het stuur")
    await olga.say("/peiling open")
    await slack.command("/cop", "peiling", user="U1", channel="DU1")
    [answer] = await slack.slack.wait_for("response_url")
    assert "Agendapeiling" in blocks_text(answer.args)
    before = len(slack.slack.calls)
    await slack.press("pv:1:1", message_ts="1700000000.000100", channel="DU1")
    [replaced] = await slack.slack.wait_for("chat.update")
    assert replaced.args["ts"] == "1700000000.000100"
    assert all(c.method != "chat.postMessage" for c in slack.slack.calls[before:])
    assert "✓ #1 Bewoners aan het stuur (1 stem)" in blocks_text(replaced.args)
