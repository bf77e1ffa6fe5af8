"""A local stand-in of the Telegram Bot API: a real aiohttp server the bot under test talks to.

Written from the Bot API reference (https://core.telegram.org/bots/api): every method answers
{"ok": true, "result": ...} or {"ok": false, "error_code": ..., "description": ...,
"parameters": {"retry_after": N}} with the same HTTP status. Requests come form-encoded (what
python-telegram-bot sends: JSON-encoded values for objects), as multipart (files) or as JSON.

Tests inject updates (`private_message`, `group_message`, `press`, `push`), read what the bot
sent (`sent`, `wait_sent`) and make the next calls fail (`fail_next`, `stall_next`, `blocked`).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from aiohttp import ClientSession, web

MESSAGE_LIMIT = 4096  # UTF-16 code units after entity parsing
CALLBACK_DATA_LIMIT = 64  # bytes
COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
WEBHOOK_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
JSON_FIELDS = {
    "reply_markup",
    "allowed_updates",
    "commands",
    "scope",
    "entities",
    "caption_entities",
    "link_preview_options",
    "reply_parameters",
}
# Without allowed_updates Telegram sends every update type except these.
NOT_BY_DEFAULT = {"chat_member", "message_reaction", "message_reaction_count"}
HTML_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
    "span", "tg-spoiler", "tg-emoji", "blockquote",
}  # fmt: skip
DEFAULT_DESCRIPTIONS = {
    400: "Bad Request: chat not found",
    403: "Forbidden: bot was blocked by the user",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


def _thread(params: dict[str, Any]) -> int | None:
    value = params.get("message_thread_id")
    return int(value) if value not in (None, "") else None


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class ApiError(Exception):
    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after


@dataclass
class Failure:
    count: int
    status: int
    description: str
    retry_after: int | None
    method: str | None  # None: any method except getUpdates


@dataclass
class Sent:
    """One thing the bot put in a chat (sendMessage, sendDocument, editMessageText)."""

    method: str
    chat_id: int
    message_id: int
    text: str = ""
    parse_mode: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    reply_markup: dict[str, Any] | None = None
    filename: str | None = None
    content: bytes = b""
    thread_id: int | None = None  # message_thread_id: the forum topic it went to

    @property
    def buttons(self) -> list[tuple[str, str]]:
        """(label, callback_data or url) of the inline keyboard, row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [(b["text"], b.get("callback_data") or b.get("url", "")) for r in rows for b in r]


