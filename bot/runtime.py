"""Starting and stopping everything `copbot run` serves, in one process."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.http import HttpServer, build_web_app
from bot.wiring import App
from scheduler.service import start_scheduler_service, tick

log = logging.getLogger(__name__)

# A platform starter attaches itself to the app and web server and returns its stop function.
Stopper = Callable[[], Awaitable[None]]

CREDENTIALS_HELP = """\
Geen platform geconfigureerd; ik open de console-chat.
Om platforms te verbinden, zet (in de omgeving of in .env):
  Telegram: COPBOT_TELEGRAM_TOKEN=<token van @BotFather>
            (optioneel COPBOT_TELEGRAM_WEBHOOK_URL=https://.../telegram voor een webhook)
  Slack:    COPBOT_SLACK_BOT_TOKEN=xoxb-... en COPBOT_SLACK_SIGNING_SECRET=...
            (of COPBOT_SLACK_APP_TOKEN=xapp-... voor Socket Mode)
  Organisatoren: COPBOT_ORGANISERS=telegram:12345,slack:U0123
"""


@dataclass
class Runtime:
    app: App
    http: HttpServer | None = None
    stoppers: list[Stopper] = field(default_factory=list)

    async def start(self, *, serve_http: bool = True, platforms: bool = True) -> None:
        await self.app.prepare()
        web_app = build_web_app(self.app)
        for starter in platform_starters(self.app) if platforms else []:
            self.stoppers.append(await starter(self.app, web_app))
        self.stoppers.append(await start_scheduler_service(self.app, web_app))
        if serve_http:
            self.http = HttpServer(
                web_app, self.app.settings.http_host, self.app.settings.http_port
            )
            await self.http.start()

    async def stop(self) -> None:
        for stop in reversed(self.stoppers):
            try:
                await stop()
            except Exception:
                log.exception("error while stopping")
        self.stoppers.clear()
        if self.http is not None:
            await self.http.stop()
        await self.app.close()


Starter = Callable[[App, object], Awaitable[Stopper]]


def platform_starters(app: App) -> list[Starter]:
    starters: list[Starter] = []
    if app.settings.has_telegram:
        from bot.platforms.telegram.adapter import start_telegram

        starters.append(start_telegram)
    if app.settings.has_slack:
        from bot.platforms.slack.adapter import start_slack

        starters.append(start_slack)  # type: ignore[arg-type]
    return starters


async def serve_forever(app: App) -> None:
    """`copbot run` with platform credentials: serve until SIGINT/SIGTERM."""
    runtime = Runtime(app)
    await runtime.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    log.info("copbot is running; Ctrl-C stops it")
    try:
        await stop.wait()
    finally:
        await runtime.stop()


async def console(app: App, *, announce_credentials: bool = False) -> None:
    """The console chat, with the scheduler running so reminders show up here too."""
    from bot.platforms.console import ConsoleChat

    if announce_credentials:
        print(CREDENTIALS_HELP, file=sys.stderr)
    runtime = Runtime(app)
    chat = ConsoleChat(app)
    await runtime.start(serve_http=False, platforms=False)
    try:
        if sys.stdin.isatty():
            await chat.run_interactive()
        else:
            await chat.run_piped(sys.stdin)
            # Deliver what the piped commands queued (a broadcast, a reminder now due), so
            # `echo "/omroep ..." | copbot console` shows it before exiting.
            await tick(app)
    finally:
        await runtime.stop()
