"""A meeting's page in the collective memory (`/geschiedenis 5`): theme, place, programme, who
came and from which cities, the book and its verdicts, the lessons harvested, applied stories."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.dates import format_date
from bot.core.i18n import Texts
from bot.core.lists import join_names
from bot.db.models import Book, BookPick, MemoryAnswer, Participant, Session, Verdict
from bot.kernel.services import Services
from handlers.memory.storage import came, contributor_names, items_of, lessons_of

PAGE = Texts(
    {
        "title": {
            "nl": "Bijeenkomst {id}: {theme}\n{date}, {place}",
            "en": "Meeting {id}: {theme}\n{date}, {place}",
        },
        "programme": {"nl": "Programma:", "en": "Programme:"},
        "came": {
            "nl": "Er kwamen {count} deelnemers{cities}.",
            "en": "{count} participants came{cities}.",
        },
        "from": {"nl": ", uit {cities}", "en": ", from {cities}"},
        "book": {
            "nl": "Het boek: {title}{author}{verdicts}",
            "en": "The book: {title}{author}{verdicts}",
        },
        "lessons": {
            "nl": "Geoogste lessen (/les vindt ze):",
            "en": "Harvested lessons (/les finds them):",
        },
        "lesson": {"nl": "• L{id} {title}{names}", "en": "• L{id} {title}{names}"},
        "by": {"nl": " (van {names})", "en": " (by {names})"},
        "stories": {
            "nl": "Wat deelnemers er in hun eigen stad mee deden:",
            "en": "What participants did with it in their own city:",
        },
        "nothing_yet": {
            "nl": "Nog geen lessen geoogst (de voorbereidingsgroep: /oogst {id}).",
            "en": "No lessons harvested yet (the preparation group: /oogst {id}).",
        },
        "no_theme": {"nl": "(geen thema)", "en": "(no theme)"},
    }
)


async def applied_stories(db: AsyncSession, meeting_id: int) -> list[str]:
    """The answers to the three-month question, without names."""
    rows = await db.scalars(
        select(MemoryAnswer.followup)
        .where(MemoryAnswer.session_id == meeting_id, MemoryAnswer.followup.is_not(None))
        .order_by(MemoryAnswer.followup_at, MemoryAnswer.id)
    )
    return [str(text) for text in rows.all() if text]


async def book_lines(db: AsyncSession, meeting_id: int, lang: str) -> list[str]:
    picks = (
        await db.scalars(
            select(Book)
            .join(BookPick, BookPick.book_id == Book.id)
            .where(BookPick.session_id == meeting_id)
        )
    ).all()
    lines = []
    for book in picks:
        verdicts = (
            await db.execute(
                select(Verdict.verdict, func.count())
                .where(Verdict.book_id == book.id)
                .group_by(Verdict.verdict)
                .order_by(Verdict.verdict)
            )
        ).all()
        said = ", ".join(v if n == 1 else f"{v} ({n}×)" for v, n in verdicts)
        lines.append(
            PAGE(
                lang,
                "book",
                title=book.title,
                author=f" ({book.author})" if book.author else "",
                verdicts=f": {said}" if said else "",
            )
        )
    return lines


async def meeting_memory(
    services: Services, db: AsyncSession, meeting_id: int, lang: str
) -> str | None:
    """The page of one meeting, or None when there is no such (planned) meeting."""
    meeting = await db.get(Session, meeting_id)
    if meeting is None or not meeting.is_planned:
        return None
    tz = services.settings.tz
    lines = [
        PAGE(
            lang,
            "title",
            id=meeting.id,
            theme=meeting.theme or PAGE(lang, "no_theme"),
            date=format_date(meeting.starts_at, lang, tz),
            place=meeting.place or "?",
        )
    ]
    items = await items_of(db, meeting.id)
    if items:
        lines += ["", PAGE(lang, "programme")]
        lines += [f"• {' '.join(p for p in (item.time, item.title) if p)}" for item in items]
    elif meeting.programme:
        lines += ["", PAGE(lang, "programme"), meeting.programme]
    people = await came(db, meeting.id)
    if people:
        rows = await db.scalars(select(Participant.city).where(Participant.id.in_(people)))
        cities = Counter(city for city in rows.all() if city)
        named = [city for city, _ in sorted(cities.items(), key=lambda c: (-c[1], c[0]))]
        where = PAGE(lang, "from", cities=join_names(named, lang)) if named else ""
        lines += ["", PAGE(lang, "came", count=len(people), cities=where)]
    books = await book_lines(db, meeting.id, lang)
    if books:
        lines += ["", *books]
    lessons = await lessons_of(db, meeting.id)
    if lessons:
        lines += ["", PAGE(lang, "lessons")]
        for lesson in lessons:
            names, _ = await contributor_names(db, lesson.id)
            by = PAGE(lang, "by", names=join_names(names, lang)) if names else ""
            lines.append(PAGE(lang, "lesson", id=lesson.id, title=lesson.title, names=by))
    elif meeting.starts_at < services.clock.now():
        lines += ["", PAGE(lang, "nothing_yet", id=meeting.id)]
    stories = await applied_stories(db, meeting.id)
    if stories:
        lines += ["", PAGE(lang, "stories"), *(f"• {story}" for story in stories)]
    return "\n".join(lines)
