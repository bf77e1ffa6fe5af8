"""The reading club (booklet §1.6): /boek and /boeken, picks, presenters and their verdicts.

Every meeting opens with a book or report discussion by 2 or 3 participants. Participants
propose books, an organiser picks one (or more) for a session, participants volunteer to
present, a week before the session the presenters are reminded, and the day after they are
asked for their verdict: bruikbaar, aan het denken gezet or niet doorheen te komen, with one
line for their colleagues. The booklet's two books are seeded on first use.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from rapidfuzz import fuzz, process
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.context import Context
from bot.dates import format_date, format_datetime
from bot.db.models import Book, BookPick, Participant, Presenter, Rsvp, Session, Verdict
from bot.db.models.books import (
    MAX_PRESENTERS,
    SOURCE_BOOKLET,
    SOURCE_MEMBER,
    THOUGHT_PROVOKING,
    UNREADABLE,
    USEFUL,
    VERDICTS,
)
from bot.db.models.sessions import PLANNED
from bot.dispatch import TELEGRAM_ANONYMOUS_ADMIN
from bot.features import Registry
from bot.i18n import language_of
from bot.messages import Button, Reply
from handlers.books_texts import TEXTS
from scheduler.jobs import JobContext
from scheduler.outbox import enqueue
from scheduler.timeline import session_of

MAX_INPUT = 600
MAX_TITLE = 200
MAX_AUTHOR = 120
MAX_LINK = 500
MAX_TAKE = 280  # one line
# Titles this similar (0-100, on normalised titles) are the same book.
DUPLICATE_SCORE = 88
SEARCH_SCORE = 70
LATEST_VERDICTS = 3
SUGGESTED_PRESENTERS = 4
# Who presented at a session this close before the picked one is not suggested again.
RECENTLY = timedelta(days=120)

CALLBACK = "boek"
VERDICT_CODES = {"b": USEFUL, "d": THOUGHT_PROVOKING, "n": UNREADABLE}
# What people type for a verdict, longest first so "niet doorheen" wins over "niet".
VERDICT_WORDS = sorted(
    {
        "bruikbaar": USEFUL,
        "nuttig": USEFUL,
        "useful": USEFUL,
        "aan het denken gezet": THOUGHT_PROVOKING,
        "aan het denken": THOUGHT_PROVOKING,
        "denken": THOUGHT_PROVOKING,
        "made me think": THOUGHT_PROVOKING,
        "thought-provoking": THOUGHT_PROVOKING,
        "niet doorheen te komen": UNREADABLE,
        "niet doorheen": UNREADABLE,
        "onleesbaar": UNREADABLE,
        "impossible to get through": UNREADABLE,
        "unreadable": UNREADABLE,
    }.items(),
    key=lambda item: -len(item[0]),
)
SUBCOMMANDS = {
    **dict.fromkeys(("voorstel", "stel", "propose", "suggest", "nieuw"), "propose"),
    **dict.fromkeys(("presenteer", "presenteren", "present"), "present"),
    **dict.fromkeys(("kies", "pick", "choose"), "pick"),
    **dict.fromkeys(("oordeel", "verdict", "review"), "verdict"),
    **dict.fromkeys(("zoek", "search", "find"), "search"),
    **dict.fromkeys(("lijst", "alle", "list", "all"), "library"),
}
ARTICLES = {"de", "het", "een", "the", "a", "an"}
URL = re.compile(r"https?://\S+", re.IGNORECASE)
ID = re.compile(r"^#?(\d{1,9})$")
TAKE_DIALOGUE = "book-take"


# -- pure helpers -------------------------------------------------------------------------


def normalise_title(text: str) -> str:
    """Case, accents, punctuation and a leading article do not make another book."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    words = re.findall(r"\w+", folded)
    if len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    return " ".join(words) or " ".join(folded.split())


def similarity(a: str, b: str) -> float:
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))


def parse_proposal(text: str) -> tuple[str, str | None, str | None]:
    """ "Afri — Jutta Chorus https://…" → ("Afri", "Jutta Chorus", "https://…").

    The author follows an em or en dash, " - " or " door "; a link may be anywhere.
    """
    link = None
    match = URL.search(text)
    if match:
        link = match.group(0).rstrip(".,;)")
        text = text[: match.start()] + " " + text[match.end() :]
    text = " ".join(text.split())
    title, author = text, ""
    for separator in ("—", "–"):
        if separator in text:
            title, _, author = text.partition(separator)
            break
    else:
        parts = re.split(r"\s+door\s+", text, flags=re.IGNORECASE)
        if len(parts) > 1:
            title, author = " door ".join(parts[:-1]), parts[-1]
        elif " - " in text:
            title, _, author = text.rpartition(" - ")
    strip = " -—–\"'“”‘’«»"
    return title.strip(strip), (author.strip(strip) or None), link


