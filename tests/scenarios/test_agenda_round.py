"""One agenda round for the meeting in Zuilen, from the first proposal to the programme.

"Deelnemers aan de CoP bepalen zelf wat er op de agenda komt": Esther and Bert propose topics
(Bert's second idea is Esther's first, so he supports hers instead), the vote opens by itself
21 days before, Esther votes on the console and changes her mind, Carla votes from Telegram
after linking her accounts, Anna forgets and is reminded. The bot is down when the vote should
close; it closes when the bot is back. Carla, in the preparation group, gets the full result
and builds the programme, which everyone coming sees in the logistics message the day before.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core.clock import ManualClock
from bot.kernel.services import Services
from bot.wiring import build_registry, prepare
from scheduler.service import tick
from tests.factories import DEFAULT_NOW, Person, build_services, make_settings
from tests.fakes.flaky_messenger import FlakyMessenger

FEATURES = ("handlers.people", "handlers.sessions", "handlers.polls")


def utc(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


async def start_app(tmp_path: Path, now: datetime) -> Services:
    services = build_services(
        make_settings(tmp_path), clock=ManualClock(now), registry=build_registry(FEATURES)
    )
    await prepare(services)
    services.messengers["console"] = FlakyMessenger("console")
    services.messengers["telegram"] = FlakyMessenger("telegram")
    return services


@pytest.fixture
async def services(tmp_path: Path) -> AsyncIterator[Services]:
    application = await start_app(tmp_path, DEFAULT_NOW)
    try:
        yield application
    finally:
        await application.close()


async def run_until(services: Services, when: datetime) -> dict[str, list[str]]:
    """Move the clock, let the scheduler work (a few seconds for per-chat pacing), collect."""
    seen = {name: len(m.delivered) for name, m in services.messengers.items()}  # type: ignore[attr-defined]
    clock = services.clock
    assert isinstance(clock, ManualClock)
    for second in (0, 2, 4, 6):
        clock.set(when.replace(second=second))
        await tick(services)
    arrived: dict[str, list[str]] = {}
    for name, messenger in services.messengers.items():
        assert isinstance(messenger, FlakyMessenger)
        for d in messenger.delivered[seen[name] :]:
            arrived.setdefault(d.chat_id, []).append(d.reply.text)
    return arrived


async def test_an_agenda_round_from_proposals_to_programme(
    tmp_path: Path, services: Services
) -> None:
    olga = Person(services, "organiser", name="Olga Organisator", username="olga")
    esther = Person(services, "esther", name="Esther Brink", username="esther")
    bert = Person(services, "bert", name="Bert de Vries", username="bert")
    carla = Person(services, "carla", name="Carla Jansen", username="carla")
    anna = Person(services, "anna", name="Anna Smit", username="anna")
    for person in (olga, esther, bert, carla, anna):
        await person.say("/start")
    await olga.say(
        "/sessie nieuw 14 januari 2027 10:00 | Utrecht, Zuilen | Vreedzame wijk | overnachting"
    )
    await olga.say("/voorbereiding 1 @carla")

    # Proposals, with a reason on the second line; a fuzzy duplicate becomes support.
    await esther.say("/agenda voorstel Bewoners het stuur geven\nwant in Zuilen lukt dat nog niet")
    await bert.say("/agenda voorstel Verankeren in de organisatie")
    assert "lijkt" in await bert.text("/agenda voorstel het stuur geven aan bewoners")
    assert "Je steunt nu voorstel #1" in (await bert.press("ps:1"))[0].text
    await anna.say("/agenda voorstel Corporaties als partner")
    agenda = await carla.text("/agenda")
    assert "#1 Bewoners het stuur geven (voorgesteld door Esther Brink, 1× gesteund)" in agenda

    # Carla also uses Telegram; she links the two, so she is one voter.
    code = re.search(r"code is (\w+)", await carla.text("/koppel"))
    assert code is not None
    carla_tg = Person(services, "7001", name="Carla Jansen", platform="telegram")
    assert "Gekoppeld" in await carla_tg.text(f"/koppel {code[1]}")

    # 21 days before, 10:00: the vote opens and everyone gets a vote message.
    opened = await run_until(services, utc(2026, 12, 24, 9, 0))
    assert {"organiser", "esther", "bert", "anna"} <= set(opened)
    assert any("kies tot 3 onderwerpen" in t for t in opened["esther"])

    # Esther votes on the console and changes her mind; Bert hits the limit of three.
    await esther.press("pv:1:1")
    await esther.press("pv:1:2")
    await esther.press("pv:1:2")
    for topic in (1, 2, 3):
        await bert.press(f"pv:1:{topic}")
    await bert.say("/agenda voorstel Sfeer bouwen met smartlappen")  # still possible
    assert "Je hebt al 3 stemmen gebruikt" in (await bert.press("pv:1:4"))[0].text
    # Carla votes from Telegram; on the console she sees the same ballot.
    await carla_tg.press("pv:1:1")
    await carla.say("/peiling")
    assert "✓ #1" in carla.last[0].text and "Jouw stemmen: 1 van 3" in carla.last[0].text

    # The day before the deadline only Anna and Olga, who have not voted, are reminded.
    nudged = await run_until(services, utc(2026, 12, 30, 9, 0))
    reminded = {chat for chat, texts in nudged.items() if any("Morgen sluit" in t for t in texts)}
    assert reminded == {"anna", "organiser"}

    # The bot is down from the 30th until 2 January; the vote closes when it is back.
    await services.close()
    back = await start_app(tmp_path, utc(2027, 1, 2, 8, 0))
    try:
        results = await run_until(back, utc(2027, 1, 2, 8, 0))
        ranking = next(t for t in results["esther"] if t.startswith("Uitslag"))
        assert "(stemmers: 3)" in ranking
        assert "1. Bewoners het stuur geven\n   ██████████ 3" in ranking
        carla_got = results.get("7001", []) + results.get("carla", [])
        full = next(t for t in carla_got if t.startswith("Voor het voorbereidingsgroepje"))
        assert "#1 Bewoners het stuur geven: 3 (voorgesteld door Esther Brink, 1× gesteund)" in (
            full
        )
        assert "want in Zuilen lukt dat nog niet" in full
        assert not any("voorbereidingsgroepje van" in t for t in results["bert"])

        # Carla builds the programme; the lessons come from the booklet.
        carla2 = Person(back, "carla", name="Carla Jansen", username="carla")
        taken = await carla2.text("/programma 1 neem 1 10:30")
        assert "Past misschien uit het boekje" in taken
        await carla2.say("/programma 1 eigenaar 1 @esther")
        await carla2.say("/programma 1 neem 2 14:00")
        assert "alleen" not in await carla2.text("/programma 1")
        esther2 = Person(back, "esther", name="Esther Brink", username="esther")
        await esther2.press("rsvp:1:ja")
        programme = await esther2.text("/programma 1")
        assert "1. 10:30 Bewoners het stuur geven (trekker: Esther Brink)" in programme
        assert "2. 14:00 Verankeren in de organisatie" in programme

        # The day before, those who come get the practical information with the programme.
        logistics = await run_until(back, utc(2027, 1, 13, 9, 0))
        [message] = [t for t in logistics["esther"] if "Programma:" in t]
        assert "10:30 Bewoners het stuur geven — Esther Brink" in message
    finally:
        await back.close()
