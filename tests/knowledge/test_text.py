"""Tests for the Dutch text normalisation used by lesson search."""

from __future__ import annotations

import pytest

from knowledge.text import (
    STOPWORDS,
    content_tokens,
    fold,
    known_affix,
    phonetic,
    split_compound,
    stem,
    tokenize,
)

VOCABULARY = frozenset(
    {
        "woning",
        "corporaties",
        "corporatie",
        "bewoners",
        "participatie",
        "wijk",
        "aanpak",
        "gebied",
        "gericht",
        "gemeente",
        "loketten",
        "rapportage",
        "plicht",
    }
)


def test_fold_lowercases_and_strips_accents() -> None:
    assert fold("Continuïteit") == "continuiteit"
    assert fold("GÉÉN Financiën") == "geen financien"


def test_tokenize_splits_on_punctuation_and_drops_possessive() -> None:
    assert tokenize("Hoe werk ik samen met woningcorporaties?") == [
        "hoe",
        "werk",
        "ik",
        "samen",
        "met",
        "woningcorporaties",
    ]
    assert tokenize("CoP’s en rijk-steden") == ["cop", "en", "rijk", "steden"]


def test_question_words_are_stopwords_but_topic_words_are_not() -> None:
    assert {"hoe", "wat", "ik", "je", "met", "de", "het"} <= STOPWORDS
    for word in ("corporaties", "bewoners", "samenwerken", "monitoring", "geld", "durf"):
        assert word not in STOPWORDS
    assert content_tokens("Hoe werk ik samen met de corporaties?") == [
        "werk",
        "samen",
        "corporaties",
    ]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("corporaties", "corporatie"),
        ("bewoners", "bewoner"),
        ("rapportages", "rapportage"),
        ("wijken", "wijk"),
        ("loketten", "loket"),
    ],
)
def test_inflections_share_a_stem(a: str, b: str) -> None:
    assert stem(a) == stem(b)


def test_different_words_keep_different_stems() -> None:
    assert stem("corporaties") != stem("participatie")
    assert stem("wijk") != stem("werk")


def test_split_compound_into_vocabulary_words() -> None:
    assert split_compound("woningcorporaties", VOCABULARY) == ("woning", "corporaties")
    assert split_compound("wijkaanpak", VOCABULARY) == ("wijk", "aanpak")


def test_split_compound_with_linking_s_and_en() -> None:
    assert split_compound("bewonersparticipatie", VOCABULARY) == ("bewoners", "participatie")
    assert split_compound("gebiedsgericht", VOCABULARY) == ("gebied", "gericht")
    assert split_compound("wijkenaanpak", VOCABULARY) == ("wijk", "aanpak")
    assert split_compound("rapportageplicht", VOCABULARY) == ("rapportage", "plicht")


def test_split_compound_refuses_non_compounds() -> None:
    assert split_compound("corporaties", VOCABULARY) is None
    assert split_compound("appeltaart", VOCABULARY) is None
    # One known half is not a split: "woningxyzabc" is not "woning" + a word.
    assert split_compound("woningxyzabc", VOCABULARY) is None


def test_known_affix_finds_the_known_half_of_an_unknown_compound() -> None:
    assert known_affix("rapportagemoeheid", VOCABULARY) == "rapportage"
    assert known_affix("qwxzvqwxzv", VOCABULARY) is None


def test_phonetic_key_forgives_spelling_slips() -> None:
    assert phonetic("burocratie") == phonetic("bureaucratie")
    assert phonetic("monitorring") == phonetic("monitoring")
    assert phonetic("corporaties") != phonetic("participatie")


def test_split_compound_with_a_word_test_of_its_own() -> None:
    # A part may be recognised by a test instead of the vocabulary, e.g. by its stem.
    vocabulary = frozenset({"groep"})

    def is_word(word: str) -> bool:
        return word in vocabulary or word.startswith("voorbereid")

    assert split_compound("voorbereidingsgroep", vocabulary) is None
    parts = split_compound("voorbereidingsgroep", vocabulary, is_word=is_word)
    assert parts is not None and parts[-1] == "groep"


@pytest.mark.parametrize("word", ["af", "toe", "niks", "minder", "weinig"])
def test_particles_and_quantifiers_are_stopwords(word: str) -> None:
    assert word in STOPWORDS