def parse_verdict(text: str) -> tuple[str, str] | None:
    """ "niet doorheen te komen Veel te dik." → (UNREADABLE, "Veel te dik.")."""
    lowered = text.lower()
    for words, verdict in VERDICT_WORDS:
        if lowered == words or lowered.startswith(words + " "):
            return verdict, text[len(words) :].strip()
    return None


def parse_id(text: str) -> int | None:
    match = ID.match(text.strip())
    return int(match[1]) if match else None


def one_line(text: str) -> str:
    return " ".join(text.split())


# -- storage ------------------------------------------------------------------------------


async def seed_booklet_books(ctx: Context) -> int:
    """Add the booklet's books (with the booklet's verdict) that are not there yet."""
    if ctx.app.services.get("books_seeded"):
        return 0
    records = ctx.app.knowledge.books
    present = set(
        (await ctx.db.scalars(select(Book.booklet_id).where(Book.booklet_id.is_not(None)))).all()
    )
    added = 0
    for record in records:
        if record.id in present:
            continue
        try:
            async with ctx.db.begin_nested():
                book = Book(
                    title=record.title,
                    author=record.author,
                    source=SOURCE_BOOKLET,
                    booklet_id=record.id,
                    created_at=ctx.now,
                )
                ctx.db.add(book)
                await ctx.db.flush()
                ctx.db.add(
                    Verdict(
                        book_id=book.id,
                        participant_id=None,
                        verdict=record.verdict,
                        take=record.summary,
                        created_at=ctx.now,
                    )
                )
                await ctx.db.flush()
        except IntegrityError:  # seeded at the same moment by another update
            continue
        added += 1
    if added == 0:
        ctx.app.services["books_seeded"] = True
    return added


@dataclass
class PresenterRow:
    presenter: Presenter
    person: Participant
    pick: BookPick
    book: Book


async def upcoming_sessions(db: AsyncSession, now: datetime) -> list[Session]:
    rows = await db.scalars(
        select(Session)
        .where(Session.status == PLANNED, Session.ends_at > now)
        .order_by(Session.starts_at, Session.id)
    )
    return list(rows.all())


async def picks_of(db: AsyncSession, session_id: int) -> list[tuple[BookPick, Book]]:
    rows = await db.execute(
        select(BookPick, Book)
        .join(Book, BookPick.book_id == Book.id)
        .where(BookPick.session_id == session_id)
        .order_by(BookPick.created_at, BookPick.id)
    )
    return [(pick, book) for pick, book in rows.all()]


async def presenters_of(db: AsyncSession, session_id: int) -> list[PresenterRow]:
    rows = await db.execute(
        select(Presenter, Participant, BookPick, Book)
        .join(Participant, Presenter.participant_id == Participant.id)
        .join(BookPick, Presenter.pick_id == BookPick.id)
        .join(Book, BookPick.book_id == Book.id)
        .where(BookPick.session_id == session_id)
        .order_by(Presenter.created_at, Presenter.id)
    )
    return [PresenterRow(*row) for row in rows.all()]


async def upcoming_pick(
    db: AsyncSession, book_id: int, now: datetime
) -> tuple[BookPick, Session] | None:
    row = (
        await db.execute(
            select(BookPick, Session)
            .join(Session, BookPick.session_id == Session.id)
            .where(BookPick.book_id == book_id, Session.status == PLANNED, Session.ends_at > now)
            .order_by(Session.starts_at)
            .limit(1)
        )
    ).first()
    return (row[0], row[1]) if row else None


async def verdicts_of(
    db: AsyncSession, book_ids: Sequence[int] | None = None, limit: int | None = None
) -> list[tuple[Verdict, Book, Participant | None]]:
    query = (
        select(Verdict, Book, Participant)
        .join(Book, Verdict.book_id == Book.id)
        .outerjoin(Participant, Verdict.participant_id == Participant.id)
        .order_by(Verdict.created_at.desc(), Verdict.id.desc())
    )
    if book_ids is not None:
        query = query.where(Verdict.book_id.in_(book_ids))
    if limit is not None:
        query = query.limit(limit)
    return [(v, b, p) for v, b, p in (await db.execute(query)).all()]


