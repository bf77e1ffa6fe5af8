"""The reading club (booklet §1.6): /boek and /boeken, picks, presenters and their verdicts.

Every meeting opens with a book or report discussion by 2 or 3 participants. Participants
propose books, an organiser picks one (or more) for a session, participants volunteer to
present, a week before the session the presenters are reminded, and the morning after the
meeting they are asked for their verdict: bruikbaar, aan het denken gezet or niet doorheen te
komen, with one line for their colleagues. The booklet's two books are seeded on first use.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import or_, select

from bot.core.dates import format_datetime
from bot.core.i18n import language_of
from bot.core.lists import join_names
from bot.core.messages import Reply
from bot.db.models import Book, Participant, Rsvp, Verdict
from bot.kernel.roles import stale_button
from bot.kernel.services import Context, JobContext, Registry
from handlers.books import keys
from handlers.books.actions import (
    MAX_TAKE,
    REMIND_BEFORE,
    TAKE_DIALOGUE,
    ask_for_take,
    get_book,
    give_verdict,
    invite,
    pick_book,
    propose,
    saved,
    search,
    volunteer,
)
from handlers.books.parsing import one_line
from handlers.books.picks import REMOVE_WORDS, unpick
from handlers.books.storage import presenters_of, save_verdict, seed_booklet_books
from handlers.books.texts import TEXTS
from handlers.books.views import (
    CALLBACK,
    VERDICT_CODES,
    book_view,
    label,
    library_view,
    next_view,
    verdict_buttons,
    where,
)
from scheduler.outbox import enqueue
from scheduler.timeline import step_meeting

MAX_INPUT = 600
# The verdict is asked after the meeting, not during it. A timeline step is due at the session's
# start + its offset (scheduler.timeline.planned_steps), not relative to its end; a meeting
# lasts one and a half days (10:00 on day 1 to 16:00 on day 2), so two days after the start is
# the morning after it ended.
ASK_VERDICT_AFTER = timedelta(days=2)
SUBCOMMANDS = {
    **dict.fromkeys(("voorstel", "stel", "propose", "suggest", "nieuw"), "propose"),
    **dict.fromkeys(("presenteer", "presenteren", "present"), "present"),
    **dict.fromkeys(("kies", "pick", "choose"), "pick"),
    **dict.fromkeys(("oordeel", "verdict", "review"), "verdict"),
    **dict.fromkeys(("zoek", "search", "find"), "search"),
    **dict.fromkeys(("lijst", "alle", "list", "all"), "library"),
}


# -- registration -------------------------------------------------------------------------


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
        first, _, after = rest.partition(" ")
        if first.lower() in REMOVE_WORDS:
            return await unpick(ctx, after.strip())
        return await pick_book(ctx, rest)
    if action == "verdict":
        return await give_verdict(ctx, rest)
    if action == "library":
        return await library_view(ctx)
    if action == "search":
        return await search(ctx, rest) if rest else await library_view(ctx)
    return await search(ctx, args)


async def boeken(ctx: Context) -> Reply:
    await seed_booklet_books(ctx)
    return await library_view(ctx)


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
    return stale_button(ctx, hint=ctx.t(TEXTS, "stale_hint"))


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
        return Reply(ctx.t(TEXTS, "verdict_gone"))
    row.take = text
    return saved(ctx, book, row)


async def remind_presenters(job: JobContext) -> None:
    session = step_meeting(job)
    rows = await presenters_of(job.db, session.id)
    people: dict[int, tuple[Participant, list[Book]]] = {}
    for row in rows:
        people.setdefault(row.person.id, (row.person, []))[1].append(row.book)
    tz = job.services.settings.tz
    for pid, (person, books) in people.items():
        lang = language_of(person.language)
        others = sorted({r.person.display_name for r in rows if r.person.id != pid})
        together = TEXTS(lang, "together_with", names=join_names(others, lang)) if others else ""
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
            key=keys.presenters_key(session.id, pid),
            participant_id=pid,
            reply=Reply(text),
        )


async def ask_verdicts(job: JobContext) -> None:
    """After the meeting: the presenters who were there are asked for their verdict (not a
    presenter who said no, or was marked absent)."""
    session = step_meeting(job)
    away = set(
        (
            await job.db.scalars(
                select(Rsvp.participant_id).where(
                    Rsvp.session_id == session.id,
                    or_(Rsvp.answer == "no", Rsvp.attended.is_(False)),
                )
            )
        ).all()
    )
    for row in await presenters_of(job.db, session.id):
        if row.person.id in away:
            continue
        lang = language_of(row.person.language)
        reply = Reply(TEXTS(lang, "ask_verdict", book=label(row.book))).with_buttons(
            *verdict_buttons(lang, row.book.id)
        )
        await enqueue(
            job.db,
            key=keys.verdict_key(session.id, row.book.id, row.person.id),
            participant_id=row.person.id,
            reply=reply,
        )


def register(registry: Registry) -> None:
    registry.command(
        "boek",
        boek,
        name_en="book",
        aliases=("book", "leesclub"),
        help_nl="de leesclub: het boek voor de volgende bijeenkomst, voorstellen, presenteren",
        help_en="the reading club: the book for the next meeting, propose, present",
        usage="/boek [voorstel <titel> — <auteur> | presenteer <nr> | oordeel <nr> <oordeel> "
        "<zin> | kies <nr> [sessie] | kies weg <sessie> [nr] | <zoekterm>]",
    )
    registry.command(
        "boeken",
        boeken,
        name_en="books",
        aliases=("books", "leeslijst"),
        help_nl="alle voorgestelde en besproken boeken, met de oordelen",
        help_en="every proposed and discussed book, with the verdicts",
    )
    registry.callback(CALLBACK, pressed)
    registry.dialogue(TAKE_DIALOGUE, take)
    registry.step(
        "book-presenters",
        REMIND_BEFORE,
        remind_presenters,
        label_nl="leesclub: herinnering voor de presentatoren",
        label_en="reading club: reminder for the presenters",
    )
    registry.step(
        "book-verdict",
        ASK_VERDICT_AFTER,
        ask_verdicts,
        label_nl="leesclub: presentatoren om hun oordeel vragen",
        label_en="reading club: ask the presenters for their verdict",
    )
