"""Words of the agenda page: proposals, the poll's chart, the programme
(keys start with agenda_)."""

WORDS: dict[str, dict[str, str]] = {}