async def find_duplicate(db: AsyncSession, title: str) -> Book | None:
    wanted = normalise_title(title)
    best: tuple[float, Book] | None = None
    for book in (await db.scalars(select(Book))).all():
        score = similarity(wanted, normalise_title(book.title))
        if score >= DUPLICATE_SCORE and (best is None or score > best[0]):
            best = (score, book)
    return best[1] if best else None


async def save_verdict(ctx: Context, book: Book, verdict: str, take: str) -> Verdict:
    """The reader's verdict on `book`; a later one replaces the earlier."""
    discussed = await ctx.db.scalar(
        select(BookPick.session_id)
        .join(Session, BookPick.session_id == Session.id)
        .where(BookPick.book_id == book.id, Session.starts_at <= ctx.now)
        .order_by(Session.starts_at.desc())
        .limit(1)
    )
    row = await ctx.db.scalar(
        select(Verdict).where(
            Verdict.book_id == book.id, Verdict.participant_id == ctx.participant.id
        )
    )
    if row is None:
        row = Verdict(book_id=book.id, participant_id=ctx.participant.id)
        ctx.db.add(row)
    row.verdict = verdict
    row.take = take
    row.created_at = ctx.now
    row.session_id = discussed
    await ctx.db.flush()
    return row


# -- showing things -----------------------------------------------------------------------


def label(book: Book) -> str:
    return f"{book.title} — {book.author}" if book.author else book.title


def is_organiser(ctx: Context) -> bool:
    return ctx.is_organiser and ctx.identity.user_id != TELEGRAM_ANONYMOUS_ADMIN


def when(ctx: Context, session: Session) -> str:
    return format_datetime(session.starts_at, ctx.lang, ctx.app.settings.tz)


def where(lang: str, session: Session) -> str:
    return TEXTS(lang, "place", place=session.place) if session.place else ""


def verdict_label(lang: str, verdict: str) -> str:
    key = f"verdict_{verdict}"
    return TEXTS(lang, key) if verdict in VERDICTS else verdict


def reader(lang: str, verdict: Verdict, person: Participant | None, book: Book) -> str:
    if person is not None:
        return person.display_name
    if book.source == SOURCE_BOOKLET:
        return TEXTS(lang, "booklet_reader", source="1.6")
    return TEXTS(lang, "former_participant")


def take_suffix(take: str) -> str:
    return f": “{take}”" if take else ""


def verdict_buttons(lang: str, book_id: int) -> tuple[tuple[Button, ...], ...]:
    return tuple(
        (Button(verdict_label(lang, verdict), f"{CALLBACK}:v:{book_id}:{code}"),)
        for code, verdict in VERDICT_CODES.items()
    )


def counts_text(lang: str, verdicts: list[Verdict]) -> str:
    if not verdicts:
        return ""
    parts = [
        TEXTS(lang, "count", n=n, verdict=verdict_label(lang, verdict))
        for verdict in VERDICTS
        if (n := sum(1 for v in verdicts if v.verdict == verdict))
    ]
    return " — " + ", ".join(parts) if parts else ""


async def next_view(ctx: Context) -> Reply:
    """/boek: the pick(s) for the next session, their presenters, and the latest verdicts."""
    lines: list[str] = []
    buttons: list[tuple[Button, ...]] = []
    sessions = await upcoming_sessions(ctx.db, ctx.now)
    if not sessions:
        lines += [ctx.t(TEXTS, "no_session"), ctx.t(TEXTS, "how_to_propose")]
    else:
        session = sessions[0]
        picks = await picks_of(ctx.db, session.id)
        if not picks:
            lines.append(
                ctx.t(TEXTS, "no_pick", date=when(ctx, session), place=where(ctx.lang, session))
            )
            lines.append(ctx.t(TEXTS, "how_to_propose"))
        else:
            lines.append(
                ctx.t(
                    TEXTS, "next_header", date=when(ctx, session), place=where(ctx.lang, session)
                )
            )
            presenters = await presenters_of(ctx.db, session.id)
            mine = {row.pick.id for row in presenters if row.person.id == ctx.participant.id}
            for pick, book in picks:
                lines.append(ctx.t(TEXTS, "pick_line", id=book.id, book=label(book)))
                if book.link:
                    lines.append(ctx.t(TEXTS, "link_line", link=book.link))
                names = [row.person.display_name for row in presenters if row.pick.id == pick.id]
                if names:
                    lines.append(ctx.t(TEXTS, "presenters_line", names=", ".join(names)))
                else:
                    lines.append(ctx.t(TEXTS, "no_presenters_yet", id=book.id))
                if len(presenters) < MAX_PRESENTERS and pick.id not in mine:
                    buttons.append(
                        (
                            Button(
                                ctx.t(TEXTS, "button_present", id=book.id),
                                f"{CALLBACK}:p:{book.id}",
                            ),
                        )
                    )
            lines.append(ctx.t(TEXTS, "basic_question"))
    latest = await verdicts_of(ctx.db, limit=LATEST_VERDICTS)
    if latest:
        lines.append("")
        lines.append(ctx.t(TEXTS, "latest_verdicts"))
        for verdict, book, person in latest:
            lines.append(
                ctx.t(
                    TEXTS,
                    "verdict_line",
                    book=book.title,
                    verdict=verdict_label(ctx.lang, verdict.verdict),
                    who=reader(ctx.lang, verdict, person, book),
                    take=take_suffix(verdict.take),
                )
            )
    buttons.append((Button(ctx.t(TEXTS, "button_all_books"), f"{CALLBACK}:l"),))
    return Reply("\n".join(lines)).with_buttons(*buttons)


