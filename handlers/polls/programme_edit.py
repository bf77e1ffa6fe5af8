"""Shaping the programme's items: when (day, start and end), the room, a guest speaker; and
announcing the programme to those coming, after which changes are told to them."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from bot.core.dates import format_short
from bot.core.messages import Reply
from bot.db.models import Participant, ProgrammeItem, Session
from bot.kernel.services import Context
from handlers.polls.keys import programme_announce_key
from handlers.polls.programme_items import (
    coming_ids,
    item_at,
    items_of,
    line_of,
    publish,
    span,
    when_refused,
)
from handlers.polls.texts import TEXTS
from handlers.polls.timing import When, WhenProblem, parse_time, parse_when, when_label
from scheduler.outbox import enqueue_many

MAX_DETAIL = 100


def parse_span(words: list[str], meeting: Session, tz: ZoneInfo) -> tuple[When, str]:
    """ "dag 2 09:30-11:00", "vrijdag 9:30", "10:00 - 12:30" → the start and the end ("")."""
    typed = re.sub(r"\s*[-–]\s*", "-", " ".join(words))
    *day, moment = typed.split() or [""]
    start, _, end_text = moment.partition("-")
    when = parse_when([*day, start], meeting, tz)
    if not end_text:
        return when, ""
    end = parse_time(end_text)
    if end is None:
        raise WhenProblem("bad_time")
    return when, end


async def set_time(ctx: Context, meeting: Session, words: list[str]) -> Reply:
    if len(words) < 2:
        return Reply(ctx.t(TEXTS, "programme_time_usage", id=meeting.id))
    item = await item_at(ctx, meeting, words[0])
    try:
        when, end = parse_span(words[1:], meeting, ctx.services.settings.tz)
    except WhenProblem as problem:
        return when_refused(ctx, meeting, problem, " ".join(words[1:])[:20])
    if end and end <= when.time:
        return Reply(ctx.t(TEXTS, "programme_end_before", start=when.time, end=end))
    before = await line_of(ctx, meeting, item)
    item.day, item.time, item.end_time = when.day, when.time, end
    return await changed(ctx, meeting, item, before, "programme_time_set")


async def set_detail(ctx: Context, meeting: Session, field: str, words: list[str]) -> Reply:
    """`field` is "room" or "speaker"; "-" clears it."""
    if len(words) < 2:
        return Reply(ctx.t(TEXTS, f"programme_{field}_usage", id=meeting.id))
    item = await item_at(ctx, meeting, words[0])
    value = " ".join(words[1:]).strip()
    if len(value) > MAX_DETAIL:
        return Reply(ctx.t(TEXTS, "programme_too_long", max=MAX_DETAIL))
    before = await line_of(ctx, meeting, item)
    setattr(item, field, "" if value == "-" else value)
    return await changed(ctx, meeting, item, before, f"programme_{field}")


async def changed(
    ctx: Context, meeting: Session, item: ProgrammeItem, before: str, key: str
) -> Reply:
    """Republish after an item changed; say so, and tell those coming when it was announced."""
    await ctx.db.flush()
    after = await line_of(ctx, meeting, item)

    def change(lang: str) -> str:
        return TEXTS(lang, "change_item", n=item.number, old=before, new=after)

    told = await publish(ctx, meeting, change)
    if key == "programme_time_set":
        tz = ctx.services.settings.tz
        when = when_label(item.day, span(item), meeting, ctx.lang, tz) or "-"
        text = ctx.t(TEXTS, key, n=item.number, title=item.title, when=when)
    else:
        value = item.room if key == "programme_room" else item.speaker
        what = ctx.t(TEXTS, "programme_what_" + key.removeprefix("programme_"))
        if value:
            detail = ctx.t(TEXTS, key, room=value, name=value)
            text = ctx.t(
                TEXTS, "programme_detail_set", n=item.number, title=item.title, detail=detail
            )
        else:
            text = ctx.t(
                TEXTS, "programme_detail_cleared", n=item.number, title=item.title, what=what
            )
    if told:
        text += "\n" + ctx.t(TEXTS, "programme_told", count=told)
    return Reply(text)


async def announce(ctx: Context, meeting: Session) -> Reply:
    """Send the programme to those coming (yes); from now on its changes are told to them."""
    if not await items_of(ctx.db, meeting.id):
        return Reply(ctx.t(TEXTS, "programme_announce_empty", id=meeting.id))
    await publish(ctx, meeting)
    tz = ctx.services.settings.tz

    def reply_for(person: Participant) -> Reply:
        lang = person.language
        when = format_short(meeting.starts_at, lang, tz)
        return Reply(
            TEXTS(lang, "programme_message", id=meeting.id, when=when, programme=meeting.programme)
        )

    count = await enqueue_many(
        ctx.db,
        key_prefix=programme_announce_key(meeting.id),
        participant_ids=await coming_ids(ctx.db, meeting.id),
        reply_for=reply_for,
    )
    if meeting.programme_announced_at is None:
        meeting.programme_announced_at = ctx.now
    return Reply(ctx.t(TEXTS, "programme_announced", id=meeting.id, count=count))
