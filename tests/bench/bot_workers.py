"""The bots `bench_bot.py` measures, each in a process of its own so its CPU and RSS are its own.

`python tests/bench/bot_workers.py echo|copbot API_URL TOKEN DB_URL` starts the bot polling
the Telegram stand-in at API_URL, prints "ready", then answers lines on stdin: "stats" prints
`cpu rss_kb` (process CPU seconds, `time.process_time()`, and the resident set), "stop" stops.
`... announce API_URL TOKEN DB_URL COUNT` plans a meeting that announces itself to COUNT
participants (a message and its .ics each).
`... broadcast API_URL TOKEN DB_URL COUNT` sends one message to COUNT participants through the
outbox and prints `seconds cpu`.
"""

from __future__ import annotations

import asyncio
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def _control() -> None:
    """Answer "stats" on stdin until "stop" (or the end of stdin)."""
    loop = asyncio.get_running_loop()
    print("ready", flush=True)
    while True:
        line = (await loop.run_in_executor(None, sys.stdin.readline)).strip()
        if line == "stats":
            print(f"{time.process_time():.6f} {rss_kb()}", flush=True)
        elif line in ("stop", ""):
            return


async def echo_bot(api_url: str, token: str) -> None:
    """A bare python-telegram-bot echo bot: the framework's own cost per update."""
    from telegram import Update
    from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

    async def echo(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        if update.message is not None and update.message.text:
            await update.message.reply_text(update.message.text)

    application = ApplicationBuilder().token(token).base_url(api_url).job_queue(None).build()
    application.add_handler(MessageHandler(filters.TEXT, echo))
    await application.initialize()
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0, timeout=timedelta(seconds=1))
    try:
        await _control()
    finally:
        await application.updater.stop()
        await application.stop()
        await application.shutdown()


def _settings(api_url: str, token: str, db_url: str) -> Any:
    from bot.core.config import Settings

    return Settings(
        database_url=db_url,
        telegram_token=token,
        telegram_api_url=api_url,
        log_level="WARNING",
        _env_file=None,  # type: ignore[call-arg]
    )


async def copbot(api_url: str, token: str, db_url: str) -> None:
    """copbot as `copbot run` serves Telegram (polling), with its scheduler, without HTTP."""
    import logging

    from bot.platforms.telegram.adapter import start_telegram
    from bot.runtime import Runtime
    from bot.wiring import build_services

    logging.basicConfig(level=logging.WARNING)
    services = build_services(_settings(api_url, token, db_url))
    runtime = Runtime(services)
    await runtime.start(serve_http=False, platforms=False)
    runtime.stoppers.append(await start_telegram(services, None, poll_timeout=1))
    try:
        await _control()
    finally:
        await runtime.stop()


async def broadcast(api_url: str, token: str, db_url: str, count: int) -> None:
    """COUNT participants on Telegram, one outbox message each, delivered at Telegram's pace."""
    import logging

    from bot.core.messages import Reply
    from bot.platforms.telegram.adapter import start_telegram
    from bot.wiring import build_services, prepare
    from scheduler.delivery import Delivery
    from scheduler.outbox import enqueue_many

    logging.basicConfig(level=logging.WARNING)
    services = build_services(_settings(api_url, token, db_url))
    await prepare(services)
    now = services.clock.now()
    async with services.database() as db, db.begin():
        await add_participants(db, range(1, count + 1), now)
        await enqueue_many(
            db,
            key_prefix="bench:broadcast",
            participant_ids=range(1, count + 1),
            reply_for=lambda p: Reply(f"Hallo {p.display_name}, tot donderdag!"),
        )
    stop = await start_telegram(services, None, poll_timeout=1)
    try:
        delivery = Delivery(services)
        cpu, started = time.process_time(), time.perf_counter()
        report = await delivery.deliver_until_idle(max_passes=10 * count)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(f"{elapsed:.3f} {cpu:.3f} {report.sent}", flush=True)
    finally:
        await stop()
        await services.close()


async def announce(api_url: str, token: str, db_url: str, count: int) -> None:
    """COUNT participants on Telegram; an organiser plans a meeting in the chat, which announces
    it to every one of them (card, RSVP buttons, .ics) through the outbox at Telegram's pace."""
    import logging
    from datetime import timedelta

    from bot.core.messages import Incoming
    from bot.kernel.dispatch import dispatch
    from bot.platforms.telegram.adapter import start_telegram
    from bot.wiring import build_services, prepare
    from scheduler.delivery import Delivery

    logging.basicConfig(level=logging.WARNING)
    settings = _settings(api_url, token, db_url).model_copy(update={"organisers": "telegram:1"})
    services = build_services(settings)
    await prepare(services)
    now = services.clock.now()
    async with services.database() as db, db.begin():
        await add_participants(db, range(2, count + 1), now)
    day = (now + timedelta(days=30)).date().isoformat()
    plan = Incoming(
        platform="telegram",
        user_id="1",
        chat_id="1",
        text=f"/sessie nieuw {day} 10:00 | Utrecht, wijk Zuilen | Durf | overnachting",
        display_name="Olga",
        update_id="bench-plan",
    )
    started = time.perf_counter()
    await dispatch(services, plan)  # the organiser is one of the COUNT, and hears it too
    planned = time.perf_counter() - started
    stop = await start_telegram(services, None, poll_timeout=1)
    try:
        delivery = Delivery(services)
        cpu, started = time.process_time(), time.perf_counter()
        report = await delivery.deliver_until_idle(max_passes=10 * count)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(f"{elapsed:.3f} {cpu:.3f} {report.sent} {planned:.3f}", flush=True)
    finally:
        await stop()
        await services.close()


async def add_participants(db: Any, ids: range, now: Any) -> None:
    """Participants `ids` on Telegram (user and private chat 10,000 + id), in two statements."""
    from sqlalchemy import insert

    from bot.db.models import Identity, Participant

    await db.execute(
        insert(Participant),
        [{"id": n, "display_name": f"P{n}", "created_at": now, "registered": True} for n in ids],
    )
    await db.execute(
        insert(Identity),
        [
            {
                "participant_id": n,
                "platform": "telegram",
                "user_id": str(10_000 + n),
                "dm_chat_id": str(10_000 + n),
                "last_seen_at": now,
            }
            for n in ids
        ],
    )


def main(argv: list[str]) -> None:
    kind, api_url, token, db_url, *rest = argv
    if kind == "echo":
        asyncio.run(echo_bot(api_url, token))
    elif kind == "copbot":
        asyncio.run(copbot(api_url, token, db_url))
    elif kind == "broadcast":
        asyncio.run(broadcast(api_url, token, db_url, int(rest[0])))
    elif kind == "announce":
        asyncio.run(announce(api_url, token, db_url, int(rest[0])))
    else:
        raise SystemExit(f"unknown worker {kind!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