async def library_view(ctx: Context) -> Reply:
    """/boeken: what is picked, what was discussed (with verdict counts), the proposals."""
    books = list((await ctx.db.scalars(select(Book).order_by(Book.id))).all())
    if not books:
        return Reply(ctx.t(TEXTS, "library_empty"))
    pick_rows = await ctx.db.execute(
        select(BookPick.book_id, Session)
        .join(Session, BookPick.session_id == Session.id)
        .where(Session.status == PLANNED)
        .order_by(Session.starts_at)
    )
    upcoming: dict[int, Session] = {}
    discussed: dict[int, Session] = {}
    for book_id, session in pick_rows:
        if session.ends_at > ctx.now:
            upcoming.setdefault(book_id, session)
        else:
            discussed[book_id] = session  # ordered by time, so the last one stays
    all_verdicts: dict[int, list[Verdict]] = {}
    for verdict, book, _person in await verdicts_of(ctx.db):
        all_verdicts.setdefault(book.id, []).append(verdict)

    def line(book: Book, session: Session | None) -> str:
        if session is not None:
            moment = format_date(session.starts_at, ctx.lang, ctx.app.settings.tz)
            extra = ctx.t(TEXTS, "library_when", date=moment)
        elif book.source == SOURCE_BOOKLET:
            extra = ctx.t(TEXTS, "library_booklet")
        else:
            extra = ""
        counts = counts_text(ctx.lang, all_verdicts.get(book.id, []))
        return ctx.t(
            TEXTS, "library_line", id=book.id, book=label(book), when=extra, counts=counts
        )

    sections: list[str] = []
    now_picked = sorted(
        (b for b in books if b.id in upcoming), key=lambda b: upcoming[b.id].starts_at
    )
    if now_picked:
        sections.append(
            "\n".join(
                [ctx.t(TEXTS, "library_upcoming")] + [line(b, upcoming[b.id]) for b in now_picked]
            )
        )
    history = [
        b
        for b in books
        if b.id not in upcoming and (b.id in discussed or b.source == SOURCE_BOOKLET)
    ]
    history.sort(key=lambda b: discussed[b.id].starts_at if b.id in discussed else b.created_at)
    history.reverse()
    if history:
        sections.append(
            "\n".join(
                [ctx.t(TEXTS, "library_history")] + [line(b, discussed.get(b.id)) for b in history]
            )
        )
    proposals = [b for b in books if b.id not in upcoming and b not in history]
    if proposals:
        sections.append(
            "\n".join([ctx.t(TEXTS, "library_proposals")] + [line(b, None) for b in proposals])
        )
    sections.append(ctx.t(TEXTS, "library_footer"))
    return Reply("\n\n".join(sections))


