"""Words of the buddies page: pairs, newcomers waiting, load, check-ins
(keys start with buddies_)."""

WORDS: dict[str, dict[str, str]] = {}
