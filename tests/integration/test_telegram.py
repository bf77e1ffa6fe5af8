"""The real Telegram adapter against a local stand-in of the Bot API, over real HTTP.

Each test talks to the bot as a participant would: the fake API queues an update, the bot
fetches it by long polling (or receives it on its webhook), and the test reads what it sent.
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientSession
from telegram import Bot

from bot.core.messages import Attachment, Button, Reply
from bot.core.ports import (
    PermanentFailure,
    RetryLater,
    TransientFailure,
    UncertainDelivery,
)
from bot.core.textsplit import utf16_len
from bot.http import HttpServer, build_web_app
from bot.kernel.services import Context, Services
from bot.platforms.telegram.adapter import TelegramMessenger, start_telegram
from bot.platforms.telegram.request import AiohttpRequest
from bot.runtime import Stopper
from tests.factories import make_app
from tests.fakes.telegram_api import MESSAGE_LIMIT, FakeTelegram, Sent
from tests.telegram_fixtures import telegram_api  # noqa: F401 (fixtures)

ESTHER = 501  # a participant, Dutch client
JOHN = 502  # a participant, English client
ORGANISER = 1000  # an organiser in the test settings ("telegram:1000")
GROUP = -100_200_300


@dataclass
class Running:
    services: Services
    fake: FakeTelegram
    stop: Stopper

    async def say(
        self, user_id: int, text: str | None, count: int = 1, **extra: Any
    ) -> list[Sent]:
        """A person writes in the private chat; the next `count` messages the bot sent back."""
        before = len(self.fake.sent(user_id))
        user = self.fake.user(user_id, **({"language_code": "en"} if user_id == JOHN else {}))
        self.fake.private_message(user_id, text, user=user, **extra)
        return await self.fake.wait_sent(user_id, count, after=before)


async def start(services: Services, fake: FakeTelegram) -> Stopper:
    return await start_telegram(services, build_web_app(services), poll_timeout=1)


@pytest.fixture
async def bot(tmp_path: Path, fake: FakeTelegram) -> AsyncIterator[Running]:
    services = await make_app(tmp_path, telegram_token=fake.token, telegram_api_url=fake.base_url)
    add_test_commands(services)
    stop = await start(services, fake)
    try:
        yield Running(services, fake, stop)
    finally:
        await stop()
        await services.close()


def add_test_commands(services: Services) -> None:
    """A command with buttons and one with a very long answer, as a feature could have."""
    dispatcher = services.registry

    async def with_buttons(ctx: Context) -> Reply:
        return Reply("Kies maar.").with_buttons(
            [Button("Ja", "tk:ja"), Button("Nee", "tk:nee")],
            [Button("Boekje", url="https://example.org/boekje")],
        )

    dispatcher.command(
        "knop", with_buttons, help_nl="test met knoppen", help_en="test with buttons"
    )

    async def chosen(ctx: Context) -> Reply:
        return Reply(f"Je koos {ctx.args}.", edit=True)

    dispatcher.callback("tk", chosen)

    async def long_answer(ctx: Context) -> Reply:
        return Reply(LONG_TEXT, context="§2.4", buttons=((Button("Meer", "tk:meer"),),))

    dispatcher.command("lang", long_answer, help_nl="een lang antwoord", help_en="a long answer")


# Nine paragraphs of ~1,000 UTF-16 units each; the emoji count double, as Telegram counts them.
PARAGRAPHS = [f"Alinea {n}: " + "wijk 🏘 " * 125 + "einde." for n in range(1, 10)]
LONG_TEXT = "\n\n".join(PARAGRAPHS)


async def test_start_registers_and_greets_in_the_clients_language(bot: Running) -> None:
    [welcome] = await bot.say(ESTHER, "/start")
    assert welcome.text.startswith("Welkom bij copbot, Esther Brink!")
    assert welcome.parse_mode is None  # plain text: nothing a name contains can break it
    [english] = await bot.say(JOHN, "/start")
    assert english.text.startswith("Welcome to copbot, Esther Brink!")
    [again] = await bot.say(ESTHER, "/start")
    assert again.text.startswith("Fijn je weer te zien")


async def test_help_lists_participant_commands_and_organiser_commands_for_organisers(
    bot: Running,
) -> None:
    [help_text] = await bot.say(ESTHER, "/help")
    assert "/ik" in help_text.text and "/koppel" in help_text.text
    assert "/organisator" not in help_text.text
    [organiser_help] = await bot.say(ORGANISER, "/hulp")
    assert "/organisator" in organiser_help.text


async def test_unknown_command_points_to_help_with_a_suggestion(bot: Running) -> None:
    [answer] = await bot.say(ESTHER, "/hellp")
    assert "/hellp" in answer.text and "Bedoelde je /help?" in answer.text


async def test_button_press_edits_the_message_and_always_answers_the_query(
    bot: Running,
) -> None:
    [question] = await bot.say(ESTHER, "/knop")
    assert question.buttons == [
        ("Ja", "tk:ja"),
        ("Nee", "tk:nee"),
        ("Boekje", "https://example.org/boekje"),
    ]
    bot.fake.press(ESTHER, question, "tk:ja")
    [edited] = await bot.fake.wait_sent(ESTHER, after=1)
    assert (edited.method, edited.message_id, edited.text) == (
        "editMessageText",
        question.message_id,
        "Je koos ja.",
    )
    # The same choice again: Telegram says "not modified"; nothing new appears in the chat.
    bot.fake.press(ESTHER, question, "tk:ja")
    await bot.fake.wait_for(lambda: len(bot.fake.called("editMessageText")) == 2)
    # An old message can no longer be edited: the answer comes as a new message instead.
    bot.fake.age(question)
    bot.fake.press(ESTHER, question, "tk:nee")
    [fresh] = await bot.fake.wait_sent(ESTHER, after=2)
    assert (fresh.method, fresh.text) == ("sendMessage", "Je koos nee.")
    # A button the bot no longer knows gets an explanation, not silence.
    bot.fake.press(ESTHER, fresh, "weg:1")
    [stale] = await bot.fake.wait_sent(ESTHER, after=3)
    assert "Deze knop werkt niet meer" in stale.text
    assert len(bot.fake.answered) == 4
    assert [s.method for s in bot.fake.sent(ESTHER)].count("editMessageText") == 1


async def test_oversized_and_odd_input_gets_clear_answers(bot: Running) -> None:
    [long_command] = await bot.say(ESTHER, "/" + "x" * 5000)
    assert "ken ik niet" in long_command.text and len(long_command.text) < 200
    [control] = await bot.say(ESTHER, "/help\x00\x07\x1b[31m")
    assert "ken ik niet" in control.text and "Typ /help" in control.text
    [lone_slash] = await bot.say(ESTHER, "/")
    assert "Alleen een / zegt me nog niets" in lone_slash.text
    [caption] = await bot.say(ESTHER, None, photo=[photo()], caption="/help")
    assert "/ik" in caption.text
    [sticker] = await bot.say(ESTHER, None, sticker=sticker_payload())
    assert sticker.text.startswith("Ik lees alleen tekst")
    # Plain text goes to whatever feature answers questions; any answer, but never an error.
    pasted = ("Onze wijkaanpak in Utrecht: bewoners, corporaties en de gemeente. " * 80)[:5000]
    for odd in (
        pasted,
        "🏘️🙂 ik 👋🏽",
        "hallo\x00\x07 wereld\u200b",
        "<b>niet vet</b> & *ook niet*",
    ):
        [answer] = (await bot.say(ESTHER, odd))[:1]
        assert answer.text and "ging iets mis" not in answer.text
    for sent in bot.fake.sent(ESTHER):
        assert utf16_len(sent.text) <= MESSAGE_LIMIT and sent.parse_mode is None


async def test_long_reply_is_split_at_paragraphs_with_buttons_and_source_on_the_last(
    bot: Running,
) -> None:
    parts = await bot.say(ESTHER, "/lang", count=3)
    assert len(parts) == 3 and all(utf16_len(p.text) <= MESSAGE_LIMIT for p in parts)
    assert "\n\n".join(p.text for p in parts) == LONG_TEXT + "\n\n§2.4"
    for part in parts[:-1]:
        assert part.text.endswith("einde.") and part.reply_markup is None
    assert parts[-1].buttons == [("Meer", "tk:meer")]
    offset = utf16_len(parts[-1].text) - utf16_len("§2.4")
    assert parts[-1].entities == [{"type": "italic", "offset": offset, "length": 4}]


async def test_group_commands_for_this_bot_are_answered_others_ignored(bot: Running) -> None:
    fake = bot.fake
    fake.group_message(GROUP, ESTHER, "/help@otherbot")
    fake.group_message(GROUP, ESTHER, "gewoon gepraat in de groep")
    fake.group_message(GROUP, ESTHER, None, sticker=sticker_payload())
    edited = fake.group_message(GROUP, ESTHER, "/help")["message"]
    fake.push({"edited_message": {**edited, "text": "/help@copbot_test_bot", "edit_date": 1}})
    fake.push({"channel_post": {**edited, "chat": {"id": -5, "type": "channel", "title": "N"}}})
    fake.group_message(GROUP, ESTHER, f"/help@{fake.bot_user['username']}")
    [plain_help, answer] = await fake.wait_sent(GROUP, 2)
    assert plain_help.text == answer.text
    assert "/ik" in answer.text
    fake.group_message(GROUP, ESTHER, "/hellp")  # a marker: all before it has been handled
    await fake.wait_sent(GROUP, after=2)
    assert len(fake.sent(GROUP)) == 3 and not fake.sent(ESTHER)


async def test_a_question_in_a_forum_topic_is_answered_in_that_topic(bot: Running) -> None:
    fake = bot.fake
    name = fake.bot_user["username"]
    fake.forum_message(GROUP, ESTHER, f"/les@{name} corporaties", topic=123)
    [answer] = await fake.wait_sent(GROUP, 1)
    assert "corporaties" in answer.text and answer.thread_id == 123
    fake.forum_message(GROUP, ESTHER, f"/help@{name}", topic=None)  # "General"
    [_, help_answer] = await fake.wait_sent(GROUP, 2)
    assert help_answer.thread_id is None


async def test_an_update_delivered_again_after_a_restart_is_handled_once(
    tmp_path: Path, fake: FakeTelegram
) -> None:
    services = await make_app(tmp_path, telegram_token=fake.token, telegram_api_url=fake.base_url)
    try:
        stop = await start(services, fake)
        update = fake.private_message(ESTHER, "/ik stad Utrecht")
        await fake.wait_sent(ESTHER)
        await stop()
        # As after a crash before Telegram heard the update was read: it comes again.
        fake.redeliver(update)
        stop = await start(services, fake)
        fake.private_message(ESTHER, "/ik")
        [profile] = await fake.wait_sent(ESTHER, after=1)
        await stop()
    finally:
        await services.close()
    assert "Utrecht" in profile.text
    assert len(fake.sent(ESTHER)) == 2


async def test_start_fetches_the_bot_and_registers_the_menu_in_dutch_and_english(
    bot: Running,
) -> None:
    fake = bot.fake
    assert fake.called("getMe") and fake.called("deleteWebhook")
    await fake.wait_for(lambda: bool(fake.called("getUpdates")))
    polls = fake.called("getUpdates")
    assert polls[0]["allowed_updates"] == ["message", "callback_query"]
    assert {int(p["timeout"]) for p in polls} <= {0, 1}
    dutch = {c["command"]: c["description"] for c in fake.commands[("default", "")]}
    english = {c["command"]: c["description"] for c in fake.commands[("default", "en")]}
    assert dutch["help"] == "dit overzicht" and english["help"] == "this overview"
    assert {"start", "ik", "koppel", "knop"} <= dutch.keys() == english.keys()
    assert "organisator" not in dutch
    organiser = {c["command"] for c in fake.commands[(f"chat:{ORGANISER}", "")]}
    assert "organisator" in organiser


async def test_webhook_mode_handles_updates_only_with_the_secret(
    tmp_path: Path, fake: FakeTelegram
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    services = await make_app(
        tmp_path,
        telegram_token=fake.token,
        telegram_api_url=fake.base_url,
        telegram_webhook_url=url,
        http_port=port,
    )
    web_app = build_web_app(services)
    stop = await start_telegram(services, web_app)
    server = HttpServer(web_app, "127.0.0.1", port)
    await server.start()
    try:
        assert fake.webhook["url"] == url and len(fake.webhook["secret_token"]) >= 32
        assert not fake.called("getUpdates")
        wrong = fake.private_message(ESTHER, "/ik stad Zwolle")
        assert await fake.deliver_webhook(wrong, secret="raden") == 403
        assert await fake.deliver_webhook(wrong, secret="") == 401
        async with ClientSession() as session:
            headers = {"X-Telegram-Bot-Api-Secret-Token": fake.webhook["secret_token"]}
            async with session.post(url, data="{niet json", headers=headers) as response:
                assert response.status == 400
        update = fake.private_message(ESTHER, "/ik stad Utrecht")
        assert await fake.deliver_webhook(update) == 200
        await fake.wait_sent(ESTHER)
        assert await fake.deliver_webhook(update) == 200  # Telegram retries: handled once
        assert await fake.deliver_webhook(fake.private_message(ESTHER, "/ik")) == 200
        [_, profile] = await fake.wait_sent(ESTHER, 2)
        assert "Utrecht" in profile.text and "Zwolle" not in profile.text
        assert len(fake.sent(ESTHER)) == 2
    finally:
        await stop()
        await server.stop()
        await services.close()


async def test_messenger_sends_and_maps_failures(bot: Running) -> None:
    messenger = bot.services.messengers["telegram"]
    fake = bot.fake
    export = Attachment("export.json", b'{"naam": "Esther"}', "application/json")
    message_id = await messenger.send(str(ESTHER), Reply("Je gegevens:", attachment=export))
    text, document = fake.sent(ESTHER)
    assert (text.text, document.filename, document.content) == (
        "Je gegevens:",
        "export.json",
        b'{"naam": "Esther"}',
    )
    assert message_id == str(document.message_id)
    assert await messenger.open_private_chat(str(ESTHER)) == str(ESTHER)

    fake.fail_next(status=429, retry_after=7)
    with pytest.raises(RetryLater) as flood:
        await messenger.send(str(ESTHER), Reply("herinnering"))
    assert flood.value.retry_after == 7
    fake.blocked.add(JOHN)
    with pytest.raises(PermanentFailure, match="blocked"):
        await messenger.send(str(JOHN), Reply("herinnering"))
    fake.unknown_chats.add(503)
    with pytest.raises(PermanentFailure, match="not found"):
        await messenger.send("503", Reply("herinnering"))
    fake.fail_next(status=500)
    with pytest.raises(TransientFailure):
        await messenger.send(str(ESTHER), Reply("herinnering"))
    assert len(fake.sent(ESTHER)) == 2  # none of the failures were delivered


async def test_messenger_timeout_is_uncertain_and_unreachable_is_transient(
    fake: FakeTelegram,
) -> None:
    impatient = AiohttpRequest(read_timeout=0.2)
    async with Bot(fake.token, base_url=fake.base_url, request=impatient) as bot:
        fake.stall_next(1.0, "sendMessage")
        with pytest.raises(UncertainDelivery):
            await TelegramMessenger(bot).send(str(ESTHER), Reply("misschien"))
    nowhere_url = f"http://127.0.0.1:{free_port()}/bot"
    nowhere = Bot(fake.token, base_url=nowhere_url, request=AiohttpRequest())
    with pytest.raises(TransientFailure):
        await TelegramMessenger(nowhere).send(str(ESTHER), Reply("nergens"))
    await nowhere.shutdown()


async def test_direct_reply_waits_out_brief_flood_control(bot: Running) -> None:
    bot.fake.fail_next(status=429, retry_after=1, method="sendMessage")
    [answer] = await bot.say(ESTHER, "/help")
    assert "/ik" in answer.text


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def photo() -> dict[str, Any]:
    return {"file_id": "p1", "file_unique_id": "u1", "width": 90, "height": 90}


def sticker_payload() -> dict[str, Any]:
    return {
        "file_id": "s1",
        "file_unique_id": "su1",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
