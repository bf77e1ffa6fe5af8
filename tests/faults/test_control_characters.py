"""NUL bytes and other control characters in what people send (PostgreSQL's text refuses 0x00):
cleaned once where an update becomes an Incoming, for every platform."""

from __future__ import annotations

from sqlalchemy import select

from bot.core.messages import Incoming
from bot.core.sanitize import clean_text
from bot.db.models import Participant
from bot.kernel.services import Services
from tests.factories import Person

PLAN = "/sessie nieuw 14 januari 2027 10:00 | Utrecht | Vreedzame wijk | geen overnachting"


def test_control_characters_go_newlines_and_tabs_stay() -> None:
    assert clean_text("Utrecht\x00Zuid") == "UtrechtZuid"
    assert (
        clean_text("regel 1\r\nregel 2\rregel\t3\x07\x1b[31m") == "regel 1\nregel 2\nregel\t3[31m"
    )
    assert clean_text("lone \ud800 surrogate \x85 and DEL\x7f") == "lone  surrogate \n and DEL"
    assert clean_text("Esther\n\tBrink\x00", multiline=False) == "Esther Brink"
    assert clean_text("Wijk & buurt 🙂 é") == "Wijk & buurt 🙂 é"


def test_an_incoming_is_clean_whatever_the_platform_sent() -> None:
    incoming = Incoming(
        platform="telegram", user_id="12\x00", chat_id="12", text="/ik stad Utrecht\x00Zuid\n2",
        display_name="Es\x00ther\nB", username="es\x00ther", mentions=("U1\x00",),
        callback="proef:\x00ja",
    )  # fmt: skip
    assert incoming.text == "/ik stad UtrechtZuid\n2"
    assert incoming.user_id == "12"
    assert incoming.display_name == "Esther B"
    assert incoming.username == "esther"
    assert incoming.mentions == ("U1",)
    assert incoming.callback == "proef:ja"


async def test_nul_bytes_in_commands_get_an_answer_not_an_error(
    services: Services, organiser: Person, participant: Person
) -> None:
    for person in (organiser, participant):
        await person.say("/start")
    assert "Sorry" not in await participant.text("/ik stad Utrecht\x00Zuid")
    await organiser.say(PLAN)
    proposal = await participant.text("/agenda voorstel Corporaties\x00 in de wijk\nen de buurt")
    assert "Sorry" not in proposal
    assert "Sorry" not in await organiser.text("/omroep Denk aan\x00 het boek\x00")
    async with services.database() as db:
        cities = set(await db.scalars(select(Participant.city)))
    assert "\x00" not in "".join(city or "" for city in cities)


async def test_a_name_with_a_nul_byte_does_not_break_every_message(services: Services) -> None:
    person = Person(services, "4242", name="Jan\x00 de Vries", platform="telegram")
    for text in ("/start", "/help", "/ik"):
        assert "Sorry" not in await person.text(text)
    async with services.database() as db:
        names = list(await db.scalars(select(Participant.display_name)))
    assert "Jan de Vries" in names
