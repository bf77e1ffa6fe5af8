"""The sign-up after "Ja" or "Misschien": parts, dietary needs and a note, in one short guided
flow (buttons or typed answers, "klaar" moves on); after the meeting's deadline a change
becomes a request to the organisers."""

from __future__ import annotations

import re
from typing import Any

from bot.core.dates import format_date, format_datetime
from bot.core.messages import Button, Reply
from bot.db.models import Participant, Rsvp, Session
from bot.kernel.roles import stale_button
from bot.kernel.services import Context
from handlers.sessions.keys import request_prefix
from handlers.sessions.logistics_texts import TEXTS
from handlers.sessions.rooms import (
    COMING,
    has_room,
    is_waiting,
    release_room,
    request_room,
    rsvps_of,
    waiting_place,
)
from handlers.sessions.views import active_participants, get_meeting, rsvp_of
from scheduler.outbox import enqueue_many

DIALOGUE = "sessie-aanmelding"
PREFIX = "aanmelding"  # buttons: "aanmelding:<meeting>:<deel|dieet|klaar|geen>:<value>"
PARTS = ("day1", "dinner", "overnight", "day2")
DIETS = ("vegetarian", "vegan", "halal", "gluten_free", "lactose_free", "allergy")
MAX_NOTE = 300
ANSWER_CHOICES = {"yes": "ja", "no": "nee", "maybe": "misschien"}
DONE_WORDS = frozenset({"klaar", "done", "ok", "oké", "goed", "prima"})
NONE_WORDS = frozenset({"geen", "nee", "none", "no", "niets", "nothing", "-", "n"})
ALL_WORDS = frozenset({"alles", "all", "allemaal", "everything"})
PART_WORDS = {
    "dag 1": "day1", "dag1": "day1", "day 1": "day1", "day1": "day1", "eerste dag": "day1",
    "diner": "dinner", "dinner": "dinner", "avondeten": "dinner", "eten": "dinner",
    "overnachting": "overnight", "overnight": "overnight", "nacht": "overnight",
    "night": "overnight", "hotel": "overnight", "slapen": "overnight",
    "dag 2": "day2", "dag2": "day2", "day 2": "day2", "day2": "day2", "tweede dag": "day2",
}  # fmt: skip
DIET_WORDS = {
    "vegetarisch": "vegetarian", "vegetarian": "vegetarian", "vega": "vegetarian",
    "veganistisch": "vegan", "vegan": "vegan", "veganist": "vegan",
    "halal": "halal",
    "glutenvrij": "gluten_free", "gluten-free": "gluten_free", "gluten free": "gluten_free",
    "lactosevrij": "lactose_free", "lactose-free": "lactose_free",
    "lactose free": "lactose_free",
    "allergie": "allergy", "allergy": "allergy", "allergisch": "allergy", "allergic": "allergy",
}  # fmt: skip
ALLERGY_TO = re.compile(r"^(allergie|allergy|allergisch|allergic)\s*(?:voor|to|:)?\s*")
SEPARATORS = re.compile(r"\s*(?:,|;|/|\+|&|\ben\b|\band\b)\s*")


def deadline_passed(ctx: Context, meeting: Session) -> bool:
    """Participants change their own answer until the deadline; organisers always can."""
    deadline = meeting.rsvp_deadline
    return deadline is not None and ctx.now > deadline and not ctx.is_organiser


def deadline_text(meeting: Session, lang: str, ctx: Context) -> str:
    assert meeting.rsvp_deadline is not None
    return format_date(meeting.rsvp_deadline, lang, ctx.services.settings.tz)


# -- what is noted, in words -------------------------------------------------------------------


def chosen_parts(meeting: Session, rsvp: Rsvp) -> list[str]:
    """The parts as the flow shows them (the night from the room or the waiting list)."""
    parts = list(rsvp.parts) if rsvp.parts is not None else ["day1", "dinner", "day2"]
    if meeting.overnight and (rsvp.overnight or rsvp.waiting_since is not None):
        parts.append("overnight")
    return [p for p in PARTS if p in parts]


def parts_text(meeting: Session, rsvp: Rsvp, lang: str) -> str:
    return ", ".join(TEXTS(lang, f"part_{p}") for p in chosen_parts(meeting, rsvp))


def diet_text(rsvp: Rsvp, lang: str) -> str:
    """ "vegetarisch, allergie (noten)", or "" without needs."""
    words = [TEXTS(lang, f"diet_{d}") for d in DIETS if d in (rsvp.diets or [])]
    if rsvp.diet_note:
        if words and words[-1] == TEXTS(lang, "diet_allergy"):
            words[-1] += f" ({rsvp.diet_note})"
        else:
            words.append(rsvp.diet_note)
    return ", ".join(words)


