"""What people do in the reading club: propose, search, volunteer, pick, invite, judge."""

from __future__ import annotations

from datetime import datetime, timedelta

from rapidfuzz import process
from sqlalchemy import func, select

from bot.core.dates import format_date, format_datetime, shift
from bot.core.i18n import language_of
from bot.core.messages import Button, Reply
from bot.db.models import Book, BookPick, Participant, Presenter, Rsvp, Session, Verdict
from bot.db.models.books import MAX_PRESENTERS, SOURCE_MEMBER
from bot.db.models.sessions import PLANNED
from bot.kernel.lookup import parse_id
from bot.kernel.roles import require_organiser, stale_button
from bot.kernel.services import Context
from handlers.books import keys
from handlers.books.parsing import (
    normalise_title,
    one_line,
    parse_proposal,
    parse_verdict,
    search_score,
)
from handlers.books.storage import (
    find_duplicate,
    picks_of,
    presenters_of,
    presents,
    save_verdict,
    upcoming_pick,
)
from handlers.books.texts import TEXTS
from handlers.books.views import (
    CALLBACK,
    book_view,
    label,
    present_button,
    take_suffix,
    verdict_label,
    when,
)
from handlers.sessions import upcoming_sessions
from scheduler.outbox import enqueue

MAX_TITLE = 200
MAX_AUTHOR = 120
MAX_LINK = 500
MAX_TAKE = 280  # one line
SEARCH_SCORE = 70
SUGGESTED_PRESENTERS = 4
# Who presented at a session this close before the picked one is not suggested again.
RECENTLY = timedelta(days=120)
TAKE_DIALOGUE = "book-take"
# The presenters' reminder (the "book-presenters" timeline step) is due this long before the start.
REMIND_BEFORE = timedelta(days=-7)
UPCOMING_SHOWN = 3


async def get_book(ctx: Context, text: str) -> Book:
    """The book meant by a number ("5", "#5") or, failing that, by words of its title or
    author ("jacobs"), when they point at one book."""
    book_id = parse_id(text)
    if book_id is None:
        found = await matching_books(ctx, text)
        if len(found) == 1:
            return found[0]
        if not found:
            raise ctx.fail(TEXTS, "not_found", query=text.strip()[:60])
        choices = ", ".join(f"#{book.id} {label(book)}" for book in found)
        raise ctx.fail(TEXTS, "which_book", query=text.strip()[:60], books=choices)
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


async def matching_books(ctx: Context, query: str) -> list[Book]:
    """The books whose title or author words match `query`: one when it is clear, else the
    candidates, best first (at most five)."""
    books = {b.id: b for b in (await ctx.db.scalars(select(Book))).all()}
    choices = {bid: normalise_title(f"{b.title} {b.author or ''}") for bid, b in books.items()}
    hits = process.extract(
        normalise_title(query), choices, scorer=search_score, score_cutoff=SEARCH_SCORE, limit=5
    )
    if hits and (len(hits) == 1 or hits[0][1] - hits[1][1] >= 10):
        return [books[hits[0][2]]]
    return [books[bid] for *_, bid in hits]


async def search(ctx: Context, query: str) -> Reply:
    if parse_id(query) is not None:
        return await book_view(ctx, await get_book(ctx, query))
    found = await matching_books(ctx, query)
    if not found:
        return Reply(ctx.t(TEXTS, "not_found", query=query[:60]))
    if len(found) == 1:
        return await book_view(ctx, found[0])
    lines = [ctx.t(TEXTS, "search_results")]
    lines += [f"#{book.id} {label(book)}" for book in found]
    buttons = [
        (Button(f"#{book.id} {book.title}"[:40], f"{CALLBACK}:b:{book.id}"),) for book in found
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
    if presents(presenters, pick.id, ctx.participant.id):
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
    # Too late for the week-before reminder: say so, rather than promise one that never comes.
    reminded = shift(session.starts_at, REMIND_BEFORE, ctx.services.settings.tz) > ctx.now
    return Reply(
        ctx.t(
            TEXTS,
            "presenting" if reminded else "presenting_soon",
            book=label(book),
            date=when(ctx, session),
            others=together,
            question=ctx.t(TEXTS, "basic_question"),
        )
    )


async def pick_book(ctx: Context, text: str) -> Reply:
    require_organiser(ctx, hint=ctx.t(TEXTS, "organisers_only_hint"))
    parts = text.split()
    if not parts or len(parts) > 2:
        return Reply(ctx.t(TEXTS, "pick_usage"))
    book = await get_book(ctx, parts[0])
    if len(parts) == 2:
        session_id = parse_id(parts[1])
        session = await ctx.db.get(Session, session_id) if session_id is not None else None
        if session is None or session.status != PLANNED:
            raise ctx.fail(TEXTS, "no_such_session", id=parts[1][:20])
        if session.starts_at <= ctx.now:
            raise ctx.fail(
                TEXTS,
                "session_begun",
                id=session.id,
                date=when(ctx, session),
                upcoming=await upcoming_text(ctx),
            )
    else:
        sessions = await sessions_to_pick(ctx)
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
    others = [other for _pick, other in await picks_of(ctx.db, session.id) if other.id != book.id]
    if others:  # two books on one meeting is allowed, but never without a word
        books = "; ".join(f"#{other.id} {label(other)}" for other in others)
        lines.append(ctx.t(TEXTS, "also_picked", books=books, session=session.id))
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


async def sessions_to_pick(ctx: Context) -> list[Session]:
    """The planned meetings that have not begun: a meeting under way has had its discussion."""
    return await upcoming_sessions(ctx.db, ctx.now, under_way=False)


async def upcoming_text(ctx: Context) -> str:
    """The sessions one can still pick for, with their numbers, for a refusal."""
    sessions = await sessions_to_pick(ctx)
    if not sessions:
        return ctx.t(TEXTS, "no_upcoming_to_pick")
    shown = ", ".join(
        ctx.t(TEXTS, "upcoming_item", id=s.id, date=when(ctx, s))
        for s in sessions[:UPCOMING_SHOWN]
    )
    return ctx.t(TEXTS, "upcoming_to_pick", sessions=shown)


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
    tz = ctx.services.settings.tz
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
    require_organiser(ctx, hint=ctx.t(TEXTS, "organisers_only_hint"))
    pick = await ctx.db.get(BookPick, pick_id)
    person = await ctx.db.get(Participant, participant_id)
    if pick is None:
        return stale_button(ctx, hint=ctx.t(TEXTS, "stale_hint"))
    if person is None:
        raise ctx.fail(TEXTS, "no_such_person")
    book = await ctx.db.get(Book, pick.book_id)
    session = await ctx.db.get(Session, pick.session_id)
    if book is None or session is None:
        return stale_button(ctx, hint=ctx.t(TEXTS, "stale_hint"))
    lang = language_of(person.language)
    moment = format_datetime(session.starts_at, lang, ctx.services.settings.tz)
    reply = Reply(
        TEXTS(
            lang,
            "invitation",
            organiser=ctx.participant.display_name,
            book=label(book),
            date=moment,
            question=TEXTS(lang, "basic_question"),
        )
    ).with_buttons(present_button(lang, book.id))
    new = await enqueue(
        ctx.db,
        key=keys.invite_key(pick.id, person.id),
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
