"""A typed question answered with lessons: what `/les <query>` answers, and the fallback that
reads plain text in a private chat as a question (or as small talk)."""

from __future__ import annotations

import re
import unicodedata

from bot.core.messages import Reply
from bot.kernel.services import Context
from handlers.lessons.texts import TEXTS
from handlers.lessons.views import no_lesson_reply, results_page, section_reply, themes_reply
from knowledge.model import Knowledge
from knowledge.text import CHAT_WORDS, tokenize

# Every hit after the first page travels in the "meer" button (two characters each), so the
# number of hits is bounded by what fits in 64 bytes of callback data.
MAX_HITS = 27
MAX_QUERY = 200

_SECTION_REF = re.compile(r"(?:§|paragraaf|par\.?|section)?\s*([12]\.[1-9])")
_APPENDIX_REF = re.compile(r"(?:bijlage|appendix)\s*-?\s*([12])")


def clean_query(text: str) -> str:
    """What was typed, without control and invisible characters, on one line, not too long."""
    visible = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text)
    return " ".join(visible.split())[:MAX_QUERY]


def _section_reference(query: str, knowledge: Knowledge) -> str | None:
    """ "2.4", "§2.4", "bijlage 1", "van-naar": a section typed by its number or name."""
    text = query.strip().lower()
    match = _SECTION_REF.fullmatch(text)
    source = match[1] if match else None
    match = _APPENDIX_REF.fullmatch(text)
    if match:
        source = f"bijlage-{match[1]}"
    if text in {"van-naar", "vannaar", "van naar", "van→naar"}:
        source = "van-naar"
    return source if source and knowledge.by_source(source) else None


async def answer_query(ctx: Context, query: str, *, point_to_help: bool = False) -> Reply:
    """What `/les <query>` answers: the first page of the best lessons, or an honest no."""
    query = clean_query(query)
    knowledge = ctx.services.knowledge
    if not query:
        return themes_reply(ctx, knowledge)
    source = _section_reference(query, knowledge)
    if source is not None:
        return section_reply(ctx, knowledge, source)
    await before_search(ctx)
    index = ctx.services.lesson_index
    hits = index.search(query, limit=MAX_HITS)
    if not hits:
        return no_lesson_reply(ctx, query, index, point_to_help=point_to_help)
    return results_page(ctx, [hit.lesson for hit in hits], 0, query=query)


async def before_search(ctx: Context) -> None:
    """Let features bring what the index ranks up to date (another replica may have changed
    the harvested lessons)."""
    for hook in ctx.services.registry.lesson_search_hooks:
        await hook(ctx)


async def question(ctx: Context) -> Reply:
    """The fallback: a participant can just ask, plain text in a private chat is a query."""
    words = tokenize(clean_query(ctx.args))
    if words and all(word in CHAT_WORDS for word in words):
        # "hallo", "bedankt!", "ok": a friendly word back, not a list of themes.
        return Reply(ctx.t(TEXTS, "chat", name=ctx.participant.display_name))
    return await answer_query(ctx, ctx.args, point_to_help=True)
