"""The command registry and the one entry point every platform calls: `dispatch()`."""

from __future__ import annotations

import logging
import secrets
import unicodedata
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.i18n import language_of
from bot.core.messages import Incoming, Reply
from bot.core.texts import TEXTS
from bot.db.models import DialogueState, Identity, Participant, ProcessedUpdate
from bot.kernel.context import TELEGRAM_ANONYMOUS_ADMIN, Context, UserError

if TYPE_CHECKING:
    from bot.wiring import App

log = logging.getLogger(__name__)

HandlerResult = Reply | list[Reply] | None
Handler = Callable[[Context], Awaitable[HandlerResult]]

# Remembered update ids older than this are pruned; redeliveries come within minutes.
UPDATE_MEMORY = timedelta(days=14)


@dataclass(frozen=True)
class Command:
    name: str  # canonical (Dutch) name, without the slash
    handler: Handler
    help_nl: str
    help_en: str
    aliases: tuple[str, ...] = ()
    organiser_only: bool = False
    usage: str = ""  # e.g. "/les <onderwerp>"
    in_menu: bool = True  # shown in Telegram's command menu


class Dispatcher:
    """Parses an Incoming, finds the command, button or dialogue it is for, and runs it."""

    def __init__(self) -> None:
        self.commands: dict[str, Command] = {}
        self._by_name: dict[str, Command] = {}
        self._callbacks: dict[str, Handler] = {}
        self._dialogues: dict[str, Handler] = {}
        self._fallback: Handler | None = None

    # -- registration -------------------------------------------------------------------

    def add(self, command: Command) -> None:
        for name in (command.name, *command.aliases):
            key = name.lower()
            if key in self._by_name:
                raise ValueError(f"command /{key} registered twice")
            self._by_name[key] = command
        self.commands[command.name] = command

    def command(
        self,
        name: str,
        *,
        help_nl: str,
        help_en: str,
        aliases: Iterable[str] = (),
        organiser_only: bool = False,
        usage: str = "",
        in_menu: bool = True,
    ) -> Callable[[Handler], Handler]:
        def decorate(handler: Handler) -> Handler:
            self.add(
                Command(
                    name=name,
                    handler=handler,
                    help_nl=help_nl,
                    help_en=help_en,
                    aliases=tuple(aliases),
                    organiser_only=organiser_only,
                    usage=usage,
                    in_menu=in_menu,
                )
            )
            return handler

        return decorate

    def callback(self, prefix: str) -> Callable[[Handler], Handler]:
        """Buttons whose data is "<prefix>:<payload>" go to this handler (payload in ctx.args)."""

        def decorate(handler: Handler) -> Handler:
            if prefix in self._callbacks:
                raise ValueError(f"callback prefix {prefix!r} registered twice")
            self._callbacks[prefix] = handler
            return handler

        return decorate

    def dialogue(self, name: str) -> Callable[[Handler], Handler]:
        """Plain messages of a participant in dialogue `name` go to this handler."""

        def decorate(handler: Handler) -> Handler:
            self._dialogues[name] = handler
            return handler

        return decorate

    def fallback(self, handler: Handler) -> Handler:
        """Plain text in a private chat that is no command (e.g. a question): this handler."""
        self._fallback = handler
        return handler

    def find(self, name: str) -> Command | None:
        return self._by_name.get(name.lower())

    def names(self) -> list[str]:
        return list(self._by_name)

    def visible_commands(self, organiser: bool) -> list[Command]:
        return [c for c in self.commands.values() if organiser or not c.organiser_only]

    # -- parsing ---------------------------------------------------------------------------

    @staticmethod
    def parse(text: str, bot_username: str | None) -> tuple[str, str] | None:
        """("les", "corporaties") for "/les@copbot corporaties"; None for plain text.

        Returns ("", "") for a command addressed to another bot in a group.
        """
        stripped = text.strip()
        if not stripped.startswith("/") or stripped == "/":
            return None if stripped != "/" else ("", "")
        head, _, rest = stripped[1:].partition(" ")
        head, newline, tail = head.partition("\n")
        if newline:
            rest = tail + (" " + rest if rest else "")
        name, _, target = head.partition("@")
        if target and bot_username and target.lower() != bot_username.lower():
            return ("", "")
        # Control and invisible characters ("/help\x00", "/les\u200b") are no part of a name.
        name = "".join(ch for ch in name if unicodedata.category(ch)[0] not in "CZ")
        return name.lower(), rest.strip()

    # -- the entry point ---------------------------------------------------------------------

    async def dispatch(self, app: App, incoming: Incoming) -> list[Reply]:
        """Handle one update; always returns what to answer (possibly nothing)."""
        try:
            async with app.sessions() as db:
                if incoming.update_id and not await self._first_time(app, db, incoming):
                    log.info("skipping redelivered update %s", incoming.update_id)
                    return []
            async with app.sessions() as db, db.begin():
                return await self._handle(app, db, incoming)
        except UserError as problem:
            return [Reply(problem.text)]
        except Exception:
            ref = secrets.token_hex(3)
            log.exception("error %s while handling %r", ref, incoming)
            lang = language_of(incoming.language, app.settings.language)
            return [Reply(TEXTS(lang, "error", ref=ref))]

    async def _first_time(self, app: App, db: AsyncSession, incoming: Incoming) -> bool:
        """Remember the update id; False when it was handled before."""
        try:
            async with db.begin():
                db.add(
                    ProcessedUpdate(
                        platform=incoming.platform,
                        update_key=str(incoming.update_id)[:128],
                        seen_at=app.clock.now(),
                    )
                )
        except IntegrityError:
            return False
        return True

    async def _handle(self, app: App, db: AsyncSession, incoming: Incoming) -> list[Reply]:
        identity = await resolve_identity(app, db, incoming)
        participant = identity.participant
        lang = language_of(participant.language or incoming.language, app.settings.language)
        ctx = Context(
            app=app,
            incoming=incoming,
            db=db,
            participant=participant,
            identity=identity,
            lang=lang,
        )
        try:
            result = await self._route(ctx)
        except UserError as problem:
            return [Reply(problem.text)]
        if result is None:
            return []
        return [result] if isinstance(result, Reply) else list(result)

    async def _route(self, ctx: Context) -> HandlerResult:
        incoming = ctx.incoming
        if incoming.callback is not None:
            prefix, _, payload = incoming.callback.partition(":")
            callback = self._callbacks.get(prefix)
            if callback is None:
                return Reply(ctx.t(TEXTS, "stale_button"))
            ctx.args = payload
            return await callback(ctx)

        parsed = self.parse(incoming.text, incoming.bot_username)
        if parsed is None:
            return await self._plain_text(ctx)
        name, args = parsed
        if not name:
            return None if incoming.is_group else Reply(ctx.t(TEXTS, "empty_command"))
        command = self.find(name)
        if command is None:
            return Reply(self._unknown(ctx, name))
        return await self.run(ctx, command, args)

    async def run(self, ctx: Context, command: Command, args: str) -> HandlerResult:
        if command.organiser_only and not ctx.is_organiser:
            return Reply(ctx.t(TEXTS, "organisers_only", command=command.name))
        ctx.command = command.name
        ctx.args = args
        return await command.handler(ctx)

    async def _plain_text(self, ctx: Context) -> HandlerResult:
        state = await ctx.db.get(DialogueState, ctx.participant.id)
        text = ctx.incoming.text.strip()
        if state is not None and state.name in self._dialogues:
            if text.lower() in {"stop", "annuleer", "cancel"}:
                await ctx.end_dialogue()
                return Reply(ctx.t(TEXTS, "dialogue_cancelled"))
            ctx.dialogue = state
            ctx.args = text
            return await self._dialogues[state.name](ctx)
        if ctx.incoming.is_group:
            return None  # group chatter is not for us
        if not text:
            return Reply(ctx.t(TEXTS, "empty_message"))
        # In a private chat "les monitoring" means "/les monitoring".
        first, _, rest = text.partition(" ")
        command = self.find(first.lower())
        if command is not None:
            return await self.run(ctx, command, rest.strip())
        if self._fallback is not None:
            ctx.args = text
            return await self._fallback(ctx)
        return Reply(ctx.t(TEXTS, "not_a_command"))

    def _unknown(self, ctx: Context, name: str) -> str:
        # Canonical names first, then aliases, each in registration order: on a tie the
        # suggestion is the name /help shows, and the same on every run.
        commands = self.visible_commands(ctx.is_organiser)
        choices = [c.name for c in commands] + [a for c in commands for a in c.aliases]
        match = process.extractOne(name[:40], choices, scorer=fuzz.ratio, score_cutoff=60)
        if match:
            return ctx.t(TEXTS, "unknown_with_suggestion", name=name[:40], suggestion=match[0])
        return ctx.t(TEXTS, "unknown", name=name[:40])