async def book_view(ctx: Context, book: Book) -> Reply:
    """/boek <nummer>: one book with its picks, presenters and every verdict."""
    lines = [ctx.t(TEXTS, "detail_header", id=book.id, book=label(book))]
    if book.link:
        lines.append(book.link)
    if book.source == SOURCE_BOOKLET:
        lines.append(ctx.t(TEXTS, "detail_booklet", source="1.6"))
    elif book.proposed_by is not None:
        proposer = await ctx.db.get(Participant, book.proposed_by)
        if proposer is not None:
            lines.append(ctx.t(TEXTS, "detail_proposed_by", name=proposer.display_name))
    picks = await ctx.db.execute(
        select(BookPick, Session)
        .join(Session, BookPick.session_id == Session.id)
        .where(BookPick.book_id == book.id, Session.status == PLANNED)
        .order_by(Session.starts_at)
    )
    for pick, session in picks:
        presenters = [
            row.person.display_name
            for row in await presenters_of(ctx.db, session.id)
            if row.pick.id == pick.id
        ]
        names = ", ".join(presenters) or ctx.t(TEXTS, "nobody")
        lines.append(ctx.t(TEXTS, "detail_pick", date=when(ctx, session), names=names))
    verdicts = await verdicts_of(ctx.db, [book.id])
    lines.append("")
    if verdicts:
        lines.append(ctx.t(TEXTS, "detail_verdicts"))
        for verdict, _book, person in verdicts:
            lines.append(
                ctx.t(
                    TEXTS,
                    "verdict_line_short",
                    verdict=verdict_label(ctx.lang, verdict.verdict),
                    who=reader(ctx.lang, verdict, person, book),
                    take=take_suffix(verdict.take),
                )
            )
    else:
        lines.append(ctx.t(TEXTS, "detail_no_verdicts"))
    buttons: list[tuple[Button, ...]] = []
    upcoming = await upcoming_pick(ctx.db, book.id, ctx.now)
    if upcoming is not None:
        taken = await presenters_of(ctx.db, upcoming[1].id)
        if len(taken) < MAX_PRESENTERS and not any(
            row.pick.id == upcoming[0].id and row.person.id == ctx.participant.id for row in taken
        ):
            buttons.append(
                (Button(ctx.t(TEXTS, "button_present", id=book.id), f"{CALLBACK}:p:{book.id}"),)
            )
    elif is_organiser(ctx) and await upcoming_sessions(ctx.db, ctx.now):
        buttons.append((Button(ctx.t(TEXTS, "button_pick"), f"{CALLBACK}:k:{book.id}"),))
    return Reply("\n".join(lines)).with_buttons(*buttons)


# -- what people do -------------------------------------------------------------------------


async def get_book(ctx: Context, text: str) -> Book:
    book_id = parse_id(text)
    if book_id is None:
        raise ctx.fail(TEXTS, "no_such_book", id=text.strip()[:20])
    book = await ctx.db.get(Book, book_id)
    if book is None:
        raise ctx.fail(TEXTS, "no_such_book", id=book_id)
    return book


async def propose(ctx: Context, text: str) -> Reply:
    if not text:
        return Reply(ctx.t(TEXTS, "propose_usage"))
    title, author, link = parse_proposal(text)
    if not title:
        return Reply(ctx.t(TEXTS, "propose_usage"))
    if len(title) > MAX_TITLE or len(author or "") > MAX_AUTHOR or len(link or "") > MAX_LINK:
        raise ctx.fail(
            TEXTS, "too_long", max_title=MAX_TITLE, max_author=MAX_AUTHOR, max_link=MAX_LINK
        )
    existing = await find_duplicate(ctx.db, title)
    if existing is not None:
        return Reply(ctx.t(TEXTS, "already_there", id=existing.id, book=label(existing)))
    book = Book(
        title=title,
        author=author,
        link=link,
        proposed_by=ctx.participant.id,
        source=SOURCE_MEMBER,
        created_at=ctx.now,
    )
    ctx.db.add(book)
    await ctx.db.flush()
    return Reply(ctx.t(TEXTS, "proposed", id=book.id, book=label(book)))


async def search(ctx: Context, query: str) -> Reply:
    if parse_id(query) is not None:
        return await book_view(ctx, await get_book(ctx, query))
    books = {b.id: b for b in (await ctx.db.scalars(select(Book))).all()}
    choices = {bid: normalise_title(f"{b.title} {b.author or ''}") for bid, b in books.items()}
    hits = process.extract(
        normalise_title(query), choices, scorer=fuzz.WRatio, score_cutoff=SEARCH_SCORE, limit=5
    )
    if not hits:
        return Reply(ctx.t(TEXTS, "not_found", query=query[:60]))
    best = hits[0]
    if len(hits) == 1 or best[1] - hits[1][1] >= 10:
        return await book_view(ctx, books[best[2]])
    lines = [ctx.t(TEXTS, "search_results")]
    lines += [f"#{bid} {label(books[bid])}" for _text, _score, bid in hits]
    buttons = [
        (Button(f"#{bid} {books[bid].title}"[:40], f"{CALLBACK}:b:{bid}"),) for *_, bid in hits
    ]
    return Reply("\n".join(lines)).with_buttons(*buttons)


