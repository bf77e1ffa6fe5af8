"""The `copbot` command: run, console, db upgrade, lessons search/export, knowledge check,
memory export."""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import typer

from bot.core.config import Settings
from bot.kernel.services import Services
from bot.wiring import build_services, prepare
from knowledge.model import Lesson

T = TypeVar("T")

cli = typer.Typer(
    help="copbot: de chatbot van de CoP wijkenaanpak.", no_args_is_help=True, add_completion=False
)
db_cli = typer.Typer(help="Database.", no_args_is_help=True)
lessons_cli = typer.Typer(
    help="Lessons from the booklet and those harvested since.", no_args_is_help=True
)
knowledge_cli = typer.Typer(help="The knowledge files.", no_args_is_help=True)
outbox_cli = typer.Typer(help="Messages the bot sends on its own.", no_args_is_help=True)
cli.add_typer(db_cli, name="db")
cli.add_typer(lessons_cli, name="lessons")
cli.add_typer(knowledge_cli, name="knowledge")
jobs_cli = typer.Typer(help="Scheduled work: reminders, polls, check-ins.", no_args_is_help=True)
cli.add_typer(outbox_cli, name="outbox")
cli.add_typer(jobs_cli, name="jobs")
memory_cli = typer.Typer(help="The collective memory after the booklet.", no_args_is_help=True)
cli.add_typer(memory_cli, name="memory")


def _setup_logging(settings: Settings, quiet: bool = False) -> None:
    level = (
        logging.WARNING if quiet else getattr(logging, settings.log_level.upper(), logging.INFO)
    )
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    # Libraries are chatty at INFO (every HTTP request); keep them at WARNING.
    for name in ("httpx", "apscheduler", "telegram.ext", "aiohttp.access", "alembic"):
        logging.getLogger(name).setLevel(logging.WARNING)


def _with_services(work: Callable[[Services], Awaitable[T]]) -> T:
    """Run `work` on services built from the environment, and close them afterwards."""
    settings = Settings()
    _setup_logging(settings, quiet=True)
    services = build_services(settings)

    async def go() -> T:
        try:
            return await work(services)
        finally:
            await services.close()

    return asyncio.run(go())


@cli.command()
def run() -> None:
    """Serve every platform that has credentials; with none, open the console chat."""
    from bot.runtime import console, serve_forever

    settings = Settings()
    services = build_services(settings)
    if settings.has_telegram or settings.has_slack:
        _setup_logging(settings)
        asyncio.run(serve_forever(services))
    else:
        _setup_logging(settings, quiet=True)
        asyncio.run(console(services, announce_credentials=True))


@cli.command("console")
def console_command() -> None:
    """Chat with the bot in the terminal (reads stdin when it is not a terminal)."""
    from bot.runtime import console

    settings = Settings()
    _setup_logging(settings, quiet=True)
    asyncio.run(console(build_services(settings)))


@db_cli.command("upgrade")
def db_upgrade() -> None:
    """Run the database migrations up to the newest version."""
    from bot.db.migrate import current_revision, upgrade

    async def go(services: Services) -> str | None:
        await upgrade(services.engine)
        return await current_revision(services.engine)

    typer.echo(f"database at revision {_with_services(go)}")


@lessons_cli.command("search")
def lessons_search(
    query: list[str],
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    limit: int = typer.Option(5, "--limit", min=1, max=50),
) -> None:
    """Search the booklet's lessons, best first."""
    from knowledge.loader import load_knowledge
    from knowledge.search import LessonIndex

    index = LessonIndex(load_knowledge())
    index.set_extra(_harvested_lessons())
    hits = index.search(" ".join(query), limit=limit)
    rows = [
        {
            "id": hit.lesson.id,
            "theme": hit.lesson.theme,
            "source": hit.lesson.source,
            "title": hit.lesson.title,
            "score": round(hit.score, 4),
        }
        for hit in hits
    ]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        typer.echo("geen relevante lessen gevonden")
        raise typer.Exit(code=0)
    for row in rows:
        typer.echo(f"{row['score']:7.3f}  {row['id']:<14} §{row['source']:<10} {row['title']}")


@lessons_cli.command("export")
def lessons_export(as_json: bool = typer.Option(True, "--json", help="Print JSON.")) -> None:
    """Every lesson unit with id, theme, source, title and text."""
    from knowledge.loader import load_knowledge

    rows = [
        {
            "id": lesson.id,
            "theme": lesson.theme,
            "source": lesson.source,
            "title": lesson.title,
            "text": lesson.text,
        }
        for lesson in (*load_knowledge().lessons, *_harvested_lessons())
    ]
    typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))


