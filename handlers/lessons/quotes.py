"""Participants' quotes for /citaat: ranked by topic, or at random, with a "nog een" button."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.messages import Button, Reply
from bot.kernel.services import Context
from handlers.lessons.button_data import pack_id, packed_data
from handlers.lessons.texts import TEXTS
from handlers.lessons.views import in_dutch, source_label
from knowledge.model import Knowledge, Quote
from knowledge.text import content_tokens, stem, tokenize


def _stems(text: str) -> set[str]:
    return {stem(token) for token in tokenize(text) if len(token) > 2}


async def rank_quotes(ctx: Context, topic: str) -> list[Quote]:
    """Quotes about `topic`, best first: the section the lesson search points to, the quote's
    topics, speaker and affiliation, and its own words."""
    knowledge = ctx.services.knowledge
    index = ctx.services.lesson_index
    # The lesson search knows typos, synonyms and English; the sections it finds count.
    section_weight: dict[str, float] = {}
    hits = index.search(topic, limit=10)
    for hit in hits:
        weight = hit.score / hits[0].score
        section_weight[hit.lesson.source] = max(section_weight.get(hit.lesson.source, 0), weight)
    wanted = {stem(token) for token in content_tokens(topic) if len(token) > 2}
    typed = set(tokenize(topic))
    scored: list[tuple[float, Quote]] = []
    for quote in knowledge.quotes:
        topics = set().union(*(_stems(item) for item in quote.topics)) if quote.topics else set()
        # A topic of several words counts as a phrase, even of function words ("wij-zij").
        phrases = [tokenize(item) for item in quote.topics]
        score = (
            3.0 * section_weight.get(quote.source, 0.0)
            + 2.0 * len(wanted & topics)
            + 2.0 * sum(1 for words in phrases if len(words) > 1 and typed.issuperset(words))
            + 2.0 * len(wanted & _stems(f"{quote.speaker} {quote.affiliation}"))
            + 1.0 * len(wanted & _stems(quote.text))
        )
        if score >= 1.0:
            scored.append((score, quote))
    scored.sort(key=lambda item: (-item[0], item[1].id))
    return [quote for _, quote in scored]


def quote_by_id(knowledge: Knowledge, quote_id: str) -> Quote | None:
    return next((quote for quote in knowledge.quotes if quote.id == quote_id), None)


def quote_text(ctx: Context, quote: Quote) -> str:
    section = quote.source if re.fullmatch(r"\d\.\d", quote.source) else None
    if section is not None:
        return ctx.t(
            TEXTS,
            "quote",
            text=quote.text,
            speaker=quote.speaker,
            affiliation=quote.affiliation,
            section=section,
        )
    return ctx.t(
        TEXTS,
        "quote_appendix",
        text=quote.text,
        speaker=quote.speaker,
        affiliation=quote.affiliation,
        section=source_label(ctx, quote.source),
    )


def _quote_reply(ctx: Context, quote: Quote, next_data: str, lead: str | None = None) -> Reply:
    text = quote_text(ctx, quote)
    if lead:
        text = f"{lead}\n\n{text}"
    button = Button(ctx.t(TEXTS, "button_another"), next_data)
    return Reply(text, buttons=((button,),), context=in_dutch(ctx, "quote_in_dutch"))


def _random_quote(ctx: Context, exclude: str | None = None) -> Quote:
    quotes = list(ctx.services.knowledge.quotes)
    others = [quote for quote in quotes if quote.id != exclude] or quotes
    return ctx.services.random.choice(others)


def _after(quote: Quote) -> str:
    """The "nog een" button after a random quote: another random one, not this one."""
    return f"cit:r:{pack_id(quote.id) or ''}"


def random_quote_reply(ctx: Context, exclude: str | None = None, lead: str | None = None) -> Reply:
    quote = _random_quote(ctx, exclude)
    return _quote_reply(ctx, quote, _after(quote), lead)


def ranked_quote_reply(ctx: Context, ranked: Sequence[Quote]) -> Reply:
    """The best quote; "nog een" carries the rest, or says there are no more after the last."""
    quote, rest = ranked[0], ranked[1:]
    if rest:
        next_data = packed_data("cit:t:", [item.id for item in rest])
    else:
        next_data = f"cit:e:{pack_id(quote.id) or ''}"
    return _quote_reply(ctx, quote, next_data)
