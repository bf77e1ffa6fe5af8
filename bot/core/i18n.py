"""Dutch-first texts: each feature keeps its texts in one Texts table, looked up per language."""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"


def language_of(code: str | None, default: str = DEFAULT_LANGUAGE) -> str:
    """Map a client's language code ("en-GB", "nl", None) to one we speak."""
    if not code:
        return default
    base = code.split("-")[0].split("_")[0].lower()
    return base if base in LANGUAGES else default


class Texts:
    """A table of texts by key and language; Dutch is the fallback for every text.

    Example::

        TEXTS = Texts({"hello": {"nl": "Hallo {name}", "en": "Hello {name}"}})
        TEXTS("en", "hello", name="Esther")
    """

    def __init__(self, table: Mapping[str, Mapping[str, str]]) -> None:
        missing = [key for key, by_lang in table.items() if "nl" not in by_lang]
        if missing:
            raise ValueError(f"texts without Dutch: {', '.join(missing)}")
        self._table = table

    def __call__(self, lang: str, key: str, **values: object) -> str:
        """The text in `lang` (Dutch when it has none); with count=1 its singular, the text
        "<key>_one", when the table has one ("1 deelnemer" beside "{count} deelnemers")."""
        if "count" in values and str(values["count"]) == "1" and f"{key}_one" in self._table:
            key = f"{key}_one"
        by_lang = self._table[key]
        template = by_lang.get(lang) or by_lang["nl"]
        return template.format(**values) if values else template

    def keys(self) -> list[str]:
        return list(self._table)

    def __contains__(self, key: object) -> bool:
        return key in self._table
