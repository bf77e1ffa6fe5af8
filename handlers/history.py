"""/geschiedenis: the CoP's collective memory: past sessions, book verdicts, lesson themes.

Booklet, appendix 1 point 3 "Stabiele kern en collectief geheugen": newcomers connect quickly
when what the group did is easy to find. A newcomer gets this on pairing.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.dates import format_date
from bot.core.i18n import Texts
from bot.core.lists import join_names
from bot.core.messages import Reply
from bot.db.models import Book, Session, Verdict
from bot.kernel.lookup import parse_id
from bot.kernel.services import Context, Registry, Services
from handlers.memory import meeting_memory

# The most recent sessions shown; older ones are summed up in one line.
MAX_SESSIONS = 12
MAX_PROGRAMME = 300

TEXTS = Texts(
    {
        "source": {
            "nl": "Uit het boekje: §1.7 en bijlage 1, les 3 (een stabiele kern)",
            "en": "From the booklet: §1.7 and appendix 1, lesson 3 (a stable core)",
        },
        "header": {
            "nl": "Het collectief geheugen van de CoP wijkenaanpak: zo kun je snel aansluiten.",
            "en": "The collective memory of the CoP wijkenaanpak, so you can connect quickly.",
        },
        "sessions": {"nl": "Eerdere bijeenkomsten:", "en": "Past sessions:"},
        "session_line": {
            "nl": "• {id}. {date}, {place}: {theme}",
            "en": "• {id}. {date}, {place}: {theme}",
        },
        "no_theme": {"nl": "(geen thema)", "en": "(no theme)"},
        "older": {
            "nl": "  … en {count} eerdere bijeenkomsten.",
            "en": "  … and {count} earlier sessions.",
        },
        "no_sessions": {
            "nl": "Nog geen bijeenkomsten in de bot. Uit het boekje, de thema's van eerdere "
            "bijeenkomsten: {themes}.",
            "en": "No sessions in the bot yet. From the booklet, themes of earlier sessions: "
            "{themes}.",
        },
        "booklet_themes": {
            "nl": "Thema's van bijeenkomsten uit het boekje: {themes}.",
            "en": "Session themes from the booklet: {themes}.",
        },
        "books": {"nl": "Leesclub, oordelen:", "en": "Reading club, verdicts:"},
        "book_line": {
            "nl": "• {title}{author}: {verdicts}",
            "en": "• {title}{author}: {verdicts}",
        },
        "latest": {
            "nl": "Lees hoe de laatste bijeenkomsten gingen: {commands}.",
            "en": "Read how the last meetings went: {commands}.",
        },
        "one_meeting": {
            "nl": "Eén bijeenkomst bekijken: /geschiedenis <nummer>.",
            "en": "One meeting in full: /geschiedenis <number>.",
        },
        "no_meeting": {
            "nl": "Ik ken geen bijeenkomst {ref}. /geschiedenis toont ze allemaal.",
            "en": "I know no meeting {ref}. /geschiedenis lists them all.",
        },
        "lessons": {
            "nl": "Thema's van onze lessen (/les <thema>): {themes}.",
            "en": "Themes of our lessons (/lesson <theme>): {themes}.",
        },
    }
)


async def past_sessions(db: AsyncSession, now: datetime) -> list[Session]:
    return list(
        (
            await db.scalars(
                select(Session)
                .where(Session.status == "planned", Session.starts_at < now)
                .order_by(Session.starts_at.desc())
            )
        ).all()
    )


async def verdict_lines(services: Services, db: AsyncSession, lang: str) -> list[str]:
    """Verdicts per book as stored by the reading club; the booklet's own when there are none."""
    rows = (
        await db.execute(
            select(Book.title, Book.author, Verdict.verdict, func.count())
            .join(Verdict, Verdict.book_id == Book.id)
            .group_by(Book.id, Book.title, Book.author, Verdict.verdict)
            .order_by(Book.title)
        )
    ).all()
    by_book: dict[tuple[str, str | None], list[str]] = {}
    for title, author, verdict, count in rows:
        label = verdict if count == 1 else f"{verdict} ({count}×)"
        by_book.setdefault((title, author), []).append(label)
    if not by_book:
        for book in services.knowledge.books:
            by_book[(book.title, book.author)] = [book.verdict]
    return [
        TEXTS(
            lang,
            "book_line",
            title=title,
            author=f" ({author})" if author else "",
            verdicts=", ".join(verdicts),
        )
        for (title, author), verdicts in by_book.items()
    ]


async def history_text(services: Services, db: AsyncSession, now: datetime, lang: str) -> str:
    tz = services.settings.tz
    knowledge = services.knowledge
    lines = [TEXTS(lang, "header"), ""]
    sessions = await past_sessions(db, now)
    booklet_themes = ", ".join(knowledge.past_themes)
    if sessions:
        lines.append(TEXTS(lang, "sessions"))
        for session in sessions[:MAX_SESSIONS]:
            lines.append(
                TEXTS(
                    lang,
                    "session_line",
                    id=session.id,
                    date=format_date(session.starts_at, lang, tz),
                    place=session.place or "?",
                    theme=session.theme or TEXTS(lang, "no_theme"),
                )
            )
            if session.programme:
                programme = " ".join(session.programme.split())
                if len(programme) > MAX_PROGRAMME:
                    programme = programme[: MAX_PROGRAMME - 1] + "…"
                lines.append(f"  {programme}")
        if len(sessions) > MAX_SESSIONS:
            lines.append(TEXTS(lang, "older", count=len(sessions) - MAX_SESSIONS))
        if booklet_themes:
            lines.append(TEXTS(lang, "booklet_themes", themes=booklet_themes))
        # A newcomer connects fastest through the last two meetings' pages.
        latest = join_names((f"/geschiedenis {s.id}" for s in sessions[:2]), lang)
        lines.append(TEXTS(lang, "latest", commands=latest))
        lines.append(TEXTS(lang, "one_meeting"))
    else:
        lines.append(TEXTS(lang, "no_sessions", themes=booklet_themes))
    books = await verdict_lines(services, db, lang)
    if books:
        lines += ["", TEXTS(lang, "books"), *books]
    themes = ", ".join(
        f"{t.name_en if lang == 'en' else t.name_nl} ({t.slug})" for t in knowledge.themes
    )
    lines += ["", TEXTS(lang, "lessons", themes=themes)]
    return "\n".join(lines)


async def history_reply(services: Services, db: AsyncSession, now: datetime, lang: str) -> Reply:
    return Reply(await history_text(services, db, now, lang), context=TEXTS(lang, "source"))


async def history(ctx: Context) -> Reply:
    if ctx.args.strip():
        # "/geschiedenis 5": that meeting's page in the memory.
        number = parse_id(ctx.args)
        page = None
        if number is not None:
            page = await meeting_memory(ctx.services, ctx.db, number, ctx.lang)
        if page is None:
            return Reply(ctx.t(TEXTS, "no_meeting", ref=ctx.args.strip()))
        return Reply(page)
    return await history_reply(ctx.services, ctx.db, ctx.now, ctx.lang)


def register(registry: Registry) -> None:
    registry.command(
        "geschiedenis",
        history,
        name_en="history",
        aliases=("history", "historie"),
        help_nl="het collectief geheugen: eerdere bijeenkomsten, boekoordelen, thema's; "
        "/geschiedenis 5: één bijeenkomst",
        help_en="the collective memory: past sessions, book verdicts, themes; "
        "/history 5: one meeting",
        usage="/geschiedenis [nummer]",
    )
