"""Words of the messages page: the outbox per meeting and kind (keys start with messages_)."""

WORDS: dict[str, dict[str, str]] = {}
