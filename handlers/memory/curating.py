"""Curating: the preparation group and the organisers turn answers into lessons.

`/oogst 3` lists meeting 3's open answers grouped by programme item, each with the buttons
"maak les", "voeg samen" and "sla over"; a lesson starts as a draft (a dialogue) whose title,
text and theme can be edited before it is saved with its meeting, date, cities and contributors.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.core.dates import format_date
from bot.core.messages import Button, Reply
from bot.db.models import (
    HarvestedLesson,
    LessonContributor,
    MemoryAnswer,
    NamingConsent,
    Participant,
    ProgrammeItem,
    Session,
)
from bot.db.models.memory import MAX_LESSON_TITLE, OPEN, SKIPPED, USED
from bot.kernel.roles import stale_button
from bot.kernel.services import Context, UserError
from handlers.memory import keys
from handlers.memory.storage import answers_of, is_curator, items_of, lessons_of, refresh_index
from handlers.memory.texts import TEXTS
from scheduler.outbox import enqueue

DRAFT_DIALOGUE = "memory-draft"
MAX_TEXT = 2000
SHOWN = 60


def _short(text: str, size: int = SHOWN) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


async def require_curator(ctx: Context, meeting_id: int) -> None:
    if ctx.is_organiser or await is_curator(ctx.db, meeting_id, ctx.participant.id):
        return
    raise ctx.fail(TEXTS, "not_curator", id=meeting_id)


async def harvest_reply(ctx: Context, current: Session) -> Reply:
    """The open answers of a meeting, grouped by programme item, with a row of buttons each."""
    await require_curator(ctx, current.id)
    answers = await answers_of(ctx.db, current.id)
    made = len(await lessons_of(ctx.db, current.id))
    done = ctx.t(TEXTS, "harvest_done", count=made, id=current.id) if made else ""
    if not answers:
        return Reply(
            "\n".join(p for p in (ctx.t(TEXTS, "harvest_empty", id=current.id), done) if p)
        )
    names = {
        p.id: p
        for p in [await ctx.db.get(Participant, a.participant_id) for a in answers]
        if p is not None
    }
    groups: list[tuple[str, list[MemoryAnswer]]] = []
    for item in await items_of(ctx.db, current.id):
        mine = [a for a in answers if a.programme_item_id == item.id]
        if mine:
            groups.append((ctx.t(TEXTS, "harvest_item", title=item.title), mine))
    grouped = {a.id for _, group in groups for a in group}
    rest = [a for a in answers if a.id not in grouped]
    if rest:
        groups.append((ctx.t(TEXTS, "harvest_general"), rest))
    tz = ctx.services.settings.tz
    lines = [
        ctx.t(
            TEXTS,
            "harvest_header",
            id=current.id,
            theme=current.theme or "-",
            date=format_date(current.starts_at, ctx.lang, tz),
            count=len(answers),
        )
    ]
    buttons: list[tuple[Button, ...]] = []
    for title, group in groups:
        lines += ["", title]
        for answer in group:
            person = names.get(answer.participant_id)
            who = (
                ", ".join(p for p in (person.display_name, person.city or "") if p)
                if person
                else "?"
            )
            lines.append(ctx.t(TEXTS, "harvest_answer", id=answer.id, text=answer.text, who=who))
            buttons.append(
                (
                    Button(ctx.t(TEXTS, "button_make", id=answer.id), f"oogst:mk:{answer.id}"),
                    Button(ctx.t(TEXTS, "button_merge", id=answer.id), f"oogst:sm:{answer.id}"),
                    Button(
                        ctx.t(TEXTS, "button_skip_answer", id=answer.id), f"oogst:sk:{answer.id}"
                    ),
                )
            )
    if done:
        lines += ["", done]
    return Reply("\n".join(lines), buttons=tuple(buttons))


async def _open_answer(ctx: Context, reference: str) -> MemoryAnswer:
    answer = await ctx.db.get(MemoryAnswer, int(reference)) if reference.isdigit() else None
    if answer is None or answer.status != OPEN:
        raise ctx.fail(TEXTS, "answer_gone", id=reference)
    await require_curator(ctx, answer.session_id)
    return answer


async def harvest_button(ctx: Context) -> Reply:
    """ "oogst:mk:<#>", "oogst:sm:<#>[:<#>]", "oogst:sk:<#>"."""
    action, _, rest = ctx.args.partition(":")
    refs = rest.split(":")
    if action == "mk" and len(refs) == 1:
        return await start_draft(ctx, [await _open_answer(ctx, refs[0])])
    if action == "sm" and len(refs) == 1:
        return await merge_choices(ctx, await _open_answer(ctx, refs[0]))
    if action == "sm" and len(refs) == 2:
        return await start_draft(ctx, [await _open_answer(ctx, ref) for ref in refs])
    if action == "sk" and len(refs) == 1:
        answer = await _open_answer(ctx, refs[0])
        answer.status = SKIPPED
        left = len(await answers_of(ctx.db, answer.session_id))
        return Reply(ctx.t(TEXTS, "answer_skipped", id=answer.id, count=left))
    return stale_button(ctx)


async def merge_choices(ctx: Context, answer: MemoryAnswer) -> Reply:
    others = [a for a in await answers_of(ctx.db, answer.session_id) if a.id != answer.id]
    if not others:
        return Reply(ctx.t(TEXTS, "nothing_to_merge", id=answer.id))
    rows = tuple(
        (Button(f"#{other.id}: {_short(other.text, 40)}", f"oogst:sm:{answer.id}:{other.id}"),)
        for other in others
    )
    text = ctx.t(TEXTS, "merge_with", id=answer.id, meeting=answer.session_id)
    return Reply(text, buttons=rows)


async def merge_typed(ctx: Context, meeting_id: int, references: Sequence[str]) -> Reply:
    """ "/oogst 3 samen 12 14 15"."""
    answers = [await _open_answer(ctx, ref.lstrip("#")) for ref in references]
    if any(a.session_id != meeting_id for a in answers) or len({a.id for a in answers}) < 2:
        raise ctx.fail(TEXTS, "harvest_usage")
    return await start_draft(ctx, answers)


def _guess_theme(ctx: Context, text: str) -> str:
    themes = ctx.services.lesson_index.themes_for(text, limit=1)
    return themes[0].slug if themes else ctx.services.knowledge.themes[0].slug


async def start_draft(ctx: Context, answers: Sequence[MemoryAnswer]) -> Reply:
    text = " ".join(a.text for a in answers)
    data = {
        "meeting": answers[0].session_id,
        "answers": [a.id for a in answers],
        "title": _short(answers[0].text, 100),
        "text": text[:MAX_TEXT],
        "theme": _guess_theme(ctx, text),
        "field": None,
    }
    await ctx.start_dialogue(DRAFT_DIALOGUE, data)
    return draft_reply(ctx, data)


def theme_name(ctx: Context, slug: str) -> str:
    theme = ctx.services.knowledge.theme(slug)
    if theme is None:
        return slug
    return theme.name_en if ctx.lang == "en" else theme.name_nl


def draft_reply(ctx: Context, data: dict[str, Any]) -> Reply:
    answers = ", ".join(f"#{ref}" for ref in data["answers"])
    text = ctx.t(
        TEXTS,
        "draft",
        answers=answers,
        title=data["title"],
        text=data["text"],
        theme=theme_name(ctx, data["theme"]),
    )
    buttons = (
        (Button(ctx.t(TEXTS, "button_save"), "concept:save"),),
        (
            Button(ctx.t(TEXTS, "button_title"), "concept:title"),
            Button(ctx.t(TEXTS, "button_text"), "concept:text"),
        ),
        (
            Button(ctx.t(TEXTS, "button_theme"), "concept:theme"),
            Button(ctx.t(TEXTS, "button_cancel"), "concept:stop"),
        ),
    )
    return Reply(text, buttons=buttons)


async def _draft(ctx: Context) -> dict[str, Any] | None:
    state = await ctx.current_dialogue()
    if state is None or state.name != DRAFT_DIALOGUE:
        return None
    ctx.dialogue = state
    return dict(state.data)


async def draft_button(ctx: Context) -> Reply:
    """ "concept:save|title|text|theme|stop", "concept:th:<slug>"."""
    data = await _draft(ctx)
    if data is None:
        return stale_button(ctx)
    action, _, slug = ctx.args.partition(":")
    if action == "stop":
        await ctx.end_dialogue()
        return Reply(ctx.t(TEXTS, "draft_cancelled"))
    if action in ("title", "text"):
        await ctx.start_dialogue(DRAFT_DIALOGUE, {**data, "field": action})
        return Reply(ctx.t(TEXTS, f"type_{action}"))
    if action == "theme":
        rows = tuple(
            (Button(theme_name(ctx, theme.slug), f"concept:th:{theme.slug}"),)
            for theme in ctx.services.knowledge.themes
        )
        return Reply(ctx.t(TEXTS, "choose_theme"), buttons=rows)
    if action == "th" and ctx.services.knowledge.theme(slug) is not None:
        data["theme"] = slug
        await ctx.start_dialogue(DRAFT_DIALOGUE, data)
        return draft_reply(ctx, data)
    if action == "save":
        return await save_draft(ctx, data)
    return stale_button(ctx)


async def draft_typed(ctx: Context) -> Reply:
    """A new title or text for the draft, after its button."""
    data = dict(ctx.dialogue.data) if ctx.dialogue is not None else {}
    field = data.get("field")
    text = " ".join(ctx.args.split())
    if field not in ("title", "text") or not text:
        return Reply(ctx.t(TEXTS, "draft_hint"))
    limit = MAX_LESSON_TITLE if field == "title" else MAX_TEXT
    if len(text) > limit:
        return Reply(ctx.t(TEXTS, "too_long", max=limit))
    data[field] = text
    data["field"] = None
    await ctx.start_dialogue(DRAFT_DIALOGUE, data)
    return draft_reply(ctx, data)


async def save_draft(ctx: Context, data: dict[str, Any]) -> Reply:
    """The lesson, with its meeting, date, place, cities and contributors; the answers used."""
    current = await ctx.db.get(Session, int(data["meeting"]))
    answers = [await ctx.db.get(MemoryAnswer, int(ref)) for ref in data["answers"]]
    used = [a for a in answers if a is not None and a.status == OPEN]
    if current is None or not used:
        await ctx.end_dialogue()
        return stale_button(ctx)
    await require_curator(ctx, current.id)
    people = [p for p in [await ctx.db.get(Participant, a.participant_id) for a in used] if p]
    item_ids = [a.programme_item_id for a in used if a.programme_item_id]
    item = await ctx.db.get(ProgrammeItem, item_ids[0]) if item_ids else None
    lesson = HarvestedLesson(
        session_id=current.id,
        meeting_number=current.id,
        meeting_date=current.starts_at,
        place=current.place,
        cities=", ".join(sorted({p.city for p in people if p.city})),
        programme_item=item.title if item is not None else "",
        title=data["title"],
        text=data["text"],
        theme=data["theme"],
        created_by=ctx.participant.id,
        created_at=ctx.now,
        updated_at=ctx.now,
    )
    ctx.db.add(lesson)
    await ctx.db.flush()
    for person in {p.id: p for p in people}.values():
        ctx.db.add(LessonContributor(lesson_id=lesson.id, participant_id=person.id))
        await ask_consent(ctx, person, lesson)
    for answer in used:
        answer.status = USED
        answer.lesson_id = lesson.id
    await ctx.end_dialogue()
    await ctx.db.flush()
    await refresh_index(ctx.services, ctx.db)
    return Reply(ctx.t(TEXTS, "saved", id=lesson.id, meeting=current.id, title=lesson.title))


async def ask_consent(ctx: Context, person: Participant, lesson: HarvestedLesson) -> None:
    """Once per person: may their name stand with the lessons they contributed to?"""
    if await ctx.db.get(NamingConsent, person.id) is not None:
        return
    ctx.db.add(NamingConsent(participant_id=person.id, asked_at=ctx.now))
    lang = person.language
    buttons = (
        (
            Button(TEXTS(lang, "button_name_yes"), "memnaam:ja"),
            Button(TEXTS(lang, "button_name_no"), "memnaam:nee"),
        ),
    )
    await enqueue(
        ctx.db,
        key=keys.consent_key(person.id),
        participant_id=person.id,
        reply=Reply(TEXTS(lang, "consent", title=lesson.title), buttons=buttons),
    )


async def set_consent(ctx: Context, named: bool) -> Reply:
    consent = await ctx.db.get(NamingConsent, ctx.participant.id)
    if consent is None:
        consent = NamingConsent(participant_id=ctx.participant.id, asked_at=ctx.now)
        ctx.db.add(consent)
    consent.named = named
    consent.answered_at = ctx.now
    return Reply(ctx.t(TEXTS, "consent_yes" if named else "consent_no"))


async def consent_button(ctx: Context) -> Reply:
    if ctx.args not in ("ja", "nee"):
        return stale_button(ctx)
    return await set_consent(ctx, ctx.args == "ja")


def usage(ctx: Context) -> UserError:
    return ctx.fail(TEXTS, "harvest_usage")
