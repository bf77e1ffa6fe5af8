"""python-telegram-bot over aiohttp (bot/platforms/telegram/request.py), against the Bot API
stand-in: what the bot sends arrives as it did over httpx, and a failure says whether the
request may have reached Telegram."""

from __future__ import annotations

import io
import socket
from collections.abc import AsyncIterator

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut

from bot.platforms.telegram.render import retry_seconds
from bot.platforms.telegram.request import AiohttpRequest, NotSent
from tests.fakes.telegram_api import FakeTelegram
from tests.telegram_fixtures import telegram_api  # noqa: F401

CHAT = 4242


@pytest.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    request = AiohttpRequest()
    async with Bot(fake.token, base_url=fake.base_url, request=request) as running:
        yield running


async def test_a_message_with_buttons_and_html_arrives_whole(bot: Bot, fake: FakeTelegram) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Ja", callback_data="rsvp:1:ja")]])
    text = "<b>Komt u?</b> é ✓"
    sent = await bot.send_message(CHAT, text, parse_mode="HTML", reply_markup=markup)
    assert sent.chat.id == CHAT and sent.message_id > 0  # the answer was read back
    [arrived] = fake.sent(CHAT)
    assert arrived.text == "<b>Komt u?</b> é ✓" and arrived.parse_mode == "HTML"
    assert arrived.buttons == [("Ja", "rsvp:1:ja")]


async def test_a_document_goes_as_multipart_bytes_or_file(bot: Bot, fake: FakeTelegram) -> None:
    ics = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    await bot.send_document(CHAT, InputFile(ics, filename="bijeenkomst.ics"), caption="Agenda")
    await bot.send_document(CHAT, InputFile(io.BytesIO(b"a;b\r\n"), filename="hotel.csv"))
    first, second = fake.sent(CHAT)
    assert (first.method, first.filename, first.content, first.text) == (
        "sendDocument",
        "bijeenkomst.ics",
        ics,
        "Agenda",
    )
    assert (second.filename, second.content) == ("hotel.csv", b"a;b\r\n")


async def test_telegrams_refusals_are_python_telegram_bots_errors(
    bot: Bot, fake: FakeTelegram
) -> None:
    fake.fail_next(status=429, retry_after=3)
    with pytest.raises(RetryAfter) as flood:
        await bot.send_message(CHAT, "te snel")
    assert retry_seconds(flood.value) == 3
    with pytest.raises(BadRequest):
        await bot.send_message(CHAT, "")  # Telegram refuses an empty text


async def test_no_answer_in_time_may_have_arrived_no_connection_never_left(
    fake: FakeTelegram,
) -> None:
    impatient = AiohttpRequest(read_timeout=0.2)
    async with Bot(fake.token, base_url=fake.base_url, request=impatient) as bot:
        fake.stall_next(1.0, "sendMessage")
        with pytest.raises(TimedOut) as slow:
            await bot.send_message(CHAT, "misschien")
    assert not isinstance(slow.value.__cause__, NotSent)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    nowhere = AiohttpRequest()
    await nowhere.initialize()
    try:
        with pytest.raises(NetworkError) as refused:
            await nowhere.post(f"http://127.0.0.1:{port}/bot1:x/sendMessage")
    finally:
        await nowhere.shutdown()
    assert isinstance(refused.value.__cause__, NotSent)


async def test_a_request_before_initialize_is_a_clear_error() -> None:
    request = AiohttpRequest()
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request("http://127.0.0.1:9/bot1:x/getMe", "POST")