def summary_lines(meeting: Session, rsvp: Rsvp, lang: str) -> list[str]:
    lines = []
    if meeting.overnight:
        lines.append(TEXTS(lang, "summary_parts", parts=parts_text(meeting, rsvp, lang)))
    lines.append(
        TEXTS(lang, "summary_diet", diet=diet_text(rsvp, lang) or TEXTS(lang, "diet_none"))
    )
    if rsvp.note:
        lines.append(TEXTS(lang, "summary_note", note=rsvp.note))
    return lines


# -- the questions -----------------------------------------------------------------------------


def toggles(
    meeting: Session,
    kind: str,
    values: tuple[str, ...],
    chosen: list[str],
    lang: str,
    per_row: int,
) -> list[tuple[Button, ...]]:
    label = "part" if kind == "deel" else "diet"
    buttons = [
        Button(
            ("✓ " if value in chosen else "") + TEXTS(lang, f"{label}_{value}").capitalize(),
            f"{PREFIX}:{meeting.id}:{kind}:{value}",
        )
        for value in values
    ]
    return [tuple(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row)]


def question(ctx: Context, meeting: Session, data: dict[str, Any], *, edit: bool) -> Reply:
    step, lang, done = data["step"], ctx.lang, f"{PREFIX}:{meeting.id}:klaar:"
    if step == "parts":
        rows = toggles(meeting, "deel", PARTS, data["parts"], lang, 2)
        rows.append((Button(ctx.t(TEXTS, "button_done"), done),))
        return Reply(ctx.t(TEXTS, "ask_parts", id=meeting.id), buttons=tuple(rows), edit=edit)
    if step == "diet":
        rows = toggles(meeting, "dieet", DIETS, data["diets"], lang, 3)
        none = Button(ctx.t(TEXTS, "button_no_diet"), f"{PREFIX}:{meeting.id}:geen:")
        rows.append((none, Button(ctx.t(TEXTS, "button_done"), done)))
        return Reply(ctx.t(TEXTS, "ask_diet"), buttons=tuple(rows), edit=edit)
    if step == "allergy":
        return Reply(ctx.t(TEXTS, "ask_allergy"), edit=edit)
    text = ctx.t(TEXTS, "ask_note")
    if data.get("note"):
        text += "\n" + ctx.t(TEXTS, "current_note", note=data["note"])
    buttons = [Button(ctx.t(TEXTS, "button_done"), done)]
    if data.get("note"):
        buttons.insert(0, Button(ctx.t(TEXTS, "button_no_note"), f"{PREFIX}:{meeting.id}:geen:"))
    return Reply(text, buttons=(tuple(buttons),), edit=edit)


async def start_signup(ctx: Context, meeting: Session, rsvp: Rsvp) -> Reply:
    """The first question of the flow (the parts of a meeting with a night, else the diet)."""
    data: dict[str, Any] = {
        "meeting": meeting.id,
        "step": "parts" if meeting.overnight else "diet",
        "parts": chosen_parts(meeting, rsvp),
        "diets": list(rsvp.diets or []),
        "note": rsvp.note or "",
    }
    await ctx.start_dialogue(DIALOGUE, data)
    return question(ctx, meeting, data, edit=False)


async def signup_command(ctx: Context, meeting: Session) -> Reply:
    """/sessie <n> opgeven: the flow again, to change what was noted."""
    if deadline_passed(ctx, meeting):
        await ctx.start_dialogue(DIALOGUE, {"meeting": meeting.id, "step": "request"})
        deadline = deadline_text(meeting, ctx.lang, ctx)
        return Reply(ctx.t(TEXTS, "deadline_ask_change", id=meeting.id, deadline=deadline))
    rsvp = await rsvp_of(ctx.db, meeting.id, ctx.participant.id)
    if rsvp is None:
        return Reply(ctx.t(TEXTS, "signup_no_answer", id=meeting.id))
    if rsvp.answer not in COMING:
        return Reply(ctx.t(TEXTS, "signup_not_coming", id=meeting.id))
    return await start_signup(ctx, meeting, rsvp)


# -- answers -----------------------------------------------------------------------------------


