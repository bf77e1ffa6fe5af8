"""Block Kit rendering of a Reply: sections, a context line and buttons, within Slack's limits."""

from __future__ import annotations

import re
from typing import Any

from bot.core.mentions import without_marks
from bot.core.messages import Button, Reply
from bot.core.textsplit import split_text

# Slack's documented limits (docs.slack.dev reference/block-kit): a section text holds at most
# 3,000 characters, a message at most 50 blocks, an actions block at most 25 elements, a button
# label at most 75 characters and a button value at most 2,000.
SECTION_MAX = 3000
BLOCKS_MAX = 50
ACTIONS_MAX = 25
BUTTON_LABEL_MAX = 75
# Not documented, but Slack answers msg_blocks_too_long from about 13,200 characters of block
# text in one message (slackapi/bolt-js#2509): stay well below it.
MESSAGE_CHARS_MAX = 12_000
FALLBACK_MAX = 3000

Block = dict[str, Any]
Message = dict[str, Any]  # {"text": fallback, "blocks": [...]}: chat.postMessage's arguments


# Only a mention the bot wrote (bot.core.mentions.user_mention) becomes a link; a "<@U0ORG>"
# someone typed stays text.
_BOT_MENTION = re.compile(r"\x0e&lt;@([UW][A-Z0-9]{2,20})&gt;\x0f")
# mrkdwn has no escape for its formatting characters: a zero-width space on both sides keeps
# "*vet*", "_schuin_", "~weg~" and "`code`" from pairing up. Inside words they format nothing,
# and links keep theirs.
_FORMATTING = re.compile(r"(https?://\S+)|(?<!\w)[*_~`]|[*_~`](?!\w)")
_QUOTE = re.compile(r"^&gt;", re.MULTILINE)  # "> " at a line's start would be a quote
ZWSP = "\u200b"


def escape(text: str) -> str:
    """Text as Slack shows it literally: no link, @channel, mention or formatting comes out
    of what people typed; only the bot's own mentions are links."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _FORMATTING.sub(lambda m: m[1] or f"{ZWSP}{m[0]}{ZWSP}", text)
    text = _QUOTE.sub(ZWSP + "&gt;", text)
    text = _BOT_MENTION.sub(r"<@\1>", text)
    return without_marks(text)


def _escaped_len(text: str) -> int:
    return len(escape(text))


def _truncate(text: str, limit: int) -> str:
    """Escape and cut to `limit` characters without breaking an entity such as &amp;."""
    escaped = escape(text)
    if len(escaped) <= limit:
        return escaped
    end = min(len(text), limit)
    while end > 0 and (over := len(escape(text[:end])) - (limit - 1)) > 0:
        end -= -(-over // 5)  # a character escapes to at most 5 ("&" → "&amp;")
    return escape(text[:end]) + "…"


def section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": escape(text), "verbatim": True}}


def context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": _truncate(text, 3000)}]}


def button(item: Button, action_id: str) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": item.label[:BUTTON_LABEL_MAX] or "…"},
        "action_id": action_id,
    }
    if item.url:
        element["url"] = item.url
    else:
        element["value"] = item.data
    return element


def actions(buttons: tuple[tuple[Button, ...], ...]) -> list[Block]:
    """One actions block per row; action ids are unique within the message."""
    blocks: list[Block] = []
    for row_index, row in enumerate(buttons):
        for start in range(0, len(row), ACTIONS_MAX):
            elements = [
                button(item, f"copbot-{row_index}-{start + index}")
                for index, item in enumerate(row[start : start + ACTIONS_MAX])
            ]
            blocks.append({"type": "actions", "elements": elements})
    return blocks


def render(reply: Reply) -> list[Message]:
    """The reply as Slack messages, each within the limits, with a text fallback.

    An empty list when there is nothing to show (a reply that is only an attachment).
    """
    pieces = split_text(reply.text, SECTION_MAX, _escaped_len) if reply.text.strip() else []
    blocks = [section(piece) for piece in pieces]
    if reply.context:
        blocks.append(context(reply.context))
    blocks.extend(actions(reply.buttons))
    messages: list[Message] = []
    current: list[Block] = []
    size = 0
    for block in blocks:
        length = len(_block_text(block))
        if current and (len(current) >= BLOCKS_MAX or size + length > MESSAGE_CHARS_MAX):
            messages.append(_message(current))
            current, size = [], 0
        current.append(block)
        size += length
    if current:
        messages.append(_message(current))
    return messages


def _block_text(block: Block) -> str:
    if block["type"] == "section":
        return str(block["text"]["text"])
    if block["type"] == "context":
        return " ".join(str(element["text"]) for element in block["elements"])
    return ""


def _message(blocks: list[Block]) -> Message:
    texts = [_block_text(block) for block in blocks if block["type"] != "actions"]
    fallback = "\n\n".join(text for text in texts if text)
    if len(fallback) > FALLBACK_MAX:
        cut = fallback[: FALLBACK_MAX - 1]
        amp = cut.rfind("&")
        if amp >= 0 and ";" not in cut[amp:]:
            cut = cut[:amp]  # don't leave half an entity such as "&am"
        fallback = cut + "…"
    return {"text": fallback or "…", "blocks": blocks}
