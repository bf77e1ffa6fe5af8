"""Split long texts under a platform's limit, preferring paragraph and line boundaries."""

from __future__ import annotations

from collections.abc import Callable


def utf16_len(text: str) -> int:
    """Telegram counts message length in UTF-16 code units (an emoji may count as two)."""
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int, measure: Callable[[str], int] | None = None) -> list[str]:
    """Split `text` into chunks of at most `limit` units (UTF-16 units by default)."""
    size = measure or utf16_len
    if size(text) <= limit:
        return [text]
    chunks: list[str] = []
    current = ""
    for piece in _pieces(text, limit, size):
        candidate = f"{current}{piece}" if current else piece.lstrip("\n")
        if size(candidate) <= limit:
            current = candidate
            continue
        if current.strip():
            chunks.append(current.rstrip())
        current = piece.lstrip("\n")
    if current.strip():
        chunks.append(current.rstrip())
    return chunks or [text[:limit]]


def _pieces(text: str, limit: int, size: Callable[[str], int]) -> list[str]:
    """Paragraphs (with their separator), broken further into lines and hard cuts if needed."""
    out: list[str] = []
    paragraphs = text.split("\n\n")
    for index, paragraph in enumerate(paragraphs):
        sep = "\n\n" if index else ""
        if size(sep + paragraph) <= limit:
            out.append(sep + paragraph)
            continue
        for line_index, line in enumerate(paragraph.split("\n")):
            prefix = sep if line_index == 0 else "\n"
            if size(prefix + line) <= limit:
                out.append(prefix + line)
                continue
            out.extend(_hard_cut(prefix + line, limit, size))
    return out


def _hard_cut(text: str, limit: int, size: Callable[[str], int]) -> list[str]:
    parts: list[str] = []
    while text:
        # Cut at the last space that fits, else at the limit itself.
        cut = len(text)
        while size(text[:cut]) > limit:
            cut = max(1, cut - max(1, (size(text[:cut]) - limit)))
        space = text.rfind(" ", 0, cut)
        if cut < len(text) and space > limit // 2:
            cut = space + 1
        parts.append(text[:cut])
        text = text[cut:]
    return parts
