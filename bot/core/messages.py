"""Platform-neutral message types: what comes in (Incoming) and what goes out (Reply)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

from bot.core.sanitize import clean_text

# Telegram's callback_data is at most 64 bytes; Slack allows more, so the smaller wins.
CALLBACK_DATA_MAX_BYTES = 64


@dataclass(frozen=True)
class Button:
    """An inline button. `data` is routed back to the dispatcher as a callback when pressed."""

    label: str
    data: str = ""
    url: str | None = None  # a link button instead of a callback

    def __post_init__(self) -> None:
        if not self.url and len(self.data.encode()) > CALLBACK_DATA_MAX_BYTES:
            raise ValueError(
                f"button data longer than {CALLBACK_DATA_MAX_BYTES} bytes: {self.data}"
            )


@dataclass(frozen=True)
class Attachment:
    """A file sent with a reply (an .ics invitation, a personal data export)."""

    filename: str
    content: bytes
    mime: str = "application/octet-stream"


@dataclass(frozen=True)
class Reply:
    """One outgoing message. Adapters render it; long texts are split by `bot.core.textsplit`."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()  # rows of buttons
    attachment: Attachment | None = None
    # Small print under the text (a source such as "§2.4"); Slack shows it as a context block.
    context: str | None = None
    # Replace the message the pressed button sits on instead of sending a new one.
    edit: bool = False
    # Only the asking person should see it (Slack: ephemeral). Announcements set this False.
    private: bool = True
    # Telegram parse mode; texts are plain unless a feature asks for HTML explicitly.
    html: bool = False

    def with_buttons(self, *rows: tuple[Button, ...] | list[Button]) -> Reply:
        return replace(self, buttons=tuple(tuple(row) for row in rows))


@dataclass(frozen=True)
class Incoming:
    """One update from any platform, reduced to what the features need."""

    platform: str  # "telegram" | "slack" | "console"
    user_id: str  # the platform's id of the sender
    chat_id: str  # where to answer
    text: str = ""  # the message text ("" for a button press)
    callback: str | None = None  # Button.data when a button was pressed
    display_name: str = ""
    username: str | None = None  # Telegram @username / Slack handle, without "@"
    language: str | None = None  # the client's language code, e.g. "nl", "en-GB"
    is_group: bool = False
    update_id: str | None = None  # for handling each update at most once
    message_id: str | None = None  # the message a pressed button sits on
    bot_username: str | None = None  # to understand "/les@copbot" in groups
    mentions: tuple[str, ...] = field(default_factory=tuple)  # user ids mentioned (Slack <@U..>)
    # Sent in the name of a group rather than by a person (Telegram's anonymous group admins):
    # such a sender never acts with a role, whatever their participant row says.
    anonymous: bool = False
    # Said to the bot in a group (a Slack mention): read like a message in a private chat.
    addressed: bool = False
    # A topic of a forum group (Telegram's message_thread_id): answers go to the same topic.
    thread_id: str | None = None

    def __post_init__(self) -> None:
        # Cleaned once, here, for every platform: nothing a person sends (a NUL in a name or a
        # city) reaches the database or a handler with control characters in it.
        for item in fields(self):
            value = getattr(self, item.name)
            cleaned: object
            if isinstance(value, str):
                cleaned = clean_text(value, multiline=item.name == "text")
            elif item.name == "mentions":
                cleaned = tuple(clean_text(mention, multiline=False) for mention in value)
            else:
                continue
            if cleaned != value:
                object.__setattr__(self, item.name, cleaned)
