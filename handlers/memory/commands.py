"""/oogst: harvest a meeting's answers, show and correct harvested lessons, and say whether
your name may stand with your contributions. Wired here with the questions and /tussenbalans.
"""

from __future__ import annotations

from bot.core.messages import Reply
from bot.core.texts import NO_WORDS, YES_WORDS
from bot.db.models import HarvestedLesson
from bot.db.models.memory import ACTIVE, MAX_LESSON_TITLE, WITHDRAWN
from bot.kernel.lookup import parse_id
from bot.kernel.roles import require_organiser
from bot.kernel.services import Context, Registry
from handlers.memory import asking, curating, erasure, tussenbalans
from handlers.memory.storage import (
    contributor_names,
    keep_fresh,
    last_past_meeting,
    lessons_of,
    meeting,
    origin,
    refresh_index,
)
from handlers.memory.texts import TEXTS


async def oogst(ctx: Context) -> Reply:
    words = ctx.args.split()
    if not words:
        current = await last_past_meeting(ctx.db, ctx.now)
        if current is None:
            return Reply(ctx.t(TEXTS, "no_past_meeting"))
        return await curating.harvest_reply(ctx, current)
    first = words[0].lower()
    if first in ("naam", "name") and len(words) == 2:
        answer = words[1].lower()
        if answer in YES_WORDS or answer in NO_WORDS:
            return await curating.set_consent(ctx, answer in YES_WORDS)
        raise curating.usage(ctx)
    if first in ("lessen", "lessons"):
        return await lessons_list(ctx)
    if first in ("les", "lesson") and len(words) >= 2:
        return await lesson_command(ctx, words[1], words[2:])
    meeting_id = parse_id(words[0])
    if meeting_id is None:
        raise curating.usage(ctx)
    current = await meeting(ctx.db, meeting_id)
    if current is None:
        return Reply(ctx.t(TEXTS, "no_meeting", ref=words[0]))
    if len(words) >= 3 and words[1].lower() in ("samen", "merge"):
        await curating.require_curator(ctx, current.id)
        return await curating.merge_typed(ctx, current.id, words[2:])
    if len(words) > 1:
        raise curating.usage(ctx)
    return await curating.harvest_reply(ctx, current)


async def lesson_text(ctx: Context, lesson: HarvestedLesson) -> str:
    named, anonymous = await contributor_names(ctx.db, lesson.id)
    names = named + [ctx.t(TEXTS, "anonymous")] * (1 if anonymous else 0)
    return ctx.t(
        TEXTS,
        "lesson",
        id=lesson.id,
        title=lesson.title,
        withdrawn=ctx.t(TEXTS, "withdrawn_mark") if lesson.status == WITHDRAWN else "",
        text=lesson.text,
        theme=curating.theme_name(ctx, lesson.theme),
        origin=origin(lesson, ctx.lang, ctx.services.settings.tz),
        names=ctx.t(TEXTS, "contributors", names=", ".join(names)) if names else "",
    )


async def lessons_list(ctx: Context) -> Reply:
    lessons = await lessons_of(ctx.db, only_active=not ctx.is_organiser)
    if not lessons:
        return Reply(ctx.t(TEXTS, "no_lessons"))
    lines = [ctx.t(TEXTS, "lessons_list")]
    for lesson in lessons:
        mark = ctx.t(TEXTS, "withdrawn_mark") if lesson.status == WITHDRAWN else ""
        lines.append(f"L{lesson.id} {lesson.title}{mark} (/geschiedenis {lesson.meeting_number})")
    return Reply("\n".join(lines))


async def lesson_command(ctx: Context, reference: str, rest: list[str]) -> Reply:
    """ "/oogst les 7" shows; organisers add "titel …", "tekst …", "thema …", "intrekken",
    "terug"."""
    number = parse_id(reference.upper().removeprefix("L"))
    lesson = await ctx.db.get(HarvestedLesson, number) if number is not None else None
    if lesson is None or (lesson.status == WITHDRAWN and not ctx.is_organiser):
        return Reply(ctx.t(TEXTS, "no_lesson", ref=reference))
    if not rest:
        return Reply(await lesson_text(ctx, lesson))
    require_organiser(ctx)
    action, value = rest[0].lower(), " ".join(rest[1:])
    if action in ("intrekken", "withdraw"):
        lesson.status = WITHDRAWN
        reply = Reply(ctx.t(TEXTS, "lesson_withdrawn", id=lesson.id))
    elif action in ("terug", "restore"):
        lesson.status = ACTIVE
        reply = Reply(ctx.t(TEXTS, "lesson_restored", id=lesson.id))
    elif action in ("titel", "title") and value:
        if len(value) > MAX_LESSON_TITLE:
            raise ctx.fail(TEXTS, "too_long", max=MAX_LESSON_TITLE)
        lesson.title = value
        reply = Reply(ctx.t(TEXTS, "lesson_changed", id=lesson.id))
    elif action in ("tekst", "text") and value:
        if len(value) > curating.MAX_TEXT:
            raise ctx.fail(TEXTS, "too_long", max=curating.MAX_TEXT)
        lesson.text = value
        reply = Reply(ctx.t(TEXTS, "lesson_changed", id=lesson.id))
    elif action in ("thema", "theme") and value:
        if ctx.services.knowledge.theme(value) is None:
            slugs = ", ".join(t.slug for t in ctx.services.knowledge.themes)
            raise ctx.fail(TEXTS, "unknown_theme", theme=value, themes=slugs)
        lesson.theme = value
        reply = Reply(ctx.t(TEXTS, "lesson_changed", id=lesson.id))
    else:
        raise curating.usage(ctx)
    lesson.updated_at = ctx.now
    await ctx.db.flush()
    await refresh_index(ctx.services, ctx.db)
    return reply


def register(registry: Registry) -> None:
    asking.register(registry)
    registry.command(
        "oogst",
        oogst,
        name_en="harvest",
        aliases=("harvest",),
        help_nl="lessen maken van de antwoorden na een bijeenkomst (voorbereidingsgroep)",
        help_en="turn the answers after a meeting into lessons (preparation group)",
        usage="/oogst <bijeenkomst>",
    )
    registry.callback("oogst", curating.harvest_button)
    registry.before_lesson_search(keep_fresh)
    registry.callback("concept", curating.draft_button)
    registry.callback("memnaam", curating.consent_button)
    registry.dialogue(curating.DRAFT_DIALOGUE, curating.draft_typed)
    tussenbalans.register(registry)
    erasure.register(registry)
