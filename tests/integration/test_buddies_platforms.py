"""The buddy introduction on the Telegram and Slack stand-ins, through the outbox delivery."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from scheduler.service import tick
from tests.fakes.slack_api import blocks_text
from tests.fakes.telegram_api import FakeTelegram
from tests.integration.harness import Both, both_platforms

TOM, NINA = 601, 602  # on Telegram
KAREL = "UKAREL02"  # on Slack; Lies is "U1", who presses the buttons in the stand-in


@pytest.fixture
async def both(tmp_path: Path) -> AsyncIterator[Both]:
    async with both_platforms(tmp_path, {"U1": "Lies Slack", KAREL: "Karel Slack"}) as running:
        yield running


async def say(telegram: FakeTelegram, user: int, text: str, **who: Any) -> str:
    before = len(telegram.sent(user))
    telegram.private_message(user, text, user=telegram.user(user, **who))
    [answer, *_] = await telegram.wait_sent(user, 1, after=before)
    return answer.text


async def test_introduction_on_telegram(both: Both) -> None:
    services, telegram = both.services, both.telegram
    tom = {"first_name": "Tom", "last_name": "Delft", "username": "tomdelft"}
    nina: dict[str, Any] = {}  # the stand-in's default person: Esther Brink, @esther
    await say(telegram, TOM, "/ik stad Delft", **tom)
    await say(telegram, TOM, "/ik ervaren", **tom)
    assert "Dank je" in await say(telegram, TOM, "/maatje word", **tom)

    await say(telegram, NINA, "/ik stad Arnhem", **nina)
    before = len(telegram.sent(NINA))
    telegram.private_message(NINA, "/start", user=telegram.user(NINA, **nina))
    sent = await telegram.wait_sent(NINA, 2, after=before)
    [question] = [s for s in sent if ("Ja, ik ben nieuw", "nieuw:ja") in s.buttons]
    before = len(telegram.sent(NINA))
    telegram.press(NINA, question, "nieuw:ja")
    await telegram.wait_for(
        lambda: any("Je maatje is Tom Delft" in s.text for s in telegram.sent(NINA))
    )

    await tick(services)  # the introduction job runs and the outbox delivers it
    to_nina = [s.text for s in telegram.sent(NINA, "sendMessage") if "Kennismaken" in s.text]
    to_tom = [s.text for s in telegram.sent(TOM, "sendMessage") if "Kennismaken" in s.text]
    assert len(to_nina) == 1 and len(to_tom) == 1
    assert "@tomdelft (Telegram)" in to_nina[0] and "Stad: Delft" in to_nina[0]
    assert "@esther (Telegram)" in to_tom[0] and "Stad: Arnhem" in to_tom[0]
    assert "diagonaal leren" in to_nina[0]
    await tick(services)  # nothing twice
    assert len([s for s in telegram.sent(TOM) if "Kennismaken" in s.text]) == 1


async def test_introduction_on_slack(both: Both) -> None:
    services, slack = both.services, both.slack
    # Karel is experienced and volunteers; Lies (U1) is new, from Utrecht.
    steps = [
        (KAREL, "ik stad Groningen"),
        (KAREL, "ik ervaren"),
        (KAREL, "maatje word"),
        ("U1", "ik stad Utrecht"),
        ("U1", "start"),
    ]
    for user, text in steps:
        before = len(slack.slack.of("response_url"))
        await slack.command("/cop", text, user=user, channel=f"D{user}")
        await slack.slack.wait_for("response_url", count=before + 1)
    await slack.slack.wait_for("response_url", count=len(steps) + 1)  # /start answers twice
    await slack.press("nieuw:ja", message_ts="1700000000.000100", channel="DU1")
    await slack.slack.wait_for("response_url", count=len(steps) + 2)
    answers = [blocks_text(c.args) for c in slack.slack.of("response_url")]
    assert any("Je maatje is Karel Slack" in a for a in answers), answers

    await tick(services)
    posted = {
        str(c.args["channel"]): blocks_text(c.args)
        for c in slack.slack.of("chat.postMessage")
        if "Kennismaken" in blocks_text(c.args)
    }
    # Both on Slack: one group DM of the two and the bot, opened with both members.
    opened = [str(c.args["users"]) for c in slack.slack.of("conversations.open")]
    assert any(set(users.split(",")) == {"U1", KAREL} for users in opened), opened
    group = "G" + "".join(sorted(u.removeprefix("U") for u in ("U1", KAREL)))
    assert set(posted) == {group}
    # Mentions on Slack: each can click through to the other.
    assert f"<@{KAREL}> (Slack)" in posted[group] and "Stad: Groningen" in posted[group]
    assert "Lies Slack" in posted[group] and "Stad: Utrecht" in posted[group]
