"""Lessons in chat: /les (search and themes), /vannaar, /citaat, /tien, and questions as text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from bot.core.messages import CALLBACK_DATA_MAX_BYTES, Button, Reply
from bot.kernel.services import Context, Registry
from handlers.lessons.texts import TEXTS
from knowledge.model import Knowledge, Lesson, Quote
from knowledge.search import LessonIndex
from knowledge.text import CHAT_WORDS, content_tokens, stem, tokenize

PAGE_SIZE = 3
# Every hit after the first page travels in the "meer" button (two characters each), so the
# number of hits is bounded by what fits in 64 bytes of callback data.
MAX_HITS = 27
MAX_QUERY = 200


# -- compact references for buttons ---------------------------------------------------------------
#
# Callback data is at most 64 bytes, too little for a query or a list of ids. A lesson or quote
# id is "<source>-NN" (quotes: "q-<source>-NN"); it is packed into two characters: one for the
# source ("1".."9" for 1.1..1.9, "a".."i" for 2.1..2.9, "x"/"y" for the appendices, "v" for the
# VAN→NAAR table) and the number in base 36. The packing is derived from the ids alone, so a
# button keeps working after a restart and after lessons are added.

_SPECIAL_SOURCES = {"bijlage-1": "x", "bijlage-2": "y", "van-naar": "v"}
_SPECIAL_CODES = {code: source for source, code in _SPECIAL_SOURCES.items()}
_PART_TWO = "abcdefghi"
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"
_ITEM_ID = re.compile(r"(?P<prefix>q-)?(?P<source>.+)-(?P<number>\d{2})")


def _source_code(source: str) -> str | None:
    match = re.fullmatch(r"([12])\.([1-9])", source)
    if match:
        number = int(match[2])
        return str(number) if match[1] == "1" else _PART_TWO[number - 1]
    return _SPECIAL_SOURCES.get(source)


def _code_source(code: str) -> str | None:
    if code.isdigit() and code != "0":
        return f"1.{code}"
    if code in _PART_TWO:
        return f"2.{_PART_TWO.index(code) + 1}"
    return _SPECIAL_CODES.get(code)


def pack_id(item_id: str) -> str | None:
    """ "2.4-03" -> "d3", "q-1.9-08" -> "98"; None when the id does not have that form."""
    match = _ITEM_ID.fullmatch(item_id)
    if not match or int(match["number"]) >= len(_BASE36):
        return None
    code = _source_code(match["source"])
    return None if code is None else code + _BASE36[int(match["number"])]


def unpack_ids(packed: str, prefix: str = "") -> list[str]:
    """The ids of a packed string, in order; unknown pairs are skipped."""
    ids = []
    for start in range(0, len(packed) - 1, 2):
        source = _code_source(packed[start])
        number = _BASE36.find(packed[start + 1])
        if source is not None and number >= 0:
            ids.append(f"{prefix}{source}-{number:02d}")
    return ids


def _packed_data(head: str, item_ids: Sequence[str]) -> str:
    """ "<head><packed ids>", with as many ids as fit in a button."""
    data = head
    for item_id in item_ids:
        code = pack_id(item_id)
        if code is None:
            continue
        if not _fits(data + code):
            break
        data += code
    return data


def clean_query(text: str) -> str:
    """What was typed, without control and invisible characters, on one line, not too long."""
    visible = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text)
    return " ".join(visible.split())[:MAX_QUERY]


def _fits(data: str) -> bool:
    return len(data.encode()) <= CALLBACK_DATA_MAX_BYTES


# -- rendering ------------------------------------------------------------------------------------


def source_label(ctx: Context, source: str) -> str:
    """ "§2.4", "Bijlage 1: Tien lessen voor het bouwen van een CoP", "VAN→NAAR"."""
    if re.fullmatch(r"\d\.\d", source):
        return ctx.t(TEXTS, "source_section", number=source)
    key = f"source_{source}"
    return ctx.t(TEXTS, key) if key in TEXTS else source


def _theme_name(ctx: Context, knowledge: Knowledge, source: str) -> str | None:
    theme = next((t for t in knowledge.themes if source in t.sources), None)
    if theme is None:
        return None
    return theme.name_en if ctx.lang == "en" else theme.name_nl


def section_title(ctx: Context, knowledge: Knowledge, source: str) -> str:
    """ "§2.4 Duurzaam partnerschap met de corporaties", "Bijlage 2: Tien inzichten …"."""
    label = source_label(ctx, source)
    if source.startswith("bijlage"):
        return label
    name = _theme_name(ctx, knowledge, source)
    if name is None:
        return label
    return f"{label}: {name}" if source == "van-naar" else f"{label} {name}"


def _in_dutch(ctx: Context, key: str = "in_dutch") -> str | None:
    return ctx.t(TEXTS, key) if ctx.lang == "en" else None


def _row(van: str | None, naar: str | None) -> str:
    return f"VAN {van} → NAAR {naar}"


def lesson_block(ctx: Context, number: int, lesson: Lesson) -> str:
    """One lesson in a list of search results: title, source, text."""
    label = source_label(ctx, lesson.source)
    if lesson.source == "van-naar" and lesson.van is not None:
        return f"{number}. {_row(lesson.van, lesson.naar)} ({label})"
    if lesson.van is not None:
        return f"{number}. {lesson.text} ({label}, {ctx.t(TEXTS, 'dilemma')})"
    return f"{number}. {lesson.title} ({label})\n{lesson.text}"


def _section_button(ctx: Context, source: str) -> Button:
    if source == "van-naar":
        label = ctx.t(TEXTS, "button_table")
    elif source.startswith("bijlage-"):
        label = ctx.t(TEXTS, "button_appendix", number=source.removeprefix("bijlage-"))
    else:
        label = ctx.t(TEXTS, "button_section", number=source)
    return Button(label, f"les:p:{source}")


def theme_buttons(ctx: Context, knowledge: Knowledge) -> list[tuple[Button, ...]]:
    """One theme per row: the names are long, and on a phone a row fits one."""
    rows: list[tuple[Button, ...]] = []
    for theme in knowledge.themes:
        data = f"les:t:{theme.slug}"
        if _fits(data):
            rows.append((Button(theme.name_en if ctx.lang == "en" else theme.name_nl, data),))
    return rows


def themes_reply(ctx: Context, knowledge: Knowledge) -> Reply:
    return Reply(ctx.t(TEXTS, "themes_intro"), buttons=tuple(theme_buttons(ctx, knowledge)))


def results_page(
    ctx: Context, remaining: Sequence[Lesson], offset: int, query: str | None = None
) -> Reply:
    """Lessons offset+1.. of a result list: one page, "meer" for the rest, the whole box."""
    shown, rest = remaining[:PAGE_SIZE], remaining[PAGE_SIZE:]
    first, last, total = offset + 1, offset + len(shown), offset + len(remaining)
    if query is not None:
        header = ctx.t(TEXTS, "page_header", query=query, first=first, last=last, total=total)
    else:
        header = ctx.t(TEXTS, "more_header", first=first, last=last, total=total)
    blocks = [lesson_block(ctx, first + i, lesson) for i, lesson in enumerate(shown)]
    buttons: list[Button] = []
    if rest:
        data = _packed_data(f"les:m:{offset + len(shown)}:", [lesson.id for lesson in rest])
        buttons.append(Button(ctx.t(TEXTS, "button_more"), data))
    buttons.append(_section_button(ctx, shown[0].source))
    return Reply("\n\n".join([header, *blocks]), buttons=(tuple(buttons),), context=_in_dutch(ctx))


def section_reply(ctx: Context, knowledge: Knowledge, source: str) -> Reply:
    """The whole box of one section (all its lessons), or the whole VAN→NAAR table."""
    lessons = knowledge.by_source(source)
    title = section_title(ctx, knowledge, source)
    buttons: list[Button] = []
    if source == "van-naar":
        lines = [ctx.t(TEXTS, "table_header", title=title)]
        lines += [f"{n}. {_row(item.van, item.naar)}" for n, item in enumerate(lessons, 1)]
        text = "\n".join(lines)
        if any(item.note for item in lessons):
            buttons.append(Button(ctx.t(TEXTS, "button_blog"), "les:vb"))
    else:
        boxed = [item for item in lessons if item.van is None]
        dilemmas = [item for item in lessons if item.van is not None]
        blocks = [ctx.t(TEXTS, "section_header", title=title, count=len(boxed))]
        blocks += [f"{n}. {item.title}\n{item.text}" for n, item in enumerate(boxed, 1)]
        if dilemmas:
            blocks.append(
                "\n".join(
                    [ctx.t(TEXTS, "dilemmas_header"), *(f"• {item.text}" for item in dilemmas)]
                )
            )
        text = "\n\n".join(blocks)
    buttons.append(Button(ctx.t(TEXTS, "button_themes"), "les:a"))
    return Reply(text, buttons=(tuple(buttons),), context=_in_dutch(ctx))


_SECTION_REF = re.compile(r"(?:§|paragraaf|par\.?|section)?\s*([12]\.[1-9])")
_APPENDIX_REF = re.compile(r"(?:bijlage|appendix)\s*-?\s*([12])")


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


def no_lesson_reply(
    ctx: Context, query: str, index: LessonIndex, *, point_to_help: bool = False
) -> Reply:
    """The honest answer: no lesson, the themes, and "bedoelde je …?" when there is one."""
    lines = [ctx.t(TEXTS, "no_lesson")]
    rows: list[tuple[Button, ...]] = []
    suggestion = index.suggest(query)
    if suggestion:
        data = f"les:q:{suggestion}"
        if _fits(data):
            lines.append(ctx.t(TEXTS, "did_you_mean", suggestion=suggestion))
            label = ctx.t(TEXTS, "did_you_mean_button", suggestion=suggestion)
            rows.append((Button(label, data),))
        else:
            lines.append(ctx.t(TEXTS, "did_you_mean_typed", suggestion=suggestion))
    lines.append(ctx.t(TEXTS, "no_lesson_themes"))
    if point_to_help:
        lines.append(ctx.t(TEXTS, "no_lesson_help"))
    rows += theme_buttons(ctx, index.knowledge)
    return Reply("\n".join(lines), buttons=tuple(rows))


async def answer_query(ctx: Context, query: str, *, point_to_help: bool = False) -> Reply:
    """What `/les <query>` answers: the first page of the best lessons, or an honest no."""
    query = clean_query(query)
    knowledge = ctx.services.knowledge
    if not query:
        return themes_reply(ctx, knowledge)
    source = _section_reference(query, knowledge)
    if source is not None:
        return section_reply(ctx, knowledge, source)
    index = ctx.services.lesson_index
    hits = index.search(query, limit=MAX_HITS)
    if not hits:
        return no_lesson_reply(ctx, query, index, point_to_help=point_to_help)
    return results_page(ctx, [hit.lesson for hit in hits], 0, query=query)


# -- /tien and /vannaar ---------------------------------------------------------------------------

_TIEN_SOURCES = {
    "": "bijlage-2",
    "inzichten": "bijlage-2",
    "sturing": "bijlage-2",
    "wijkenaanpak": "bijlage-2",
    "insights": "bijlage-2",
    "cop": "bijlage-1",
    "lessen": "bijlage-1",
    "community": "bijlage-1",
    "lessons": "bijlage-1",
}


def tien_reply(ctx: Context, knowledge: Knowledge, which: str) -> Reply:
    source = _TIEN_SOURCES.get(which.strip().lower().removeprefix("de "))
    if source is None:
        return Reply(ctx.t(TEXTS, "tien_usage"))
    items = knowledge.by_source(source)
    if not items:
        return Reply(ctx.t(TEXTS, "tien_empty"))
    lines = [ctx.t(TEXTS, "tien_header", label=source_label(ctx, source))]
    lines += [f"{n}. {item.title}" for n, item in enumerate(items, 1)]
    other = (
        ("button_tien_sturing", "les:10:")
        if source == "bijlage-1"
        else ("button_tien_cop", "les:10:cop")
    )
    buttons = (
        Button(ctx.t(TEXTS, "button_full_text"), f"les:p:{source}"),
        Button(ctx.t(TEXTS, other[0]), other[1]),
    )
    return Reply("\n".join(lines), buttons=(buttons,), context=_in_dutch(ctx))


def vannaar_reply(ctx: Context, knowledge: Knowledge) -> Reply:
    rows = knowledge.by_source("van-naar")
    lines = [ctx.t(TEXTS, "vannaar_header", count=len(rows))]
    lines += [f"{n}. {_row(row.van, row.naar)}" for n, row in enumerate(rows, 1)]
    buttons: tuple[tuple[Button, ...], ...] = ()
    if any(row.note and "blog" in row.note.lower() for row in rows):
        lines += ["", ctx.t(TEXTS, "vannaar_blog_note")]
        buttons = ((Button(ctx.t(TEXTS, "button_blog"), "les:vb"),),)
    return Reply("\n".join(lines), buttons=buttons, context=_in_dutch(ctx))


def vannaar_blog_reply(ctx: Context, knowledge: Knowledge) -> Reply:
    rows = knowledge.by_source("van-naar")
    noted = [(n, row) for n, row in enumerate(rows, 1) if row.note]
    if not noted:
        return Reply(ctx.t(TEXTS, "vannaar_blog_none"))
    lines = [ctx.t(TEXTS, "vannaar_blog_header")]
    for n, row in noted:
        lines += ["", f"{n}. {_row(row.van, row.naar)}", f"   {row.note}"]
    return Reply("\n".join(lines), context=_in_dutch(ctx))


# -- /citaat --------------------------------------------------------------------------------------


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
    return Reply(text, buttons=((button,),), context=_in_dutch(ctx, "quote_in_dutch"))


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
    quote, rest = ranked[0], ranked[1:]
    if rest:
        next_data = _packed_data("cit:t:", [item.id for item in rest])
    else:
        next_data = f"cit:e:{pack_id(quote.id) or ''}"
    return _quote_reply(ctx, quote, next_data)


# -- registration ---------------------------------------------------------------------------------


async def les(ctx: Context) -> Reply:
    return await answer_query(ctx, ctx.args)


async def question(ctx: Context) -> Reply:
    # A participant can just ask: plain text in a private chat is a lesson query.
    words = tokenize(clean_query(ctx.args))
    if words and all(word in CHAT_WORDS for word in words):
        # "hallo", "bedankt!", "ok": a friendly word back, not a list of themes.
        return Reply(ctx.t(TEXTS, "chat", name=ctx.participant.display_name))
    return await answer_query(ctx, ctx.args, point_to_help=True)


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
        found = [knowledge.lesson(item) for item in unpack_ids(packed)]
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
    return Reply(ctx.t(TEXTS, "stale_button"))


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
        aliases=("lessen", "lesson", "lessons"),
        help_nl="lessen uit het boekje zoeken (/les corporaties) of per thema bekijken",
        help_en="find lessons from the booklet (/les corporaties) or browse them by theme",
        usage="/les [onderwerp of vraag]",
    )
    registry.set_fallback(question)
    registry.callback("les", les_button)
    registry.command(
        "vannaar",
        vannaar,
        aliases=("beweging", "fromto"),
        help_nl="de beweging in de wijkenaanpak: de tabel VAN → NAAR",
        help_en="the movement in the neighbourhood approach: the FROM → TO table",
        usage="/vannaar [blog]",
    )
    registry.command(
        "tien",
        tien,
        aliases=("ten",),
        help_nl="tien inzichten in de sturing van de wijkenaanpak; /tien cop: tien lessen "
        "voor het bouwen van een CoP",
        help_en="ten insights into steering the neighbourhood approach; /tien cop: ten "
        "lessons for building a CoP",
        usage="/tien [cop]",
    )
    registry.command(
        "citaat",
        citaat,
        aliases=("citaten", "quote"),
        help_nl="een citaat van een deelnemer, over een onderwerp als je wilt (/citaat "
        "corporaties)",
        help_en="a participant's quote, on a topic if you like (/citaat corporaties)",
        usage="/citaat [onderwerp]",
    )
    registry.callback("cit", citaat_button)


def quote_by_id(knowledge: Knowledge, quote_id: str) -> Quote | None:
    return next((quote for quote in knowledge.quotes if quote.id == quote_id), None)
