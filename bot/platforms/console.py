"""The console adapter: a chat with the bot in the terminal (or over a pipe)."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from itertools import count
from typing import TextIO

from bot.core.messages import Incoming, Reply
from bot.core.ports import NotSupported
from bot.kernel.dispatch import dispatch
from bot.kernel.services import Services

CONSOLE_USER = "console"
PROMPT = "jij> "


def render(reply: Reply) -> str:
    """Reply as terminal text: buttons become numbered choices."""
    lines = [reply.text]
    if reply.context:
        lines.append(f"  ({reply.context})")
    if reply.attachment:
        size = len(reply.attachment.content)
        lines.append(f"  [bijlage: {reply.attachment.filename}, {size} bytes]")
    for row in reply.buttons:
        lines.append("  " + "  ".join(f"[{b.label}]" for b in row))
    return "\n".join(lines)


class ConsoleMessenger:
    """Outbox messages for the console user are printed as they are sent (a printed line
    cannot be edited, and the console has no group chats)."""

    platform = "console"
    can_edit = False
    can_open_group_chat = False

    def __init__(self, write: Callable[[str], None]) -> None:
        self._write = write
        self._ids = count(1)

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        self._write(f"copbot (bericht)> {render(reply)}")
        return str(next(self._ids))

    async def open_private_chat(self, user_id: str) -> str:
        return user_id

    async def edit_message(self, chat_id: str, message_id: str, reply: Reply) -> None:
        raise NotSupported("the console cannot edit a printed message")

    async def open_group_chat(self, user_ids: list[str]) -> str:
        raise NotSupported("the console has no group chats")


class ConsoleChat:
    """Reads lines, dispatches them, prints replies. "1", "2", ... press the last buttons shown,
    as in a chat app, where they stay under their message: an answer without buttons (a typing
    error in a guided dialogue, say) leaves them pressable; new buttons or a command end them."""

    def __init__(
        self, services: Services, out: TextIO | None = None, language: str | None = None
    ) -> None:
        self.services = services
        self.out = out or sys.stdout
        self.language = language or services.settings.language
        self._buttons: list[str] = []
        self._updates = count(1)
        services.messengers["console"] = ConsoleMessenger(self.write)

    def write(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    async def handle_line(self, line: str) -> list[Reply]:
        line = line.rstrip("\n")
        callback = None
        if line.strip().isdigit() and 0 < int(line.strip()) <= len(self._buttons):
            callback = self._buttons[int(line.strip()) - 1]
        incoming = Incoming(
            platform="console",
            user_id=CONSOLE_USER,
            chat_id=CONSOLE_USER,
            text="" if callback else line,
            callback=callback,
            display_name="Console",
            language=self.language,
        )
        replies = await dispatch(self.services, incoming)
        if callback or line.lstrip().startswith("/") or any(r.buttons for r in replies):
            self._buttons = []
        for reply in replies:
            text = render(reply)
            numbered = []
            for row in reply.buttons:
                for button in row:
                    if button.url:
                        continue
                    self._buttons.append(button.data)
                    numbered.append(f"{len(self._buttons)}={button.label}")
            if numbered:
                text += "\n  (kies: " + ", ".join(numbered) + ")"
            self.write(f"copbot> {text}")
        return replies

    async def run_piped(self, stream: TextIO) -> None:
        # Read in a thread so the scheduler keeps running between lines.
        while line := await asyncio.to_thread(stream.readline):
            if line.strip():
                await self.handle_line(line)

    async def run_interactive(self) -> None:
        from prompt_toolkit import PromptSession
        from prompt_toolkit.history import FileHistory, InMemoryHistory

        try:
            history: InMemoryHistory | FileHistory = FileHistory(".copbot_history")
        except OSError:
            history = InMemoryHistory()
        session: PromptSession[str] = PromptSession(history=history)
        self.write("copbot console. Typ /help voor de commando's, Ctrl-D om te stoppen.")
        while True:
            try:
                line = await session.prompt_async(PROMPT)
            except (EOFError, KeyboardInterrupt):
                return
            if line.strip():
                await self.handle_line(line)
            await asyncio.sleep(0)
