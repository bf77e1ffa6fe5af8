"""The cities of the 40 priority neighbourhoods and how people write them."""

from __future__ import annotations

from bot.core.cities import PRIORITY_CITIES, city_key, normalise_city


def test_known_cities_in_any_case_and_their_english_names() -> None:
    assert len(PRIORITY_CITIES) == 18
    assert normalise_city("The Hague") == "Den Haag"
    assert normalise_city("  den   haag ") == "Den Haag"
    assert normalise_city("'s-Gravenhage") == "Den Haag"
    assert normalise_city("groningen") == "Groningen"
    assert normalise_city("AMERSFOORT") == "Amersfoort"


def test_other_places_are_kept_as_typed_but_compared_without_case() -> None:
    assert normalise_city(" Ede ") == "Ede"
    assert city_key("ede") == city_key("Ede ") and city_key("The Hague") == city_key("den haag")
    assert city_key(None) == "" and city_key("  ") == ""
