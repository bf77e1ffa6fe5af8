"""The Telegram adapter: updates in (polling or webhook), Incoming to dispatch, Replies out."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
from typing import Any
from urllib.parse import urlparse

from aiohttp import web
from telegram import Bot, BotCommand, BotCommandScopeChat, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application, ApplicationBuilder

from bot.core.i18n import language_of
from bot.core.messages import Incoming, Reply
from bot.core.ports import NotSupported, Stopper
from bot.db.models import InboxUpdate
from bot.kernel import inbox
from bot.kernel.dispatch import dispatch
from bot.kernel.inbox import InboxWorker
from bot.kernel.services import Services
from bot.platforms.telegram.polling import Poller
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
from bot.platforms.telegram.request import AiohttpRequest

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
        self.worker = InboxWorker(services, "telegram", self.handle_stored)

    def _key(self, raw: dict[str, Any]) -> str:
        return f"{self.bot.id}:{raw['update_id']}"

    async def receive(self, raw: dict[str, Any]) -> bool:
        """Store an update before it is confirmed (handled from memory, the inbox is not read
        back); False when it was stored before."""
        return await self.worker.keep(self._key(raw), raw)

    async def take(self, raw: dict[str, Any]) -> bool:
        """Long polling: store an update (with its handling, when nothing waits before it)
        before it is confirmed; False when it was stored before."""
        return await self.worker.take(self._key(raw), raw)

    async def handle_stored(self, item: InboxUpdate) -> None:
        """Handle one stored update (or one to store as it is handled, see InboxWorker.take):
        dispatch it and send the answers, at most once."""
        try:
            update = Update.de_json(item.payload, self.bot)
            incoming = to_incoming(update, self.bot.username, self.bot.id)
        except Exception as problem:  # an update python-telegram-bot cannot read
            log.warning(
                "skipping Telegram update %s that cannot be read: %r",
                item.update_key,
                problem,
            )
            await inbox.skip(self.services, item)
            return
        if update.callback_query is not None:
            with contextlib.suppress(TelegramError):  # stop the button's spinner in any case
                await update.callback_query.answer()
        if incoming is None:
            if not await inbox.claim_apart(self.services, item, self.worker.answered):
                return
            if is_private_non_text(update) and update.effective_user is not None:
                lang = language_of(
                    update.effective_user.language_code, self.services.settings.language
                )
                await self.answer(update.effective_user.id, Reply(TEXTS(lang, "only_text")))
        else:
            replies = await dispatch(
                self.services, incoming, item=item, answered=self.worker.answered
            )
            if item.id is None:
                return  # received before
            for reply in replies:
                if reply.edit and incoming.message_id and await self.edit(incoming, reply):
                    continue
                await self.answer(chat_ref(incoming.chat_id), reply, incoming.thread_id)
        self.worker.done(item.id)  # marked answered with the next claim, or soon after

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
            raw = await request.json()
        except ValueError:
            return web.Response(status=400, text="not an update")
        if not isinstance(raw, dict) or not isinstance(raw.get("update_id"), int):
            return web.Response(status=400, text="not an update")
        try:
            await self.receive(raw)
        except Exception:  # not stored: Telegram delivers it again after an error
            log.exception("could not store a Telegram update")
            return web.Response(status=500, text="not stored, try again")
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
    """python-telegram-bot's Application, used for its Bot only: updates come through the
    inbox (see bot.kernel.inbox and polling.py), never through its Updater."""
    settings = services.settings
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_token or "")
        .base_url(settings.telegram_api_url)
        .base_file_url(file_url(settings.telegram_api_url))
        .job_queue(None)  # the scheduler package owns timed work
        .updater(None)
        .request(AiohttpRequest())  # aiohttp instead of httpx: see request.py
        .get_updates_request(AiohttpRequest(connection_pool_size=1))  # unused: polling.py
    )
    return builder.build()


async def start_telegram(
    services: Services, web_app: object, *, poll_timeout: float = POLL_TIMEOUT
) -> Stopper:
    """Connect to Telegram (polling, or a webhook route on `web_app`) and serve until stopped.

    Every update is stored in the inbox before Telegram hears it arrived; the inbox worker
    handles what is stored, first what an earlier run left.
    """
    settings = services.settings
    application = build_application(services)
    adapter = TelegramAdapter(services, application)
    poller: Poller | None = None
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
        else:
            await application.bot.delete_webhook()
            poller = Poller(
                settings.telegram_api_url,
                adapter.bot.token,
                adapter.take,
                adapter.worker.wake,
                timeout=poll_timeout,
                allowed_updates=list(ALLOWED_UPDATES),
            )
    except BaseException:
        with contextlib.suppress(Exception):
            await application.shutdown()
        raise
    adapter.worker.start()
    if poller is not None:
        poller.start()
    services.messengers["telegram"] = TelegramMessenger(application.bot)
    log.info(
        "Telegram: @%s via %s",
        application.bot.username,
        "webhook" if settings.telegram_webhook_url else "polling",
    )

    async def stop() -> None:
        services.messengers.pop("telegram", None)
        if poller is not None:
            await poller.stop()
        await adapter.worker.stop()  # handles what is already stored, then stops
        await application.shutdown()

    return stop
