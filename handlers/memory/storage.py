"""Queries of the collective memory, and harvested lessons as the search sees them."""

from __future__ import annotations

import secrets
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime as babel_format
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.lists import join_names
from bot.db.models import (
    CommunitySetting,
    HarvestedLesson,
    LessonContributor,
    MemoryAnswer,
    NamingConsent,
    Participant,
    PrepGroupMember,
    ProgrammeItem,
    Rsvp,
    Session,
)
from bot.db.models.memory import ACTIVE, OPEN
from bot.db.models.sessions import PLANNED
from bot.kernel.services import Context, Services
from handlers.memory.texts import TEXTS
from knowledge.model import Lesson

# The version of the harvested lessons (a community setting), changed on every change.
VERSION_KEY = "harvest_version"
LESSON_PREFIX = "oogst-"
SOURCE_PREFIX = "bijeenkomst-"


async def meeting(db: AsyncSession, meeting_id: int) -> Session | None:
    found = await db.get(Session, meeting_id)
    return found if found is not None and found.status == PLANNED else None


async def last_past_meeting(db: AsyncSession, now: datetime) -> Session | None:
    return await db.scalar(
        select(Session)
        .where(Session.status == PLANNED, Session.starts_at < now)
        .order_by(Session.starts_at.desc())
        .limit(1)
    )


async def items_of(db: AsyncSession, meeting_id: int) -> list[ProgrammeItem]:
    rows = await db.scalars(
        select(ProgrammeItem)
        .where(ProgrammeItem.session_id == meeting_id)
        .order_by(ProgrammeItem.day, ProgrammeItem.position, ProgrammeItem.id)
    )
    return list(rows.all())


async def came(db: AsyncSession, meeting_id: int) -> list[int]:
    """Who came: said yes, and was not marked absent afterwards."""
    rows = await db.scalars(
        select(Rsvp.participant_id).where(
            Rsvp.session_id == meeting_id, Rsvp.answer == "yes", Rsvp.attended.is_not(False)
        )
    )
    return sorted(rows.all())


async def is_curator(db: AsyncSession, meeting_id: int, participant_id: int) -> bool:
    """A member of the meeting's preparation group (organisers are checked apart)."""
    found = await db.scalar(
        select(PrepGroupMember.id).where(
            PrepGroupMember.session_id == meeting_id,
            PrepGroupMember.participant_id == participant_id,
        )
    )
    return found is not None


async def answers_of(
    db: AsyncSession, meeting_id: int, status: str | None = OPEN
) -> list[MemoryAnswer]:
    query = select(MemoryAnswer).where(MemoryAnswer.session_id == meeting_id)
    if status is not None:
        query = query.where(MemoryAnswer.status == status)
    rows = await db.scalars(query.order_by(MemoryAnswer.id))
    return list(rows.all())


async def lessons_of(
    db: AsyncSession, meeting_id: int | None = None, *, only_active: bool = True
) -> list[HarvestedLesson]:
    query = select(HarvestedLesson)
    if meeting_id is not None:
        query = query.where(HarvestedLesson.session_id == meeting_id)
    if only_active:
        query = query.where(HarvestedLesson.status == ACTIVE)
    rows = await db.scalars(query.order_by(HarvestedLesson.id))
    return list(rows.all())


async def contributor_names(db: AsyncSession, lesson_id: int) -> tuple[list[str], int]:
    """The names of contributors who agreed to be named, and how many stay anonymous."""
    rows = (
        await db.execute(
            select(Participant.display_name, NamingConsent.named)
            .select_from(LessonContributor)
            .outerjoin(Participant, Participant.id == LessonContributor.participant_id)
            .outerjoin(NamingConsent, NamingConsent.participant_id == Participant.id)
            .where(LessonContributor.lesson_id == lesson_id)
            .order_by(LessonContributor.id)
        )
    ).all()
    named = [str(name) for name, ok in rows if name and ok]
    return named, len(rows) - len(named)


def origin(lesson: HarvestedLesson, lang: str, tz: ZoneInfo) -> str:
    """ "bijeenkomst 5, Zwolle, maart 2027, Rotterdam en Groningen"."""
    cities = [c for c in lesson.cities.split(", ") if c]
    return TEXTS(
        lang,
        "origin",
        id=lesson.meeting_number,
        place=lesson.place or "?",
        month=babel_format(lesson.meeting_date, "MMMM y", tzinfo=tz, locale=lang),
        cities=f", {join_names(cities, lang)}" if cities else "",
    )


def as_lesson(lesson: HarvestedLesson, tz: ZoneInfo) -> Lesson:
    """A harvested lesson as the search and the lesson replies see it."""
    return Lesson(
        id=f"{LESSON_PREFIX}{lesson.id}",
        theme=lesson.theme,
        source=f"{SOURCE_PREFIX}{lesson.meeting_number}",
        title=lesson.title,
        text=lesson.text,
        origin_nl=origin(lesson, "nl", tz),
        origin_en=origin(lesson, "en", tz),
    )


async def harvested_lessons(db: AsyncSession, tz: ZoneInfo) -> list[Lesson]:
    """Every active harvested lesson, oldest first, as a knowledge Lesson."""
    return [as_lesson(row, tz) for row in await lessons_of(db)]


async def refresh_index(services: Services, db: AsyncSession) -> None:
    """After a change: a new version of the harvested lessons, ranked by /les from now on
    (other replicas see the new version before their next search, see keep_fresh)."""
    version = secrets.token_hex(8)
    setting = await db.get(CommunitySetting, VERSION_KEY)
    if setting is None:
        db.add(CommunitySetting(key=VERSION_KEY, value=version))
    else:
        setting.value = version
    await db.flush()
    services.lesson_index.set_extra(await harvested_lessons(db, services.settings.tz), version)


# Read before every /les search: the value alone, by a statement built once (an ORM get of
# the row cost about as much CPU as a third of the search itself).
_VERSION = select(CommunitySetting.value).where(CommunitySetting.key == VERSION_KEY)


async def stored_version(db: AsyncSession) -> str:
    return await db.scalar(_VERSION) or ""


async def keep_fresh(ctx: Context) -> None:
    """Before a /les search: reload the harvested lessons when another process changed them."""
    version = await stored_version(ctx.db)
    if version != ctx.services.lesson_index.extra_version:
        lessons = await harvested_lessons(ctx.db, ctx.services.settings.tz)
        ctx.services.lesson_index.set_extra(lessons, version)


async def load_harvest(services: Services) -> None:
    """At start: the harvested lessons stored so far into the lesson index."""
    async with services.database() as db:
        version = await stored_version(db)
        lessons = await harvested_lessons(db, services.settings.tz)
    services.lesson_index.set_extra(lessons, version)