async def volunteer(ctx: Context, text: str) -> Reply:
    if not text:
        sessions = await upcoming_sessions(ctx.db, ctx.now)
        picks = await picks_of(ctx.db, sessions[0].id) if sessions else []
        if len(picks) != 1:
            return Reply(ctx.t(TEXTS, "present_usage"))
        text = str(picks[0][1].id)
    book = await get_book(ctx, text)
    found = await upcoming_pick(ctx.db, book.id, ctx.now)
    if found is None:
        return Reply(ctx.t(TEXTS, "not_picked", id=book.id, book=label(book)))
    pick, session = found
    # Lock the session's picks, so two volunteers at the same moment cannot both become the
    # fourth presenter (PostgreSQL; SQLite serialises writers anyway).
    await ctx.db.execute(
        select(BookPick.id).where(BookPick.session_id == session.id).with_for_update()
    )
    presenters = await presenters_of(ctx.db, session.id)
    if any(r.pick.id == pick.id and r.person.id == ctx.participant.id for r in presenters):
        return Reply(ctx.t(TEXTS, "already_presenting", book=label(book)))
    if len(presenters) >= MAX_PRESENTERS:
        names = ", ".join(r.person.display_name for r in presenters)
        return Reply(
            ctx.t(
                TEXTS, "presenters_full", date=when(ctx, session), max=MAX_PRESENTERS, names=names
            )
        )
    ctx.db.add(Presenter(pick_id=pick.id, participant_id=ctx.participant.id, created_at=ctx.now))
    await ctx.db.flush()
    others = [r.person.display_name for r in presenters if r.pick.id == pick.id]
    together = ctx.t(TEXTS, "together_with", names=", ".join(others)) if others else ""
    return Reply(
        ctx.t(
            TEXTS,
            "presenting",
            book=label(book),
            date=when(ctx, session),
            others=together,
            question=ctx.t(TEXTS, "basic_question"),
        )
    )


async def pick_book(ctx: Context, text: str) -> Reply:
    if not is_organiser(ctx):
        raise ctx.fail(TEXTS, "organisers_only")
    parts = text.split()
    if not parts or len(parts) > 2:
        return Reply(ctx.t(TEXTS, "pick_usage"))
    book = await get_book(ctx, parts[0])
    if len(parts) == 2:
        session_id = parse_id(parts[1])
        session = await ctx.db.get(Session, session_id) if session_id is not None else None
        if session is None or session.status != PLANNED:
            raise ctx.fail(TEXTS, "no_such_session", id=parts[1][:20])
    else:
        sessions = await upcoming_sessions(ctx.db, ctx.now)
        if not sessions:
            raise ctx.fail(TEXTS, "no_next_session")
        session = sessions[0]
    existing = await ctx.db.scalar(
        select(BookPick).where(BookPick.book_id == book.id, BookPick.session_id == session.id)
    )
    if existing is not None:
        return Reply(ctx.t(TEXTS, "already_picked", book=label(book), date=when(ctx, session)))
    pick = BookPick(
        book_id=book.id, session_id=session.id, picked_by=ctx.participant.id, created_at=ctx.now
    )
    ctx.db.add(pick)
    await ctx.db.flush()
    lines = [ctx.t(TEXTS, "picked", book=label(book), date=when(ctx, session))]
    suggestions = await suggest_presenters(ctx, session)
    buttons: list[tuple[Button, ...]] = []
    if suggestions:
        names = ", ".join(f"{person.display_name} ({last})" for person, last in suggestions)
        lines.append(ctx.t(TEXTS, "suggest_presenters", names=names))
        buttons = [
            (
                Button(
                    ctx.t(TEXTS, "button_invite", name=person.display_name)[:40],
                    f"{CALLBACK}:i:{pick.id}:{person.id}",
                ),
            )
            for person, _last in suggestions
        ]
    return Reply("\n".join(lines)).with_buttons(*buttons)


async def suggest_presenters(ctx: Context, session: Session) -> list[tuple[Participant, str]]:
    """Active participants who have not presented recently: who waited longest, who comes."""
    last_rows = await ctx.db.execute(
        select(Presenter.participant_id, func.max(Session.starts_at))
        .join(BookPick, Presenter.pick_id == BookPick.id)
        .join(Session, BookPick.session_id == Session.id)
        .where(Session.status == PLANNED)
        .group_by(Presenter.participant_id)
    )
    last: dict[int, datetime] = {pid: moment for pid, moment in last_rows.all()}
    people = (
        await ctx.db.scalars(
            select(Participant).where(
                Participant.status == "active", Participant.registered.is_(True)
            )
        )
    ).all()
    # Who said they come goes first; who said no will not be there to present.
    answers: dict[int, str] = {
        pid: answer
        for pid, answer in (
            await ctx.db.execute(
                select(Rsvp.participant_id, Rsvp.answer).where(Rsvp.session_id == session.id)
            )
        ).all()
    }
    tz = ctx.app.settings.tz
    candidates = [
        p
        for p in people
        if answers.get(p.id) != "no"
        and (p.id not in last or last[p.id] < session.starts_at - RECENTLY)
    ]
    candidates.sort(
        key=lambda p: (
            p.id in last,
            last.get(p.id) or ctx.now,
            answers.get(p.id) != "yes",
            p.display_name,
        )
    )
    return [
        (
            p,
            ctx.t(TEXTS, "last_presented", date=format_date(last[p.id], ctx.lang, tz))
            if p.id in last
            else ctx.t(TEXTS, "never_presented"),
        )
        for p in candidates[:SUGGESTED_PRESENTERS]
    ]


