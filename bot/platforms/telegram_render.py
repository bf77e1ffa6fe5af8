"""Translation between Telegram's types and copbot's Incoming/Reply, without any network."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MessageEntity,
    Update,
)
from telegram.constants import MessageLimit, ParseMode

from bot.dispatch import Dispatcher
from bot.i18n import Texts
from bot.messages import Button, Incoming, Reply
from bot.textsplit import split_text, utf16_len

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
    text, callback, message_id = "", None, None
    if user is None:
        return None
    if query is not None:
        if query.data is None:  # a game button: nothing of ours
            return None
        callback = query.data
        chat = query.message.chat if query.message is not None else None
        message_id = str(query.message.message_id) if query.message is not None else None
    elif message is not None and (message.text is not None or message.caption is not None):
        text = message.text if message.text is not None else (message.caption or "")
        chat = message.chat
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
    )


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


def bot_commands(dispatcher: Dispatcher, lang: str, organiser: bool = False) -> list[BotCommand]:
    """The command menu: names Telegram accepts, descriptions of 1-256 characters."""
    commands = []
    for command in dispatcher.visible_commands(organiser):
        name = command.name.lower()
        if not command.in_menu or not COMMAND_NAME.fullmatch(name):
            continue
        description = " ".join((command.help_en if lang == "en" else command.help_nl).split())
        commands.append(BotCommand(name, description[:256] or name))
    return commands[:MAX_MENU_COMMANDS]
