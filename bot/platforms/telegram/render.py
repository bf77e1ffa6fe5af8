"""Translation between Telegram and copbot's Incoming/Reply, and sending the rendered replies."""

from __future__ import annotations

import asyncio
import html
import logging
import os
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from functools import partial
from typing import Any, TypeVar

from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import MessageLimit, ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.core.i18n import Texts
from bot.core.messages import Button, Incoming, Reply
from bot.core.ports import (
    DeliveryError,
    PermanentFailure,
    RetryLater,
    TransientFailure,
    UncertainDelivery,
)
from bot.core.textsplit import split_text, utf16_len
from bot.kernel.services import Registry
from bot.platforms.telegram import is_anonymous_admin
from bot.platforms.telegram.request import NotSent

# Opt in to python-telegram-bot's coming timedelta time periods (retry_after and friends), so
# it emits no deprecation warning each time it reads one.
os.environ.setdefault("PTB_TIMEDELTA", "true")
log = logging.getLogger(__name__)
T = TypeVar("T")

# The update types the bot asks Telegram for; everything else is never fetched.
ALLOWED_UPDATES = ("message", "callback_query")
MESSAGE_LIMIT = MessageLimit.MAX_TEXT_LENGTH  # 4096 UTF-16 units
COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")
MAX_MENU_COMMANDS = 100
CHAT_TYPES = {"private": False, "group": True, "supergroup": True}  # chat type → is_group

TEXTS = Texts(
    {
        "only_text": {
            "nl": "Ik lees alleen tekst. Typ je vraag of een commando; /help toont wat ik kan.",
            "en": "I only read text. Type your question or a command; /help shows what I can do.",
        }
    }
)


@dataclass(frozen=True)
class Outgoing:
    """One Telegram message to send: text under the limit, its formatting and its buttons."""

    text: str
    parse_mode: str | None = None
    entities: tuple[MessageEntity, ...] = ()
    markup: InlineKeyboardMarkup | None = None


def to_incoming(update: Update, bot_username: str | None, bot_id: int | None) -> Incoming | None:
    """The Incoming for a text message or a button press; None for anything else."""
    user = update.effective_user
    query = update.callback_query
    message = update.message  # edited messages and channel posts are not for us
    text, callback, message_id, thread = "", None, None, None
    if user is None:
        return None
    if query is not None:
        if query.data is None:  # a game button: nothing of ours
            return None
        callback = query.data
        chat = query.message.chat if query.message is not None else None
        message_id = str(query.message.message_id) if query.message is not None else None
        thread = topic_of(query.message)
    elif message is not None and (message.text is not None or message.caption is not None):
        text = message.text if message.text is not None else (message.caption or "")
        chat = message.chat
        thread = topic_of(message)
    else:
        return None
    if chat is not None and chat.type not in CHAT_TYPES:
        return None
    return Incoming(
        platform="telegram",
        user_id=str(user.id),
        chat_id=str(chat.id if chat is not None else user.id),
        text=text,
        callback=callback,
        display_name=user.full_name,
        username=user.username,
        language=user.language_code,
        is_group=CHAT_TYPES[chat.type] if chat is not None else False,
        # Update ids count per bot: keep the bot's id with them so another bot's never collide.
        update_id=f"{bot_id}:{update.update_id}" if bot_id else str(update.update_id),
        message_id=message_id,
        bot_username=bot_username,
        anonymous=is_anonymous_admin(str(user.id)),
        thread_id=thread,
    )


def topic_of(message: object) -> str | None:
    """The forum topic a message belongs to ("General" and ordinary groups: None)."""
    if not isinstance(message, Message) or not message.is_topic_message:
        return None
    return str(message.message_thread_id) if message.message_thread_id else None


def is_private_non_text(update: Update) -> bool:
    """A sticker, photo, voice note... without text, sent to the bot in a private chat."""
    message = update.message
    return (
        message is not None
        and message.chat.type == "private"
        and message.text is None
        and message.caption is None
        and message.effective_attachment is not None
    )


def render(reply: Reply) -> list[Outgoing]:
    """The Telegram messages for one reply: split under the limit, buttons on the last one."""
    context = (reply.context or "").strip()
    if reply.html:
        full = reply.text + (f"\n\n<i>{html.escape(context)}</i>" if context else "")
        outs = [Outgoing(c, parse_mode=ParseMode.HTML) for c in _split(full)]
    else:
        # Plain text has no parse mode, so nothing a person typed can break the formatting;
        # the small print is made italic by an entity instead.
        full = f"{reply.text}\n\n{context}" if context and reply.text.strip() else reply.text
        full = full if reply.text.strip() else context
        outs = [Outgoing(c) for c in _split(full)]
        if context and outs and outs[-1].text.endswith(context):
            offset = utf16_len(outs[-1].text) - utf16_len(context)
            italic = MessageEntity(MessageEntity.ITALIC, offset, utf16_len(context))
            outs[-1] = replace(outs[-1], entities=(italic,))
    if outs and reply.buttons:
        outs[-1] = replace(outs[-1], markup=keyboard(reply.buttons))
    return outs