async def invite(ctx: Context, pick_id: int, participant_id: int) -> Reply:
    if not is_organiser(ctx):
        raise ctx.fail(TEXTS, "organisers_only")
    pick = await ctx.db.get(BookPick, pick_id)
    person = await ctx.db.get(Participant, participant_id)
    if pick is None:
        raise ctx.fail(TEXTS, "stale")
    if person is None:
        raise ctx.fail(TEXTS, "no_such_person")
    book = await ctx.db.get(Book, pick.book_id)
    session = await ctx.db.get(Session, pick.session_id)
    if book is None or session is None:
        raise ctx.fail(TEXTS, "stale")
    lang = language_of(person.language)
    moment = format_datetime(session.starts_at, lang, ctx.app.settings.tz)
    reply = Reply(
        TEXTS(
            lang,
            "invitation",
            organiser=ctx.participant.display_name,
            book=label(book),
            date=moment,
            question=TEXTS(lang, "basic_question"),
        )
    ).with_buttons((Button(TEXTS(lang, "button_present", id=book.id), f"{CALLBACK}:p:{book.id}"),))
    new = await enqueue(
        ctx.db,
        key=f"book:invite:pick:{pick.id}:participant:{person.id}",
        participant_id=person.id,
        reply=reply,
    )
    key = "invited" if new else "invited_before"
    return Reply(ctx.t(TEXTS, key, name=person.display_name, book=label(book)))


async def give_verdict(ctx: Context, text: str) -> Reply:
    book_text, _, rest = text.partition(" ")
    if not book_text:
        return Reply(ctx.t(TEXTS, "verdict_usage"))
    book = await get_book(ctx, book_text)
    parsed = parse_verdict(rest.strip())
    if parsed is None:
        return Reply(ctx.t(TEXTS, "verdict_usage"))
    verdict, take = parsed
    take = one_line(take)
    if len(take) > MAX_TAKE:
        raise ctx.fail(TEXTS, "take_too_long", max=MAX_TAKE, length=len(take))
    row = await save_verdict(ctx, book, verdict, take)
    if not take:
        return await ask_for_take(ctx, book, row)
    return saved(ctx, book, row)


async def ask_for_take(ctx: Context, book: Book, row: Verdict) -> Reply:
    await ctx.start_dialogue(TAKE_DIALOGUE, {"verdict_id": row.id, "book_id": book.id})
    return Reply(
        ctx.t(TEXTS, "ask_take", book=label(book), verdict=verdict_label(ctx.lang, row.verdict))
    )


def saved(ctx: Context, book: Book, row: Verdict) -> Reply:
    return Reply(
        ctx.t(
            TEXTS,
            "verdict_saved",
            book=label(book),
            verdict=verdict_label(ctx.lang, row.verdict),
            take=take_suffix(row.take),
        )
    )


# -- registration -------------------------------------------------------------------------


