"""Translation between Telegram and copbot: updates to Incoming, replies to messages, errors."""

from __future__ import annotations

import re
from typing import Any

import pytest
from telegram import Update
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.core.messages import Button, Reply
from bot.core.ports import (
    DeliveryError,
    PermanentFailure,
    RetryLater,
    TransientFailure,
    UncertainDelivery,
)
from bot.core.textsplit import utf16_len
from bot.kernel.services import Context, Registry
from bot.platforms.telegram.adapter import file_url, webhook_secret
from bot.platforms.telegram.render import (
    bot_commands,
    delivery_error,
    is_private_non_text,
    render,
    strip_html,
    to_incoming,
)
from bot.platforms.telegram.request import NotSent
from tests.fakes.telegram_api import FakeTelegram

BOT_ID = 123456


def update(payload: dict[str, Any]) -> Update:
    parsed = Update.de_json(payload, None)
    assert parsed is not None
    return parsed


@pytest.fixture
def fake() -> FakeTelegram:
    return FakeTelegram()  # used only to build realistic update payloads, never started


def test_private_message_becomes_an_incoming(fake: FakeTelegram) -> None:
    payload = fake.private_message(501, "/les corporaties")
    incoming = to_incoming(update(payload), "copbot_test_bot", BOT_ID)
    assert incoming is not None
    assert (incoming.platform, incoming.user_id, incoming.chat_id) == ("telegram", "501", "501")
    assert incoming.text == "/les corporaties" and incoming.callback is None
    assert (incoming.display_name, incoming.username, incoming.language) == (
        "Esther Brink",
        "esther",
        "nl",
    )
    assert not incoming.is_group and incoming.bot_username == "copbot_test_bot"
    assert incoming.update_id == f"{BOT_ID}:{payload['update_id']}"


@pytest.mark.parametrize(("chat_type", "is_group"), [("group", True), ("supergroup", True)])
def test_group_messages_are_marked_as_group(
    fake: FakeTelegram, chat_type: str, is_group: bool
) -> None:
    payload = fake.group_message(-100, 501, "/help@copbot_test_bot", chat_type=chat_type)
    incoming = to_incoming(update(payload), "copbot_test_bot", BOT_ID)
    assert incoming is not None and incoming.is_group is is_group and incoming.chat_id == "-100"


def test_a_button_press_carries_its_data_and_message(fake: FakeTelegram) -> None:
    message = {
        "message_id": 42,
        "date": 0,
        "chat": {"id": -100, "type": "supergroup", "title": "CoP"},
        "text": "Kies",
    }
    payload = fake.push(
        {
            "callback_query": {
                "id": "q1",
                "from": fake.user(501, language_code="en-GB"),
                "message": message,
                "chat_instance": "c",
                "data": "poll:3",
            }
        }
    )
    incoming = to_incoming(update(payload), "copbot_test_bot", BOT_ID)
    assert incoming is not None
    assert (incoming.callback, incoming.text, incoming.message_id) == ("poll:3", "", "42")
    assert (incoming.chat_id, incoming.is_group, incoming.language) == ("-100", True, "en-GB")


def test_a_caption_counts_as_text(fake: FakeTelegram) -> None:
    payload = fake.private_message(501, None, photo=[photo()], caption="/help")
    incoming = to_incoming(update(payload), None, None)
    assert incoming is not None and incoming.text == "/help"
    assert incoming.update_id == str(payload["update_id"])


def test_what_is_not_for_the_bot_becomes_nothing(fake: FakeTelegram) -> None:
    message = fake.private_message(501, "hallo")["message"]
    sticker = fake.private_message(501, None, sticker={"file_id": "s", "file_unique_id": "u",
                                   "type": "regular", "width": 1, "height": 1,
                                   "is_animated": False, "is_video": False})  # fmt: skip
    channel = {**message, "chat": {"id": -5, "type": "channel", "title": "Nieuws"}}
    for payload in (
        {"update_id": 1, "edited_message": {**message, "edit_date": 1}},
        {"update_id": 2, "channel_post": channel},
        {"update_id": 3, "message": channel},
        {"update_id": 4, "callback_query": {"id": "g", "from": fake.user(501),
                                            "chat_instance": "c", "game_short_name": "x"}},
        sticker,
    ):  # fmt: skip
        assert to_incoming(update(payload), "copbot_test_bot", BOT_ID) is None
    assert is_private_non_text(update(sticker))
    assert not is_private_non_text(update(fake.private_message(501, "tekst")))
    group_sticker = fake.group_message(-100, 501, None, sticker=sticker["message"]["sticker"])
    assert not is_private_non_text(update(group_sticker))


