"""Joining names for a sentence."""

from __future__ import annotations

from bot.core.lists import join_names


def test_names_are_joined_with_en_or_and() -> None:
    assert join_names([], "nl") == ""
    assert join_names(["Emily"], "nl") == "Emily"
    assert join_names(["Emily", "Carla"], "nl") == "Emily en Carla"
    assert join_names(["Anna", "Bert", "Carla"], "en") == "Anna, Bert and Carla"
