"""Slack's events URL under bad input: never a 5xx or a stack trace; what Slack signed and is
well-formed is acknowledged (2xx) even when ignored, a broken body is a 400, and rejections
log one short line at a time (the log is rate-limited, not the client)."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest

from tests.factories import make_app
from tests.fakes.slack_api import TEAM, FakeSlack
from tests.integration.harness import SlackBot, dm, event_body, serving_slack, slack_settings


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


# Bodies as Slack documents them (docs.slack.dev reference/events, slack-bolt's test payloads).
APP_RATE_LIMITED = {"token": "legacy", "type": "app_rate_limited", "team_id": TEAM,
                    "minute_rate_limited": 1518467820, "api_app_id": "A1"}  # fmt: skip
GLOBAL_SHORTCUT = {
    "type": "shortcut", "token": "legacy", "action_ts": "111.111",
    "team": {"id": TEAM, "domain": "cop"},
    "user": {"id": "U1", "username": "esther", "team_id": TEAM},
    "callback_id": "test-shortcut", "trigger_id": "111.111.xxxxxx",
}  # fmt: skip
REACTION_ADDED = {
    "type": "reaction_added", "user": "U1", "reaction": "thumbsup", "item_user": "U2",
    "item": {"type": "message", "channel": "C1", "ts": "1360782400.498405"},
    "event_ts": "1360782804.083113",
}  # fmt: skip


def form(payload: Any) -> str:
    return "payload=" + quote(json.dumps(payload))


def no_traceback(caplog: pytest.LogCaptureFixture) -> None:
    assert not [r for r in caplog.records if r.exc_info], "a stack trace was logged"
    assert all(len(r.getMessage()) < 300 for r in caplog.records if r.levelno >= logging.INFO)


async def test_a_timestamp_of_5000_digits_is_a_400_without_a_stack_trace(
    bot: SlackBot, caplog: pytest.LogCaptureFixture
) -> None:
    status, _ = await bot.send(json.dumps(event_body(dm("hoi"), "Ev1")), timestamp="9" * 5000)
    assert status == 400
    status, _ = await bot.send(json.dumps(event_body(dm("hoi"), "Ev1")), timestamp="1" * 40)
    assert status == 400
    odd_signature = {"X-Slack-Signature": "v0=\u00e9" * 3}
    status, _ = await bot.send(json.dumps(event_body(dm("hoi"), "Ev1")), headers=odd_signature)
    assert status == 401
    no_traceback(caplog)
    assert await bot.handled() == 0


async def test_many_rejected_requests_log_a_few_short_lines(
    bot: SlackBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    body = json.dumps(event_body(dm("hoi"), "Ev1"))
    for n in range(160):
        status, _ = await bot.send(body, secret="guess", timestamp=None if n % 2 else "9" * 5000)
        assert status in (400, 401)
    no_traceback(caplog)
    assert len([r for r in caplog.records if r.levelno >= logging.INFO]) <= 4


@pytest.mark.parametrize(
    "body, is_form",
    [
        ('{"type": "event_callback", "event": ', False),  # cut off
        ("[1, 2, 3]", False),
        ('"event_callback"', False),
        (form([1, 2, 3]), True),  # payload= a list
        ("payload=%7Bnot+json", True),
        ("payload=null", True),
        ("nothing=here", True),
        (json.dumps({"type": "event_callback", "event": "message", "event_id": "Ev9"}), False),
        (json.dumps({"type": "event_callback", "event_id": "Ev9"}), False),
        (form({"type": "block_actions", "actions": "Ja", "user": "U1"}), True),
    ],
)
async def test_a_signed_but_broken_body_is_a_400(
    bot: SlackBot, caplog: pytest.LogCaptureFixture, body: str, is_form: bool
) -> None:
    status, _ = await bot.send(body, form=is_form)
    assert status == 400
    no_traceback(caplog)


@pytest.mark.parametrize(
    "body, is_form",
    [
        (json.dumps(APP_RATE_LIMITED), False),
        (json.dumps(event_body(REACTION_ADDED, "Ev77")), False),
        (form(GLOBAL_SHORTCUT), True),
        (form({**GLOBAL_SHORTCUT, "type": "view_submission", "view": {"id": "V1"}}), True),
        (form({"type": "block_actions", "user": {"id": "U1"}, "actions": [],
               "container": {"type": "message", "message_ts": "1.2", "channel_id": "C1"},
               "channel": {"id": "C1", "name": "cop"}, "trigger_id": "1.2.3"}), True),
        (urlencode({"ssl_check": "1", "token": "legacy"}), True),
    ],
)  # fmt: skip
async def test_what_is_signed_and_well_formed_is_acknowledged_even_when_ignored(
    bot: SlackBot, caplog: pytest.LogCaptureFixture, body: str, is_form: bool
) -> None:
    status, _ = await bot.send(body, form=is_form)
    assert 200 <= status < 300
    no_traceback(caplog)
    assert [c for c in bot.slack.calls if c.method == "chat.postMessage"] == []


async def test_a_command_still_works_after_all_that(bot: SlackBot) -> None:
    await bot.send(json.dumps(APP_RATE_LIMITED))
    await bot.send("payload=%7Bnot+json", form=True)
    status, _ = await bot.command("/cop", "help", channel="D1")
    assert status == 200
