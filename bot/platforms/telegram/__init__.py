"""Telegram: python-telegram-bot translated to and from the platform-neutral messages."""

# Telegram sends messages of anonymous group admins as this user; it is never a real person,
# so the adapter marks such updates `anonymous` and nobody grants it a role.
ANONYMOUS_ADMIN = "1087968824"


def is_anonymous_admin(user_id: str) -> bool:
    return user_id == ANONYMOUS_ADMIN
