"""The bot's one HTTP server: /healthz, and the routes platforms and features add to it."""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, timedelta

from aiohttp import web
from sqlalchemy import delete, insert, text
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.ports import WebPage, WebRequest
from bot.core.quietlog import QuietLog
from bot.core.ratelimit import FailureLimit
from bot.db.engine import patience
from bot.db.models import ProcessedUpdate
from bot.kernel.services import Services

log = logging.getLogger(__name__)

APP_KEY = web.AppKey("copbot", Services)


# Pages behind a secret address (a calendar feed token): a client that asked for this many
# unknown addresses within the window waits until the window has passed (429).
LOOKUP_FAILURES_MAX = 20
LOOKUP_FAILURE_WINDOW = timedelta(minutes=10)
LOOKUPS_KEY = web.AppKey("failed_lookups", FailureLimit)
REFUSALS_KEY = web.AppKey("refusals", QuietLog)


def build_web_app(services: Services) -> web.Application:
    web_app = web.Application(client_max_size=1024 * 1024)
    web_app[APP_KEY] = services
    web_app[LOOKUPS_KEY] = FailureLimit(
        LOOKUP_FAILURES_MAX, LOOKUP_FAILURE_WINDOW, services.clock.now
    )
    web_app[REFUSALS_KEY] = QuietLog(log, clock=lambda: services.clock.now().timestamp())
    web_app.on_response_prepare.append(_without_server_header)
    web_app.router.add_get("/healthz", healthz)
    for path, handler in services.registry.routes.items():
        web_app.router.add_get(path, _limited(_serve(handler)))
    for (method, path), page in services.registry.pages.items():
        web_app.router.add_route(method, path, _limited(_serve_page(page)))
    return web_app


# A page's form is small (a token, a button): anything bigger is refused before it is read.
FORM_MAX_BYTES = 16 * 1024


def _serve_page(
    handler: Callable[[Services, WebRequest], Awaitable[WebPage]],
) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def serve(request: web.Request) -> web.Response:
        form: dict[str, str] = {}
        if request.method == "POST" and request.body_exists:
            if (request.content_length or 0) > FORM_MAX_BYTES:
                raise web.HTTPRequestEntityTooLarge(FORM_MAX_BYTES, request.content_length or 0)
            if request.content_type != "application/x-www-form-urlencoded":
                raise web.HTTPUnsupportedMediaType(text="Send a form.")
            try:
                posted = await request.post()
            except ValueError as problem:  # broken encoding
                raise web.HTTPBadRequest(text="Unreadable form.") from problem
            form = {k: v for k, v in posted.items() if isinstance(v, str)}
        page = await handler(
            request.app[APP_KEY],
            WebRequest(
                method=request.method,
                path=request.path,
                params=dict(request.match_info),
                query=dict(request.query),
                form=form,
                cookies=dict(request.cookies),
                headers=dict(request.headers),
                client=request.remote or "unknown",
            ),
        )
        response = web.Response(
            status=page.status,
            body=page.body,
            content_type=page.content_type,
            charset=page.charset,
            headers=page.headers,
        )
        for cookie in page.cookies:
            response.headers.add("Set-Cookie", cookie)
        return response

    return serve


async def _without_server_header(request: web.Request, response: web.StreamResponse) -> None:
    """No "Server: Python/3.x aiohttp/3.x": the software and its version are nobody's business."""
    response.headers.popall("Server", None)


def _limited(
    serve: Callable[[web.Request], Awaitable[web.StreamResponse]],
) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    """Count the unknown addresses and refused secrets (404s, 403s: a feed token, a one-time
    link) a client asks for; too many and it has to wait."""

    async def limited(request: web.Request) -> web.StreamResponse:
        lookups, client = request.app[LOOKUPS_KEY], request.remote or "unknown"
        wait = lookups.wait(client)
        if wait is not None:
            request.app[REFUSALS_KEY].warning("too many unknown addresses, refused (429)", client)
            seconds = str(max(1, math.ceil(wait.total_seconds())))
            raise web.HTTPTooManyRequests(
                headers={"Retry-After": seconds}, text="Too many unknown addresses; try later."
            )
        try:
            response = await serve(request)
        except web.HTTPNotFound:
            lookups.failed(client)
            raise
        if response.status in (403, 404):
            lookups.failed(client)
        return response

    return limited


