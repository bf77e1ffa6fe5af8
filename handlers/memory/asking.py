"""The two questions after a meeting, as timeline steps: the working day after, "which lesson do
you take from it?" (programme items as buttons, then one free line); three months later, "what
did you do with it in your own city?" (Wenger, Trayner and de Laat's value-creation question),
quoting the first answer. Both go through the outbox, to those who came (RSVP yes).
"""

from __future__ import annotations

from datetime import timedelta

from bot.core.messages import Button, Reply
from bot.db.models import MemoryAnswer, Participant, ProgrammeItem
from bot.db.models.memory import MAX_ANSWER
from bot.kernel.roles import stale_button
from bot.kernel.services import Context, JobContext, Registry
from handlers.memory import keys
from handlers.memory.storage import answers_of, came, items_of, meeting
from handlers.memory.texts import TEXTS
from scheduler.outbox import enqueue, enqueue_many
from scheduler.timeline import step_meeting

ASK_OFFSET = timedelta(days=1)
FOLLOWUP_OFFSET = timedelta(days=91)
ANSWER_DIALOGUE = "memory-answer"
STORY_DIALOGUE = "memory-story"
BUTTON_TITLE = 40


def _short(text: str, size: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


async def ask(job: JobContext) -> None:
    """The working day after the meeting: the lesson question to each who came."""
    current = step_meeting(job)
    items = await items_of(job.db, current.id)

    def reply_for(person: Participant) -> Reply:
        lang = person.language
        rows = [
            (Button(_short(item.title, BUTTON_TITLE), f"memles:{current.id}:{item.id}"),)
            for item in items
        ]
        rows.append((Button(TEXTS(lang, "button_general"), f"memles:{current.id}:0"),))
        rows.append((Button(TEXTS(lang, "button_skip"), f"memniet:{current.id}"),))
        text = TEXTS(
            lang, "ask", id=current.id, theme=current.theme or "-", place=current.place or "-"
        )
        return Reply(text, buttons=tuple(rows))

    await enqueue_many(
        job.db,
        key_prefix=keys.ask_prefix(current.id),
        participant_ids=await came(job.db, current.id),
        reply_for=reply_for,
    )


async def followup(job: JobContext) -> None:
    """Three months on: what each who answered did with their lesson, quoting it."""
    current = step_meeting(job)
    for answer in await answers_of(job.db, current.id, status=None):
        if not answer.text or answer.followup:
            continue
        person = await job.db.get(Participant, answer.participant_id)
        if person is None:
            continue
        lang = person.language
        text = TEXTS(
            lang, "followup", id=current.id, theme=current.theme or "-", answer=answer.text
        )
        await enqueue(
            job.db,
            key=keys.to_participant(keys.followup_prefix(current.id), person.id),
            participant_id=person.id,
            reply=Reply(
                text, buttons=((Button(TEXTS(lang, "button_tell"), f"memdeed:{answer.id}"),),)
            ),
        )


async def answer_button(ctx: Context) -> Reply:
    """ "memles:<meeting>:<item or 0>": which programme item the lesson came from."""
    meeting_ref, _, item_ref = ctx.args.partition(":")
    if not (meeting_ref.isdigit() and item_ref.isdigit()):
        return stale_button(ctx)
    current = await meeting(ctx.db, int(meeting_ref))
    if current is None:
        return stale_button(ctx)
    if ctx.participant.id not in await came(ctx.db, current.id):
        return Reply(ctx.t(TEXTS, "not_there", id=current.id))
    item = await ctx.db.get(ProgrammeItem, int(item_ref)) if item_ref != "0" else None
    if item is not None and item.session_id != current.id:
        return stale_button(ctx)
    await ctx.start_dialogue(
        ANSWER_DIALOGUE, {"meeting": current.id, "item": item.id if item else None}
    )
    about = ctx.t(TEXTS, "about_item", title=item.title) if item is not None else ""
    return Reply(ctx.t(TEXTS, "type_lesson", item=about))


async def skip_button(ctx: Context) -> Reply:
    return Reply(ctx.t(TEXTS, "skipped"))


async def lesson_typed(ctx: Context) -> Reply:
    """The free line after the button: stored (a second answer replaces the first)."""
    data = ctx.dialogue.data if ctx.dialogue is not None else {}
    text = " ".join(ctx.args.split())
    if not text:
        return Reply(ctx.t(TEXTS, "empty_answer"))
    if len(text) > MAX_ANSWER:
        return Reply(ctx.t(TEXTS, "too_long", max=MAX_ANSWER))
    meeting_id = int(data.get("meeting", 0))
    if await meeting(ctx.db, meeting_id) is None:
        await ctx.end_dialogue()
        return stale_button(ctx)
    answer = next(
        (
            a
            for a in await answers_of(ctx.db, meeting_id)
            if a.participant_id == ctx.participant.id
        ),
        None,
    )
    if answer is None:
        answer = MemoryAnswer(
            session_id=meeting_id, participant_id=ctx.participant.id, created_at=ctx.now
        )
        ctx.db.add(answer)
    answer.text = text
    answer.programme_item_id = data.get("item")
    await ctx.end_dialogue()
    return Reply(ctx.t(TEXTS, "thanks_lesson", text=text))


async def tell_button(ctx: Context) -> Reply:
    """ "memdeed:<answer>": the participant wants to tell what they did with it."""
    answer = await ctx.db.get(MemoryAnswer, int(ctx.args)) if ctx.args.isdigit() else None
    if answer is None or answer.participant_id != ctx.participant.id:
        return stale_button(ctx)
    await ctx.start_dialogue(STORY_DIALOGUE, {"answer": answer.id})
    return Reply(ctx.t(TEXTS, "type_story"))


async def story_typed(ctx: Context) -> Reply:
    data = ctx.dialogue.data if ctx.dialogue is not None else {}
    text = " ".join(ctx.args.split())
    if not text:
        return Reply(ctx.t(TEXTS, "empty_answer"))
    if len(text) > MAX_ANSWER:
        return Reply(ctx.t(TEXTS, "too_long", max=MAX_ANSWER))
    answer = await ctx.db.get(MemoryAnswer, int(data.get("answer", 0)))
    await ctx.end_dialogue()
    if answer is None or answer.participant_id != ctx.participant.id:
        return stale_button(ctx)
    answer.followup = text
    answer.followup_at = ctx.now
    return Reply(ctx.t(TEXTS, "thanks_story", id=answer.session_id))


def register(registry: Registry) -> None:
    registry.step(
        "memory-ask",
        ASK_OFFSET,
        ask,
        label_nl="vraag wie kwam welke les hij meeneemt",
        label_en="ask those who came which lesson they take away",
    )
    registry.step(
        "memory-followup",
        FOLLOWUP_OFFSET,
        followup,
        label_nl="vraag na drie maanden wat ze ermee deden",
        label_en="ask after three months what they did with it",
    )
    registry.callback("memles", answer_button)
    registry.callback("memniet", skip_button)
    registry.callback("memdeed", tell_button)
    registry.dialogue(ANSWER_DIALOGUE, lesson_typed)
    registry.dialogue(STORY_DIALOGUE, story_typed)
