"""Control characters out of what people send, once, where an update enters the bot."""

from __future__ import annotations

import re

# C0 and C1 control characters and DEL, except tab and newline; lone UTF-16 surrogates (a
# JSON "\ud800" decodes to one) cannot be encoded as UTF-8. PostgreSQL's text refuses 0x00,
# and none of these means anything in a chat message.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_BREAK = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_WHITESPACE = re.compile(r"[\t\n]+")


def clean_text(text: str, *, multiline: bool = True) -> str:
    """`text` without control characters: line breaks become "\\n", tabs stay.

    With multiline=False (a name, an id) line breaks and tabs become one space.
    """
    if text.isprintable():
        return text  # the common case, checked fast
    text = _CONTROL.sub("", _LINE_BREAK.sub("\n", text))
    if not multiline:
        text = _WHITESPACE.sub(" ", text)
    return text
