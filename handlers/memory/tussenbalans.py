"""The tussenbalans: the next booklet in the making. Per theme the booklet's lessons and the
harvested ones, the applied stories; then the books and their verdicts and the meetings with
their themes. Markdown or HTML, for `copbot memory export` and `/tussenbalans` (organisers).
"""

from __future__ import annotations

import html
from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.dates import format_date
from bot.core.i18n import Texts
from bot.core.messages import Attachment, Reply
from bot.db.models import Book, MemoryAnswer, Session, Verdict
from bot.db.models.sessions import PLANNED
from bot.kernel.services import Context, Registry, Services
from handlers.memory.storage import contributor_names, lessons_of, origin
from handlers.memory.texts import TEXTS

FORMATS = ("md", "html")

DOC = Texts(
    {
        "title": {
            "nl": "Tussenbalans van de CoP wijkenaanpak",
            "en": "Interim balance of the CoP wijkenaanpak",
        },
        "intro": {
            "nl": "Het boekje oogstte de eerste zeven bijeenkomsten. Dit is wat er sindsdien "
            "bij kwam, naast wat het boekje al wist: per thema de lessen, wat deelnemers er in "
            "hun eigen stad mee deden, de boeken en de bijeenkomsten. Stand van {date}.",
            "en": "The booklet harvested the first seven meetings. This is what came since, "
            "beside what the booklet already knew: per theme the lessons, what participants "
            "did with them in their own city, the books and the meetings. As of {date}.",
        },
        "themes": {"nl": "Lessen per thema", "en": "Lessons per theme"},
        "booklet": {"nl": "Uit het boekje", "en": "From the booklet"},
        "harvested": {"nl": "Geoogst na het boekje", "en": "Harvested after the booklet"},
        "applied": {"nl": "Toegepast in de eigen stad", "en": "Applied in their own city"},
        "books": {"nl": "Boeken en oordelen", "en": "Books and verdicts"},
        "meetings": {"nl": "De bijeenkomsten", "en": "The meetings"},
        "meeting": {
            "nl": "Bijeenkomst {id}, {date}, {place}: {theme} ({count} lessen)",
            "en": "Meeting {id}, {date}, {place}: {theme} ({count} lessons)",
        },
        "by": {"nl": "bijdragers: {names}", "en": "contributors: {names}"},
        "story": {
            "nl": "Toegepast na bijeenkomst {id}: {text}",
            "en": "Applied after meeting {id}: {text}",
        },
    }
)


def booklet_label(source: str) -> str:
    """ "§2.4", "bijlage 1", "VAN→NAAR": where in the booklet a lesson stands."""
    if source == "van-naar":
        return "VAN→NAAR"
    if source.startswith("bijlage-"):
        return source.replace("-", " ")
    return f"§{source}"


Block = tuple[str, str]  # ("h1" | "h2" | "h3" | "h4" | "p" | "li", text)


