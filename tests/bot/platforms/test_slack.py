"""The Slack adapter's translations: command texts, mentions and Slack's markup."""

from __future__ import annotations

from bot.platforms.slack.text import command_text, mention_text, plain_text


def test_slash_commands_become_dispatcher_commands() -> None:
    assert command_text("/les", "monitoring") == "/les monitoring"
    assert command_text("/boek", "") == "/boek"
    assert command_text("/AGENDA", " stem 2 ") == "/agenda stem 2"


def test_cop_is_a_catch_all() -> None:
    assert command_text("/cop", "help") == "/help"
    assert command_text("/cop", "ik stad Utrecht") == "/ik stad Utrecht"
    assert command_text("/cop", "/les corporaties") == "/les corporaties"
    assert command_text("/cop", "") == "/help"


def test_slack_markup_becomes_what_was_typed() -> None:
    assert plain_text("wonen &amp; zorg &lt;3") == "wonen & zorg <3"
    assert plain_text("zie <https://example.org|het boekje>") == "zie het boekje"
    assert plain_text("zie <https://example.org>") == "zie https://example.org"
    assert plain_text("maatje <@U123|jan> in <#C9|cop>") == "maatje <@U123> in #cop"
    assert plain_text("<!here> hallo") == "@here hallo"
    assert plain_text("&amp;lt;") == "&lt;"  # unescaped once, as Slack escaped once


def test_mentions_become_commands_with_or_without_slash() -> None:
    assert mention_text("<@UBOT> les monitoring", "UBOT") == "/les monitoring"
    assert mention_text("<@UBOT> /les monitoring", "UBOT") == "/les monitoring"
    assert mention_text("<@UBOT|copbot>   ", "UBOT") == "/help"
    assert mention_text("hoi <@UBOT> boek", "UBOT") == "/hoi boek"
    assert mention_text("<@UBOT> maatje <@U7|jan>", "UBOT") == "/maatje <@U7>"
    assert mention_text("<@UBOT> les", None) == "/les"  # bot id unknown: drop the first


def test_a_dm_keeps_plain_text_but_loses_the_bot_mention() -> None:
    assert mention_text("<@UBOT> wat weten we?", "UBOT", as_command=False) == "wat weten we?"
    assert mention_text("les monitoring", "UBOT", as_command=False) == "les monitoring"
