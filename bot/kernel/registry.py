"""What features declare: commands, buttons, dialogues, the plain-text fallback, job kinds,
timeline steps, /start hooks, profile fields, and what erasing a participant must cover.

The tables are generic in the context a handler receives, so this module knows nothing of the
services: `bot.kernel.services` names the concrete `Registry` every feature's `register()` gets.
Registering the same name twice is an error, whatever kind of entry it is.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Generic, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.messages import Reply
from bot.core.ports import WebPage, WebRequest

C = TypeVar("C")  # what a chat handler receives
J = TypeVar("J")  # what a job handler receives
S = TypeVar("S")  # the services, which an HTTP route receives

HandlerResult = Reply | list[Reply] | None
# (db, participant id) -> SQL LIKE patterns of a feature's outbox and job keys that name or
# quote the participant, built from the feature's own key functions.
KeyPatterns = Callable[[AsyncSession, int], Awaitable[list[str]]]


@dataclass(frozen=True)
class Command(Generic[C]):
    name: str  # canonical (Dutch) name, without the slash
    handler: Callable[[C], Awaitable[HandlerResult]]
    help_nl: str
    help_en: str
    aliases: tuple[str, ...] = ()
    organiser_only: bool = False
    usage: str = ""  # e.g. "/les <onderwerp>"
    in_menu: bool = True  # shown in Telegram's command menu
    name_en: str = ""  # the English name (one of the aliases), shown to English readers

    def shown_name(self, lang: str) -> str:
        """The name a reader of `lang` is shown (and can type)."""
        return self.name_en if lang == "en" and self.name_en else self.name

    def shown_usage(self, lang: str) -> str:
        usage = self.usage or f"/{self.name}"
        if lang == "en" and self.name_en:
            usage = usage.replace(f"/{self.name}", f"/{self.name_en}", 1)
        return usage


@dataclass(frozen=True)
class TimelineStep:
    """A step every meeting gets, due at its start + offset (offset < 0 is before)."""

    kind: str  # also the job kind that runs it
    offset: timedelta
    label_nl: str
    label_en: str
    # Meetings may carry their own offsets for a kind (e.g. reminders "14d 2d 3u").
    per_session: bool = False


class Registry(Generic[C, J, S]):
    """Everything the features registered; read by the dispatcher, /help and the scheduler."""

    def __init__(self) -> None:
        self.commands: dict[str, Command[C]] = {}
        self._by_name: dict[str, Command[C]] = {}
        self.callbacks: dict[str, Callable[[C], Awaitable[HandlerResult]]] = {}
        self.dialogues: dict[str, Callable[[C], Awaitable[HandlerResult]]] = {}
        self.fallback: Callable[[C], Awaitable[HandlerResult]] | None = None
        self.jobs: dict[str, Callable[[J], Awaitable[None]]] = {}
        self.steps: dict[str, TimelineStep] = {}
        # Hooks of the /start command (not of process start): called with (ctx, first_time),
        # they return extra replies.
        self.start_command_hooks: list[Callable[[C, bool], Awaitable[list[Reply]]]] = []
        # "/ik <field> <value>" sets a field through one of these.
        self.profile_fields: dict[str, Callable[[C, str], Awaitable[Reply]]] = {}
        # Erasing a participant (handlers.people) removes the outbox rows and pending jobs whose
        # keys match a feature's patterns, and calls the hooks with (ctx, participant id):
        # `erase_hooks` while their rows are still there, `erased_hooks` once they are gone.
        self.personal_key_patterns: dict[str, KeyPatterns] = {}
        self.erase_hooks: list[Callable[[C, int], Awaitable[None]]] = []
        self.erased_hooks: list[Callable[[C, int], Awaitable[None]]] = []
        # Called before /les searches (e.g. to bring the harvested lessons up to date).
        self.lesson_search_hooks: list[Callable[[C], Awaitable[None]]] = []
        # GET routes on the bot's HTTP server: path (aiohttp syntax) -> handler.
        self.routes: dict[str, Callable[[S, Mapping[str, str]], Awaitable[WebPage | None]]] = {}
        # Web pages (GET and POST) that read the whole request: (method, path) -> handler.
        self.pages: dict[tuple[str, str], Callable[[S, WebRequest], Awaitable[WebPage]]] = {}

    # -- chat --------------------------------------------------------------------------------

    def add(self, command: Command[C]) -> None:
        for name in (command.name, *command.aliases):
            key = name.lower()
            if key in self._by_name:
                raise ValueError(f"command /{key} registered twice")
            self._by_name[key] = command
        self.commands[command.name] = command

    def command(
        self,
        name: str,
        handler: Callable[[C], Awaitable[HandlerResult]],
        *,
        help_nl: str,
        help_en: str,
        aliases: Iterable[str] = (),
        organiser_only: bool = False,
        usage: str = "",
        in_menu: bool = True,
        name_en: str = "",
    ) -> None:
        if name_en and name_en not in aliases:
            aliases = (*aliases, name_en)
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
                name_en=name_en,
            )
        )

    def callback(self, prefix: str, handler: Callable[[C], Awaitable[HandlerResult]]) -> None:
        """Buttons whose data is "<prefix>:<payload>" go to `handler` (payload in ctx.args)."""
        _add_once(self.callbacks, prefix, handler, "callback prefix")

    def dialogue(self, name: str, handler: Callable[[C], Awaitable[HandlerResult]]) -> None:
        """Plain messages of a participant in dialogue `name` go to `handler`."""
        _add_once(self.dialogues, name, handler, "dialogue")

    def set_fallback(self, handler: Callable[[C], Awaitable[HandlerResult]]) -> None:
        """Plain text in a private chat that is no command (e.g. a question)."""
        if self.fallback is not None:
            raise ValueError("a fallback for plain text is registered twice")
        self.fallback = handler

    def on_start_command(self, hook: Callable[[C, bool], Awaitable[list[Reply]]]) -> None:
        self.start_command_hooks.append(hook)

    def profile_field(
        self, names: Iterable[str], setter: Callable[[C, str], Awaitable[Reply]]
    ) -> None:
        for name in names:
            _add_once(self.profile_fields, name, setter, "profile field")

    def personal_keys(self, feature: str, patterns_for: KeyPatterns) -> None:
        """`patterns_for(db, participant_id)`: the LIKE patterns of `feature`'s keys that name
        or quote the participant; erasing them removes the rows whose key matches one."""
        _add_once(self.personal_key_patterns, feature, patterns_for, "personal keys of")

    def on_erase(self, hook: Callable[[C, int], Awaitable[None]]) -> None:
        """Called with (ctx, participant id) before the participant's rows are erased."""
        self.erase_hooks.append(hook)

    def on_erased(self, hook: Callable[[C, int], Awaitable[None]]) -> None:
        """Called with (ctx, participant id) after the participant was erased."""
        self.erased_hooks.append(hook)

    def find(self, name: str) -> Command[C] | None:
        return self._by_name.get(name.lower())

    def names(self) -> list[str]:
        return list(self._by_name)

    def visible_commands(self, organiser: bool) -> list[Command[C]]:
        return [c for c in self.commands.values() if organiser or not c.organiser_only]

    def before_lesson_search(self, hook: Callable[[C], Awaitable[None]]) -> None:
        self.lesson_search_hooks.append(hook)

    def route(
        self, path: str, handler: Callable[[S, Mapping[str, str]], Awaitable[WebPage | None]]
    ) -> None:
        """Serve GET `path` ("/agenda/{token}.ics"); the handler gets the path's parameters."""
        _add_once(self.routes, path, handler, "route")

    def page(
        self,
        path: str,
        handler: Callable[[S, WebRequest], Awaitable[WebPage]],
        *,
        methods: tuple[str, ...] = ("GET",),
    ) -> None:
        """Serve `path` for each of `methods` ("GET", "POST"); the handler gets the request
        (path parameters, query, form, cookies) and answers every case itself."""
        for method in methods:
            _add_once(self.pages, (method, path), handler, "page")

    # -- the scheduler -----------------------------------------------------------------------

    def job(self, kind: str, handler: Callable[[J], Awaitable[None]]) -> None:
        _add_once(self.jobs, kind, handler, "job kind")

    def step(
        self,
        kind: str,
        offset: timedelta,
        handler: Callable[[J], Awaitable[None]],
        *,
        label_nl: str,
        label_en: str,
        per_session: bool = False,
    ) -> None:
        """Declare a timeline step and its handler in one go."""
        self.job(kind, handler)
        self.steps[kind] = TimelineStep(kind, offset, label_nl, label_en, per_session)


K = TypeVar("K")
V = TypeVar("V")


def _add_once(table: dict[K, V], key: K, value: V, what: str) -> None:
    if key in table:
        raise ValueError(f"{what} {key!r} registered twice")
    table[key] = value
