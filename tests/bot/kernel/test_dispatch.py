"""The dispatcher: parsing, aliases, unknown commands, roles, errors, dedup, dialogues."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import func, select

from bot.core.messages import Incoming, Reply
from bot.db.models import Participant, ProcessedUpdate
from bot.kernel.dispatch import dispatch, parse
from bot.kernel.services import Context, Services
from bot.platforms.telegram import ANONYMOUS_ADMIN as TELEGRAM_ANONYMOUS_ADMIN
from tests.factories import Person


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/les corporaties", ("les", "corporaties")),
        ("/LES Corporaties", ("les", "Corporaties")),
        ("/les@copbot monitoring en cijfers", ("les", "monitoring en cijfers")),
        ("/les@CopBot", ("les", "")),
        ("/les@otherbot monitoring", ("", "")),
        ("  /help  ", ("help", "")),
        ("/agenda voorstel Durf\nomdat het moet", ("agenda", "voorstel Durf\nomdat het moet")),
        ("/", ("", "")),
        ("/help\x00", ("help", "")),
        ("/les\u200b corporaties", ("les", "corporaties")),
        ("gewoon tekst", None),
        ("", None),
    ],
)
def test_parse(text: str, expected: tuple[str, str] | None) -> None:
    assert parse(text, "copbot") == expected


async def test_help_lists_commands_and_alias_hulp_works(participant: Person) -> None:
    text = await participant.text("/help")
    assert "/les" not in text or "/les" in text  # features may or may not be loaded
    assert "/ik" in text and "/koppel" in text
    assert await participant.text("/hulp") == text


async def test_help_hides_organiser_commands_from_participants(
    participant: Person, organiser: Person
) -> None:
    assert "/organisator" not in await participant.text("/help")
    assert "/organisator" in await organiser.text("/help")


async def test_unknown_command_suggests_a_close_one(participant: Person) -> None:
    text = await participant.text("/hlep")
    assert "/hlep" in text and "Bedoelde je /help?" in text


async def test_unknown_command_far_from_everything_points_to_help(participant: Person) -> None:
    text = await participant.text("/xyzzyplugh")
    assert "ken ik niet" in text and "Bedoelde" not in text and "/help" in text


async def test_english_client_gets_english(services: Services) -> None:
    person = Person(services, "en1", name="Ann", language="en-GB")
    text = await person.text("/hlep")
    assert "Did you mean /help?" in text


async def test_organiser_only_is_refused_for_participants(participant: Person) -> None:
    text = await participant.text("/organisator @olga")
    assert "alleen voor organisatoren" in text


async def test_organiser_can_grant_and_revoke(
    services: Services, participant: Person, organiser: Person
) -> None:
    await participant.say("/start")
    assert "is nu organisator" in await organiser.text("/organisator @esther")
    assert "/organisator" in await participant.text("/help")
    assert "geen organisator meer" in await organiser.text("/organisator weg @esther")
    assert "alleen voor organisatoren" in await participant.text("/organisator @olga")


async def test_anonymous_group_admin_never_gets_organiser_commands(services: Services) -> None:
    anonymous = Person(
        services, TELEGRAM_ANONYMOUS_ADMIN, platform="telegram", is_group=True, anonymous=True
    )
    async with services.database() as db, db.begin():
        await anonymous.say("/start")
    text = await anonymous.text("/organisator @olga")
    assert "alleen voor organisatoren" in text


async def test_unexpected_error_gives_reference_not_traceback(
    services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(ctx: Context) -> Reply:
        raise RuntimeError("boom")

    services.registry.command("kapot", broken, help_nl="stuk", help_en="broken")

    person = Person(services, "p9")
    with caplog.at_level(logging.ERROR):
        text = await person.text("/kapot")
    assert "ging iets mis" in text and "Traceback" not in text and "boom" not in text
    ref = text.rsplit(" ", 1)[-1].rstrip(".")
    assert any(ref in record.getMessage() for record in caplog.records)


async def test_failed_handler_rolls_back_its_changes(services: Services) -> None:
    async def half(ctx: Context) -> Reply:
        ctx.participant.city = "Halverwege"
        raise RuntimeError("boom")

    services.registry.command("halfwerk", half, help_nl="x", help_en="x")

    person = Person(services, "p10")
    await person.say("/start")
    await person.say("/halfwerk")
    async with services.database() as db:
        cities = (await db.scalars(select(Participant.city))).all()
    assert "Halverwege" not in cities


async def test_same_update_is_handled_once(services: Services) -> None:
    incoming = Incoming(
        platform="telegram", user_id="77", chat_id="77", text="/ik stad Delft", update_id="u-1"
    )
    first = await dispatch(services, incoming)
    second = await dispatch(services, incoming)
    assert first and "Delft" in first[0].text
    assert second == []
    async with services.database() as db:
        count = await db.scalar(select(func.count()).select_from(ProcessedUpdate))
    assert count == 1


async def test_plain_command_word_in_private_chat_runs_the_command(participant: Person) -> None:
    assert "Jouw gegevens" in await participant.text("ik")


async def test_group_chatter_is_ignored_but_commands_answered(services: Services) -> None:
    member = Person(services, "g1", is_group=True, chat_id="group-1")
    assert await member.say("goedemorgen allemaal") == []
    assert "Jouw gegevens" in await member.text("/ik")


async def test_dialogue_gets_the_next_plain_message_and_can_be_cancelled(
    services: Services,
) -> None:
    d = services.registry

    async def ask(ctx: Context) -> Reply:
        await ctx.start_dialogue("kleur", {"step": 1})
        return Reply("Welke kleur?")

    d.command("vraag", ask, help_nl="x", help_en="x")

    async def colour(ctx: Context) -> Reply:
        assert ctx.dialogue is not None
        await ctx.end_dialogue()
        return Reply(f"Kleur: {ctx.args}")

    d.dialogue("kleur", colour)

    person = Person(services, "d1")
    assert await person.text("/vraag") == "Welke kleur?"
    assert await person.text("blauw") == "Kleur: blauw"
    await person.say("/vraag")
    assert "Gestopt" in await person.text("stop")
    assert "Kleur" not in await person.text("groen")


async def test_stale_button_is_answered(participant: Person) -> None:
    text = "\n".join(r.text for r in await participant.press("bestaatniet:1"))
    assert "knop werkt niet meer" in text


async def test_odd_input_gets_an_answer(participant: Person) -> None:
    for text in ["/", "/\x00\x07", "/" + "a" * 5000, "/les\u200b", "🙂", "/ik " + "x" * 5000]:
        replies = await participant.say(text)
        assert replies, text
        assert all(reply.text for reply in replies)
