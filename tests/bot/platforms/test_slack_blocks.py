"""Block Kit rendering: escaping, Slack's limits, splitting, context lines and buttons."""

from __future__ import annotations

from bot.core.mentions import user_mention
from bot.core.messages import Button, Reply
from bot.platforms.slack.blocks import (
    BLOCKS_MAX,
    FALLBACK_MAX,
    MESSAGE_CHARS_MAX,
    SECTION_MAX,
    escape,
    render,
)


def sections(message: dict[str, object]) -> list[str]:
    blocks = message["blocks"]
    assert isinstance(blocks, list)
    return [b["text"]["text"] for b in blocks if b["type"] == "section"]


def test_a_short_reply_is_one_section_with_a_fallback() -> None:
    [message] = render(Reply("Welkom bij copbot"))
    assert message["blocks"] == [
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": "Welkom bij copbot", "verbatim": True},
        }
    ]
    assert message["text"] == "Welkom bij copbot"


def test_text_cannot_inject_links_or_channel_pings() -> None:
    [message] = render(Reply("<!channel> kijk <https://evil.example|hier> & <b>"))
    text = sections(message)[0]
    assert "<" not in text and ">" not in text
    assert text == "&lt;!channel&gt; kijk &lt;https://evil.example|hier&gt; &amp; &lt;b&gt;"
    assert message["text"] == text  # the notification fallback is escaped too


def test_a_user_mention_stays_a_mention() -> None:
    mention = user_mention("U0123")  # written by the bot, not typed
    [message] = render(Reply(f"Je maatje is {mention} (Slack); <@U1|x> en <!here> niet"))
    assert sections(message)[0] == (
        "Je maatje is <@U0123> (Slack); &lt;@U1|x&gt; en &lt;!here&gt; niet"
    )


def test_escape_handles_the_ampersand_first() -> None:
    assert escape("&lt;") == "&amp;lt;"


def test_long_text_splits_into_sections_of_at_most_3000_escaped_characters() -> None:
    text = "\n\n".join(f"Les {i}: " + "wonen & zorg " * 200 for i in range(3))
    [message] = render(Reply(text))  # 3 x 3,400 escaped characters fit in one message
    parts = sections(message)
    assert len(parts) >= 4
    assert all(0 < len(part) <= SECTION_MAX for part in parts)
    assert all(not part.endswith(("&", "&a", "&am", "&amp")) for part in parts)
    rebuilt = " ".join(parts).replace("&amp;", "&")
    for i in range(3):
        assert f"Les {i}:" in rebuilt


def test_one_unbroken_word_is_cut_hard_but_within_the_limit() -> None:
    [message] = render(Reply("x" * 7000))
    assert [len(part) for part in sections(message)] == [3000, 3000, 1000]


def test_many_blocks_become_several_messages_of_at_most_50() -> None:
    rows = tuple((Button(f"Optie {i}", f"p:{i}"),) for i in range(120))
    messages = render(Reply("Kies", buttons=rows))
    assert len(messages) == 3
    assert all(len(m["blocks"]) <= BLOCKS_MAX for m in messages)
    assert sum(len(m["blocks"]) for m in messages) == 121
    assert all(m["text"] for m in messages)  # every message has a fallback


def test_a_message_stays_under_slacks_total_text_limit() -> None:
    text = "\n\n".join("alinea " + "a" * 2900 for _ in range(10))
    messages = render(Reply(text))
    assert len(messages) >= 3
    for message in messages:
        assert sum(len(part) for part in sections(message)) <= MESSAGE_CHARS_MAX
        assert len(message["text"]) <= FALLBACK_MAX


def test_context_line_and_buttons() -> None:
    reply = Reply("Les 3: een stabiele kern", context="Bron: §2.4 <boekje>").with_buttons(
        [Button("Ja", "rsvp:ja"), Button("Nee", "rsvp:nee")],
        [Button("Boekje", url="https://example.org/boekje.pdf")],
    )
    [message] = render(reply)
    types = [b["type"] for b in message["blocks"]]
    assert types == ["section", "context", "actions", "actions"]
    context = message["blocks"][1]["elements"][0]
    assert context == {"type": "mrkdwn", "text": "Bron: §2.4 &lt;boekje&gt;"}
    buttons = message["blocks"][2]["elements"] + message["blocks"][3]["elements"]
    assert [b.get("value") for b in buttons] == ["rsvp:ja", "rsvp:nee", None]
    assert buttons[2]["url"] == "https://example.org/boekje.pdf"
    ids = [b["action_id"] for b in buttons]
    assert len(set(ids)) == len(ids)
    assert buttons[0]["text"] == {"type": "plain_text", "text": "Ja"}


def test_a_row_of_more_than_25_buttons_is_spread_over_actions_blocks() -> None:
    row = tuple(Button(str(i), f"p:{i}") for i in range(30))
    [message] = render(Reply("Kies", buttons=(row,)))
    actions = [b for b in message["blocks"] if b["type"] == "actions"]
    assert [len(b["elements"]) for b in actions] == [25, 5]
    ids = [e["action_id"] for b in actions for e in b["elements"]]
    assert len(set(ids)) == 30


def test_long_button_labels_are_cut_to_75_characters() -> None:
    [message] = render(Reply("Kies", buttons=((Button("L" * 100, "p:1"),),)))
    assert len(message["blocks"][1]["elements"][0]["text"]["text"]) == 75


def test_nothing_to_show_renders_no_message() -> None:
    assert render(Reply("  ")) == []


def test_only_buttons_still_have_a_fallback_text() -> None:
    [message] = render(Reply("", buttons=((Button("Ja", "p:1"),),)))
    assert message["text"]
