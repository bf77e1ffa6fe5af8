"""The lesson commands and buttons (/les, /vannaar, /tien, /citaat) and register(), which
wires them and the plain-text question fallback."""

from __future__ import annotations

from bot.core.messages import Reply
from bot.kernel.roles import stale_button
from bot.kernel.services import Context, Registry
from handlers.lessons.button_data import unpack_ids
from handlers.lessons.questions import answer_query, before_search, clean_query, question
from handlers.lessons.quotes import (
    quote_by_id,
    random_quote_reply,
    rank_quotes,
    ranked_quote_reply,
)
from handlers.lessons.texts import TEXTS
from handlers.lessons.views import (
    results_page,
    section_reply,
    themes_reply,
    tien_reply,
    vannaar_blog_reply,
    vannaar_reply,
)


async def les(ctx: Context) -> Reply:
    return await answer_query(ctx, ctx.args)


async def les_button(ctx: Context) -> Reply | list[Reply]:
    knowledge = ctx.services.knowledge
    kind, _, payload = ctx.args.partition(":")
    if kind == "a":
        return themes_reply(ctx, knowledge)
    if kind == "t":
        theme = knowledge.theme(payload)
        if theme is not None:
            return [section_reply(ctx, knowledge, source) for source in theme.sources]
    elif kind == "m":
        offset, _, packed = payload.partition(":")
        await before_search(ctx)
        harvested = {lesson.id: lesson for lesson in ctx.services.lesson_index.extra_lessons}
        found = [knowledge.lesson(item) or harvested.get(item) for item in unpack_ids(packed)]
        lessons = [item for item in found if item is not None]
        if offset.isdigit() and lessons:
            return results_page(ctx, lessons, int(offset))
    elif kind == "p":
        if knowledge.by_source(payload):
            return section_reply(ctx, knowledge, payload)
    elif kind == "q":
        return await answer_query(ctx, payload)
    elif kind == "10":
        return tien_reply(ctx, knowledge, payload)
    elif kind == "vb":
        return vannaar_blog_reply(ctx, knowledge)
    return stale_button(ctx, hint=ctx.t(TEXTS, "stale_button_hint"))


async def vannaar(ctx: Context) -> Reply:
    if ctx.args.strip().lower() in {"blog", "blogpost", "verschillen", "differences"}:
        return vannaar_blog_reply(ctx, ctx.services.knowledge)
    return vannaar_reply(ctx, ctx.services.knowledge)


async def tien(ctx: Context) -> Reply:
    return tien_reply(ctx, ctx.services.knowledge, ctx.args)


async def citaat(ctx: Context) -> Reply:
    if not ctx.services.knowledge.quotes:
        return Reply(ctx.t(TEXTS, "quotes_empty"))
    topic = clean_query(ctx.args)
    if not topic:
        return random_quote_reply(ctx)
    ranked = await rank_quotes(ctx, topic)
    if not ranked:
        return random_quote_reply(ctx, lead=ctx.t(TEXTS, "quote_none_for_topic", topic=topic))
    return ranked_quote_reply(ctx, ranked)


async def citaat_button(ctx: Context) -> Reply:
    knowledge = ctx.services.knowledge
    if not knowledge.quotes:
        return Reply(ctx.t(TEXTS, "quotes_empty"))
    kind, _, payload = ctx.args.partition(":")
    if kind == "t":
        found = (quote_by_id(knowledge, item) for item in unpack_ids(payload, "q-"))
        ranked = [quote for quote in found if quote is not None]
        if ranked:
            return ranked_quote_reply(ctx, ranked)
    exclude = next(iter(unpack_ids(payload, "q-")), None)
    lead = ctx.t(TEXTS, "quote_no_more") if kind == "e" else None
    return random_quote_reply(ctx, exclude=exclude, lead=lead)


def register(registry: Registry) -> None:
    registry.command(
        "les",
        les,
        name_en="lesson",
        aliases=("lessen", "lesson", "lessons"),
        help_nl="lessen uit het boekje zoeken (/les corporaties) of per thema bekijken",
        help_en="find lessons from the booklet (/lesson corporaties) or browse them by theme",
        usage="/les [onderwerp of vraag]",
    )
    registry.set_fallback(question)
    registry.callback("les", les_button)
    registry.command(
        "vannaar",
        vannaar,
        name_en="fromto",
        aliases=("beweging", "fromto"),
        help_nl="de beweging in de wijkenaanpak: de tabel VAN → NAAR",
        help_en="the movement in the neighbourhood approach: the FROM → TO table",
        usage="/vannaar [blog]",
    )
    registry.command(
        "tien",
        tien,
        name_en="ten",
        aliases=("ten",),
        help_nl="tien inzichten in de sturing van de wijkenaanpak; /tien cop: tien lessen "
        "voor het bouwen van een CoP",
        help_en="ten insights into steering the neighbourhood approach; /ten cop: ten "
        "lessons for building a CoP",
        usage="/tien [cop]",
    )
    registry.command(
        "citaat",
        citaat,
        name_en="quote",
        aliases=("citaten", "quote"),
        help_nl="een citaat van een deelnemer, over een onderwerp als je wilt (/citaat "
        "corporaties)",
        help_en="a participant's quote, on a topic if you like (/quote corporaties)",
        usage="/citaat [onderwerp]",
    )
    registry.callback("cit", citaat_button)