async def _blocks(services: Services, db: AsyncSession, lang: str) -> list[Block]:
    knowledge, tz, now = services.knowledge, services.settings.tz, services.clock.now()
    blocks: list[Block] = [
        ("h1", DOC(lang, "title")),
        ("p", DOC(lang, "intro", date=format_date(now, lang, tz))),
        ("h2", DOC(lang, "themes")),
    ]
    harvested = await lessons_of(db)
    by_theme = defaultdict(list)
    for lesson in harvested:
        by_theme[lesson.theme].append(lesson)
    stories = (
        await db.execute(
            select(MemoryAnswer.lesson_id, MemoryAnswer.session_id, MemoryAnswer.followup)
            .where(MemoryAnswer.followup.is_not(None))
            .order_by(MemoryAnswer.session_id, MemoryAnswer.id)
        )
    ).all()
    story_of: dict[int, list[str]] = defaultdict(list)
    # Stories whose answer became no lesson are told with their meeting.
    loose: dict[int, list[str]] = defaultdict(list)
    for lesson_id, meeting_id, text in stories:
        (story_of[lesson_id] if lesson_id is not None else loose[meeting_id]).append(str(text))
    for theme in knowledge.themes:
        blocks.append(("h3", theme.name_en if lang == "en" else theme.name_nl))
        booklet = [u for u in knowledge.lessons if u.theme == theme.slug and u.van is None]
        if booklet:
            blocks.append(("h4", DOC(lang, "booklet")))
            blocks += [("li", f"{u.title} ({booklet_label(u.source)})") for u in booklet]
        mine = by_theme.get(theme.slug, [])
        if mine:
            blocks.append(("h4", DOC(lang, "harvested")))
            for lesson in mine:
                names, _ = await contributor_names(db, lesson.id)
                by = f"; {DOC(lang, 'by', names=', '.join(names))}" if names else ""
                where = origin(lesson, lang, tz)
                blocks.append(("li", f"{lesson.title}: {lesson.text} ({where}{by})"))
        applied = [text for lesson in mine for text in story_of.get(lesson.id, [])]
        if applied:
            blocks.append(("h4", DOC(lang, "applied")))
            blocks += [("li", text) for text in applied]
    blocks.append(("h2", DOC(lang, "books")))
    verdicts = (
        await db.execute(
            select(Book.title, Book.author, Verdict.verdict, func.count())
            .join(Verdict, Verdict.book_id == Book.id)
            .group_by(Book.id, Book.title, Book.author, Verdict.verdict)
            .order_by(Book.title, Verdict.verdict)
        )
    ).all()
    said: dict[tuple[str, str | None], list[str]] = {}
    for title, author, verdict, count in verdicts:
        said.setdefault((title, author), []).append(
            verdict if count == 1 else f"{verdict} ({count}×)"
        )
    if not said:
        for book in knowledge.books:
            said[(book.title, book.author)] = [book.verdict]
    for (title, author), labels in said.items():
        blocks.append(("li", f"{title}{f' ({author})' if author else ''}: {', '.join(labels)}"))
    blocks.append(("h2", DOC(lang, "meetings")))
    blocks += [("li", theme) for theme in knowledge.past_themes]
    meetings = await db.scalars(
        select(Session)
        .where(Session.status == PLANNED, Session.starts_at < now)
        .order_by(Session.starts_at)
    )
    for meeting in meetings.all():
        count = sum(1 for lesson in harvested if lesson.session_id == meeting.id)
        blocks.append(
            (
                "li",
                DOC(
                    lang,
                    "meeting",
                    id=meeting.id,
                    date=format_date(meeting.starts_at, lang, tz),
                    place=meeting.place or "?",
                    theme=meeting.theme or "-",
                    count=count,
                ),
            )
        )
        blocks += [
            ("li", DOC(lang, "story", id=meeting.id, text=text)) for text in loose[meeting.id]
        ]
    return blocks


def markdown(blocks: list[Block]) -> str:
    marks = {"h1": "# ", "h2": "## ", "h3": "### ", "h4": "#### ", "li": "- ", "p": ""}
    lines: list[str] = []
    for kind, text in blocks:
        if kind != "li" or (lines and not lines[-1].startswith("- ")):
            lines.append("")
        lines.append(marks[kind] + text)
    return "\n".join(lines).strip() + "\n"


def to_html(blocks: list[Block], title: str) -> str:
    head = f'<head><meta charset="utf-8"><title>{html.escape(title)}</title></head>'
    out = ["<!DOCTYPE html>", '<html lang="nl">', head, "<body>"]
    in_list = False
    for kind, text in blocks:
        if kind == "li" and not in_list:
            out.append("<ul>")
            in_list = True
        elif kind != "li" and in_list:
            out.append("</ul>")
            in_list = False
        out.append(f"<{kind}>{html.escape(text)}</{kind}>")
    if in_list:
        out.append("</ul>")
    out.append("</body>\n</html>\n")
    return "\n".join(out)


async def tussenbalans_document(
    services: Services, db: AsyncSession, fmt: str = "md", lang: str = "nl"
) -> str:
    """The document in `fmt` ("md" or "html")."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    blocks = await _blocks(services, db, lang)
    return markdown(blocks) if fmt == "md" else to_html(blocks, DOC(lang, "title"))


async def tussenbalans(ctx: Context) -> Reply:
    fmt = "html" if ctx.args.strip().lower() == "html" else "md"
    content = await tussenbalans_document(ctx.services, ctx.db, fmt, ctx.lang)
    mime = "text/html" if fmt == "html" else "text/markdown"
    attachment = Attachment(f"tussenbalans.{fmt}", content.encode("utf-8"), mime)
    return Reply(ctx.t(TEXTS, "tussenbalans_sent"), attachment=attachment)


def register(registry: Registry) -> None:
    registry.command(
        "tussenbalans",
        tussenbalans,
        name_en="interim",
        aliases=("interim",),
        organiser_only=True,
        help_nl="de tussenbalans als bestand: boekje en oogst per thema (md of html)",
        help_en="the interim balance as a file: booklet and harvest per theme (md or html)",
        usage="/tussenbalans [html]",
    )
