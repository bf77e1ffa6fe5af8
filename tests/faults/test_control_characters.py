"""NUL bytes and other control characters in what people send (PostgreSQL's text refuses 0x00):
cleaned once where an update becomes an Incoming, for every platform."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from bot.core.messages import Incoming
from bot.core.sanitize import clean_text
from bot.db.models import Participant
from bot.http import build_web_app
from bot.kernel.services import Services
from bot.platforms.telegram.adapter import start_telegram
from tests.factories import Person, make_app
from tests.fakes.telegram_api import FakeTelegram

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


async def test_a_telegram_user_with_a_nul_in_the_name_is_answered_every_time(
    tmp_path: Path,
) -> None:
    fake = FakeTelegram()
    await fake.start()
    services = await make_app(tmp_path, telegram_token=fake.token, telegram_api_url=fake.base_url)
    stop = await start_telegram(services, build_web_app(services), poll_timeout=1)
    try:
        sender = fake.user(4243, first_name="Jan\x00", last_name="de\x00Vries")
        for text in ("/start", "/ik stad Utrecht\x00Zuid", "/ik"):
            before = len(fake.sent(4243))
            fake.private_message(4243, text, user=sender)
            await fake.wait_sent(4243, 1, after=before)
        profile_or_error = ("Sorry", "UtrechtZuid\n")
        await fake.wait_for(
            lambda: any(w in s.text for s in fake.sent(4243) for w in profile_or_error)
        )
        texts = [sent.text for sent in fake.sent(4243)]
        assert not [text for text in texts if "Sorry" in text], texts
        assert any("Jan deVries" in text and "UtrechtZuid" in text for text in texts), texts
    finally:
        await stop()
        await services.close()
        await fake.stop()
