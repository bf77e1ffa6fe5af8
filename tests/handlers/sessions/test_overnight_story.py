"""A story: an organiser plans a meeting with 10 hotel rooms; 14 participants answer with parts,
diets and notes; the 11th who wants to stay waits and moves up when someone gives up the
night; the hotel and the caterer get exactly the right list; the diets go after 30 days."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

from sqlalchemy import select

from bot.core.clock import ManualClock
from bot.db.models import OutboxMessage, Rsvp
from bot.kernel.services import Services
from scheduler.jobs import run_now
from scheduler.outbox import reply_from_json
from scheduler.timeline import step_key
from tests.factories import Person

PLAN = "/sessie nieuw 3 december 2026 10:00 | Utrecht, wijk Zuilen | Durf | overnachting"
# name, city, organisation, parts typed, diet typed, note typed
ANSWERS = [
    ("Anna Bakker", "Utrecht", "Gemeente Utrecht", "alles", "vegetarisch", "nee"),
    ("Bram de Vries", "Rotterdam", "Gemeente Rotterdam", "alles", "geen", "nee"),
    ("Carla Smit", "Amsterdam", "Gemeente Amsterdam", "alles", "halal", "nee"),
    ("Dirk Jansen", "Den Haag", "Gemeente Den Haag", "alles", "geen", "nee"),
    ("Eva Visser", "Arnhem", "Gemeente Arnhem", "alles", "veganistisch", "nee"),
    ("Femke Mulder", "Groningen", "WWI", "alles", "glutenvrij", "nee"),
    ("Gert Bos", "Eindhoven", "Gemeente Eindhoven", "alles", "geen", "ik kom pas om 14:00"),
    ("Hanna Dijkstra", "Zaanstad", "Woonstad", "alles", "lactosevrij", "nee"),
    ("Ivo Meijer", "Leeuwarden", "Gemeente Leeuwarden", "alles", "allergie: noten", "nee"),
    ("Joke de Boer", "Nijmegen", "Gemeente Nijmegen", "alles", "geen", "nee"),
    ("Karim El Amrani", "Schiedam", "Gemeente Schiedam", "alles", "halal", "nee"),
    ("Lotte Peters", "Deventer", "Gemeente Deventer", "dag 1, diner", "geen", "nee"),
    ("Mark Hendriks", "Enschede", "Gemeente Enschede", "dag 2", "vegetarisch", "nee"),
]
NOT_COMING = ("Nina Kok", "Heerlen", "Gemeente Heerlen")


def set_now(services: Services, when: datetime) -> None:
    clock = services.clock
    assert isinstance(clock, ManualClock)
    clock.set(when)


async def outbox(services: Services, prefix: str) -> list[OutboxMessage]:
    async with services.database() as db:
        rows = await db.scalars(select(OutboxMessage).where(OutboxMessage.key.startswith(prefix)))
        return list(rows.all())


async def signed_up(person: Person, parts: str, diet: str, note: str) -> str:
    await person.press("rsvp:1:ja")
    await person.say(parts)
    await person.say(diet)
    return await person.text(note)


async def test_ten_rooms_fourteen_answers_a_waiting_list_and_the_hotel_list(
    services: Services, organiser: Person
) -> None:
    await organiser.say(PLAN)
    assert "Hotelkamers voor bijeenkomst 1: 10" in await organiser.text("/sessie 1 kamers 10")
    await organiser.say("/sessie 1 hotel tot 26 november")
    people: dict[str, Person] = {}
    for number, (name, city, organisation, parts, diet, note) in enumerate(ANSWERS, 1):
        person = Person(services, f"u{number}", name=name)
        await person.say(f"/ik stad {city}")
        await person.say(f"/ik organisatie {organisation}")
        said = await signed_up(person, parts, diet, note)
        assert "Dank je, genoteerd voor bijeenkomst 1." in said
        if number <= 10:
            assert "wachtlijst" not in said
        people[name] = person
    # The 11th who wants a room waits.
    karim = people["Karim El Amrani"]
    assert "Alle 10 kamers zijn vergeven: je staat op de wachtlijst (plaats 1)" in (
        karim.last[0].text
    )
    nina = Person(services, "u14", name=NOT_COMING[0])
    await nina.say(f"/ik stad {NOT_COMING[1]}")
    [card] = await nina.press("rsvp:1:nee")
    assert "nee, ik kom niet" in card.text

    # Participants see who comes, by name and city; not diets or notes.
    who = await nina.text("/sessie 1 wie")
    assert "Ja (13):" in who and "Anna Bakker (Utrecht)" in who and "Karim El Amrani" in who
    assert "halal" not in who and "14:00" not in who and "Nina" not in who

    overview = await organiser.text("/sessie 1 aanmeldingen")
    assert "13 ja, 0 misschien, 1 nee" in overview
    assert "Kamers: 10 van 10 vergeven, 1 op de wachtlijst." in overview
    assert "• Gert Bos (Eindhoven): dag 1, diner, overnachting, dag 2 · kamer" in overview
    assert "«ik kom pas om 14:00»" in overview
    assert (
        "• Ivo Meijer (Leeuwarden): dag 1, diner, overnachting, dag 2 · kamer · dieet: "
        "allergie (noten)" in overview
    )
    assert "Karim El Amrani (Schiedam): dag 1, diner, overnachting, dag 2 · wachtlijst 1" in (
        overview
    )
    assert "• Lotte Peters (Deventer): dag 1, diner · geen overnachting" in overview
    assert "Wachtlijst: 1. Karim El Amrani (Schiedam)" in overview
    assert "Nee: Nina Kok (Heerlen)" in overview
    assert "ik wis ze 30 dagen na de bijeenkomst" in overview
    assert "Olga Organisator" in overview.split("Nog geen antwoord:")[1]

    # Carla gives up the night: Karim moves up and is told.
    await people["Carla Smit"].press("rsvp:1:nacht-nee")
    [moved] = await outbox(services, "room-free:session:1:")
    assert "er is een hotelkamer vrijgekomen voor bijeenkomst 1" in (
        reply_from_json(moved.reply).text
    )
    async with services.database() as db:
        karim_rsvp = await db.scalar(
            select(Rsvp).where(Rsvp.participant_id == moved.participant_id)
        )
    assert karim_rsvp is not None and karim_rsvp.overnight and karim_rsvp.waiting_since is None

    # The list for the hotel and the caterer: one row per person coming, nothing more.
    [listed] = await organiser.say("/sessie 1 lijst")
    assert listed.attachment is not None
    assert listed.attachment.filename == "deelnemers-bijeenkomst-1.csv"
    assert "Komen: 13, overnachtingen: 10" in listed.text
    rows = list(csv.reader(io.StringIO(listed.attachment.content.decode("utf-8-sig"))))
    assert rows == [
        ["naam", "organisatie", "nachten", "dieet"],
        ["Anna Bakker", "Gemeente Utrecht", "1", "vegetarisch"],
        ["Bram de Vries", "Gemeente Rotterdam", "1", ""],
        ["Carla Smit", "Gemeente Amsterdam", "0", "halal"],
        ["Dirk Jansen", "Gemeente Den Haag", "1", ""],
        ["Eva Visser", "Gemeente Arnhem", "1", "veganistisch"],
        ["Femke Mulder", "WWI", "1", "glutenvrij"],
        ["Gert Bos", "Gemeente Eindhoven", "1", ""],
        ["Hanna Dijkstra", "Woonstad", "1", "lactosevrij"],
        ["Ivo Meijer", "Gemeente Leeuwarden", "1", "allergie (noten)"],
        ["Joke de Boer", "Gemeente Nijmegen", "1", ""],
        ["Karim El Amrani", "Gemeente Schiedam", "1", "halal"],
        ["Lotte Peters", "Gemeente Deventer", "0", ""],
        ["Mark Hendriks", "Gemeente Enschede", "0", "vegetarisch"],
    ]

    # Joke stops coming altogether: her room is free and nobody waits.
    await people["Joke de Boer"].press("rsvp:1:nee")
    assert "Kamers: 9 van 10 vergeven, 0 op de wachtlijst." in await organiser.text(
        "/sessie 1 aanmeldingen"
    )

    # Thirty days after the meeting the diets are erased.
    set_now(services, datetime(2027, 1, 4, 16, 0, tzinfo=UTC))
    assert await run_now(services, step_key("diet-erase", 1)) == "done"
    async with services.database() as db:
        rsvps = (await db.scalars(select(Rsvp))).all()
    assert rsvps and all(r.diets is None and r.diet_note is None for r in rsvps)
    assert any(r.note == "ik kom pas om 14:00" for r in rsvps)


async def test_my_data_shows_the_sign_up_and_forgetting_frees_the_room(
    services: Services, organiser: Person
) -> None:
    await organiser.say(PLAN)
    await organiser.say("/sessie 1 kamers 1")
    anna = Person(services, "u1", name="Anna Bakker")
    bram = Person(services, "u2", name="Bram de Vries")
    await signed_up(anna, "alles", "allergie: noten", "ik kom pas om 14:00")
    assert "wachtlijst (plaats 1)" in await signed_up(bram, "alles", "geen", "nee")
    [export] = await anna.say("/mijngegevens")
    assert export.attachment is not None
    mine = json.loads(export.attachment.content)["records"]["rsvps"][0]
    assert (mine["diets"], mine["diet_note"]) == (["allergy"], "noten")
    assert mine["note"] == "ik kom pas om 14:00" and mine["overnight"] is True
    await anna.say("/vergeet")
    await anna.press("vergeet:ja")
    [moved] = await outbox(services, "room-free:session:1:")
    assert reply_from_json(moved.reply).text.startswith("Goed nieuws")
    overview = await organiser.text("/sessie 1 aanmeldingen")
    assert "Kamers: 1 van 1 vergeven, 0 op de wachtlijst." in overview
    assert "Anna" not in overview and "noten" not in overview
