"""The buddies page shows what /maatjes says in the chat: pairs with since-when and check-in
state, newcomers waiting, the load per buddy and failed check-ins."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.core.clock import ManualClock
from bot.db.models.buddies import Pairing
from bot.kernel.services import Services
from tests.factories import Person
from tests.handlers.buddies.test_buddies import newcomer, volunteer
from tests.handlers.dashboard.conftest import client, sign_in
from tests.handlers.dashboard.tables import tables, text_of
from tests.history_factory import deliver, install_postbox


async def pair_ids(services: Services) -> dict[str, int]:
    """Pair ids by the newcomer's chat user id."""
    from bot.db.models import Identity

    async with services.database() as db:
        rows = (
            await db.execute(
                select(Identity.user_id, Pairing.id).join(
                    Pairing, Pairing.newcomer_id == Identity.participant_id
                )
            )
        ).all()
    return {user: pair for user, pair in rows}


async def test_the_buddies_page_shows_pairs_waiting_newcomers_load_and_failed_checkins(
    services: Services, organiser: Person, base_url: str
) -> None:
    clock = services.clock
    assert isinstance(clock, ManualClock)
    install_postbox(services)
    await organiser.say("/start")
    ulla = await volunteer(services, "ub", "Ulla Utrecht", "Utrecht")
    assert "maximaal 1" in await ulla.text("/maatje word 1")
    anton = await volunteer(services, "ab", "Anton Arnhem", "Arnhem")
    _, to_nina = await newcomer(services, "nina", "Nina Nieuw", "Arnhem")
    assert "Ulla Utrecht" in to_nina  # another city
    karel, to_karel = await newcomer(services, "karel", "Karel Kwint", "Utrecht")
    assert "Anton Arnhem" in to_karel  # Ulla is full
    assert "pauze" in await anton.text("/maatje pauze")
    _, to_mies = await newcomer(services, "mies", "Mies Maas", "Delft")
    assert "geen ervaren maatje vrij" in to_mies

    # The check-ins: Karel says yes in round 1; Nina and Ulla say "not yet" twice.
    pairs = await pair_ids(services)
    clock.advance(timedelta(days=14))
    await deliver(services)
    await karel.press(f"mci:{pairs['karel']}:1:ja")
    await ulla.press(f"mci:{pairs['nina']}:1:nee")
    clock.advance(timedelta(days=7))
    await deliver(services)
    await ulla.press(f"mci:{pairs['nina']}:2:nee")
    chat = await organiser.text("/maatjes")
    assert "Maatjesparen (2)" in chat and "Nieuwkomers zonder maatje (1)" in chat

    async with client(base_url) as browser:
        await sign_in(browser, base_url, organiser)
        async with browser.get(base_url + "/dashboard/buddies") as answer:
            assert answer.status == 200
            html = await answer.text()
    shown = tables(html)
    words = text_of(html)
    assert "Maatjesparen: 2. Nieuwkomers zonder maatje: 1. Mislukte check-ins: 1." in words
    assert shown["Maatjesparen (2)"][1:] == [
        ["Nina Nieuw", "Ulla Utrecht", "donderdag 19 november 2026", "andere stad",
         "nog niet gesproken (2 keer 'nog niet')"],
        ["Karel Kwint", "Anton Arnhem", "donderdag 19 november 2026", "andere stad",
         "gesproken op donderdag 3 december 2026"],
    ]  # fmt: skip
    [[name, city, _joined]] = shown["Nieuwkomers zonder maatje (1)"][1:]
    assert (name, city) == ("Mies Maas", "Delft")
    assert shown["Belasting per maatje"][1:] == [
        ["Anton Arnhem", "1", "2", "op pauze"],
        ["Ulla Utrecht", "1 (vol)", "1", ""],
    ]
    failed = words.split("Check-in mislukt (twee keer 'nog niet')")[1]
    assert "Nina Nieuw ↔ Ulla Utrecht" in failed and "Karel" not in failed
    # The chat's overview says the same.
    assert "Nina Nieuw ↔ Ulla Utrecht" in chat and "⚠ nog niet gesproken" in chat
    assert "Anton Arnhem: 1 van 2, op pauze" in chat and "Mies Maas (Delft)" in chat


async def test_the_buddies_page_answers_no_one_without_a_session(base_url: str) -> None:
    async with client(base_url) as browser, browser.get(base_url + "/dashboard/buddies") as page:
        assert page.status == 403
        assert "Maatjes" not in await page.text()
