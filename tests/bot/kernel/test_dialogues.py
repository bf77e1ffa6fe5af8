"""A guided dialogue belongs to one participant in one chat, and is forgotten after a while."""

from __future__ import annotations

from datetime import timedelta

from bot.core.clock import ManualClock
from bot.core.messages import Reply
from bot.kernel.services import DIALOGUE_EXPIRY, Context, Services
from tests.factories import Person


async def ask(ctx: Context) -> Reply:
    await ctx.start_dialogue("kleur", {})
    return Reply("Welke kleur?")


async def colour(ctx: Context) -> Reply:
    await ctx.end_dialogue()
    return Reply(f"Kleur: {ctx.args}")


def add_colour_dialogue(services: Services) -> None:
    services.registry.command("vraag", ask, help_nl="x", help_en="x")
    services.registry.dialogue("kleur", colour)


async def test_a_greeting_in_the_group_does_not_answer_the_private_question(
    services: Services,
) -> None:
    add_colour_dialogue(services)
    private = Person(services, "olga", platform="telegram", chat_id="olga")
    in_group = Person(services, "olga", platform="telegram", chat_id="-100", is_group=True)
    assert await private.text("/vraag") == "Welke kleur?"
    assert await in_group.say("Goedemorgen allemaal") == []  # group chatter, not the answer
    assert await private.text("blauw") == "Kleur: blauw"


async def test_a_question_asked_in_the_group_is_answered_in_the_group(
    services: Services,
) -> None:
    add_colour_dialogue(services)
    private = Person(services, "olga", platform="telegram", chat_id="olga")
    in_group = Person(services, "olga", platform="telegram", chat_id="-100", is_group=True)
    assert await in_group.text("/vraag") == "Welke kleur?"
    assert "Kleur" not in await private.text("rood")
    assert await in_group.text("groen") == "Kleur: groen"


async def test_a_dialogue_left_too_long_is_over(services: Services) -> None:
    add_colour_dialogue(services)
    person = Person(services, "p1")
    assert await person.text("/vraag") == "Welke kleur?"
    clock = services.clock
    assert isinstance(clock, ManualClock)
    clock.advance(DIALOGUE_EXPIRY + timedelta(minutes=1))
    assert "Kleur" not in await person.text("blauw")  # read afresh, as a question
    assert await person.text("/vraag") == "Welke kleur?"
    assert await person.text("geel") == "Kleur: geel"
