"""The meeting timeline steps of this feature: reminders, the non-responder nudge, logistics.

Each step runs as a scheduled job, only while its meeting is planned (the job runner checks),
and puts one outbox message per recipient; the outbox key (handlers/sessions/keys.py) makes a
rerun after a crash harmless.
Later features add their own steps (agenda poll, presenters, buddies, feedback) the same way;
the logistics message shows `Session.programme`, which any feature may fill.
"""

from __future__ import annotations

from datetime import timedelta

from bot.core.dates import describe_offset, parse_iso_duration
from bot.core.messages import Reply
from bot.db.models import Participant, Rsvp, Session
from bot.kernel.services import JobContext, Registry
from handlers.sessions.keys import logistics_key, nudge_key, reminder_key
from handlers.sessions.texts import TEXTS
from handlers.sessions.views import NO, active_participants, card, coming_ids, rsvps_of
from scheduler.outbox import enqueue_many
from scheduler.timeline import step_meeting

NUDGE_OFFSET = timedelta(days=-7)
LOGISTICS_OFFSET = timedelta(days=-1)


async def remind(job: JobContext) -> None:
    meeting = step_meeting(job)
    offset_text = str(job.payload.get("offset", "PT0S"))
    before = abs(parse_iso_duration(offset_text))
    rsvps = await rsvps_of(job.db, meeting.id)
    tz = job.services.settings.tz

    def reply_for(person: Participant) -> Reply:
        intro = TEXTS(
            person.language,
            "reminder",
            when=describe_offset(before, person.language),
            id=meeting.id,
        )
        return card(meeting, rsvps.get(person.id), person.language, tz, intro=intro)

    # Who said no to this meeting hears no more about it.
    people = [
        p.id
        for p in await active_participants(job.db)
        if p.id not in rsvps or rsvps[p.id].answer != NO
    ]
    await enqueue_many(
        job.db,
        key_prefix=reminder_key(meeting.id, offset_text),
        participant_ids=people,
        reply_for=reply_for,
    )


async def nudge(job: JobContext) -> None:
    meeting = step_meeting(job)
    answered = await rsvps_of(job.db, meeting.id)
    tz = job.services.settings.tz
    silent = [p.id for p in await active_participants(job.db) if p.id not in answered]

    def reply_for(person: Participant) -> Reply:
        intro = TEXTS(person.language, "nudge", id=meeting.id)
        return card(meeting, None, person.language, tz, intro=intro)

    await enqueue_many(
        job.db,
        key_prefix=nudge_key(meeting.id),
        participant_ids=silent,
        reply_for=reply_for,
    )


async def logistics(job: JobContext) -> None:
    meeting = step_meeting(job)
    rsvps = await rsvps_of(job.db, meeting.id)
    tz = job.services.settings.tz
    coming = coming_ids(rsvps)

    def reply_for(person: Participant) -> Reply:
        lang = person.language
        rsvp = rsvps.get(person.id)
        return card(
            meeting,
            rsvp,
            lang,
            tz,
            intro=TEXTS(lang, "logistics", id=meeting.id),
            extra=logistics_sections(meeting, rsvp, lang),
        )

    await enqueue_many(
        job.db,
        key_prefix=logistics_key(meeting.id),
        participant_ids=coming,
        reply_for=reply_for,
    )


def register(registry: Registry) -> None:
    registry.step(
        "reminder",
        timedelta(0),
        remind,
        label_nl="herinnering aan iedereen",
        label_en="reminder to everyone",
        per_session=True,
    )
    registry.step(
        "rsvp-nudge",
        NUDGE_OFFSET,
        nudge,
        label_nl="vraag aan wie nog niet antwoordde",
        label_en="nudge to those who haven't answered",
    )
    registry.step(
        "logistics",
        LOGISTICS_OFFSET,
        logistics,
        label_nl="praktische informatie voor wie komt",
        label_en="practical information for those coming",
    )


def logistics_sections(meeting: Session, rsvp: Rsvp | None, lang: str) -> list[str]:
    """What the day-before message adds to the meeting's facts: the night, the programme."""
    sections = []
    if meeting.overnight and rsvp is not None and rsvp.overnight is not None:
        key = "logistics_overnight_yes" if rsvp.overnight else "logistics_overnight_no"
        sections.append(TEXTS(lang, key))
    if meeting.programme:
        sections.append(TEXTS(lang, "logistics_programme", programme=meeting.programme))
    sections.append(TEXTS(lang, "logistics_outro"))
    return sections