class _HtmlText(HTMLParser):
    """Telegram's HTML parse mode: the visible text, or an error like the real API's."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.stack: list[str] = []
        self.error: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in HTML_TAGS:
            self.error = self.error or f'Unsupported start tag "{tag}"'
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.error = self.error or f'Unexpected end tag "{tag}"'
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def visible_text(text: str, parse_mode: str | None) -> str:
    if (parse_mode or "").upper() != "HTML":
        return text
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    if parser.stack and not parser.error:
        parser.error = f'Can\'t find end tag corresponding to start tag "{parser.stack[-1]}"'
    if parser.error:
        raise ApiError(400, f"Bad Request: can't parse entities: {parser.error}")
    return "".join(parser.text)


class FakeTelegram:
    """The Bot API of one bot. `await start()` gives the base_url to hand to the bot."""

    def __init__(
        self, token: str = "123456:TEST-token", username: str = "copbot_test_bot"
    ) -> None:
        self.token = token
        self.bot_user = {
            "id": int(token.split(":")[0]),
            "is_bot": True,
            "first_name": "copbot",
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.calls: list[tuple[str, dict[str, Any]]] = []  # every call, in order
        self.outgoing: list[Sent] = []
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}  # (scope, lang)
        self.answered: list[dict[str, Any]] = []  # answerCallbackQuery calls
        self.webhook: dict[str, Any] = {"url": ""}
        self.allowed_updates: list[str] | None = None
        self.blocked: set[int] = set()  # users who blocked the bot: 403
        self.unknown_chats: set[int] = set()  # 400 chat not found
        self._updates: list[dict[str, Any]] = []
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._queries: set[str] = set()
        self._too_old: set[tuple[int, int]] = set()
        self._failures: list[Failure] = []
        self._stalls: list[tuple[str | None, float]] = []
        self._update_ids = itertools.count(700_001)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._query_ids = itertools.count(1)
        self._changed = asyncio.Event()
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- server ------------------------------------------------------------------------------

    async def start(self) -> str:
        web_app = web.Application(client_max_size=20 * 1024 * 1024)
        web_app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(web_app, handler_cancellation=True, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self.base_url

    async def stop(self) -> None:
        self._closing.set()
        self._notify()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return self._error(ApiError(401, "Unauthorized"))
        params = await _read_params(request)
        self.calls.append((method, params))
        self._notify()
        endpoint = getattr(self, f"_api_{method}", None)
        if endpoint is None:
            return self._error(ApiError(404, "Not Found"))
        try:
            await self._maybe_stall(method)
            self._maybe_fail(method)
            result = await endpoint(params)
        except ApiError as problem:
            return self._error(problem)
        finally:
            self._notify()
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    def _error(problem: ApiError) -> web.Response:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": problem.status,
            "description": problem.description,
        }
        if problem.retry_after is not None:
            body["parameters"] = {"retry_after": problem.retry_after}
        return web.json_response(body, status=problem.status)

    # -- controlling failures ----------------------------------------------------------------

    def fail_next(
        self,
        count: int = 1,
        *,
        status: int = 429,
        retry_after: int | None = None,
        description: str | None = None,
        method: str | None = None,
    ) -> None:
        """The next `count` calls (of `method`, else of any method but getUpdates) fail."""
        if status == 429:
            retry_after = retry_after if retry_after is not None else 1
            description = description or f"Too Many Requests: retry after {retry_after}"
        description = description or DEFAULT_DESCRIPTIONS.get(status, "Internal Server Error")
        self._failures.append(Failure(count, status, description, retry_after, method))

    def stall_next(self, seconds: float, method: str | None = None) -> None:
        """The next call (of `method`) answers only after `seconds`: a slow network."""
        self._stalls.append((method, seconds))

    def _maybe_fail(self, method: str) -> None:
        for failure in self._failures:
            applies = failure.method == method or (
                failure.method is None and method != "getUpdates"
            )
            if applies and failure.count > 0:
                failure.count -= 1
                raise ApiError(failure.status, failure.description, failure.retry_after)

    async def _maybe_stall(self, method: str) -> None:
        for index, (wanted, seconds) in enumerate(self._stalls):
            if wanted == method or (wanted is None and method != "getUpdates"):
                del self._stalls[index]
                await asyncio.sleep(seconds)
                return

    # -- injecting updates -------------------------------------------------------------------

    def user(
        self,
        user_id: int,
        first_name: str = "Esther",
        last_name: str | None = "Brink",
        username: str | None = "esther",
        language_code: str | None = "nl",
    ) -> dict[str, Any]:
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        for key, value in (
            ("last_name", last_name),
            ("username", username),
            ("language_code", language_code),
        ):
            if value is not None:
                user[key] = value
        return user

    def private_message(
        self, user_id: int, text: str | None, *, user: dict[str, Any] | None = None, **extra: Any
    ) -> dict[str, Any]:
        """A person writes to the bot in a private chat; `extra` adds fields (photo, caption)."""
        sender = user or self.user(user_id)
        chat = {"id": user_id, "type": "private", "first_name": sender["first_name"]}
        return self.push({"message": self._message(chat, sender, text, **extra)})

    def group_message(
        self,
        chat_id: int,
        user_id: int,
        text: str | None,
        *,
        chat_type: str = "supergroup",
        user: dict[str, Any] | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        chat = {"id": chat_id, "type": chat_type, "title": "CoP wijkenaanpak"}
        sender = user or self.user(user_id)
        return self.push({"message": self._message(chat, sender, text, **extra)})

    def forum_message(
        self, chat_id: int, user_id: int, text: str, *, topic: int | None
    ) -> dict[str, Any]:
        """A message in a forum supergroup, in topic `topic` (None: the "General" topic)."""
        chat = {"id": chat_id, "type": "supergroup", "title": "CoP wijkenaanpak", "is_forum": True}
        extra: dict[str, Any] = {}
        if topic is not None:
            extra = {"message_thread_id": topic, "is_topic_message": True}
        return self.push({"message": self._message(chat, self.user(user_id), text, **extra)})

    def press(self, user_id: int, sent: Sent, data: str) -> dict[str, Any]:
        """A person presses the inline button with callback `data` under a message the bot sent."""
        message = self._messages[(sent.chat_id, sent.message_id)]
        query_id = f"{user_id}-{next(self._query_ids)}"
        self._queries.add(query_id)
        return self.push(
            {
                "callback_query": {
                    "id": query_id,
                    "from": self.user(user_id),
                    "message": message,
                    "chat_instance": f"ci{sent.chat_id}",
                    "data": data,
                }
            }
        )

    def push(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Queue an update (its update_id is assigned here) for getUpdates."""
        update = {"update_id": next(self._update_ids), **payload}
        self._updates.append(update)
        self._notify()
        return update

    def age(self, sent: Sent) -> None:
        """The message grows old (over 48 hours): Telegram no longer lets the bot edit it."""
        self._too_old.add((sent.chat_id, sent.message_id))

    def redeliver(self, update: dict[str, Any]) -> None:
        """Deliver an update again with its old id, as after a crash before confirming it."""
        self._updates.insert(0, update)
        self._notify()

    async def deliver_webhook(
        self, update: dict[str, Any], *, url: str | None = None, secret: str | None = None
    ) -> int:
        """POST an update to the registered webhook as Telegram does; returns the status."""
        headers = {"Content-Type": "application/json"}
        token = secret if secret is not None else self.webhook.get("secret_token")
        if token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = token
        target = url or self.webhook["url"]
        async with (
            ClientSession() as session,
            session.post(target, data=json.dumps(update), headers=headers) as response,
        ):
            return response.status

    def _message(
        self, chat: dict[str, Any], sender: dict[str, Any], text: str | None, **extra: Any
    ) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": self._next_message_id(chat["id"]),
            "from": sender,
            "chat": chat,
            "date": int(time.time()),
        }
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                command = text.split()[0] if text.split() else text
                message["entities"] = [
                    {"type": "bot_command", "offset": 0, "length": utf16_len(command)}
                ]
        message.update(extra)
        return message

    def _next_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    # -- reading what the bot did ------------------------------------------------------------

    def sent(self, chat_id: int | None = None, method: str | None = None) -> list[Sent]:
        return [
            s
            for s in self.outgoing
            if (chat_id is None or s.chat_id == chat_id) and (method is None or s.method == method)
        ]

    def called(self, method: str) -> list[dict[str, Any]]:
        return [params for name, params in self.calls if name == method]

    async def wait_for(self, condition: Callable[[], bool], within: float = 4.0) -> None:
        async with asyncio.timeout(within):
            while not condition():
                await self._wait_changed(within)

    async def wait_sent(
        self, chat_id: int, count: int = 1, *, after: int = 0, within: float = 4.0
    ) -> list[Sent]:
        """Wait until the bot has put `count` more things than `after` in the chat."""
        await self.wait_for(lambda: len(self.sent(chat_id)) >= after + count, within)
        return self.sent(chat_id)[after:]

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def _wait_changed(self, at_most: float) -> bool:
        try:
            await asyncio.wait_for(self._changed.wait(), at_most)
        except TimeoutError:
            return False
        return True

    # -- the methods -------------------------------------------------------------------------

    async def _api_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return self.bot_user

    async def _api_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if self.webhook["url"]:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(params.get("offset") or 0)
        if offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if params.get("allowed_updates") is not None:
            self.allowed_updates = list(params["allowed_updates"])
        limit = max(1, min(100, int(params.get("limit") or 100)))
        deadline = asyncio.get_running_loop().time() + float(params.get("timeout") or 0)
        while True:
            ready = [u for u in self._updates if self._allowed(u)]
            remaining = deadline - asyncio.get_running_loop().time()
            if ready or remaining <= 0 or self._closing.is_set():
                return ready[:limit]
            await self._wait_changed(remaining)

    def _allowed(self, update: dict[str, Any]) -> bool:
        kind = next(key for key in update if key != "update_id")
        if self.allowed_updates:
            return kind in self.allowed_updates
        return kind not in NOT_BY_DEFAULT

    async def _api_deleteWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = {"url": ""}
        if _flag(params.get("drop_pending_updates")):
            self._updates.clear()
        return True

    async def _api_setWebhook(self, params: dict[str, Any]) -> bool:
        url = str(params.get("url") or "")
        secret = params.get("secret_token")
        if secret is not None and not WEBHOOK_SECRET.match(str(secret)):
            raise ApiError(400, "Bad Request: secret token contains unallowed characters")
        if url and not url.startswith(("https://", "http://127.0.0.1")):
            raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided")
        self.webhook = {"url": url, "secret_token": secret}
        if params.get("allowed_updates") is not None:
            self.allowed_updates = list(params["allowed_updates"])
        if _flag(params.get("drop_pending_updates")):
            self._updates.clear()
        return True

    async def _api_getWebhookInfo(self, params: dict[str, Any]) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": self.webhook["url"],
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self.allowed_updates is not None:
            info["allowed_updates"] = self.allowed_updates
        return info

    async def _api_setMyCommands(self, params: dict[str, Any]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError(400, "Bad Request: commands not found")
        for command in commands:
            if not COMMAND_NAME.match(str(command.get("command", ""))):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
                raise ApiError(400, "Bad Request: command description must be non-empty")
        self.commands[(_scope_key(params.get("scope")), params.get("language_code") or "")] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    async def _api_getMyCommands(self, params: dict[str, Any]) -> list[dict[str, str]]:
        key = (_scope_key(params.get("scope")), params.get("language_code") or "")
        return self.commands.get(key, [])

    async def _api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = self._chat(params)
        text, shown = _message_text(params)
        _check_entities(params.get("entities"), shown)
        markup = _check_markup(params.get("reply_markup"))
        message = self._store(chat_id, {"text": shown}, markup)
        self.outgoing.append(
            Sent(
                "sendMessage",
                chat_id,
                message["message_id"],
                text=text,
                parse_mode=params.get("parse_mode"),
                entities=params.get("entities") or [],
                reply_markup=markup,
                thread_id=_thread(params),
            )
        )
        return message

    async def _api_sendDocument(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = self._chat(params)
        document = params.get("document")
        if not isinstance(document, _Upload):
            raise ApiError(400, "Bad Request: there is no document in the request")
        caption = str(params.get("caption") or "")
        markup = _check_markup(params.get("reply_markup"))
        body = {
            "document": {
                "file_id": f"doc{len(self.outgoing)}",
                "file_unique_id": f"u{len(self.outgoing)}",
                "file_name": document.filename,
                "mime_type": document.content_type,
                "file_size": len(document.content),
            }
        }
        if caption:
            body["caption"] = caption
        message = self._store(chat_id, body, markup)
        self.outgoing.append(
            Sent(
                "sendDocument",
                chat_id,
                message["message_id"],
                text=caption,
                reply_markup=markup,
                filename=document.filename,
                content=document.content,
                thread_id=_thread(params),
            )
        )
        return message

    async def _api_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = self._chat(params)
        message_id = int(params.get("message_id") or 0)
        message = self._messages.get((chat_id, message_id))
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        too_old = (chat_id, message_id) in self._too_old
        if too_old or message["from"]["id"] != self.bot_user["id"] or "text" not in message:
            raise ApiError(400, "Bad Request: message can't be edited")
        text, shown = _message_text(params)
        markup = _check_markup(params.get("reply_markup"))
        if shown == message["text"] and markup == message.get("reply_markup"):
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and "
                "reply markup are exactly the same as a current content and reply markup "
                "of the message",
            )
        message["text"] = shown
        message["edit_date"] = int(time.time())
        if markup:
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)
        self.outgoing.append(
            Sent(
                "editMessageText",
                chat_id,
                message_id,
                text=text,
                parse_mode=params.get("parse_mode"),
                entities=params.get("entities") or [],
                reply_markup=markup,
            )
        )
        return message

    async def _api_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        if query_id not in self._queries:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is "
                "invalid",
            )
        self._queries.discard(query_id)
        self.answered.append(params)
        return True

    def _chat(self, params: dict[str, Any]) -> int:
        raw = params.get("chat_id")
        if raw is None or raw == "":
            raise ApiError(400, "Bad Request: chat_id is empty")
        try:
            chat_id = int(raw)
        except ValueError:
            raise ApiError(400, "Bad Request: chat not found") from None
        if chat_id in self.unknown_chats:
            raise ApiError(400, "Bad Request: chat not found")
        if chat_id in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return chat_id

    def _store(
        self, chat_id: int, body: dict[str, Any], markup: dict[str, Any] | None
    ) -> dict[str, Any]:
        chat_type = "private" if chat_id > 0 else "supergroup"
        message: dict[str, Any] = {
            "message_id": self._next_message_id(chat_id),
            "from": {k: self.bot_user[k] for k in ("id", "is_bot", "first_name", "username")},
            "chat": {"id": chat_id, "type": chat_type},
            "date": int(time.time()),
            **body,
        }
        if markup:
            message["reply_markup"] = markup
        self._messages[(chat_id, message["message_id"])] = message
        return message


