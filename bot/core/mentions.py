"""A mention of a person that the bot writes on purpose, told apart from text people typed.

A feature writes `user_mention("U0123")`: "<@U0123>" between two control characters. People
can never send those characters (`bot.core.sanitize.clean_text` removes them from every
update), so a "<@U0ORG>" typed into a proposal or a book title stays text, and only a mention
the bot wrote becomes a link on Slack. Other platforms show the plain "<@U0123>".
"""

from __future__ import annotations

MENTION_START, MENTION_END = "\x0e", "\x0f"  # shift out / shift in: never in chat text


def user_mention(user_id: str) -> str:
    """A Slack user mention (a link to the person) that only the bot can write."""
    return f"{MENTION_START}<@{user_id}>{MENTION_END}"


def without_marks(text: str) -> str:
    """`text` as plain text: a marked mention becomes the bare "<@U0123>"."""
    return text.replace(MENTION_START, "").replace(MENTION_END, "")
