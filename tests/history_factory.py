"""A CoP history written straight into the database: people, sessions, RSVPs; and a postbox.

Used by the buddy, continuity and privacy tests: experience is sessions attended, so these
tests need a past without clicking through every /sessie and /aanwezig.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.db.models import Identity, Participant, Rsvp, Session
from bot.kernel.services import Services
from scheduler.service import tick
from scheduler.timeline import sync_timeline
from tests.fakes.flaky_messenger import FlakyMessenger

CITIES = (
    "Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Arnhem", "Nijmegen", "Groningen",
    "Enschede", "Eindhoven", "Amersfoort", "Zaanstad", "Leeuwarden", "Heerlen", "Deventer",
)  # fmt: skip


async def add_person(
    services: Services,
    name: str,
    *,
    city: str | None = None,
    user_id: str | None = None,
    platform: str = "console",
    username: str | None = None,
    experienced: bool = False,
    is_newcomer: bool | None = None,
    created_at: datetime | None = None,
    organisation: str | None = None,
) -> int:
    """A registered participant with one identity (their private chat is their user id)."""
    now = created_at or services.clock.now()
    user = user_id or name.lower().replace(" ", "-")
    async with services.database() as db, db.begin():
        person = Participant(
            display_name=name,
            city=city,
            organisation=organisation,
            language="nl",
            created_at=now,
            registered=True,
            experienced=experienced,
            is_newcomer=is_newcomer,
        )
        db.add(
            Identity(
                participant=person,
                platform=platform,
                user_id=user,
                username=username,
                dm_chat_id=user,
                last_seen_at=now,
            )
        )
        await db.flush()
        return person.id


async def add_session(
    services: Services,
    starts_at: datetime,
    *,
    place: str = "Utrecht",
    theme: str = "",
    programme: str | None = None,
    timeline: bool = False,
) -> int:
    """A planned session of 1.5 days; with `timeline=True` its timeline steps are scheduled."""
    now = services.clock.now()
    async with services.database() as db, db.begin():
        session = Session(
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=30),
            place=place,
            theme=theme,
            programme=programme,
            overnight=True,
            status="planned",
            created_at=now,
            updated_at=now,
        )
        db.add(session)
        await db.flush()
        if timeline:
            await sync_timeline(
                db, session, services.registry.steps, now=now, tz=services.settings.tz
            )
        return session.id


async def add_rsvp(
    services: Services,
    session_id: int,
    participant_id: int,
    answer: str = "yes",
    attended: bool | None = None,
) -> None:
    async with services.database() as db, db.begin():
        db.add(
            Rsvp(
                session_id=session_id,
                participant_id=participant_id,
                answer=answer,
                attended=attended,
                updated_at=services.clock.now(),
            )
        )


async def attend(services: Services, participant_id: int, sessions: int, before: datetime) -> None:
    """Give someone `sessions` attended sessions in the past (one new session each)."""
    for n in range(sessions):
        sid = await add_session(
            services, before - timedelta(days=90 * (n + 1)), theme=f"thema {n}"
        )
        await add_rsvp(services, sid, participant_id)


@dataclass
class History:
    sessions: list[int] = field(default_factory=list)  # oldest first
    starts: list[datetime] = field(default_factory=list)
    people: list[int] = field(default_factory=list)
    attended: dict[int, set[int]] = field(default_factory=dict)  # person -> session ids
    cities: dict[int, str] = field(default_factory=dict)


async def generate_history(
    services: Services, *, sessions: int = 8, people: int = 40, seed: int = 7
) -> History:
    """`sessions` past sessions, a quarter apart up to last month, and `people` participants.

    Who came is random but fixed by `seed`; the returned History says exactly who attended
    what, so a test can compute the expected figures independently.
    """
    rng = random.Random(seed)
    now = services.clock.now()
    history = History()
    for n in range(sessions):
        start = now - timedelta(days=30 + 91 * (sessions - 1 - n))
        sid = await add_session(
            services, start, place=CITIES[n % len(CITIES)], theme=f"thema {n + 1}"
        )
        history.sessions.append(sid)
        history.starts.append(start)
    async with services.database() as db, db.begin():
        for n in range(people):
            city = CITIES[n % len(CITIES)]
            person = Participant(
                display_name=f"Deelnemer {n + 1:02d}", city=city, language="nl",
                created_at=now, registered=True,
            )  # fmt: skip
            db.add(person)
            await db.flush()
            history.people.append(person.id)
            history.cities[person.id] = city
            # Some are steady (the core), some shoppers, some arrived late.
            kind = n % 4
            first = 0 if kind != 3 else rng.randrange(sessions)
            chance = {0: 0.95, 1: 0.85, 2: 0.35, 3: 0.7}[kind]
            seen = set()
            for index in range(first, sessions):
                if rng.random() < chance:
                    seen.add(history.sessions[index])
            for sid in history.sessions:
                answer = "yes" if sid in seen else "no" if rng.random() < 0.3 else None
                if answer:
                    db.add(
                        Rsvp(session_id=sid, participant_id=person.id, answer=answer,
                             updated_at=now)
                    )  # fmt: skip
            history.attended[person.id] = seen
    return history


def install_postbox(services: Services, platform: str = "console") -> FlakyMessenger:
    """Record what the outbox sends on `platform`."""
    messenger = FlakyMessenger(platform)
    services.messengers[platform] = messenger
    # One sender at a time: SQLite writers would otherwise wait on each other's locks.
    services.settings.outbox_concurrency = 1
    return messenger


async def deliver(services: Services) -> None:
    """Run what is due now and send what was queued (the scheduler's one tick)."""
    await tick(services)


def inbox(postbox: FlakyMessenger, chat_id: str) -> list[str]:
    return [d.reply.text for d in postbox.delivered if d.chat_id == chat_id]
