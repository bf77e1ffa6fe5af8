"""The bot's one HTTP server: /healthz, and the routes platforms and features add to it."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping

from aiohttp import web
from sqlalchemy import text

from bot.core.ports import WebPage
from bot.kernel.services import Services

log = logging.getLogger(__name__)

APP_KEY = web.AppKey("copbot", Services)


def build_web_app(services: Services) -> web.Application:
    web_app = web.Application(client_max_size=1024 * 1024)
    web_app[APP_KEY] = services
    web_app.router.add_get("/healthz", healthz)
    for path, handler in services.registry.routes.items():
        web_app.router.add_get(path, _serve(handler))
    return web_app


def _serve(
    handler: Callable[[Services, Mapping[str, str]], Awaitable[WebPage | None]],
) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def serve(request: web.Request) -> web.Response:
        page = await handler(request.app[APP_KEY], dict(request.match_info))
        if page is None:
            raise web.HTTPNotFound()
        return web.Response(body=page.body, content_type=page.content_type, charset=page.charset)

    return serve


async def healthz(request: web.Request) -> web.Response:
    services = request.app[APP_KEY]
    try:
        async with services.engine.connect() as conn:
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