def read_words(text: str, table: dict[str, str]) -> tuple[list[str], str]:
    """The known words of `text` (by `table`) and what is left of it."""
    found, rest = [], []
    lowered = text.strip().lower()
    for piece in SEPARATORS.split(lowered):
        piece = piece.strip(" .:")
        allergy = ALLERGY_TO.match(piece) if table is DIET_WORDS else None
        if allergy and piece[allergy.end() :]:  # "allergie: noten"
            found.append("allergy")
            piece = piece[allergy.end() :]
        if not piece:
            continue
        if piece in table:
            found.append(table[piece])
        else:
            rest.append(piece)
    return found, ", ".join(rest)


async def signup_text(ctx: Context) -> Reply:
    """A typed answer in the flow."""
    state = ctx.dialogue
    data = dict(state.data) if state is not None else {}
    meeting = await get_meeting(ctx, str(data.get("meeting", "")))
    text, lowered = ctx.args.strip(), ctx.args.strip().lower()
    if data.get("step") == "request":
        await ctx.end_dialogue()
        return await send_request(ctx, meeting, text[:MAX_NOTE])
    if data["step"] == "parts" and lowered not in DONE_WORDS:
        found, rest = read_words(text, PART_WORDS)
        if lowered in ALL_WORDS:
            found, rest = list(PARTS), ""
        if rest or not found:
            return Reply(ctx.t(TEXTS, "parts_unknown"))
        data["parts"] = [p for p in PARTS if p in found]
    elif data["step"] == "diet" and lowered not in DONE_WORDS:
        if lowered in NONE_WORDS:
            data["diets"], data["diet_note"] = [], ""
        else:
            found, rest = read_words(text, DIET_WORDS)
            if rest and "allergy" not in found:
                found.append("allergy")
            data["diets"] = [d for d in DIETS if d in found]
            data["diet_note"] = rest[:MAX_NOTE]
    elif data["step"] == "allergy":
        data["diet_note"] = "" if lowered in NONE_WORDS else text[:MAX_NOTE]
    elif data["step"] == "note" and lowered not in DONE_WORDS:
        data["note"] = "" if lowered in NONE_WORDS else text[:MAX_NOTE]
    return await next_step(ctx, meeting, data, edit=False)


async def signup_button(ctx: Context) -> Reply:
    """A button of the flow: toggles a part or a diet, or finishes a step."""
    reference, _, rest = ctx.args.partition(":")
    kind, _, value = rest.partition(":")
    state = ctx.dialogue or await ctx.current_dialogue()
    data = dict(state.data) if state is not None and state.name == DIALOGUE else {}
    meeting = await get_meeting(ctx, reference)
    if str(data.get("meeting")) != reference or data.get("step") == "request":
        return stale_button(ctx, ctx.t(TEXTS, "signup_gone", id=meeting.id))
    ctx.dialogue = state
    step = data["step"]
    if kind == "deel" and step == "parts" and value in PARTS:
        data["parts"] = toggled(data["parts"], value, PARTS)
    elif kind == "dieet" and step == "diet" and value in DIETS:
        data["diets"] = toggled(data["diets"], value, DIETS)
    elif kind == "geen" and step in {"diet", "note"}:
        data.update({"diets": [], "diet_note": ""} if step == "diet" else {"note": ""})
        return await next_step(ctx, meeting, data, edit=True)
    elif kind == "klaar":
        return await next_step(ctx, meeting, data, edit=True)
    else:
        return stale_button(ctx, ctx.t(TEXTS, "signup_gone", id=meeting.id))
    await ctx.start_dialogue(DIALOGUE, data)
    return question(ctx, meeting, data, edit=True)


def toggled(chosen: list[str], value: str, order: tuple[str, ...]) -> list[str]:
    now = set(chosen) ^ {value}
    return [v for v in order if v in now]


