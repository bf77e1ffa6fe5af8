"""The 18 cities of the 40 priority neighbourhoods (aandachtswijken), and the one place where
what people type as a city ("the hague", "groningen ") becomes one name for storage and counts.

The booklet speaks of "de 18 steden waarin de 40 aandachtswijken liggen" without listing them;
the list is that of the wijkenaanpak. Other places are kept as typed, compared without case.
"""

from __future__ import annotations

PRIORITY_CITIES: tuple[str, ...] = (
    "Amsterdam",
    "Rotterdam",
    "Den Haag",
    "Utrecht",
    "Eindhoven",
    "Groningen",
    "Arnhem",
    "Nijmegen",
    "Enschede",
    "Heerlen",
    "Leeuwarden",
    "Zwolle",
    "Deventer",
    "Hengelo",
    "Schiedam",
    "Zaanstad",
    "Dordrecht",
    "Amersfoort",
)

# Other ways of writing a city, lower case: English names and official ones.
OTHER_NAMES: dict[str, str] = {
    "the hague": "Den Haag",
    "hague": "Den Haag",
    "'s-gravenhage": "Den Haag",
    "s-gravenhage": "Den Haag",
    "’s-gravenhage": "Den Haag",
}

_KNOWN = {city.casefold(): city for city in PRIORITY_CITIES} | OTHER_NAMES


def normalise_city(text: str) -> str:
    """The name to store and show: a known city's own spelling, otherwise the text as typed
    without surrounding or doubled spaces."""
    cleaned = " ".join(text.split())
    return _KNOWN.get(cleaned.casefold(), cleaned)


def city_key(text: str | None) -> str:
    """What two cities are compared and grouped by ("" for no city)."""
    return normalise_city(text or "").casefold()
