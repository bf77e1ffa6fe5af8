"""Texts of agenda polls (Dutch first, the booklet's words): one TEXTS for the whole feature,
gathered from the texts of /agenda (proposals), /peiling (voting) and /voorbereiding and
/programma (programme)."""

from collections.abc import Mapping

from bot.core.i18n import Texts
from handlers.polls.texts.programme import PROGRAMME_TEXTS
from handlers.polls.texts.proposals import PROPOSAL_TEXTS
from handlers.polls.texts.schedule import SCHEDULE_TEXTS
from handlers.polls.texts.voting import VOTING_TEXTS


def gathered(*tables: Mapping[str, Mapping[str, str]]) -> dict[str, Mapping[str, str]]:
    """The tables as one; a key in two of them is an error, not a silent overwrite."""
    merged: dict[str, Mapping[str, str]] = {}
    for table in tables:
        twice = sorted(set(merged) & set(table))
        if twice:
            raise ValueError(f"poll texts defined twice: {', '.join(twice)}")
        merged.update(table)
    return merged


TEXTS = Texts(gathered(PROPOSAL_TEXTS, VOTING_TEXTS, PROGRAMME_TEXTS, SCHEDULE_TEXTS))

__all__ = ["TEXTS"]
