"""The replies that show lessons: a page of results, a whole section, the themes, the honest
no, the two lists of ten and the VAN→NAAR table."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.messages import Button, Reply
from bot.kernel.services import Context
from handlers.lessons.button_data import fits, packed_data
from handlers.lessons.texts import TEXTS
from knowledge.model import Knowledge, Lesson
from knowledge.search import LessonIndex

PAGE_SIZE = 3


def source_name(lang: str, source: str) -> str:
    """ "§2.4", "Bijlage 1: Tien lessen voor het bouwen van een CoP", "VAN→NAAR"."""
    if re.fullmatch(r"\d\.\d", source):
        return TEXTS(lang, "source_section", number=source)
    key = f"source_{source}"
    return TEXTS(lang, key) if key in TEXTS else source


def source_label(ctx: Context, source: str) -> str:
    return source_name(ctx.lang, source)


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


def in_dutch(ctx: Context, key: str = "in_dutch") -> str | None:
    """The note that the booklet's text stays Dutch, for a participant who reads English."""
    return ctx.t(TEXTS, key) if ctx.lang == "en" else None


def _row(van: str | None, naar: str | None) -> str:
    return f"VAN {van} → NAAR {naar}"


def lesson_block(ctx: Context, number: int, lesson: Lesson, mixed: bool = False) -> str:
    """One lesson in a list of search results: title, source, text. In a list `mixed` with
    lessons harvested after the booklet, each says where it comes from."""
    label = source_label(ctx, lesson.source)
    if lesson.origin_nl:
        # Harvested at a meeting after the booklet: "bijeenkomst 5, Zwolle, maart 2027, …".
        label = lesson.origin_en if ctx.lang == "en" and lesson.origin_en else lesson.origin_nl
    elif mixed:
        label = ctx.t(TEXTS, "from_booklet", label=label)
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
        if fits(data):
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
    mixed = any(lesson.origin_nl for lesson in shown)
    blocks = [lesson_block(ctx, first + i, lesson, mixed) for i, lesson in enumerate(shown)]
    buttons: list[Button] = []
    if rest:
        data = packed_data(f"les:m:{offset + len(shown)}:", [lesson.id for lesson in rest])
        buttons.append(Button(ctx.t(TEXTS, "button_more"), data))
    from_booklet = [lesson for lesson in shown if not lesson.origin_nl]
    if from_booklet:
        buttons.append(_section_button(ctx, from_booklet[0].source))
    return Reply("\n\n".join([header, *blocks]), buttons=(tuple(buttons),), context=in_dutch(ctx))


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
        header = "section_header_one" if len(boxed) == 1 else "section_header"
        blocks = [ctx.t(TEXTS, header, title=title, count=len(boxed))]
        blocks += [f"{n}. {item.title}\n{item.text}" for n, item in enumerate(boxed, 1)]
        if dilemmas:
            blocks.append(
                "\n".join(
                    [ctx.t(TEXTS, "dilemmas_header"), *(f"• {item.text}" for item in dilemmas)]
                )
            )
        text = "\n\n".join(blocks)
    buttons.append(Button(ctx.t(TEXTS, "button_themes"), "les:a"))
    return Reply(text, buttons=(tuple(buttons),), context=in_dutch(ctx))


def no_lesson_reply(
    ctx: Context, query: str, index: LessonIndex, *, point_to_help: bool = False
) -> Reply:
    """The honest answer: no lesson, the themes, and "bedoelde je …?" when there is one."""
    lines = [ctx.t(TEXTS, "no_lesson")]
    rows: list[tuple[Button, ...]] = []
    suggestion = index.suggest(query)
    if suggestion:
        data = f"les:q:{suggestion}"
        if fits(data):
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
    return Reply("\n".join(lines), buttons=(buttons,), context=in_dutch(ctx))


def vannaar_reply(ctx: Context, knowledge: Knowledge) -> Reply:
    rows = knowledge.by_source("van-naar")
    lines = [ctx.t(TEXTS, "vannaar_header", count=len(rows))]
    lines += [f"{n}. {_row(row.van, row.naar)}" for n, row in enumerate(rows, 1)]
    buttons: tuple[tuple[Button, ...], ...] = ()
    if any(row.note and "blog" in row.note.lower() for row in rows):
        lines += ["", ctx.t(TEXTS, "vannaar_blog_note")]
        buttons = ((Button(ctx.t(TEXTS, "button_blog"), "les:vb"),),)
    return Reply("\n".join(lines), buttons=buttons, context=in_dutch(ctx))


def vannaar_blog_reply(ctx: Context, knowledge: Knowledge) -> Reply:
    rows = knowledge.by_source("van-naar")
    noted = [(n, row) for n, row in enumerate(rows, 1) if row.note]
    if not noted:
        return Reply(ctx.t(TEXTS, "vannaar_blog_none"))
    lines = [ctx.t(TEXTS, "vannaar_blog_header")]
    for n, row in noted:
        lines += ["", f"{n}. {_row(row.van, row.naar)}", f"   {row.note}"]
    return Reply("\n".join(lines), context=in_dutch(ctx))
