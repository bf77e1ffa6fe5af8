"""Lists of names in a sentence: "Emily en Carla", "Anna, Bert and Carla"."""

from __future__ import annotations

from collections.abc import Iterable

# The word before the last item, per language (Dutch and English write no comma before it).
AND = {"nl": "en", "en": "and"}


def join_names(items: Iterable[str], lang: str) -> str:
    """The items joined with commas and, before the last one, "en" or "and"."""
    names = list(items)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {AND.get(lang, AND['en'])} {names[-1]}"
