"""The Telegram adapter: updates in (polling or webhook), Incoming to dispatch, Replies out."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
from datetime import timedelta
from typing import Any
from urllib.parse import urlparse

from aiohttp import web
from telegram import Bot, BotCommand, BotCommandScopeChat, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application, ApplicationBuilder, ContextTypes, TypeHandler

from bot.core.i18n import language_of
from bot.core.messages import Incoming, Reply
from bot.core.ports import NotSupported, Stopper
from bot.kernel.dispatch import dispatch
from bot.kernel.services import Services
from bot.platforms.telegram.render import (
    ALLOWED_UPDATES,
    TEXTS,
    bot_commands,
    chat_ref,
    delivery_error,
    edit_text,
    is_private_non_text,
    render,
    send_reply,
    to_incoming,
)

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
POLL_TIMEOUT = 30.0  # seconds one getUpdates long poll may wait
DIRECT_REPLY_PATIENCE = 10.0  # seconds an answer may wait out flood control, in total


def file_url(api_url: str) -> str:
    """Bot API file URL beside the base URL: .../bot → .../file/bot."""
    root = api_url[: -len("bot")] if api_url.endswith("bot") else api_url.rstrip("/") + "/"
    return f"{root}file/bot"


def webhook_secret(token: str, configured: str | None) -> str:
    derived = hmac.new(token.encode(), b"copbot telegram webhook", hashlib.sha256).hexdigest()
    return configured or derived


class TelegramMessenger:
    """Sends on the bot's own initiative (outbox); failures become DeliveryErrors."""

    platform = "telegram"
    can_edit = True
    can_open_group_chat = False  # a bot cannot create a group; people add it to theirs

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        try:
            return await send_reply(self.bot, chat_ref(chat_id), reply)
        except TelegramError as problem:
            raise delivery_error(problem) from problem

    async def open_private_chat(self, user_id: str) -> str:
        return user_id  # a private chat's id is the user's id

    async def edit_message(self, chat_id: str, message_id: str, reply: Reply) -> None:
        """Replace an earlier message (a vote message with new counts)."""
        try:
            await edit_text(self.bot, chat_id, message_id, render(reply)[0])
        except TelegramError as problem:
            raise delivery_error(problem) from problem

    async def open_group_chat(self, user_ids: list[str]) -> str:
        raise NotSupported("a Telegram bot cannot open a group chat")


