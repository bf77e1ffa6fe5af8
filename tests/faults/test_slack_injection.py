"""Mentions and formatting typed by people stay text on Slack: a proposal "<@U0ORG> *vet*"
is no mention and no bold in anyone's vote message; the bot's own mentions are still links."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core.mentions import user_mention
from bot.core.messages import Incoming, Reply
from bot.platforms.slack.blocks import render
from scheduler.service import tick
from tests.factories import Person
from tests.fakes.slack_api import blocks_text
from tests.integration.harness import Both, both_platforms

PLAN = "/sessie nieuw 14 januari 2027 10:00 | Utrecht | Vreedzame wijk | geen overnachting"
# What Slack sends for "Corporaties <@olga> *vet* `code` _schuin_ ~weg~ & <b>": a mention as
# <@U..|name>, and &, < and > escaped.
TYPED = "Corporaties <@U0ORG|olga> *vet* `code` _schuin_ ~weg~ &amp; &lt;b&gt;"

BOLD = re.compile(r"(?<![\w\u200b])\*[^*\s\u200b][^*]*\*(?![\w\u200b])")
CODE = re.compile(r"(?<![\w\u200b])`[^`\u200b]+`(?![\w\u200b])")
ITALIC = re.compile(r"(?<![\w\u200b])_[^_\s\u200b][^_]*_(?![\w\u200b])")


def section_text(reply: Reply) -> str:
    return "\n".join(
        block["text"]["text"]
        for message in render(reply)
        for block in message["blocks"]
        if block["type"] == "section"
    )


def test_typed_mentions_and_formatting_are_shown_as_typed() -> None:
    shown = section_text(Reply("Voorstel: <@U0ORG> *vet* `code` _schuin_ ~weg~\n> quote"))
    assert "<@U0ORG>" not in shown and "&lt;@U0ORG&gt;" in shown
    assert not BOLD.search(shown) and not CODE.search(shown) and not ITALIC.search(shown)
    assert "\n>" not in shown and "\n&gt;" not in shown  # no block quote either
    assert shown.replace("\u200b", "") == (
        "Voorstel: &lt;@U0ORG&gt; *vet* `code` _schuin_ ~weg~\n&gt; quote"
    )


def test_only_a_mention_the_bot_wrote_is_a_link_and_links_keep_their_underscores() -> None:
    text = f"Je maatje: {user_mention('U0123')}, typed: <@U0ORG>; https://x.org/a_b_c?d=*e*"
    shown = section_text(Reply(text))
    assert "<@U0123>" in shown and "<@U0ORG>" not in shown
    assert "https://x.org/a_b_c?d=*e*" in shown
    assert "jan_de_vries" in section_text(Reply("@jan_de_vries 2*3"))


def test_people_cannot_send_the_bot_s_mention_mark() -> None:
    forged = Incoming("slack", "U1", "D1", text=f"/agenda voorstel {user_mention('U0ORG')}")
    assert "<@U0ORG>" not in section_text(Reply(f"Voorstel: {forged.text}"))


@pytest.fixture
async def both(tmp_path: Path) -> AsyncIterator[Both]:
    async with both_platforms(tmp_path, {"U1": "Karel Slack"}) as running:
        yield running


async def test_a_proposal_with_a_mention_and_formatting_reaches_voters_as_text(
    both: Both,
) -> None:
    services, slack = both.services, both.slack
    olga = Person(services, "organiser", name="Olga Organisator")
    await olga.say("/start")
    await olga.say(PLAN)
    await slack.command("/cop", "start", user="U1", channel="DU1")
    await slack.slack.wait_for("response_url", count=2)  # the welcome and "are you new?"
    answered = len(slack.slack.of("response_url"))
    await slack.command("/agenda", "voorstel " + TYPED, user="U1", channel="DU1")
    await slack.slack.wait_for("response_url", count=answered + 1, within=5)
    assert "Corporaties" in await olga.text("/agenda")  # the proposal is in
    await olga.say("/peiling open")
    await tick(services)  # the vote messages go out through the outbox
    [vote] = [
        blocks_text(c.args)
        for c in slack.slack.of("chat.postMessage")
        if "Agendapeiling" in blocks_text(c.args)
    ]
    assert "Corporaties" in vote
    assert "<@U0ORG" not in vote and "&lt;@U0ORG&gt;" in vote
    assert "<b>" not in vote and "&lt;b&gt;" in vote
    assert not BOLD.search(vote) and not CODE.search(vote) and not ITALIC.search(vote)
