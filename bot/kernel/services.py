"""The typed services every handler and job receives, and what a handler gets per update.

`Services` replaces any global: settings, the database, the clock, the knowledge and its lesson
index, the random source, the platform messengers and the feature registry are built once by
`bot.wiring` and passed down. `Context` (a chat update) and `JobContext` (a due job) carry them.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.i18n import Texts
from bot.core.messages import Incoming
from bot.core.ports import Messenger
from bot.db.models import DialogueState, Identity, Participant, ScheduledJob, Session
from bot.kernel import registry
from knowledge.model import Knowledge
from knowledge.search import LessonIndex

# A dialogue unanswered this long is over: the next message is read afresh.
DIALOGUE_EXPIRY = timedelta(hours=24)


class UserError(Exception):
    """A problem with what the user asked, answered with this text (already translated)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


class Signal:
    """Callbacks to run when something happened (new outbox rows committed: wake the sender)."""

    def __init__(self) -> None:
        self._callbacks: list[Callable[[], None]] = []

    def connect(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Add `callback`; returns the function that removes it again."""
        self._callbacks.append(callback)

        def disconnect() -> None:
            if callback in self._callbacks:
                self._callbacks.remove(callback)

        return disconnect

    def __bool__(self) -> bool:
        return bool(self._callbacks)

    def emit(self) -> None:
        for callback in list(self._callbacks):
            callback()


@dataclass
class Services:
    settings: Settings
    engine: AsyncEngine
    # Opens a database session: `async with services.database() as db, db.begin(): ...`
    database: async_sessionmaker[AsyncSession]
    clock: Clock
    registry: Registry
    knowledge: Knowledge
    lesson_index: LessonIndex
    random: random.Random
    # Sending side of every connected platform, by name; platforms add themselves at start.
    messengers: dict[str, Messenger] = field(default_factory=dict)
    # Emitted after a transaction that queued outbox messages commits.
    outbox_committed: Signal = field(default_factory=Signal)

    @property
    def organiser_ids(self) -> set[tuple[str, str]]:
        return set(self.settings.organiser_identities())

    async def close(self) -> None:
        await self.engine.dispose()


@dataclass
class Context:
    """What a chat handler gets: the update, the sender, one database transaction, services."""

    services: Services
    incoming: Incoming
    db: AsyncSession
    participant: Participant
    identity: Identity
    lang: str
    command: str = ""  # the canonical command name ("" for callbacks and dialogues)
    args: str = ""  # what followed the command, or the callback's payload
    dialogue: DialogueState | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def now(self) -> datetime:
        return self.services.clock.now()

    @property
    def is_organiser(self) -> bool:
        """The role, checked on the server for every organiser command, sub-command and button."""
        return self.participant.is_organiser and not self.incoming.anonymous

    def t(self, texts: Texts, key: str, **values: object) -> str:
        return texts(self.lang, key, **values)

    def fail(self, texts: Texts, key: str, **values: object) -> UserError:
        """`raise ctx.fail(TEXTS, "key")`: stop here and tell the user why."""
        return UserError(texts(self.lang, key, **values))

    @property
    def chat_key(self) -> str:
        """The chat this update came from, across platforms ("telegram:12345")."""
        return f"{self.incoming.platform}:{self.incoming.chat_id}"

    async def current_dialogue(self) -> DialogueState | None:
        """The dialogue the sender is in, in this chat; one left too long ago is forgotten."""
        state = await self.db.get(DialogueState, (self.participant.id, self.chat_key))
        if state is not None and self.now - state.updated_at > DIALOGUE_EXPIRY:
            await self.db.delete(state)
            return None
        return state

    async def start_dialogue(self, name: str, data: dict[str, Any]) -> None:
        """Route the participant's next plain message in this chat to the dialogue `name`."""
        state = await self.db.get(DialogueState, (self.participant.id, self.chat_key))
        if state is None:
            state = DialogueState(participant_id=self.participant.id, chat_key=self.chat_key)
            self.db.add(state)
        state.name = name
        state.data = dict(data)
        state.updated_at = self.now
        self.dialogue = state

    async def end_dialogue(self) -> None:
        state = await self.db.get(DialogueState, (self.participant.id, self.chat_key))
        if state is not None:
            await self.db.delete(state)
        self.dialogue = None


@dataclass
class JobContext:
    """What a job handler gets: one transaction, committed after the handler returns."""

    services: Services
    db: AsyncSession
    job: ScheduledJob
    now: datetime
    # The meeting of a timeline step (loaded when the job has a session_id).
    session: Session | None = None

    @property
    def payload(self) -> dict[str, Any]:
        return self.job.payload or {}


# What every feature's register() receives.
Registry = registry.Registry[Context, JobContext, Services]
Command = registry.Command[Context]