def test_plain_reply_has_no_parse_mode_and_an_italic_source_line() -> None:
    [out] = render(Reply("Les 🏘 over <b>wonen</b> & *meer*", context="§2.4"))
    assert out.text == "Les 🏘 over <b>wonen</b> & *meer*\n\n§2.4"
    assert out.parse_mode is None and out.markup is None
    [italic] = out.entities
    assert (italic.type, italic.length) == ("italic", 4)
    assert italic.offset == utf16_len(out.text) - 4  # the emoji counts as two units


def test_html_reply_escapes_the_source_line() -> None:
    [out] = render(Reply("<b>Let op</b>", context="A & B <c>", html=True))
    assert out.parse_mode == "HTML"
    assert out.text == "<b>Let op</b>\n\n<i>A &amp; B &lt;c&gt;</i>"
    assert strip_html(out.text) == "Let op\n\nA & B <c>"


def test_long_reply_is_split_with_buttons_on_the_last_part_only() -> None:
    paragraphs = [f"Alinea {n} " + "x" * 1500 for n in range(6)]
    reply = Reply("\n\n".join(paragraphs)).with_buttons(
        [Button("Ja", "a:ja"), Button("Boekje", url="https://example.org")]
    )
    parts = render(reply)
    assert len(parts) == 3 and all(utf16_len(p.text) <= 4096 for p in parts)
    assert [p.markup is None for p in parts] == [True, True, False]
    markup = parts[-1].markup
    assert markup is not None
    [[yes, link]] = markup.inline_keyboard
    assert (yes.callback_data, link.url) == ("a:ja", "https://example.org")


def test_empty_texts_send_nothing_but_a_lone_source_still_shows() -> None:
    assert render(Reply("")) == [] and render(Reply("  \n ")) == []
    [only_context] = render(Reply("", context="§1"))
    assert only_context.text == "§1" and only_context.entities[0].offset == 0


def test_command_menu_only_has_names_telegram_accepts() -> None:
    dispatcher = Registry()

    async def handler(ctx: Context) -> None:
        return None

    dispatcher.command(
        "les", handler, help_nl="lessen  zoeken\nin het boekje", help_en="find lessons"
    )
    dispatcher.command("Agenda-Punt", handler, help_nl="x", help_en="x")
    dispatcher.command("geheim", handler, help_nl="verborgen", help_en="hidden", in_menu=False)
    dispatcher.command("lang", handler, help_nl="w" * 300, help_en="", organiser_only=True)
    dutch = bot_commands(dispatcher, "nl")
    assert [(c.command, c.description) for c in dutch] == [("les", "lessen zoeken in het boekje")]
    organiser = {c.command: c.description for c in bot_commands(dispatcher, "en", True)}
    assert organiser == {"les": "find lessons", "lang": "lang"}
    assert len(bot_commands(dispatcher, "nl", True)[1].description) == 256


def test_file_url_and_webhook_secret() -> None:
    assert file_url("https://api.telegram.org/bot") == "https://api.telegram.org/file/bot"
    assert file_url("http://127.0.0.1:8081/bot") == "http://127.0.0.1:8081/file/bot"
    assert file_url("http://proxy/telegram/") == "http://proxy/telegram/file/bot"
    derived = webhook_secret("1:abc", None)
    assert derived == webhook_secret("1:abc", None) != webhook_secret("2:abc", None)
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,256}", derived)
    assert webhook_secret("1:abc", "eigen-geheim") == "eigen-geheim"


def timed_out(cause: Exception) -> TimedOut:
    try:
        raise TimedOut() from cause
    except TimedOut as problem:
        return problem


@pytest.mark.parametrize(
    ("problem", "expected"),
    [
        (RetryAfter(12), RetryLater),
        (Forbidden("Forbidden: bot was blocked by the user"), PermanentFailure),
        (BadRequest("Chat not found"), PermanentFailure),
        (ChatMigrated(-1001), PermanentFailure),
        (NetworkError("Internal Server Error (500)"), TransientFailure),
        (timed_out(NotSent("no connection within the connect timeout")), TransientFailure),
        (timed_out(TimeoutError("no answer")), UncertainDelivery),
        (TelegramError("something else"), TransientFailure),
    ],
)
def test_delivery_errors(problem: TelegramError, expected: type[DeliveryError]) -> None:
    error = delivery_error(problem)
    assert type(error) is expected
    if isinstance(error, RetryLater):
        assert error.retry_after == 12


def photo() -> dict[str, Any]:
    return {"file_id": "p1", "file_unique_id": "u1", "width": 90, "height": 90}


def test_httpcore_finds_sniffio() -> None:
    """httpcore imports sniffio for every request it makes; a missing one is searched for on
    sys.path each time (CPU per Telegram call), so it is a dependency."""
    import importlib.util

    assert importlib.util.find_spec("sniffio") is not None
