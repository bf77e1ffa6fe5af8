"""A local stand-in of the Slack Web API (and response_url, file upload and Socket Mode URLs).

Written from Slack's method reference (docs.slack.dev/reference/methods): every method answers
HTTP 200 with {"ok": true, ...} or {"ok": false, "error": "..."}; a token comes as
"Authorization: Bearer xoxb-..."; arguments come as a query string, a form body or JSON, the way
slack_sdk sends them. A rate-limited call answers HTTP 429 with a Retry-After header.
Tests inject failures with `fail()` and wait for calls with `wait_for()`.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

BOT_TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-test-token"
BOT_USER = "UBOT"
BOT_ID = "BBOT"
TEAM = "T0COP"
# Slack's documented Block Kit limits, enforced like Slack does (invalid_blocks).
SECTION_MAX, BLOCKS_MAX = 3000, 50


@dataclass
class Call:
    method: str
    args: dict[str, Any]


@dataclass
class Failure:
    status: int = 429
    error: str = "ratelimited"
    retry_after: int | None = 0
    delay: float = 0.0  # seconds before answering (for client timeouts)


@dataclass
class SlackUser:
    id: str
    name: str
    display_name: str = ""
    locale: str = "nl-NL"
    deleted: bool = False


@dataclass
class FakeSlack:
    """Start with `await fake.start()`; `fake.api_url` goes into COPBOT_SLACK_API_URL."""

    users: dict[str, SlackUser] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    uploads: dict[str, bytes] = field(default_factory=dict)
    socket_acks: list[dict[str, Any]] = field(default_factory=list)
    _failures: dict[str, list[Failure]] = field(default_factory=dict)
    _ts: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _runner: web.AppRunner | None = None
    _sockets: list[web.WebSocketResponse] = field(default_factory=list)
    port: int = 0
    _changed: asyncio.Event = field(default_factory=asyncio.Event)
    _connected: asyncio.Event = field(default_factory=asyncio.Event)

    # -- lifecycle -----------------------------------------------------------------------

    async def start(self) -> FakeSlack:
        web_app = web.Application()
        web_app.router.add_route("*", "/api/{method}", self._api)
        web_app.router.add_post("/upload/{file_id}", self._upload)
        web_app.router.add_post("/response/{id}", self._response)
        web_app.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(web_app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        for socket in self._sockets:
            await socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.base}/api/"

    def response_url(self, name: str = "1") -> str:
        return f"{self.base}/response/{name}"

    # -- test controls ---------------------------------------------------------------------

    def add_user(self, user_id: str, name: str, locale: str = "nl-NL") -> SlackUser:
        user = SlackUser(user_id, name.lower().split()[0], display_name=name, locale=locale)
        self.users[user_id] = user
        return user

    def fail(self, method: str, times: int = 1, **failure: Any) -> None:
        """The next `times` calls of `method` fail (429 with Retry-After 0 by default)."""
        self._failures.setdefault(method, []).extend(Failure(**failure) for _ in range(times))

    def of(self, *methods: str) -> list[Call]:
        return [call for call in self.calls if call.method in methods]

    async def wait_for(self, *methods: str, count: int = 1, within: float = 2.0) -> list[Call]:
        """Wait (bounded) until `count` calls of `methods` have arrived; fail loudly if not."""
        async with asyncio.timeout(within):
            while len(self.of(*methods)) < count:
                self._changed.clear()
                await self._changed.wait()
        return self.of(*methods)

    async def wait_connected(self, within: float = 2.0) -> None:
        """Socket Mode: wait (bounded) until the app has opened its websocket."""
        async with asyncio.timeout(within):
            await self._connected.wait()

    def _record(self, call: Call) -> None:
        self.calls.append(call)
        self._changed.set()

    async def push(self, envelope_type: str, payload: dict[str, Any], envelope_id: str) -> None:
        """Socket Mode: send an envelope to every connected app."""
        message = {
            "envelope_id": envelope_id,
            "type": envelope_type,
            "payload": payload,
            "accepts_response_payload": envelope_type != "events_api",
            "retry_attempt": 0,
            "retry_reason": "",
        }
        for socket in self._sockets:
            await socket.send_str(json.dumps(message))

    # -- the HTTP side ---------------------------------------------------------------------

    async def _args(self, request: web.Request) -> dict[str, Any]:
        args: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            args.update(await request.json())
        elif request.can_read_body:
            args.update(await request.post())
        for key in ("blocks", "files"):
            if isinstance(args.get(key), str):
                args[key] = json.loads(args[key])
        return args

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await self._args(request)
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else args.get("token")
        expected = APP_TOKEN if method == "apps.connections.open" else BOT_TOKEN
        if not token:
            return web.json_response({"ok": False, "error": "not_authed"})
        if token != expected:
            return web.json_response({"ok": False, "error": "invalid_auth"})
        failures = self._failures.get(method)
        if failures:
            failure = failures.pop(0)
            if failure.delay:
                await asyncio.sleep(failure.delay)
            self._record(Call(method, {**args, "_failed": failure.status}))
            headers = {}
            if failure.retry_after is not None:
                headers["Retry-After"] = str(failure.retry_after)
            if failure.status >= 500:
                return web.Response(status=failure.status, text="upstream error")
            body = {"ok": False, "error": failure.error}
            return web.json_response(body, status=failure.status, headers=headers)
        self._record(Call(method, args))
        handler = getattr(self, "m_" + method.replace(".", "_"), None)
        if handler is None:
            return web.json_response({"ok": False, "error": "unknown_method"}, status=404)
        result: dict[str, Any] = handler(args)
        return web.json_response({"ok": "error" not in result, **result})

    async def _upload(self, request: web.Request) -> web.Response:
        self.uploads[request.match_info["file_id"]] = await request.read()
        return web.Response(text=f"OK - {len(self.uploads)}", content_type="text/plain")

    async def _response(self, request: web.Request) -> web.Response:
        body = await request.json()
        self._record(Call("response_url", {**body, "_url": str(request.url)}))
        problem = _check_message(body)
        if problem:
            return web.Response(status=400, text=problem)
        return web.Response(text="ok")

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._sockets.append(socket)
        self._connected.set()
        await socket.send_str(json.dumps({"type": "hello", "num_connections": 1}))
        async for message in socket:
            if message.type == WSMsgType.TEXT:
                self.socket_acks.append(json.loads(message.data))
        return socket

    # -- methods -----------------------------------------------------------------------------

    def _ts_now(self) -> str:
        return f"1700000000.{next(self._ts):06d}"

    def _posted(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("channel"):
            return {"error": "channel_not_found"}
        problem = _check_message(args)
        return {"error": problem} if problem else {}

    def m_auth_test(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"url": "https://cop.slack.com/", "team": "CoP", "user": "copbot",
                "team_id": TEAM, "user_id": BOT_USER, "bot_id": BOT_ID}  # fmt: skip

    def m_chat_postMessage(self, args: dict[str, Any]) -> dict[str, Any]:
        problem = self._posted(args)
        ts = self._ts_now()
        return problem or {"channel": args["channel"], "ts": ts, "message": {"text": args.get("text"), "ts": ts}}  # fmt: skip  # noqa: E501

    def m_chat_postEphemeral(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("user"):
            return {"error": "user_not_found"}
        return self._posted(args) or {"message_ts": self._ts_now()}

    def m_chat_update(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("ts"):
            return {"error": "message_not_found"}
        return self._posted(args) or {"channel": args["channel"], "ts": args["ts"]}

    def m_conversations_open(self, args: dict[str, Any]) -> dict[str, Any]:
        users = [u.strip() for u in str(args.get("users", "")).split(",") if u.strip()]
        if not users or len(users) > 8:
            return {"error": "users_list_not_supplied" if not users else "too_many_users"}
        for user in users:
            if user not in self.users:
                return {"error": "user_not_found"}
            if self.users[user].deleted:
                return {"error": "user_disabled"}
        if len(users) == 1:
            return {"channel": {"id": "D" + users[0].removeprefix("U")}}
        # A multi-person DM (mpim) of these members and the bot, the same for the same members.
        return {"channel": {"id": "G" + "".join(sorted(u.removeprefix("U") for u in users))}}

    def m_users_info(self, args: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(args.get("user")))
        if user is None:
            return {"error": "user_not_found"}
        info: dict[str, Any] = {"id": user.id, "name": user.name, "real_name": user.display_name,
                                "deleted": user.deleted, "is_bot": False,
                                "profile": {"display_name": user.display_name,
                                            "real_name": user.display_name}}  # fmt: skip
        if str(args.get("include_locale")).lower() in {"1", "true"}:
            info["locale"] = user.locale
        return {"user": info}

    def m_files_getUploadURLExternal(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("filename") or not str(args.get("length", "")).isdigit():
            return {"error": "invalid_arguments"}
        file_id = f"F{len(self.of('files.getUploadURLExternal')):04d}"
        return {"upload_url": f"{self.base}/upload/{file_id}", "file_id": file_id}

    def m_files_completeUploadExternal(self, args: dict[str, Any]) -> dict[str, Any]:
        files = args.get("files") or []
        if not files or any(f["id"] not in self.uploads for f in files):
            return {"error": "file_not_found"}
        return {"files": [{"id": f["id"], "title": f.get("title", "")} for f in files]}

    def m_apps_connections_open(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"url": f"ws://127.0.0.1:{self.port}/socket"}


def _check_message(args: dict[str, Any]) -> str | None:
    """Slack's validation of a message: text or blocks, and the Block Kit limits."""
    blocks = args.get("blocks") or []
    if not args.get("text") and not blocks:
        return "no_text"
    if len(blocks) > BLOCKS_MAX:
        return "invalid_blocks"
    action_ids: list[str] = []
    for block in blocks:
        text = (block.get("text") or {}).get("text", "")
        if block.get("type") == "section" and not 0 < len(text) <= SECTION_MAX:
            return "invalid_blocks"
        if block.get("type") == "actions":
            elements = block.get("elements", [])
            if len(elements) > 25:
                return "invalid_blocks"
            action_ids.extend(element.get("action_id") for element in elements)
    if len(set(action_ids)) != len(action_ids):  # action ids are unique within a message
        return "invalid_blocks"
    return None


def _blocks(args: dict[str, Any]) -> list[dict[str, Any]]:
    blocks = args.get("blocks") or []
    return json.loads(blocks) if isinstance(blocks, str) else list(blocks)


def blocks_text(args: dict[str, Any]) -> str:
    """The section texts of a posted message (or its plain `text` when it has no sections)."""
    texts = [b["text"]["text"] for b in _blocks(args) if b.get("type") == "section"]
    return "\n".join(texts) or str(args.get("text", ""))


def block_values(args: dict[str, Any]) -> list[str]:
    """The values of the buttons of a posted message, in order."""
    return [
        element["value"]
        for block in _blocks(args)
        if block.get("type") == "actions"
        for element in block["elements"]
        if "value" in element
    ]
