"""A messenger that notes, for every call that would go over the network, whether some
transaction held the SQLite database's write lock at that moment (it must not)."""

from __future__ import annotations

import sqlite3

from sqlalchemy.engine import make_url

from bot.core.messages import Reply
from tests.fakes.flaky_messenger import FlakyMessenger


def write_locked(database_url: str) -> bool:
    """True while another connection holds the write lock: BEGIN IMMEDIATE with no patience."""
    path = make_url(database_url).database or ""
    connection = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as problem:
        if "locked" in str(problem) or "busy" in str(problem):
            return True
        raise
    else:
        connection.execute("ROLLBACK")
        return False
    finally:
        connection.close()


class LockProbingMessenger(FlakyMessenger):
    """Does what FlakyMessenger does (and opens group chats), and records each network call
    as (method, locked) in `calls`."""

    def __init__(self, platform: str, database_url: str) -> None:
        super().__init__(platform, groups=True)
        self.database_url = database_url
        self.calls: list[tuple[str, bool]] = []

    def _probe(self, method: str) -> None:
        self.calls.append((method, write_locked(self.database_url)))

    def locked_calls(self) -> list[str]:
        return [method for method, locked in self.calls if locked]

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        self._probe("send")
        return await super().send(chat_id, reply)

    async def open_private_chat(self, user_id: str) -> str:
        self._probe("open_private_chat")
        return await super().open_private_chat(user_id)

    async def edit_message(self, chat_id: str, message_id: str, reply: Reply) -> None:
        self._probe("edit_message")
        await super().edit_message(chat_id, message_id, reply)

    async def open_group_chat(self, user_ids: list[str]) -> str:
        self._probe("open_group_chat")
        return await super().open_group_chat(user_ids)
