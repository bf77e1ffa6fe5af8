"""The console adapter: replies as text, buttons as numbers to type."""

from __future__ import annotations

import io

import pytest

from bot.core.messages import Attachment, Button, Reply
from bot.core.ports import NotSupported
from bot.kernel.services import Context, Services, UserError
from bot.platforms.console import ConsoleChat, ConsoleMessenger, render


def test_render_shows_context_attachment_and_buttons() -> None:
    reply = Reply(
        "Tekst",
        buttons=((Button("Ja", "x:1"), Button("Nee", "x:2")),),
        context="§2.4",
        attachment=Attachment("sessie.ics", b"BEGIN:VCALENDAR"),
    )
    assert render(reply) == "Tekst\n  (§2.4)\n  [bijlage: sessie.ics, 15 bytes]\n  [Ja]  [Nee]"


async def test_typing_a_number_presses_that_button(services: Services) -> None:
    async def choose(ctx: Context) -> Reply:
        return Reply(
            "Kies", buttons=((Button("Rood", "kleur:rood"), Button("Blauw", "kleur:blauw")),)
        )

    services.registry.command("kies", choose, help_nl="x", help_en="x")

    async def colour(ctx: Context) -> Reply:
        return Reply(f"Gekozen: {ctx.args}")

    services.registry.callback("kleur", colour)

    out = io.StringIO()
    chat = ConsoleChat(services, out=out)
    await chat.handle_line("/kies")
    assert "(kies: 1=Rood, 2=Blauw)" in out.getvalue()
    await chat.handle_line("2")
    assert "copbot> Gekozen: blauw" in out.getvalue()
    await chat.handle_line("2")  # no buttons any more: "2" is just text
    assert out.getvalue().count("Gekozen") == 1


async def test_after_a_wrong_answer_in_a_dialogue_a_number_still_presses_its_button(
    services: Services,
) -> None:
    async def ask(ctx: Context) -> Reply:
        await ctx.start_dialogue("overnachten", {})
        return Reply(
            "Met overnachting?", buttons=((Button("Ja", "nacht:ja"), Button("Nee", "nacht:nee")),)
        )

    async def typed(ctx: Context) -> Reply:
        raise UserError("Kies ja of nee.")  # the dialogue stays, the buttons too

    async def pressed(ctx: Context) -> Reply:
        await ctx.end_dialogue()
        return Reply(f"Overnachting: {ctx.args}")

    services.registry.command("plan", ask, help_nl="x", help_en="x")
    services.registry.dialogue("overnachten", typed)
    services.registry.callback("nacht", pressed)
    out = io.StringIO()
    chat = ConsoleChat(services, out=out)
    await chat.handle_line("/plan")
    await chat.handle_line("misschien")
    assert "Kies ja of nee." in out.getvalue()
    await chat.handle_line("2")
    assert "copbot> Overnachting: nee" in out.getvalue()


async def test_piped_lines_are_answered_in_order(services: Services) -> None:
    out = io.StringIO()
    await ConsoleChat(services, out=out).run_piped(io.StringIO("/ik stad Zaanstad\n\n/ik\n"))
    text = out.getvalue()
    assert text.index("stad is nu Zaanstad") < text.index("Stad: Zaanstad")


async def test_the_console_says_it_cannot_edit_or_open_group_chats() -> None:
    messenger = ConsoleMessenger(lambda _text: None)
    assert not messenger.can_edit and not messenger.can_open_group_chat
    with pytest.raises(NotSupported):
        await messenger.edit_message("console", "1", Reply("nieuw"))
    with pytest.raises(NotSupported):
        await messenger.open_group_chat(["console", "other"])