@dataclass
class _Upload:
    filename: str
    content_type: str
    content: bytes


def _message_text(params: dict[str, Any]) -> tuple[str, str]:
    """The text as sent and as shown, refused as Telegram refuses it (empty or too long)."""
    text = str(params.get("text") or "")
    shown = visible_text(text, params.get("parse_mode"))
    if not shown.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    if utf16_len(shown) > MESSAGE_LIMIT:
        raise ApiError(400, "Bad Request: message is too long")
    return text, shown


async def _read_params(request: web.Request) -> dict[str, Any]:
    params: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        body = await request.json()
        params.update(body if isinstance(body, dict) else {})
        return params
    if request.method == "POST" and request.can_read_body:
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                params[key] = _Upload(value.filename, value.content_type, value.file.read())
            elif isinstance(value, bytes):
                params[key] = value.decode()
            else:
                params[key] = value
    for key in JSON_FIELDS & params.keys():
        if isinstance(params[key], str):
            with contextlib.suppress(ValueError):  # invalid JSON stays a string: 400 later
                params[key] = json.loads(params[key])
    return params


def _flag(value: Any) -> bool:
    return value in (True, "true", "True", "1", 1)


def _scope_key(scope: Any) -> str:
    if not isinstance(scope, dict):
        return "default"
    extra = "".join(f":{scope[k]}" for k in ("chat_id", "user_id") if k in scope)
    return f"{scope.get('type', 'default')}{extra}"


def _check_entities(entities: Any, text: str) -> None:
    size = utf16_len(text)
    for entity in entities or []:
        offset, length = int(entity.get("offset", -1)), int(entity.get("length", 0))
        if offset < 0 or length <= 0 or offset + length > size:
            raise ApiError(400, "Bad Request: can't parse entities: entity out of bounds")


def _check_markup(markup: Any) -> dict[str, Any] | None:
    if not markup:
        return None
    rows = markup.get("inline_keyboard") if isinstance(markup, dict) else None
    if not isinstance(rows, list):
        raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    for row in rows:
        for button in row:
            if not str(button.get("text", "")).strip():
                raise ApiError(400, "Bad Request: text buttons are unallowed in inline keyboards")
            data, url = button.get("callback_data"), button.get("url")
            if (data is None) == (url is None):
                raise ApiError(400, "Bad Request: can't parse inline keyboard button")
            if data is not None and not 1 <= len(str(data).encode()) <= CALLBACK_DATA_LIMIT:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
            if url is not None and not str(url).startswith(("http://", "https://", "tg://")):
                raise ApiError(400, "Bad Request: BUTTON_URL_INVALID")
    return dict(markup)
