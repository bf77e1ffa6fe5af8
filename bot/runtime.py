"""Starting and stopping everything `copbot run` serves, in one process."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import make_url

from bot.core.ports import Stopper
from bot.kernel.services import Services
from bot.wiring import prepare
from scheduler.service import start_scheduler_service, tick

if TYPE_CHECKING:
    from aiohttp import web

    from bot.http import HttpServer

log = logging.getLogger(__name__)


CREDENTIALS_HELP = """\
Geen platform geconfigureerd; ik open de console-chat.
Om platforms te verbinden, zet (in de omgeving of in .env):
  Telegram: COPBOT_TELEGRAM_TOKEN=<token van @BotFather>
            (optioneel COPBOT_TELEGRAM_WEBHOOK_URL=https://.../telegram voor een webhook)
  Slack:    COPBOT_SLACK_BOT_TOKEN=xoxb-... en COPBOT_SLACK_SIGNING_SECRET=...
            (of COPBOT_SLACK_APP_TOKEN=xapp-... voor Socket Mode)
  Organisatoren: COPBOT_ORGANISERS=telegram:12345,slack:U0123 (hier: console:console)
  Overzicht (/dashboard): COPBOT_PUBLIC_URL=http://127.0.0.1:8080
"""

NO_HTTP = """\
Poort {port} is bezet ({problem}): de pagina's (/dashboard) zijn nu niet bereikbaar; zet
COPBOT_HTTP_PORT op een vrije poort. / Port {port} is taken: the pages are not served.
"""

SERVING_HTTP = """\
Geen terminal en geen invoer: ik serveer HTTP (/healthz) op {host}:{port} tot ik een
stopsignaal krijg. / No terminal, no input: serving HTTP (/healthz) until stopped.
"""

UNWRITABLE = """\
Kan de database {database} niet schrijven: de map {folder} is van uid {owner} (rechten {mode})
en copbot draait als uid {uid}.
Oplossing: geef de map aan uid {uid} (op de host: sudo chown -R {uid} <map>), gebruik een
Docker-volume (docker run -v copbot-data:/data ...) of kies een andere plek met
COPBOT_DATABASE_URL.
(English: the database folder {folder} is owned by uid {owner} and copbot runs as uid {uid};
chown it to uid {uid}, use a named volume, or set COPBOT_DATABASE_URL.)"""


def check_database_folder(database_url: str) -> None:
    """A SQLite database needs a folder it can write (the file, its -wal and -shm): stop with
    a message that names the user id and the fix, instead of "unable to open database file"."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return
    database = Path(url.database).absolute()
    folder = database.parent
    writable = os.access(folder, os.W_OK | os.X_OK) and (
        not database.exists() or os.access(database, os.R_OK | os.W_OK)
    )
    if writable or not folder.exists():
        return  # a missing folder: SQLite's own error says so
    info = folder.stat()
    raise SystemExit(
        UNWRITABLE.format(
            database=database,
            folder=folder,
            owner=info.st_uid,
            mode=oct(info.st_mode & 0o777)[2:],
            uid=os.geteuid(),
        )
    )


@dataclass
class Runtime:
    services: Services
    http: HttpServer | None = None
    stoppers: list[Stopper] = field(default_factory=list)

    async def start(
        self, *, serve_http: bool = True, platforms: bool = True, http_optional: bool = False
    ) -> None:
        check_database_folder(self.services.settings.database_url)
        await prepare(self.services, migrate_apart=True)  # Alembic stays out of this process
        web_app: web.Application | None = None
        if serve_http or platforms:  # the console needs neither, nor aiohttp's import time
            from bot.http import HttpServer, build_web_app

            web_app = build_web_app(self.services)
        for starter in platform_starters(self.services) if platforms else []:
            self.stoppers.append(await starter(self.services, web_app))
        self.stoppers.append((await start_scheduler_service(self.services)).stop)
        if serve_http:
            assert web_app is not None
            settings = self.services.settings
            self.http = HttpServer(web_app, settings.http_host, settings.http_port)
            try:
                await self.http.start()
            except OSError as problem:
                if not http_optional:
                    raise
                await self.http.stop()
                self.http = None
                print(NO_HTTP.format(port=settings.http_port, problem=problem), file=sys.stderr)

    async def stop(self) -> None:
        for stop in reversed(self.stoppers):
            try:
                await stop()
            except Exception:
                log.exception("error while stopping")
        self.stoppers.clear()
        if self.http is not None:
            await self.http.stop()
        await self.services.close()


# A platform starter attaches itself to the services and web server; returns its stop function.
Starter = Callable[[Services, object], Awaitable[Stopper]]


def platform_starters(services: Services) -> list[Starter]:
    starters: list[Starter] = []
    if services.settings.has_telegram:
        from bot.platforms.telegram.adapter import start_telegram

        starters.append(start_telegram)
    if services.settings.has_slack:
        from bot.platforms.slack.adapter import start_slack

        starters.append(start_slack)  # type: ignore[arg-type]
    return starters


async def serve_forever(services: Services) -> None:
    """`copbot run` with platform credentials: serve until SIGINT/SIGTERM."""
    runtime = Runtime(services)
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


async def console(services: Services, *, announce_credentials: bool = False) -> None:
    """The console chat, with the scheduler running so reminders show up here too."""
    from bot.platforms.console import ConsoleChat

    if announce_credentials:
        print(CREDENTIALS_HELP, file=sys.stderr)
    first_line = ""
    if not sys.stdin.isatty():
        first_line = await asyncio.to_thread(sys.stdin.readline)
        if announce_credentials and not first_line:
            # `copbot run` in a container without credentials (stdin /dev/null): keep
            # serving /healthz and the pages instead of reading nothing and stopping.
            settings = services.settings
            print(
                SERVING_HTTP.format(host=settings.http_host, port=settings.http_port),
                file=sys.stderr,
            )
            await serve_forever(services)
            return
    runtime = Runtime(services)
    chat = ConsoleChat(services)
    # With a public address the console serves the pages too (/dashboard's links work).
    await runtime.start(
        serve_http=bool(services.settings.public_url), platforms=False, http_optional=True
    )
    try:
        if sys.stdin.isatty():
            await chat.run_interactive()
        else:
            if first_line.strip():
                await chat.handle_line(first_line)
            await chat.run_piped(sys.stdin)
            # Deliver what the piped commands queued (a broadcast, a reminder now due), so
            # `echo "/omroep ..." | copbot console` shows it before exiting.
            await tick(services)
    finally:
        await runtime.stop()
