"""What people type in the reading club, read: titles, proposals, verdicts, book numbers."""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

from bot.db.models.books import THOUGHT_PROVOKING, UNREADABLE, USEFUL

# What people type for a verdict, longest first so "niet doorheen" wins over "niet".
VERDICT_WORDS = sorted(
    {
        "bruikbaar": USEFUL,
        "nuttig": USEFUL,
        "useful": USEFUL,
        "aan het denken gezet": THOUGHT_PROVOKING,
        "aan het denken": THOUGHT_PROVOKING,
        "denken": THOUGHT_PROVOKING,
        "made me think": THOUGHT_PROVOKING,
        "thought-provoking": THOUGHT_PROVOKING,
        "niet doorheen te komen": UNREADABLE,
        "niet doorheen": UNREADABLE,
        "onleesbaar": UNREADABLE,
        "impossible to get through": UNREADABLE,
        "unreadable": UNREADABLE,
    }.items(),
    key=lambda item: -len(item[0]),
)
ARTICLES = {"de", "het", "een", "the", "a", "an"}
URL = re.compile(r"https?://\S+", re.IGNORECASE)


def normalise_title(text: str) -> str:
    """Case, accents, punctuation and a leading article do not make another book."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    words = re.findall(r"\w+", folded)
    if len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    return " ".join(words) or " ".join(folded.split())


# Words that say nothing about which book is meant.
SEARCH_STOPWORDS = ARTICLES | {"and", "of", "in", "on", "for", "to", "en", "van", "op", "met"}
WORD_MATCH = 80  # one letter off in a word of six


def search_score(query: str, choice: str, **_: object) -> float:
    """How well a typed search fits a book's "title author" (both normalised), 0-100.

    Every word that means something must be in the book, as a word or nearly ("jakobs"): so
    "jacobs" or "death" finds "The Death and Life of Great American Cities — Jane Jacobs",
    where one fuzzy score over the whole long title stays low.
    """
    wanted = [w for w in query.split() if w not in SEARCH_STOPWORDS]
    words = choice.split()
    whole = fuzz.WRatio(query, choice)
    if not wanted or not words:
        return whole if wanted else 0.0
    best = [max(fuzz.ratio(w, other) for other in words) for w in wanted]
    by_word = sum(best) / len(best) if min(best) >= WORD_MATCH else 0.0
    return max(whole, by_word)


def similarity(a: str, b: str) -> float:
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))


def parse_proposal(text: str) -> tuple[str, str | None, str | None]:
    """ "Afri — Jutta Chorus https://…" → ("Afri", "Jutta Chorus", "https://…").

    The author follows an em or en dash, " - " or " door "; a link may be anywhere.
    """
    link = None
    match = URL.search(text)
    if match:
        link = match.group(0).rstrip(".,;)")
        text = text[: match.start()] + " " + text[match.end() :]
    text = " ".join(text.split())
    title, author = text, ""
    for separator in ("—", "–"):
        if separator in text:
            title, _, author = text.partition(separator)
            break
    else:
        parts = re.split(r"\s+door\s+", text, flags=re.IGNORECASE)
        if len(parts) > 1:
            title, author = " door ".join(parts[:-1]), parts[-1]
        elif " - " in text:
            title, _, author = text.rpartition(" - ")
    strip = " -—–\"'“”‘’«»"
    return title.strip(strip), (author.strip(strip) or None), link


def parse_verdict(text: str) -> tuple[str, str] | None:
    """ "niet doorheen te komen Veel te dik." → (UNREADABLE, "Veel te dik.")."""
    lowered = text.lower()
    for words, verdict in VERDICT_WORDS:
        if lowered == words or lowered.startswith(words + " "):
            return verdict, text[len(words) :].strip()
    return None


def one_line(text: str) -> str:
    return " ".join(text.split())
