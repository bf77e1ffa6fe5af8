"""Splitting long replies under a platform's limit."""

from bot.core.textsplit import split_text, utf16_len


def test_short_text_is_one_chunk() -> None:
    assert split_text("kort", 4096) == ["kort"]


def test_splits_at_paragraphs_and_keeps_everything() -> None:
    paragraphs = [f"Alinea {i}: " + "woord " * 60 for i in range(40)]
    text = "\n\n".join(p.strip() for p in paragraphs)
    chunks = split_text(text, 1000)
    assert len(chunks) > 1
    assert all(utf16_len(chunk) <= 1000 for chunk in chunks)
    assert all(chunk.startswith("Alinea") for chunk in chunks)
    assert " ".join(" ".join(chunks).split()) == " ".join(text.split())


def test_one_huge_line_is_cut_hard() -> None:
    chunks = split_text("x" * 5000, 4096)
    assert [len(c) for c in chunks] == [4096, 904]


def test_emoji_count_as_two_utf16_units() -> None:
    text = "🙂" * 3000  # 6000 UTF-16 units
    chunks = split_text(text, 4096)
    assert all(utf16_len(c) <= 4096 for c in chunks)
    assert "".join(chunks) == text
