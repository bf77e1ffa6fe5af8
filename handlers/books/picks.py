"""Taking a book pick back: /boek kies weg <bijeenkomst> [boek] (organisers)."""

from __future__ import annotations

from sqlalchemy import delete

from bot.core.messages import Reply
from bot.db.models import Presenter, Session
from bot.kernel.lookup import parse_id
from bot.kernel.roles import require_organiser
from bot.kernel.services import Context
from handlers.books.storage import picks_of
from handlers.books.texts import TEXTS
from handlers.books.views import label, when

REMOVE_WORDS = {"weg", "remove", "uit", "undo"}


async def unpick(ctx: Context, text: str) -> Reply:
    require_organiser(ctx, hint=ctx.t(TEXTS, "organisers_only_hint"))
    parts = text.split()
    session_id = parse_id(parts[0]) if parts else None
    book_id = parse_id(parts[1]) if len(parts) == 2 else None
    if session_id is None or len(parts) > 2 or (len(parts) == 2 and book_id is None):
        return Reply(ctx.t(TEXTS, "unpick_usage"))
    session = await ctx.db.get(Session, session_id)
    if session is None:
        raise ctx.fail(TEXTS, "no_such_session", id=parts[0][:20])
    picks = await picks_of(ctx.db, session.id)
    if not picks:
        return Reply(ctx.t(TEXTS, "unpick_none", id=session.id))
    if book_id is None and len(picks) > 1:
        books = "; ".join(f"#{book.id} {label(book)}" for _pick, book in picks)
        return Reply(ctx.t(TEXTS, "unpick_which", id=session.id, books=books))
    chosen = [(p, b) for p, b in picks if book_id is None or b.id == book_id]
    if not chosen:
        return Reply(ctx.t(TEXTS, "unpick_not_picked", id=book_id or "", session=session.id))
    pick, book = chosen[0]
    await ctx.db.execute(delete(Presenter).where(Presenter.pick_id == pick.id))
    await ctx.db.delete(pick)
    await ctx.db.flush()
    return Reply(ctx.t(TEXTS, "unpicked", book=label(book), date=when(ctx, session)))