def register(registry: Registry) -> None:
    d = registry.dispatcher

    @d.command(
        "boek",
        aliases=("book", "leesclub"),
        help_nl="de leesclub: het boek voor de volgende bijeenkomst, voorstellen, presenteren",
        help_en="the reading club: the book for the next meeting, propose, present",
        usage="/boek [voorstel <titel> — <auteur> | presenteer <nr> | oordeel <nr> <oordeel> "
        "<zin> | kies <nr> [sessie] | <zoekterm>]",
    )
    async def boek(ctx: Context) -> Reply:
        await seed_booklet_books(ctx)
        args = ctx.args.strip()
        if len(args) > MAX_INPUT:
            raise ctx.fail(TEXTS, "input_too_long", length=len(args), max=MAX_INPUT)
        if not args:
            return await next_view(ctx)
        head, _, rest = args.partition(" ")
        action = SUBCOMMANDS.get(head.lower())
        rest = rest.strip()
        if action == "propose":
            return await propose(ctx, rest)
        if action == "present":
            return await volunteer(ctx, rest)
        if action == "pick":
            return await pick_book(ctx, rest)
        if action == "verdict":
            return await give_verdict(ctx, rest)
        if action == "library":
            return await library_view(ctx)
        if action == "search":
            return await search(ctx, rest) if rest else await library_view(ctx)
        return await search(ctx, args)

    @d.command(
        "boeken",
        aliases=("books", "leeslijst"),
        help_nl="alle voorgestelde en besproken boeken, met de oordelen",
        help_en="every proposed and discussed book, with the verdicts",
    )
    async def boeken(ctx: Context) -> Reply:
        await seed_booklet_books(ctx)
        return await library_view(ctx)

    @d.callback(CALLBACK)
    async def pressed(ctx: Context) -> Reply:
        await seed_booklet_books(ctx)
        action, _, payload = ctx.args.partition(":")
        parts = payload.split(":")
        if action == "l":
            return await library_view(ctx)
        if action == "b" and parts[0]:
            return await book_view(ctx, await get_book(ctx, parts[0]))
        if action == "p" and parts[0]:
            return await volunteer(ctx, parts[0])
        if action == "k" and parts[0]:
            return await pick_book(ctx, parts[0])
        if action == "i" and len(parts) == 2 and all(p.isdigit() for p in parts):
            return await invite(ctx, int(parts[0]), int(parts[1]))
        if action == "v" and len(parts) == 2 and parts[1] in VERDICT_CODES:
            book = await get_book(ctx, parts[0])
            row = await save_verdict(ctx, book, VERDICT_CODES[parts[1]], "")
            return await ask_for_take(ctx, book, row)
        return Reply(ctx.t(TEXTS, "stale"))

    @d.dialogue(TAKE_DIALOGUE)
    async def take(ctx: Context) -> Reply:
        text = one_line(ctx.args)
        if not text:
            return Reply(ctx.t(TEXTS, "take_empty"))
        if len(text) > MAX_TAKE:
            return Reply(ctx.t(TEXTS, "take_too_long", max=MAX_TAKE, length=len(text)))
        data = ctx.dialogue.data if ctx.dialogue is not None else {}
        await ctx.end_dialogue()
        row = await ctx.db.get(Verdict, int(data.get("verdict_id", 0)))
        book = await ctx.db.get(Book, row.book_id) if row is not None else None
        if row is None or book is None or row.participant_id != ctx.participant.id:
            return Reply(ctx.t(TEXTS, "stale"))
        row.take = text
        return saved(ctx, book, row)

    @registry.jobs.step(
        "book-presenters",
        timedelta(days=-7),
        label_nl="leesclub: herinnering voor de presentatoren",
        label_en="reading club: reminder for the presenters",
    )
    async def remind_presenters(job: JobContext) -> None:
        session = await session_of(job)
        if session is None or not session.is_planned:
            return
        rows = await presenters_of(job.db, session.id)
        people: dict[int, tuple[Participant, list[Book]]] = {}
        for row in rows:
            people.setdefault(row.person.id, (row.person, []))[1].append(row.book)
        tz = job.app.settings.tz
        for pid, (person, books) in people.items():
            lang = language_of(person.language)
            others = sorted({r.person.display_name for r in rows if r.person.id != pid})
            together = TEXTS(lang, "together_with", names=", ".join(others)) if others else ""
            text = TEXTS(
                lang,
                "reminder",
                date=format_datetime(session.starts_at, lang, tz),
                place=where(lang, session),
                books=", ".join(label(b) for b in books),
                others=together,
                question=TEXTS(lang, "basic_question"),
            )
            await enqueue(
                job.db,
                key=f"book:presenters:session:{session.id}:participant:{pid}",
                participant_id=pid,
                reply=Reply(text),
            )

    @registry.jobs.step(
        "book-verdict",
        timedelta(days=1),
        label_nl="leesclub: presentatoren om hun oordeel vragen",
        label_en="reading club: ask the presenters for their verdict",
    )
    async def ask_verdicts(job: JobContext) -> None:
        session = await session_of(job)
        if session is None or not session.is_planned:
            return
        for row in await presenters_of(job.db, session.id):
            lang = language_of(row.person.language)
            reply = Reply(TEXTS(lang, "ask_verdict", book=label(row.book))).with_buttons(
                *verdict_buttons(lang, row.book.id)
            )
            await enqueue(
                job.db,
                key=f"book:verdict:session:{session.id}:book:{row.book.id}"
                f":participant:{row.person.id}",
                participant_id=row.person.id,
                reply=reply,
            )
