"""Words of the books page: picks, presenters and verdicts (keys start with books_)."""

WORDS: dict[str, dict[str, str]] = {}