def _serve(
    handler: Callable[[Services, Mapping[str, str]], Awaitable[WebPage | None]],
) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def serve(request: web.Request) -> web.Response:
        page = await handler(request.app[APP_KEY], dict(request.match_info))
        if page is None:
            raise web.HTTPNotFound()
        if _not_modified(request, page):
            response = web.Response(status=304, headers=page.headers)
        else:
            response = web.Response(
                body=page.body,
                content_type=page.content_type,
                charset=page.charset,
                headers=page.headers,
            )
        if page.etag is not None:
            response.etag = page.etag
        if page.last_modified is not None:
            response.last_modified = page.last_modified
        return response

    return serve


def _not_modified(request: web.Request, page: WebPage) -> bool:
    """RFC 9110 13.2.2: If-None-Match decides when sent; otherwise If-Modified-Since."""
    if request.headers.get("If-None-Match") is not None:
        tags = request.if_none_match or ()
        return page.etag is not None and any(tag.value in ("*", page.etag) for tag in tags)
    since = request.if_modified_since
    if since is None or page.last_modified is None:
        return False
    return page.last_modified.replace(microsecond=0) <= since


# /healthz answers within this, whatever lock the database waits for (its own waits are
# shorter still: LOCK_WAIT); a busy or full database is reported, not waited for.
HEALTH_TIMEOUT = 3.0
LOCK_WAIT_MS = 2000


async def healthz(request: web.Request) -> web.Response:
    """200 when the database answers and takes a write; else 503 with the reason."""
    services = request.app[APP_KEY]
    stage = "unreachable"
    try:
        async with asyncio.timeout(HEALTH_TIMEOUT), services.engine.connect() as conn:
            stage = "not writable"
            await _write_probe(conn, services.clock.now())
    except TimeoutError:
        reason = f"{stage}: no answer within {HEALTH_TIMEOUT:.0f} s"
    except Exception as problem:  # the health check reports, it does not crash
        detail = str(getattr(problem, "orig", None) or problem).splitlines()[0][:200]
        reason = stage if stage == "unreachable" else f"{stage}: {detail}"
    else:
        return web.json_response({"status": "ok", "database": "ok"})
    log.warning("health check failed: database %s", reason)
    return web.json_response({"status": "error", "database": reason}, status=503)


async def _write_probe(conn: AsyncConnection, now: datetime) -> None:
    """Write and commit one row (a read-only file or a full disk fails here), waiting at most
    LOCK_WAIT_MS for a lock another writer holds."""
    sqlite = conn.dialect.name == "sqlite"
    with patience(LOCK_WAIT_MS):
        async with conn.begin():
            if not sqlite:
                await conn.execute(text(f"SET LOCAL lock_timeout = {LOCK_WAIT_MS}"))
                await conn.execute(text(f"SET LOCAL statement_timeout = {LOCK_WAIT_MS}"))
            await conn.execute(
                delete(ProcessedUpdate).where(ProcessedUpdate.platform == "healthz")
            )
            await conn.execute(
                insert(ProcessedUpdate).values(platform="healthz", update_key="probe", seen_at=now)
            )


class HttpServer:
    """Runs the aiohttp application on COPBOT_HTTP_HOST:COPBOT_HTTP_PORT."""

    def __init__(self, web_app: web.Application, host: str, port: int) -> None:
        self.web_app = web_app
        self.host = host
        self.port = port
        self._runner: web.AppRunner | None = None

    async def start(self) -> int:
        self._runner = web.AppRunner(self.web_app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        server = site._server
        sockets = getattr(server, "sockets", None) or []
        if sockets:
            self.port = sockets[0].getsockname()[1]  # when port 0 asked for a free one
        log.info("HTTP server on http://%s:%s", self.host, self.port)
        return self.port

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
