"""Slack over real HTTP: signed requests to the bot's own server, replies to a Slack stand-in."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.core import ports as base
from bot.core.messages import Attachment, Button, Reply
from bot.db.models import Participant
from bot.http import build_web_app
from bot.kernel.services import Context, Services
from bot.platforms.slack.adapter import EVENTS_PATH, start_slack
from bot.platforms.slack.messenger import SlackMessenger
from bot.platforms.slack.sender import SlackSender, make_client
from tests.factories import make_app
from tests.fakes.slack_api import APP_TOKEN, BOT_TOKEN, BOT_USER, FakeSlack
from tests.integration.harness import (
    SlackBot,
    dm,
    event_body,
    serving_slack,
    slack_settings,
)


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    fake = await FakeSlack().start()
    fake.add_user("U1", "Esther Brink", locale="nl-NL")
    fake.add_user("U2", "Olga Organisator", locale="en-GB")
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture
async def bot(tmp_path: Path, slack: FakeSlack) -> AsyncIterator[SlackBot]:
    services = await make_app(tmp_path, **slack_settings(slack))
    register_test_commands(services)
    try:
        async with serving_slack(services, slack) as bot:
            yield bot
    finally:
        await services.close()


GATE: dict[str, asyncio.Event] = {}


def register_test_commands(services: Services) -> None:
    d = services.registry

    async def knop(ctx: Context) -> Reply:
        return Reply("Doe je mee?", context="§1.8").with_buttons(
            [Button("Ja", "proef:ja"), Button("Nee", "proef:nee")],
            [Button("Boekje", url="https://example.org/boekje.pdf")],
        )

    d.command("knop", knop, help_nl="test", help_en="test", in_menu=False)

    async def proef(ctx: Context) -> Reply:
        return Reply(f"Gekozen: {ctx.args}", edit=True)

    d.callback("proef", proef)

    async def lang(ctx: Context) -> Reply:
        size = int(ctx.args or "7000")
        paragraphs = [f"Alinea {i}: " + "wijk & buurt <b> " * 140 for i in range(size // 2500)]
        return Reply("\n\n".join(paragraphs), private=False)

    d.command("lang", lang, help_nl="test", help_en="test", in_menu=False)

    async def ics(ctx: Context) -> Reply:
        content = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
        return Reply("Je uitnodiging", attachment=Attachment("cop.ics", content, "text/calendar"))

    d.command("ics", ics, help_nl="test", help_en="test", in_menu=False)

    async def traag(ctx: Context) -> Reply:
        await GATE["traag"].wait()
        return Reply("eindelijk")

    d.command("traag", traag, help_nl="test", help_en="test", in_menu=False)


def texts(calls: list[Any]) -> str:
    return "\n".join(
        block["text"]["text"]
        for call in calls
        for block in call.args.get("blocks", [])
        if block["type"] == "section"
    )


# -- verification ------------------------------------------------------------------------


async def test_url_verification_echoes_the_challenge(bot: SlackBot) -> None:
    body = {"token": "legacy", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
            "type": "url_verification"}  # fmt: skip
    status, text = await bot.send(json.dumps(body))
    assert status == 200
    assert "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" in text


async def test_forged_signature_is_rejected_and_nothing_happens(bot: SlackBot) -> None:
    status, _ = await bot.command("/cop", "ik stad Utrecht", secret="not-the-secret")
    assert status == 401
    await bot.event(dm("ik stad Utrecht"), secret="x")
    assert bot.responses[-1][0] == 401
    assert bot.slack.calls == []  # not even auth.test: the request never reached bolt
    assert await bot.handled() == 0


async def test_stale_and_future_timestamps_are_rejected(bot: SlackBot) -> None:
    for offset in (-301, 301, -3600):
        status, _ = await bot.command("/cop", "help", timestamp=str(bot.now() + offset))
        assert status == 401, offset
    assert bot.slack.calls == []
    status, _ = await bot.command("/cop", "help", timestamp=str(bot.now() - 299))
    assert status == 200  # within five minutes of the app's clock
    await bot.slack.wait_for("response_url")


async def test_malformed_timestamp_gets_400_not_500(bot: SlackBot) -> None:
    for bad in ("abc", "", "12.5", "１２３", "-5"):
        status, _ = await bot.command("/cop", "help", timestamp=bad)
        assert status == 400, bad
    assert bot.slack.calls == []


# -- slash commands --------------------------------------------------------------------------


async def test_cop_help_answers_privately_through_the_response_url(bot: SlackBot) -> None:
    status, body = await bot.command("/cop", "help")
    assert status == 200 and body == ""  # the ack: an empty 200, the answer follows
    [call] = await bot.slack.wait_for("response_url")
    assert call.args["response_type"] == "ephemeral"
    assert "/ik" in texts([call]) and "/help" in texts([call])
    assert call.args["text"]  # the plain fallback for notifications


async def test_cop_catch_all_runs_any_command_with_its_arguments(bot: SlackBot) -> None:
    await bot.command("/cop", "ik stad Utrecht")
    [call] = await bot.slack.wait_for("response_url")
    assert "Utrecht" in texts([call])
    async with bot.services.database() as db:  # the name came from users.info
        city = await db.scalar(
            select(Participant.city).where(Participant.display_name == "Esther Brink")
        )
    assert city == "Utrecht"


async def test_feature_slash_command_maps_to_the_dispatcher_command(bot: SlackBot) -> None:
    # /les may or may not exist yet: either way an answer comes, never silence.
    await bot.command("/les", "monitoring")
    [call] = await bot.slack.wait_for("response_url")
    assert texts([call])
    await bot.command("/knop", "")
    calls = await bot.slack.wait_for("response_url", count=2)
    blocks = calls[1].args["blocks"]
    assert [b["type"] for b in blocks] == ["section", "context", "actions", "actions"]
    assert blocks[1]["elements"][0]["text"] == "§1.8"
    buttons = blocks[2]["elements"] + blocks[3]["elements"]
    assert [b.get("value") for b in buttons] == ["proef:ja", "proef:nee", None]
    assert buttons[2]["url"] == "https://example.org/boekje.pdf"


async def test_every_slash_command_of_the_manifest_answers(bot: SlackBot) -> None:
    commands = ["/les", "/boek", "/maatje", "/sessie", "/agenda"]
    for command in commands:
        await bot.command(command, "")
    calls = await bot.slack.wait_for("response_url", count=len(commands), within=5)
    assert all(texts([call]) for call in calls)  # whatever exists today answers, never silence
    assert await bot.handled() == len(commands)


async def test_public_reply_goes_in_channel(bot: SlackBot) -> None:
    await bot.command("/lang", "2600")
    [call] = await bot.slack.wait_for("response_url")
    assert call.args["response_type"] == "in_channel"


async def test_ack_comes_before_slow_work(bot: SlackBot) -> None:
    GATE["traag"] = asyncio.Event()
    status, _ = await bot.command("/cop", "traag")
    assert status == 200  # answered while the handler is still waiting
    assert bot.slack.of("response_url") == []
    GATE["traag"].set()
    [call] = await bot.slack.wait_for("response_url")
    assert "eindelijk" in texts([call])


# -- events -----------------------------------------------------------------------------------


async def test_dm_gets_an_answer_in_the_dm_in_the_users_language(bot: SlackBot) -> None:
    await bot.event(dm("ik stad Utrecht", user="U2"))
    [post] = await bot.slack.wait_for("chat.postMessage")
    assert post.args["channel"] == "D2"
    assert "Saved" in texts([post]) and "Utrecht" in texts([post])  # en-GB → English
    [info] = bot.slack.of("users.info")
    assert info.args["user"] == "U2"
    await bot.event(dm("/help", user="U2"))
    await bot.slack.wait_for("chat.postMessage", count=2)
    assert len(bot.slack.of("users.info")) == 1  # remembered


async def test_bot_messages_and_edits_are_ignored(bot: SlackBot) -> None:
    await bot.event({**dm("hoi"), "bot_id": "B9"})
    await bot.event({**dm("hoi"), "subtype": "message_changed"})
    await bot.event(dm("/help"))
    await bot.slack.wait_for("chat.postMessage")
    await bot.stop_slack()  # waits for everything in progress
    assert len(bot.slack.of("chat.postMessage")) == 1


async def test_channel_mention_with_and_without_slash(bot: SlackBot) -> None:
    mention = {"type": "app_mention", "channel": "C1", "user": "U1", "ts": "1700000000.000100"}
    await bot.event({**mention, "text": f"<@{BOT_USER}> ik stad Utrecht"})
    [first] = await bot.slack.wait_for("chat.postEphemeral")
    assert first.args["channel"] == "C1" and first.args["user"] == "U1"
    assert "Utrecht" in texts([first])
    await bot.event({**mention, "text": f"<@{BOT_USER}> /ik stad Amersfoort"})
    calls = await bot.slack.wait_for("chat.postEphemeral", count=2)
    assert "Amersfoort" in texts(calls[1:])


async def test_a_mention_with_a_question_is_answered_like_a_question_in_a_dm(
    bot: SlackBot,
) -> None:
    mention = {"type": "app_mention", "channel": "C1", "user": "U1", "ts": "1700000000.000200"}
    await bot.event({**mention, "text": f"Hoi <@{BOT_USER}>, les monitoring graag"})
    [first] = await bot.slack.wait_for("chat.postEphemeral")
    assert "Lessen bij" in texts([first]) and "monitoring" in texts([first]).lower()
    assert "ken ik niet" not in texts([first])
    await bot.event({**mention, "text": f"<@{BOT_USER}> wat leren we over corporaties?"})
    calls = await bot.slack.wait_for("chat.postEphemeral", count=2)
    assert "§2.4" in texts(calls[1:])
    await bot.event({**mention, "text": f"<@{BOT_USER}>"})
    calls = await bot.slack.wait_for("chat.postEphemeral", count=3)
    assert "/les" in texts(calls[2:])  # just the name: what the bot can do


async def test_retried_delivery_gets_no_second_reply(bot: SlackBot) -> None:
    event = dm("/help")
    event_id = await bot.event(event)
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    await bot.event(event, event_id=event_id, headers=retry)
    await bot.event(event, event_id=event_id, headers={**retry, "X-Slack-Retry-Num": "2"})
    assert [status for status, _ in bot.responses] == [200, 200, 200]
    await bot.slack.wait_for("chat.postMessage")
    await bot.stop_slack()
    assert len(bot.slack.of("chat.postMessage")) == 1


# -- buttons ----------------------------------------------------------------------------------


async def test_button_press_routes_to_the_callback_and_edits_the_message(bot: SlackBot) -> None:
    await bot.command("/cop", "knop")
    [shown] = await bot.slack.wait_for("response_url")
    value = shown.args["blocks"][2]["elements"][0]["value"]
    await bot.press(value, message_ts="1700000000.000200")
    [update] = await bot.slack.wait_for("chat.update")
    assert update.args["ts"] == "1700000000.000200" and update.args["channel"] == "C1"
    assert "Gekozen: ja" in texts([update])


async def test_button_on_an_ephemeral_message_replaces_it_via_response_url(
    bot: SlackBot,
) -> None:
    await bot.press("proef:nee", message_ts="1700000000.000300", ephemeral=True)
    [call] = await bot.slack.wait_for("response_url")
    assert call.args["replace_original"] is True
    assert "Gekozen: nee" in texts([call])
    assert bot.slack.of("chat.update") == []


# -- limits and attachments --------------------------------------------------------------------


async def test_oversized_text_is_split_within_slacks_limits(bot: SlackBot) -> None:
    await bot.command("/cop", "lang 7600")  # three paragraphs of ~2,500 characters, escaped
    [call] = await bot.slack.wait_for("response_url")
    sections = [b for b in call.args["blocks"] if b["type"] == "section"]
    assert len(sections) >= 3
    assert all(len(b["text"]["text"]) <= 3000 for b in sections)
    assert "&amp;" in sections[0]["text"]["text"] and "<b>" not in sections[0]["text"]["text"]


async def test_a_huge_reply_becomes_several_messages(bot: SlackBot) -> None:
    await bot.command("/cop", "lang 150000")  # 60 paragraphs: more than 50 blocks
    # Five posts to the response_url, then the Web API takes over (the stand-in validates all).
    await bot.slack.wait_for("response_url", count=5)
    await bot.stop_slack()
    posts = bot.slack.of("response_url", "chat.postMessage")
    assert len(posts) > 5 and all(len(p.args["blocks"]) <= 50 for p in posts)
    assert [p.method for p in posts[5:]] == ["chat.postMessage"] * (len(posts) - 5)
    joined = texts(posts)
    assert "Alinea 0:" in joined and "Alinea 59:" in joined


async def test_attachment_is_uploaded_with_the_v2_file_flow(bot: SlackBot) -> None:
    await bot.event(dm("/ics"))
    [done] = await bot.slack.wait_for("files.completeUploadExternal")
    assert done.args["channel_id"] == "D1"
    [upload] = bot.slack.of("files.getUploadURLExternal")
    assert upload.args["filename"] == "cop.ics"
    assert list(bot.slack.uploads.values()) == [b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"]


async def test_a_private_file_asked_for_in_a_channel_goes_to_the_dm(bot: SlackBot) -> None:
    await bot.command("/cop", "ics", channel="C1")
    [done] = await bot.slack.wait_for("files.completeUploadExternal")
    [opened] = bot.slack.of("conversations.open")
    assert opened.args["users"] == "U1" and done.args["channel_id"] == "D1"
    [note] = bot.slack.of("response_url")
    assert note.args["response_type"] == "ephemeral"


async def test_rate_limited_post_is_retried_after_retry_after(bot: SlackBot) -> None:
    bot.slack.fail("chat.postMessage", status=429, retry_after=0)
    await bot.event(dm("/help"))
    calls = await bot.slack.wait_for("chat.postMessage", count=2)
    assert calls[0].args["_failed"] == 429 and "_failed" not in calls[1].args


# -- the messenger (outbox) -------------------------------------------------------------------


async def test_messenger_opens_a_dm_and_posts(bot: SlackBot) -> None:
    messenger = bot.services.messengers["slack"]
    channel = await messenger.open_private_chat("U1")
    assert channel == "D1"
    ts = await messenger.send(channel, Reply("Herinnering: morgen de CoP"))
    [post] = bot.slack.of("chat.postMessage")
    assert post.args["channel"] == "D1" and "Herinnering" in texts([post])
    assert ts is not None and ts.startswith("1700000000.")


@pytest.mark.parametrize(
    ("failures", "expected"),
    [
        ([{"status": 200, "error": "channel_not_found", "retry_after": None}],
         base.PermanentFailure),
        ([{"status": 200, "error": "is_archived", "retry_after": None}], base.PermanentFailure),
        ([{"status": 200, "error": "account_inactive", "retry_after": None}],
         base.PermanentFailure),
        ([{"status": 200, "error": "ratelimited", "retry_after": None}], base.TransientFailure),
        ([{"status": 500}, {"status": 503}], base.TransientFailure),
        ([{"retry_after": 0}, {"retry_after": 7}], base.RetryLater),
    ],
)  # fmt: skip
async def test_messenger_maps_errors(
    bot: SlackBot, failures: list[dict[str, Any]], expected: type[Exception]
) -> None:
    messenger = bot.services.messengers["slack"]
    for failure in failures:
        bot.slack.fail("chat.postMessage", **failure)
    with pytest.raises(expected) as caught:
        await messenger.send("D1", Reply("hoi"))
    if isinstance(caught.value, base.RetryLater):
        assert caught.value.retry_after == 7
    assert len(bot.slack.of("chat.postMessage")) == len(failures)  # one retry at most


async def test_messenger_unknown_user_is_permanent(bot: SlackBot) -> None:
    with pytest.raises(base.PermanentFailure):
        await bot.services.messengers["slack"].open_private_chat("U404")


async def test_messenger_timeout_is_uncertain_and_not_resent(slack: FakeSlack) -> None:
    messenger = SlackMessenger(SlackSender(make_client(BOT_TOKEN, slack.api_url, timeout=1)))
    slack.fail("chat.postMessage", status=200, error="", delay=1.3)
    with pytest.raises(base.UncertainDelivery):
        await messenger.send("D1", Reply("hoi"))
    assert len(slack.of("chat.postMessage")) <= 1


async def test_messenger_unreachable_slack_is_transient() -> None:
    messenger = SlackMessenger(SlackSender(make_client(BOT_TOKEN, "http://127.0.0.1:9/api/")))
    with pytest.raises(base.TransientFailure):
        await messenger.send("D1", Reply("hoi"))


async def test_messenger_paces_messages_to_one_channel(slack: FakeSlack) -> None:
    messenger = SlackMessenger(SlackSender(make_client(BOT_TOKEN, slack.api_url)), 0.2)
    loop = asyncio.get_running_loop()
    started = loop.time()
    sends = [messenger.send("D1", Reply(f"bericht {i}")) for i in range(3)]
    await asyncio.gather(*sends, messenger.send("D2", Reply("elders")))
    assert loop.time() - started >= 0.4  # three in D1: at 0, 0.2 and 0.4 s
    order = [call.args["channel"] for call in slack.of("chat.postMessage")]
    assert order.index("D2") < 2  # D2 didn't wait behind D1


# -- Socket Mode ------------------------------------------------------------------------------


async def test_socket_mode_receives_events_over_the_websocket(
    tmp_path: Path, slack: FakeSlack
) -> None:
    services = await make_app(
        tmp_path, slack_bot_token=BOT_TOKEN, slack_app_token=APP_TOKEN,
        slack_api_url=slack.api_url,
    )  # fmt: skip
    web_app = build_web_app(services)
    stop = await start_slack(services, web_app)
    try:
        assert [c.method for c in slack.of("apps.connections.open")] == ["apps.connections.open"]
        paths = [getattr(r.resource, "canonical", "") for r in web_app.router.routes()]
        assert EVENTS_PATH not in paths
        await slack.wait_connected()
        await slack.push("events_api", event_body(dm("/help"), "EvSOCKET"), "env-1")
        [post] = await slack.wait_for("chat.postMessage")
        assert post.args["channel"] == "D1"
        assert {"envelope_id": "env-1"}.items() <= slack.socket_acks[0].items()
    finally:
        await stop()
        await services.close()
