"""What a handler gets: the update, the participant, one database transaction, the services."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.i18n import Texts
from bot.core.messages import Incoming
from bot.db.models import DialogueState, Identity, Participant

if TYPE_CHECKING:
    from bot.wiring import App


# Telegram sends messages of anonymous group admins as this user; it is never a real person,
# so it never acts as an organiser, whatever the participant row says.
TELEGRAM_ANONYMOUS_ADMIN = "1087968824"


class UserError(Exception):
    """A problem with what the user asked, answered with this text (already translated)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


@dataclass
class Context:
    app: App
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
        return self.app.clock.now()

    @property
    def is_organiser(self) -> bool:
        """The role, checked on the server for every organiser command, sub-command and button."""
        return self.participant.is_organiser and self.identity.user_id != TELEGRAM_ANONYMOUS_ADMIN

    def t(self, texts: Texts, key: str, **values: object) -> str:
        return texts(self.lang, key, **values)

    def fail(self, texts: Texts, key: str, **values: object) -> UserError:
        """`raise ctx.fail(TEXTS, "key")`: stop here and tell the user why."""
        return UserError(texts(self.lang, key, **values))

    async def start_dialogue(self, name: str, data: dict[str, Any]) -> None:
        """Route the participant's next plain message to the dialogue handler `name`."""
        state = await self.db.get(DialogueState, self.participant.id)
        if state is None:
            state = DialogueState(participant_id=self.participant.id, name=name)
            self.db.add(state)
        state.name = name
        state.data = dict(data)
        state.updated_at = self.now
        self.dialogue = state

    async def end_dialogue(self) -> None:
        state = await self.db.get(DialogueState, self.participant.id)
        if state is not None:
            await self.db.delete(state)
        self.dialogue = None
