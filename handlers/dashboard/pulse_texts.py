"""Words of the pulse page: attendance over time, stable core, newcomers and leavers
(keys start with pulse_)."""

WORDS: dict[str, dict[str, str]] = {}