async def next_step(ctx: Context, meeting: Session, data: dict[str, Any], *, edit: bool) -> Reply:
    """Save the step just answered and ask the next one (or say what is noted)."""
    if deadline_passed(ctx, meeting):
        await ctx.start_dialogue(DIALOGUE, {"meeting": meeting.id, "step": "request"})
        deadline = deadline_text(meeting, ctx.lang, ctx)
        return Reply(ctx.t(TEXTS, "deadline_ask_change", id=meeting.id, deadline=deadline))
    rsvp = await rsvp_of(ctx.db, meeting.id, ctx.participant.id)
    if rsvp is None or rsvp.answer not in COMING:
        await ctx.end_dialogue()
        key = "signup_no_answer" if rsvp is None else "signup_not_coming"
        return Reply(ctx.t(TEXTS, key, id=meeting.id), edit=edit)
    step = data["step"]
    if step == "parts":
        if not data["parts"]:
            return Reply(ctx.t(TEXTS, "parts_empty", id=meeting.id))
        await save_parts(ctx, meeting, rsvp, data["parts"])
        data["step"] = "diet"
    elif step == "diet":
        rsvp.diets = list(data["diets"])
        rsvp.diet_note = data.get("diet_note") or None
        needs_detail = "allergy" in data["diets"] and not rsvp.diet_note
        data["step"] = "allergy" if needs_detail else "note"
    elif step == "allergy":
        rsvp.diet_note = data.get("diet_note") or None
        data["step"] = "note"
    else:
        rsvp.note = data.get("note") or None
        data["step"] = "finished"
    rsvp.updated_at = ctx.now
    if data["step"] != "finished":
        await ctx.start_dialogue(DIALOGUE, data)
        return question(ctx, meeting, data, edit=edit)
    await ctx.end_dialogue()
    return Reply(await finished_text(ctx, meeting, rsvp), edit=edit)


async def save_parts(ctx: Context, meeting: Session, rsvp: Rsvp, parts: list[str]) -> None:
    rsvp.parts = [p for p in parts if p != "overnight"]
    if not meeting.overnight:
        return
    tz = ctx.services.settings.tz
    if "overnight" in parts:
        await request_room(ctx.db, meeting, rsvp, ctx.now)
    elif has_room(rsvp) or is_waiting(rsvp):
        await release_room(ctx.db, meeting, rsvp, overnight=False, tz=tz)
    else:
        rsvp.overnight = False


async def finished_text(ctx: Context, meeting: Session, rsvp: Rsvp) -> str:
    lines = [ctx.t(TEXTS, "signup_saved", id=meeting.id), *summary_lines(meeting, rsvp, ctx.lang)]
    if is_waiting(rsvp):
        place = waiting_place(await rsvps_of(ctx.db, meeting.id), rsvp)
        lines.append(ctx.t(TEXTS, "room_waiting", rooms=meeting.rooms or 0, place=place))
    if meeting.rsvp_deadline is not None:
        deadline = deadline_text(meeting, ctx.lang, ctx)
        lines.append(ctx.t(TEXTS, "summary_change", deadline=deadline, id=meeting.id))
    else:
        lines.append(ctx.t(TEXTS, "summary_change_open", id=meeting.id))
    return "\n".join(lines)


# -- after the deadline ------------------------------------------------------------------------


async def organiser_ids(ctx: Context) -> list[int]:
    """The organisers the bot can reach (they have written to it)."""
    return [p.id for p in await active_participants(ctx.db) if p.is_organiser]


def current_text(meeting: Session, rsvp: Rsvp | None, lang: str) -> str:
    if rsvp is None:
        return TEXTS(lang, "nothing_noted")
    answer = TEXTS(lang, "change_choice_" + ANSWER_CHOICES.get(rsvp.answer, "misschien"))
    if rsvp.answer not in COMING:
        return answer
    return "; ".join([answer, *summary_lines(meeting, rsvp, lang)])


async def send_request(ctx: Context, meeting: Session, change: str) -> Reply:
    """Tell the organisers what the participant wants to change; tell the participant so."""
    organisers = await organiser_ids(ctx)
    if not organisers:
        return Reply(ctx.t(TEXTS, "no_organisers"))
    rsvp = await rsvp_of(ctx.db, meeting.id, ctx.participant.id)
    person = ctx.participant
    name = person.display_name + (f" ({person.city})" if person.city else "")
    tz = ctx.services.settings.tz

    def reply_for(organiser: Participant) -> Reply:
        lang = organiser.language
        return Reply(
            TEXTS(
                lang,
                "request",
                id=meeting.id,
                when=format_datetime(meeting.starts_at, lang, tz),
                name=name,
                change=change,
                current=current_text(meeting, rsvp, lang),
            )
        )

    # The time and the update: two requests in one second (or one clock tick) both go.
    stamp = f"{ctx.now:%Y%m%dT%H%M%S}-{ctx.incoming.update_id}"
    await enqueue_many(
        ctx.db,
        key_prefix=request_prefix(meeting.id, person.id, stamp),
        participant_ids=organisers,
        reply_for=reply_for,
    )
    deadline = deadline_text(meeting, ctx.lang, ctx)
    return Reply(ctx.t(TEXTS, "deadline_passed", id=meeting.id, deadline=deadline))


def choice_text(choice: str, lang: str) -> str:
    return TEXTS(lang, f"change_choice_{choice}")
