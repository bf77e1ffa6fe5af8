"""Planning a meeting in one line, or in a short guided dialogue for what the line left out."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from babel.dates import format_date
from sqlalchemy import select

from bot.core.dates import (
    MAX_YEARS_AHEAD,
    DateProblem,
    format_datetime,
    localize,
    parse_datetime,
)
from bot.core.messages import Button, Reply
from bot.core.texts import NO_WORDS, YES_WORDS
from bot.db.models import Session
from bot.db.models.sessions import PLANNED
from bot.kernel.services import Context
from handlers.sessions.announce import announce
from handlers.sessions.announce_texts import ANNOUNCE_TEXTS
from handlers.sessions.texts import TEXTS
from handlers.sessions.views import default_end, meeting_reply, offsets_text
from scheduler.timeline import session_offsets, sync_timeline

DIALOGUE = "sessie-nieuw"
MAX_TEXT = 200
MAX_PROGRAMME = 2000
OVERNIGHT_WORDS = YES_WORDS | {"overnachting", "met overnachting", "overnight"}
NO_OVERNIGHT_WORDS = NO_WORDS | {"geen overnachting", "zonder overnachting", "no overnight"}


EXAMPLE_AHEAD = timedelta(days=14)


def date_example(ctx: Context) -> dict[str, str]:
    """A start two weeks from today at 10:00, as words in the reader's language and in ISO:
    the values of {example} and {iso} in the texts that show how to write a date."""
    tz = ctx.services.settings.tz
    day = (ctx.now.astimezone(tz) + EXAMPLE_AHEAD).date()
    moment = localize(datetime(day.year, day.month, day.day, 10, 0), tz)
    words = format_date(moment.date(), "d MMMM y", locale=ctx.lang)
    return {"example": f"{words} 10:00", "iso": f"{day.isoformat()} 10:00"}


def parse_moment(ctx: Context, text: str) -> datetime:
    """A date and time from what the organiser typed, or a clear error."""
    try:
        return parse_datetime(text, now=ctx.now, tz=ctx.services.settings.tz)
    except DateProblem as problem:
        if problem.reason == "weekday" and problem.day is not None:
            written = format_date(problem.day, "d MMMM y", locale=ctx.lang)
            weekday = format_date(problem.day, "EEEE", locale=ctx.lang)
            raise ctx.fail(
                TEXTS, "wrong_weekday", text=text.strip()[:60], date=written, weekday=weekday
            ) from None
        if problem.reason == "too_far" and problem.day is not None:
            written = format_date(problem.day, "d MMMM y", locale=ctx.lang)
            raise ctx.fail(TEXTS, "too_far", date=written, years=MAX_YEARS_AHEAD) from None
        key = "no_time" if problem.reason == "no_time" else "bad_date"
        raise ctx.fail(TEXTS, key, text=text.strip()[:60], **date_example(ctx)) from None


def parse_when(ctx: Context, text: str) -> datetime:
    """The start from what the organiser typed, in the future, or a clear error."""
    when = parse_moment(ctx, text)
    if when <= ctx.now:
        shown = format_datetime(when, ctx.lang, ctx.services.settings.tz)
        raise ctx.fail(TEXTS, "date_past", when=shown)
    return when


def overnight_word(text: str) -> bool | None:
    lowered = " ".join(text.lower().split())
    if lowered in OVERNIGHT_WORDS:
        return True
    if lowered in NO_OVERNIGHT_WORDS:
        return False
    return None


def yes_or_no(text: str) -> bool | None:
    lowered = text.strip().lower()
    return True if lowered in YES_WORDS else False if lowered in NO_WORDS else None


def check_length(ctx: Context, text: str, limit: int = MAX_TEXT) -> str:
    if len(text) > limit:
        raise ctx.fail(TEXTS, "too_long", max=limit)
    return text


async def create(ctx: Context, text: str) -> Reply:
    """`/sessie nieuw <date> | <place> | <theme> | overnachting`; what is missing is asked."""
    parts = [part.strip() for part in text.split("|")]
    parts = [part for part in parts if part] if text.strip() else []
    overnight = None
    for part in list(parts[1:]):
        flag = overnight_word(part)
        if flag is not None:
            overnight = flag
            parts.remove(part)
    data: dict[str, Any] = {"starts_at": None, "place": None, "theme": None}
    if parts:
        data["starts_at"] = parse_when(ctx, parts[0]).isoformat()
    if len(parts) > 1:
        data["place"] = check_length(ctx, parts[1])
    if len(parts) > 2:
        data["theme"] = check_length(ctx, " | ".join(parts[2:]))
        # A complete line without the word "overnachting" means there is no overnight stay.
        overnight = bool(overnight)
    data["overnight"] = overnight
    return await next_question(ctx, data)


async def next_question(ctx: Context, data: dict[str, Any]) -> Reply:
    """Ask for the first missing part, or plan the meeting when nothing is missing."""
    for field, key in (("starts_at", "ask_date"), ("place", "ask_place"), ("theme", "ask_theme")):
        if data.get(field) is None:
            await ctx.start_dialogue(DIALOGUE, {**data, "asking": field})
            return Reply(ctx.t(TEXTS, key, **date_example(ctx)))
    if data.get("overnight") is None:
        await ctx.start_dialogue(DIALOGUE, {**data, "asking": "overnight"})
        return Reply(ctx.t(TEXTS, "ask_overnight")).with_buttons(
            (
                Button(ctx.t(TEXTS, "button_overnight_plan_yes"), "sessie:nacht:ja"),
                Button(ctx.t(TEXTS, "button_overnight_plan_no"), "sessie:nacht:nee"),
            )
        )
    if not data.get("confirmed"):
        same_day = await meetings_on_day(ctx, datetime.fromisoformat(data["starts_at"]))
        if same_day:
            await ctx.start_dialogue(DIALOGUE, {**data, "asking": "confirmed"})
            tz = ctx.services.settings.tz
            existing = same_day[0]
            return Reply(
                ctx.t(
                    TEXTS,
                    "same_day_confirm",
                    id=existing.id,
                    when=format_datetime(existing.starts_at, ctx.lang, tz),
                    place=existing.place or "?",
                )
            ).with_buttons(
                (
                    Button(ctx.t(TEXTS, "button_plan_anyway"), "sessie:dubbel:ja"),
                    Button(ctx.t(TEXTS, "button_plan_cancel"), "sessie:dubbel:nee"),
                )
            )
    if ctx.dialogue is not None:
        await ctx.end_dialogue()
    return await plan(ctx, data)


async def meetings_on_day(ctx: Context, starts_at: datetime) -> list[Session]:
    """The planned meetings that start on the same local day as `starts_at`."""
    tz = ctx.services.settings.tz
    day = starts_at.astimezone(tz).date()
    first = localize(datetime(day.year, day.month, day.day), tz)
    following = day + timedelta(days=1)
    last = localize(datetime(following.year, following.month, following.day), tz)
    rows = await ctx.db.scalars(
        select(Session)
        .where(Session.status == PLANNED, Session.starts_at >= first, Session.starts_at < last)
        .order_by(Session.starts_at, Session.id)
    )
    return list(rows.all())


async def continue_planning(ctx: Context, text: str) -> Reply:
    """One answer in the planning dialogue (typed, or the overnight buttons)."""
    state = ctx.dialogue or await ctx.current_dialogue()
    if state is None or state.name != DIALOGUE:
        return Reply(ctx.t(TEXTS, "usage_organiser"), edit=True)
    ctx.dialogue = state
    data = dict(state.data)
    asking = data.pop("asking", "starts_at")
    answer = text.strip()
    if asking == "starts_at":
        data["starts_at"] = parse_when(ctx, answer).isoformat()
    elif asking == "place":
        data["place"] = check_length(ctx, answer) or None
    elif asking == "theme":
        data["theme"] = "" if answer in {"-", ""} else check_length(ctx, answer)
    elif asking == "confirmed":
        flag = yes_or_no(answer)
        if flag is None:
            raise ctx.fail(TEXTS, "yes_or_no")
        if not flag:
            await ctx.end_dialogue()
            return Reply(ctx.t(TEXTS, "plan_dropped"), edit=True)
        data["confirmed"] = True
    else:
        flag = overnight_word(answer)
        if flag is None:
            raise ctx.fail(TEXTS, "yes_or_no")
        data["overnight"] = flag
    return await next_question(ctx, data)


async def plan(ctx: Context, data: dict[str, Any]) -> Reply:
    tz = ctx.services.settings.tz
    starts_at = datetime.fromisoformat(data["starts_at"])
    overnight = bool(data["overnight"])
    meeting = Session(
        starts_at=starts_at,
        ends_at=default_end(starts_at, overnight, tz),
        place=data["place"],
        theme=data["theme"] or "",
        overnight=overnight,
        created_by=ctx.participant.id,
        created_at=ctx.now,
        updated_at=ctx.now,
        sequence=0,
    )
    ctx.db.add(meeting)
    await ctx.db.flush()
    await sync_timeline(ctx.db, meeting, ctx.services.registry.steps, now=ctx.now, tz=tz)
    offsets = offsets_text(session_offsets(meeting), ctx.lang)
    intro = ctx.t(TEXTS, "created", id=meeting.id, offsets=offsets)
    announced = await announce(ctx, meeting)
    intro += "\n" + ctx.t(ANNOUNCE_TEXTS, "announced", count=announced)
    return await meeting_reply(ctx, meeting, intro=intro)