def _split(text: str) -> list[str]:
    return split_text(text, MESSAGE_LIMIT) if text.strip() else []


def keyboard(rows: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup | None:
    buttons = [
        [
            InlineKeyboardButton(b.label, url=b.url)
            if b.url
            else InlineKeyboardButton(b.label, callback_data=b.data)
            for b in row
        ]
        for row in rows
        if row
    ]
    return InlineKeyboardMarkup(buttons) if buttons else None


def strip_html(text: str) -> str:
    """Readable plain text of an HTML message, for when Telegram refuses its markup."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def bot_commands(registry: Registry, lang: str, organiser: bool = False) -> list[BotCommand]:
    """The command menu: names Telegram accepts, descriptions of 1-256 characters."""
    commands = []
    for command in registry.visible_commands(organiser):
        name = command.name.lower()
        if not command.in_menu or not COMMAND_NAME.fullmatch(name):
            continue
        description = " ".join((command.help_en if lang == "en" else command.help_nl).split())
        commands.append(BotCommand(name, description[:256] or name))
    return commands[:MAX_MENU_COMMANDS]


def retry_seconds(problem: RetryAfter) -> float:
    value: Any = problem.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def delivery_error(problem: TelegramError) -> DeliveryError:
    """What a failed send means for the outbox: retry later, never, or maybe delivered."""
    if isinstance(problem, RetryAfter):
        return RetryLater(retry_seconds(problem), str(problem))
    if isinstance(problem, Forbidden | BadRequest | ChatMigrated | InvalidToken):
        return PermanentFailure(problem.message)
    if isinstance(problem, TimedOut):
        if isinstance(problem.__cause__, NotSent):
            return TransientFailure(problem.message)  # it never left
        return UncertainDelivery(problem.message)
    return TransientFailure(problem.message)  # NetworkError, 5xx, Conflict


async def patiently(call: Callable[[], Awaitable[T]], patience: float) -> T:
    """Run one API call, waiting out flood control while the patience (seconds) lasts."""
    while True:
        try:
            return await call()
        except RetryAfter as problem:
            wait = retry_seconds(problem)
            if wait > patience:
                raise
            patience -= wait
            await asyncio.sleep(wait)


async def send_reply(
    bot: Bot, chat_id: int | str, reply: Reply, patience: float = 0, thread_id: str | None = None
) -> str | None:
    """Send a reply as one or more messages (and a document), in forum topic `thread_id`
    when given; the last message's id."""
    last: Message | None = None
    messages = render(reply)
    thread = int(thread_id) if thread_id and thread_id.isdigit() else None
    for out in messages:
        last = await patiently(partial(_send_text, bot, chat_id, out, thread), patience)
    if reply.attachment is not None:
        document = InputFile(reply.attachment.content, filename=reply.attachment.filename)
        document.mimetype = reply.attachment.mime
        markup = None if messages else keyboard(reply.buttons)  # buttons go on the last message
        last = await patiently(
            lambda: bot.send_document(
                chat_id, document, reply_markup=markup, message_thread_id=thread
            ),
            patience,
        )
    return str(last.message_id) if last is not None else None


async def _send_text(
    bot: Bot, chat_id: int | str, out: Outgoing, thread: int | None = None
) -> Message:
    try:
        return await bot.send_message(
            chat_id,
            out.text,
            parse_mode=out.parse_mode,
            entities=out.entities or None,
            reply_markup=out.markup,
            message_thread_id=thread,
        )
    except BadRequest as problem:
        if not out.parse_mode or "can't parse entities" not in problem.message.lower():
            raise
        # A feature's HTML that Telegram refuses is still worth reading as plain text.
        log.warning("Telegram refused HTML (%s); sending plain text", problem.message)
        return await bot.send_message(
            chat_id, strip_html(out.text), reply_markup=out.markup, message_thread_id=thread
        )


async def edit_text(
    bot: Bot, chat_id: str, message_id: str, out: Outgoing, patience: float = 0
) -> None:
    """Replace an earlier message with `out`; a message that already shows it is left alone."""
    edit = partial(
        bot.edit_message_text,
        out.text,
        chat_id=chat_ref(chat_id),
        message_id=int(message_id),
        parse_mode=out.parse_mode,
        entities=out.entities or None,
        reply_markup=out.markup,
    )
    try:
        await patiently(edit, patience)
    except BadRequest as problem:
        if "not modified" not in problem.message.lower():
            raise


def chat_ref(chat_id: str) -> int | str:
    """Telegram chat ids are numbers; "@channelname" stays as it is."""
    return int(chat_id) if chat_id.lstrip("-").isdigit() else chat_id
