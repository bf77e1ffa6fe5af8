"""A meeting's lessons harvested into the collective memory, told from the day after to three
months on.

Meeting 1 in Zwolle (March 2027) has two programme items. The working day after, the eight who
came are asked which lesson they take away; six answer, two don't. Dora of the preparation group
merges Esther's (Rotterdam) and Frank's (Groningen) answers into one lesson. /les finds it first
for a question in other words, labelled with the meeting; the three-month question quotes each
first answer; the tussenbalans holds the lesson under its theme; and when Esther erases herself
the lesson stays, without her name.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.core.clock import ManualClock
from bot.db.models import Identity, PrepGroupMember, ProgrammeItem
from bot.kernel.services import Services
from bot.wiring import build_registry, prepare
from handlers.memory import tussenbalans_document
from scheduler.service import tick
from tests.factories import Person, build_services, make_settings
from tests.fakes.flaky_messenger import FlakyMessenger

FEATURES = (
    "handlers.lessons",
    "handlers.people",
    "handlers.sessions",
    "handlers.history",
    "handlers.memory",
    "handlers.people:register_privacy",
)

ASK = "Welke les neem je mee van deze bijeenkomst?"


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture
async def services(tmp_path: Path) -> AsyncIterator[Services]:
    application = build_services(
        make_settings(tmp_path),
        clock=ManualClock(utc(2027, 2, 1, 9)),
        registry=build_registry(FEATURES),
    )
    await prepare(application)
    application.messengers["console"] = FlakyMessenger("console")
    try:
        yield application
    finally:
        application.lesson_index.set_extra([])  # the index is shared by the test run
        await application.close()


async def arrived(services: Services, when: datetime) -> dict[str, list[str]]:
    """Move the clock, let the scheduler look; what each chat got since the last look."""
    clock = services.clock
    assert isinstance(clock, ManualClock)
    clock.set(when)
    messenger = services.messengers["console"]
    assert isinstance(messenger, FlakyMessenger)
    before = len(messenger.delivered)
    await tick(services)
    got: dict[str, list[str]] = {}
    for delivered in messenger.delivered[before:]:
        got.setdefault(delivered.chat_id, []).append(delivered.reply.text)
    return got


def buttons_of(services: Services, chat: str) -> dict[str, str]:
    messenger = services.messengers["console"]
    assert isinstance(messenger, FlakyMessenger)
    last = [d for d in messenger.delivered if d.chat_id == chat][-1]
    return {b.label: b.data for row in last.reply.buttons for b in row}


async def test_a_meetings_lessons_harvested_into_the_memory(services: Services) -> None:
    olga = Person(services, "organiser", name="Olga Organisator")
    await olga.say("/start")
    await olga.say("/sessie nieuw 11 maart 2027 10:00 | Zwolle | Jongeren in de wijk")
    names = {
        "esther": ("Esther Brink", "Rotterdam"),
        "frank": ("Frank Mulder", "Groningen"),
        "gert": ("Gert Bos", "Zwolle"),
        "hanna": ("Hanna de Wit", "Utrecht"),
        "ivo": ("Ivo Smit", "Den Haag"),
        "jet": ("Jet Kok", "Amsterdam"),
        "kees": ("Kees Vos", "Arnhem"),
        "dora": ("Dora Prins", "Deventer"),
    }
    people = {}
    for user, (name, city) in names.items():
        person = Person(services, user, name=name)
        await person.say("/start")
        await person.say(f"/ik stad {city}")
        await person.press("rsvp:1:ja")
        people[user] = person
    async with services.database() as db, db.begin():
        db.add(ProgrammeItem(session_id=1, title="Jongeren en sport", number=1, position=1))
        db.add(ProgrammeItem(session_id=1, title="Wijkteams", number=2, position=2))
        dora_id = await db.scalar(
            select(Identity.participant_id).where(Identity.user_id == "dora")
        )
        db.add(PrepGroupMember(session_id=1, participant_id=dora_id))
    dora = people["dora"]

    # The working day after the meeting, each of the eight who came is asked, privately.
    asked = await arrived(services, utc(2027, 3, 16, 12))
    asked = {chat: [t for t in texts if ASK in t] for chat, texts in asked.items()}
    assert {chat for chat, texts in asked.items() if texts} == set(names)
    choices = buttons_of(services, "esther")
    assert list(choices)[:2] == ["Jongeren en sport", "Wijkteams"]

    answers = {
        "esther": ("Jongeren en sport", "Jongeren bereik je via de trainers van de voetbalclub."),
        "frank": (
            "Jongeren en sport",
            "Bij de sportvereniging zitten de jongeren al: ga daarheen.",
        ),
        "gert": ("Wijkteams", "Een wijkteam werkt pas als het eigen budget heeft."),
        "hanna": ("Wijkteams", "Laat het wijkteam in de wijk zelf zitten."),
        "ivo": ("De bijeenkomst als geheel", "Meer tijd voor uitwisseling tussen steden."),
        "jet": ("Jongeren en sport", "Vraag jongeren zelf wat ze nodig hebben."),
    }
    for user, (choice, text) in answers.items():
        person = people[user]
        reply = await person.press(choices[choice])
        assert "Typ je les" in reply[0].text
        thanks = await person.text(text)
        assert "Dank je, genoteerd" in thanks
    await people["kees"].press(choices["Liever niet"])  # Kees skips; Dora says nothing

    # The preparation group sees the answers grouped by programme item.
    listing = await dora.text("/oogst 1")
    assert "6 antwoorden" in listing
    sport = listing.index("▸ Jongeren en sport")
    teams = listing.index("▸ Wijkteams")
    assert sport < listing.index("voetbalclub") < teams < listing.index("eigen budget")
    assert "Esther Brink, Rotterdam" in listing
    assert await people["kees"].text("/oogst 1") == (
        "Oogsten doen de voorbereidingsgroep van bijeenkomst 1 en de organisatoren."
    )

    # Dora merges Esther's and Frank's answers into one lesson, retitles it, picks the theme.
    await dora.press("oogst:sm:1")
    merge = {label: data for label, data in dora.buttons()}
    partner = next(data for label, data in merge.items() if label.startswith("#2"))
    draft = await dora.press(partner)
    assert "Concept-les uit #1, #2" in draft[0].text and "voetbalclub" in draft[0].text
    await dora.press("concept:title")
    edited = await dora.text("Jongeren bereik je via de sportclub")
    assert "Titel: Jongeren bereik je via de sportclub" in edited
    await dora.press("concept:th:diversiteit")
    saved = await dora.press("concept:save")
    assert "Les L1 opgeslagen bij bijeenkomst 1" in saved[0].text
    assert "4 antwoorden" in await dora.text("/oogst 1")

    # The two contributors are asked, once, whether their name may stand with it.
    consent = await arrived(services, utc(2027, 3, 16, 13))
    assert set(consent) == {"esther", "frank"}
    await people["esther"].press("memnaam:ja")
    await people["frank"].press("memnaam:nee")

    # /les with a question in other words finds it first, labelled with the meeting.
    found = await people["kees"].text("/les hoe bereik ik de jeugd")
    first = found.split("\n\n")[1]
    assert first.startswith("1. Jongeren bereik je via de sportclub")
    assert "(bijeenkomst 1, Zwolle, maart 2027, Groningen en Rotterdam)" in first
    assert "(uit het boekje, Bijlage 2" in found.split("\n\n")[2]

    # The meeting's page in the memory.
    page = await people["kees"].text("/geschiedenis 1")
    assert "Bijeenkomst 1: Jongeren in de wijk" in page
    assert "Er kwamen 8 deelnemers" in page
    assert "L1 Jongeren bereik je via de sportclub (van Esther Brink)" in page

    # Three months later: each who answered is asked what they did with it, quoted.
    later = await arrived(services, utc(2027, 6, 20, 12))
    quoted = {chat: t for chat, texts in later.items() for t in texts if "Drie maanden" in t}
    assert set(quoted) == set(answers)
    assert "“Jongeren bereik je via de trainers van de voetbalclub.”" in quoted["esther"]
    assert "Wat heb je er in je eigen stad mee gedaan?" in quoted["esther"]
    tell = buttons_of(services, "esther")["Vertellen"]
    await people["esther"].press(tell)
    assert "Dank je!" in await people["esther"].text(
        "In Rotterdam-Zuid gaan onze jongerenwerkers nu mee naar de training."
    )
    assert "jongerenwerkers nu mee" in await olga.text("/geschiedenis 1")

    # The tussenbalans holds the lesson under its theme, with the applied story.
    async with services.database() as db:
        document = await tussenbalans_document(services, db, "md")
    diversity = document.index("### Diversiteit")
    next_theme = document.index("\n### ", diversity)
    section = document[diversity:next_theme]
    assert "Jongeren bereik je via de sportclub" in section
    assert "jongerenwerkers nu mee" in section

    # Esther's export holds her answers; after /vergeet the lesson stays, without her name.
    export = await people["esther"].say("/mijngegevens")
    attachment = export[0].attachment
    assert attachment is not None
    data = json.loads(attachment.content)
    assert data["records"]["memory_answers"][0]["text"].startswith("Jongeren bereik je")
    await people["esther"].say("/vergeet")
    await people["esther"].press("vergeet:ja")
    page = await olga.text("/geschiedenis 1")
    assert "L1 Jongeren bereik je via de sportclub" in page
    assert "Esther" not in page
    shown = await olga.text("/oogst les 1")
    assert "Esther" not in shown and "Jongeren bereik je via de sportclub" in shown
    still = (await people["kees"].text("/les hoe bereik ik de jeugd")).split("\n\n")[1]
    assert still.startswith("1. Jongeren bereik je via de sportclub (bijeenkomst 1, Zwolle")
