"""The bot's one HTTP server: /healthz, and the routes platforms and features add to it."""

from __future__ import annotations

import logging

from aiohttp import web
from sqlalchemy import text

from bot.wiring import App
from handlers.sessions.calendar import feed_for_token

log = logging.getLogger(__name__)

APP_KEY = web.AppKey("copbot", App)


def build_web_app(app: App) -> web.Application:
    web_app = web.Application(client_max_size=1024 * 1024)
    web_app[APP_KEY] = app
    web_app.router.add_get("/healthz", healthz)
    web_app.router.add_get("/agenda/{token}.ics", agenda_feed)
    return web_app


async def agenda_feed(request: web.Request) -> web.Response:
    """The community's subscribable calendar; an unknown token looks like nothing is there."""
    body = await feed_for_token(request.app[APP_KEY], request.match_info["token"])
    if body is None:
        raise web.HTTPNotFound()
    return web.Response(body=body, content_type="text/calendar", charset="utf-8")


async def healthz(request: web.Request) -> web.Response:
    app = request.app[APP_KEY]
    try:
        async with app.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
    except Exception as problem:  # the health check reports, it does not crash
        log.warning("health check failed: %s", problem)
        return web.json_response({"status": "error", "database": "unreachable"}, status=503)
    return web.json_response({"status": "ok", "database": "ok"})


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
