"""Slack's markup to the text a person typed, and commands and mentions to bot commands."""

from __future__ import annotations

import re

CATCH_ALL_COMMANDS = {"cop", "copbot"}  # "/cop help" means "/help"
LINK = re.compile(r"<([^>|]*)(?:\|([^>]*))?>")
USER_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


def plain_text(text: str) -> str:
    """Slack's markup back to what the person typed: &lt; → <, <#C1|cop> → #cop; user
    mentions stay "<@U1>" (without a label), which is how handlers recognise Slack people."""

    def unlink(match: re.Match[str]) -> str:
        target, label = match.group(1), match.group(2)
        if target.startswith("@"):
            return f"<{target}>"
        if target[:1] in "#!":
            return target[0].replace("!", "@") + (label or target[1:].split("^")[0])
        return label or target

    text = LINK.sub(unlink, text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def command_text(command: str, text: str) -> str:
    """ "/les monitoring" stays; "/cop ik stad Utrecht" becomes "/ik stad Utrecht"."""
    name, rest = command.lstrip("/").lower(), plain_text(text).strip()
    if name in CATCH_ALL_COMMANDS:
        return "/" + (rest.lstrip("/") or "help")
    return f"/{name} {rest}".strip()


def mention_text(text: str, bot_user: str | None, as_command: bool = True) -> str:
    """A mention is addressed to the bot, so "@copbot les monitoring" is "/les monitoring"."""
    if bot_user:
        text = re.sub(rf"\s*<@{re.escape(bot_user)}(?:\|[^>]*)?>\s*", " ", text)
    elif as_command:
        text = re.sub(r"^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>", " ", text)
    text = plain_text(text).strip()
    if not as_command or text.startswith("/"):
        return text
    return "/" + (text or "help")