def _harvested_lessons() -> list[Lesson]:
    """The lessons harvested after the booklet, from the configured database; none when it
    does not exist yet or was never migrated (a search never creates a database)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    from handlers.memory import harvested_lessons

    settings = Settings()
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and not Path(url.database or "").is_file():
        return []

    async def go(services: Services) -> list[Lesson]:
        try:
            async with services.database() as db:
                return await harvested_lessons(db, settings.tz)
        except SQLAlchemyError:
            return []

    return _with_services(go)


@memory_cli.command("export")
def memory_export(
    fmt: str = typer.Option("md", "--format", help="md or html"),
    lang: str = typer.Option("nl", "--lang", help="nl or en"),
    output: str = typer.Option("", "--output", "-o", help="write to this file"),
) -> None:
    """The tussenbalans: per theme the booklet's and the harvested lessons, the applied
    stories, the books and verdicts, the meetings."""
    from handlers.memory import tussenbalans_document

    if fmt not in ("md", "html") or lang not in ("nl", "en"):
        typer.echo("use --format md|html and --lang nl|en", err=True)
        raise typer.Exit(code=2)

    async def go(services: Services) -> str:
        await prepare(services)
        async with services.database() as db:
            return await tussenbalans_document(services, db, fmt, lang)

    document = _with_services(go)
    if not output:
        typer.echo(document, nl=False)
    else:
        Path(output).write_text(document, encoding="utf-8")
        typer.echo(f"tussenbalans written to {output}")


@knowledge_cli.command("check")
def knowledge_check() -> None:
    """Validate knowledge/data: schema, unique ids, known sources, no empty texts."""
    from knowledge.loader import check

    problems = check()
    for problem in problems:
        typer.echo(problem, err=True)
    if problems:
        raise typer.Exit(code=1)
    typer.echo("knowledge files are valid")


@outbox_cli.command("status")
def outbox_status() -> None:
    """How many messages are pending, sent, failed or uncertain; the uncertain ones by key."""
    from sqlalchemy import func, select

    from bot.db.models import OutboxMessage
    from bot.db.models.scheduling import OUT_UNCERTAIN

    async def go(services: Services) -> tuple[list[tuple[str, int]], list[str]]:
        await prepare(services)
        async with services.database() as db:
            counts = await db.execute(
                select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
            )
            uncertain = await db.scalars(
                select(OutboxMessage.key)
                .where(OutboxMessage.status == OUT_UNCERTAIN)
                .order_by(OutboxMessage.id)
            )
            return [(str(s), int(n)) for s, n in counts.all()], list(uncertain.all())

    counts, uncertain = _with_services(go)
    for status, number in sorted(counts):
        typer.echo(f"{status:<10} {number}")
    for key in uncertain:
        typer.echo(f"uncertain: {key}")


@outbox_cli.command("requeue")
def outbox_requeue(
    key_prefix: str = typer.Argument(..., help="e.g. 'reminder:session:3' or 'broadcast:'"),
) -> None:
    """Send uncertain messages once more; they may arrive twice (see README, the outbox)."""
    from scheduler.outbox import requeue_uncertain

    async def go(services: Services) -> int:
        await prepare(services)
        async with services.database() as db, db.begin():
            return await requeue_uncertain(db, key_prefix=key_prefix, now=services.clock.now())

    typer.echo(f"{_with_services(go)} message(s) queued again; a running bot sends them")


def main() -> None:
    cli()


@jobs_cli.command("list")
def jobs_list(
    session: int | None = typer.Option(None, "--session", help="only this meeting's steps"),
) -> None:
    """What will run when: pending jobs by due time (local time), with kind and key."""
    from scheduler.jobs import pending_jobs

    async def go(services: Services) -> list[tuple[str, str, str]]:
        await prepare(services)
        tz = services.settings.tz
        return [
            (job.due_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"), job.kind, job.key)
            for job in await pending_jobs(services, session_id=session)
        ]

    rows = _with_services(go)
    if not rows:
        typer.echo("nothing scheduled")
    for due, kind, key in rows:
        typer.echo(f"{due}  {kind:<18} {key}")


@jobs_cli.command("run")
def jobs_run(
    key: str = typer.Argument(..., help="the job's key, as `copbot jobs list` shows it"),
    yes: bool = typer.Option(False, "--yes", "-y", help="do not ask for confirmation"),
) -> None:
    """Run one pending job now (e.g. a reminder, to try it): what it sends goes out for real."""
    from scheduler.jobs import run_now

    if not yes and not typer.confirm(
        f"Run {key} now? What it sends goes to the participants for real.", default=False
    ):
        raise typer.Exit(code=1)

    async def go(services: Services) -> str | None:
        await prepare(services)
        return await run_now(services, key)

    status = _with_services(go)
    if status is None:
        typer.echo(f"no pending job with key {key} (see `copbot jobs list`)", err=True)
        raise typer.Exit(code=1)
    typer.echo(f"{key}: {status}; a running bot delivers what it queued")


@cli.command("commands")
def commands_table() -> None:
    """The chat commands as the README's Markdown tables (participants, organisers)."""
    from bot.wiring import build_registry
    from handlers.help import command_tables

    typer.echo(command_tables(build_registry()), nl=False)
