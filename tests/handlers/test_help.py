"""/help speaks the reader's language, command names included."""

from __future__ import annotations

from bot.kernel.services import Services
from tests.factories import Person


async def test_english_readers_see_the_english_command_names(services: Services) -> None:
    sam = Person(services, "sam", name="Sam", language="en")
    overview = await sam.text("/help")
    assert "/lesson – find lessons" in overview and "/me – " in overview
    assert "\n/les –" not in overview and "\n/ik –" not in overview
    detail = await sam.text("/help me")
    assert detail.startswith("/me:") and "Usage: /me " in detail and "/ik" in detail
    dutch = await Person(services, "noor", name="Noor").text("/help")
    assert "/les – lessen" in dutch and "/ik – " in dutch


async def test_every_command_has_an_english_name_or_is_the_same_in_english(
    services: Services,
) -> None:
    same_in_english = {"start", "agenda", "help", "dashboard"}
    missing = [
        c.name
        for c in services.registry.commands.values()
        if not c.name_en and c.name not in same_in_english
    ]
    assert missing == []