class TelegramAdapter:
    """Turns each update into an Incoming, dispatches it and renders the replies."""

    def __init__(
        self, services: Services, application: Application[Any, Any, Any, Any, Any, Any]
    ) -> None:
        self.services = services
        self.application = application
        self.bot: Bot = application.bot

    async def handle(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        if update.callback_query is not None:
            with contextlib.suppress(TelegramError):  # stop the button's spinner in any case
                await update.callback_query.answer()
        incoming = to_incoming(update, self.bot.username, self.bot.id)
        if incoming is None:
            if is_private_non_text(update) and update.effective_user is not None:
                lang = language_of(
                    update.effective_user.language_code, self.services.settings.language
                )
                await self.answer(update.effective_user.id, Reply(TEXTS(lang, "only_text")))
            return
        for reply in await dispatch(self.services, incoming):
            if reply.edit and incoming.message_id and await self.edit(incoming, reply):
                continue
            await self.answer(chat_ref(incoming.chat_id), reply, incoming.thread_id)

    async def answer(self, chat_id: int | str, reply: Reply, thread_id: str | None = None) -> None:
        try:
            await send_reply(
                self.bot, chat_id, reply, patience=DIRECT_REPLY_PATIENCE, thread_id=thread_id
            )
        except TelegramError as problem:
            log.warning("could not answer in chat %s: %s", chat_id, problem)

    async def edit(self, incoming: Incoming, reply: Reply) -> bool:
        """Replace the message the button sits on; False when a new message is needed."""
        messages = render(reply)
        if len(messages) != 1 or reply.attachment is not None:
            return False
        try:
            message_id = incoming.message_id or "0"
            await edit_text(
                self.bot, incoming.chat_id, message_id, messages[0], DIRECT_REPLY_PATIENCE
            )
        except BadRequest as problem:
            log.info("could not edit message (%s); sending a new one", problem.message)
            return False
        except TelegramError as problem:
            log.warning("could not edit message: %s", problem)
        return True

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("error while handling a Telegram update", exc_info=context.error)

    async def webhook(self, request: web.Request) -> web.Response:
        """Telegram POSTs updates here; only with our secret token do they count."""
        expected = webhook_secret(self.bot.token, self.services.settings.telegram_webhook_secret)
        given = request.headers.get(SECRET_HEADER)
        if given is None:
            return web.Response(status=401, text="missing secret token")
        # A header of raw bytes arrives with lone surrogates: "replace" makes it a mere mismatch.
        if not hmac.compare_digest(given.encode(errors="replace"), expected.encode()):
            return web.Response(status=403, text="wrong secret token")
        try:
            update = Update.de_json(await request.json(), self.bot)
        except (ValueError, TypeError, KeyError, AttributeError):
            return web.Response(status=400, text="not an update")
        await self.application.update_queue.put(update)
        return web.Response(text="ok")

    async def register_commands(self) -> None:
        """The command menu in Dutch (default) and English; organisers also see theirs."""
        dispatcher = self.services.registry
        menus: list[tuple[list[BotCommand], dict[str, Any]]] = [
            (bot_commands(dispatcher, "nl"), {}),
            (bot_commands(dispatcher, "en"), {"language_code": "en"}),
        ]
        for platform, user_id in self.services.settings.organiser_identities():
            if platform == "telegram" and user_id.isdigit():
                scope = BotCommandScopeChat(int(user_id))
                menus.append((bot_commands(dispatcher, "nl", organiser=True), {"scope": scope}))
        for commands, where in menus:
            try:
                await self.bot.set_my_commands(commands, **where)
            except TelegramError as problem:  # a menu is nice to have, not a reason to stop
                log.warning("could not set the command menu: %s", problem)


def build_application(services: Services) -> Application[Any, Any, Any, Any, Any, Any]:
    settings = services.settings
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_token or "")
        .base_url(settings.telegram_api_url)
        .base_file_url(file_url(settings.telegram_api_url))
        .job_queue(None)  # the scheduler package owns timed work
    )
    if settings.telegram_webhook_url:
        builder = builder.updater(None)
    return builder.build()


async def start_telegram(
    services: Services, web_app: object, *, poll_timeout: float = POLL_TIMEOUT
) -> Stopper:
    """Connect to Telegram (polling, or a webhook route on `web_app`) and serve until stopped."""
    settings = services.settings
    application = build_application(services)
    adapter = TelegramAdapter(services, application)
    application.add_handler(TypeHandler(Update, adapter.handle))
    application.add_error_handler(adapter.on_error)
    try:
        await application.initialize()  # getMe: the bot's @username for "/les@copbot"
        await adapter.register_commands()
        if settings.telegram_webhook_url:
            if not isinstance(web_app, web.Application):
                raise TypeError("the Telegram webhook needs the aiohttp web application")
            path = urlparse(settings.telegram_webhook_url).path or "/telegram"
            web_app.router.add_post(path, adapter.webhook)
            await application.bot.set_webhook(
                settings.telegram_webhook_url,
                secret_token=webhook_secret(adapter.bot.token, settings.telegram_webhook_secret),
                allowed_updates=list(ALLOWED_UPDATES),
            )
        await application.start()
        if application.updater is not None:
            await application.updater.start_polling(
                poll_interval=0,
                timeout=timedelta(seconds=poll_timeout),
                allowed_updates=list(ALLOWED_UPDATES),
            )
    except BaseException:
        with contextlib.suppress(Exception):
            if application.running:
                await application.stop()
            await application.shutdown()
        raise
    services.messengers["telegram"] = TelegramMessenger(application.bot)
    log.info(
        "Telegram: @%s via %s",
        application.bot.username,
        "webhook" if settings.telegram_webhook_url else "polling",
    )

    async def stop() -> None:
        services.messengers.pop("telegram", None)
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        await application.stop()  # handles what is already queued, then stops
        await application.shutdown()

    return stop