async def resolve_identity(app: App, db: AsyncSession, incoming: Incoming) -> Identity:
    """Find (or create) the sender's identity and participant, and refresh what we know."""
    now = app.clock.now()
    identity = await db.scalar(
        select(Identity).where(
            Identity.platform == incoming.platform, Identity.user_id == incoming.user_id
        )
    )
    if identity is None:
        participant = Participant(
            display_name=incoming.display_name or incoming.username or incoming.user_id,
            language=language_of(incoming.language, app.settings.language),
            created_at=now,
            is_organiser=(incoming.platform, incoming.user_id) in app.organiser_ids
            and incoming.user_id != TELEGRAM_ANONYMOUS_ADMIN,
        )
        identity = Identity(
            participant=participant, platform=incoming.platform, user_id=incoming.user_id
        )
        db.add(identity)
    if incoming.display_name:
        identity.participant.display_name = incoming.display_name
    if incoming.username:
        identity.username = incoming.username
    if not incoming.is_group:
        identity.dm_chat_id = incoming.chat_id
    identity.last_seen_at = now
    await db.flush()
    return identity


async def prune_processed_updates(app: App) -> int:
    """Forget update ids older than UPDATE_MEMORY; returns how many were removed."""
    cutoff = app.clock.now() - UPDATE_MEMORY
    async with app.sessions() as db, db.begin():
        result = await db.execute(delete(ProcessedUpdate).where(ProcessedUpdate.seen_at < cutoff))
    return int(getattr(result, "rowcount", 0) or 0)
