"""What a feature module's `register()` receives: the dispatcher and the scheduler registry."""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.core.messages import Reply
from bot.kernel.context import Context
from bot.kernel.dispatch import Dispatcher
from bot.kernel.jobs import JobRegistry

# Called by /start with (ctx, first_time); returns extra replies (e.g. "are you new here?").
StartHook = Callable[[Context, bool], Awaitable[list[Reply]]]
# Sets one profile field from "/ik <field> <value>".
ProfileSetter = Callable[[Context, str], Awaitable[Reply]]

# Each module has `register(registry: Registry) -> None`; the order sets /help's order.
FEATURES: tuple[str, ...] = (
    "handlers.lessons.commands",
    "handlers.people.commands",
    "handlers.people.admin",
    "handlers.sessions.commands",
    "handlers.polls.commands",
    "handlers.polls.programme",
    "handlers.books.commands",
    "handlers.buddies.commands",
    "handlers.history",
    "handlers.people.privacy",
    "handlers.buddies.continuity",
)


@dataclass
class Registry:
    dispatcher: Dispatcher = field(default_factory=Dispatcher)
    jobs: JobRegistry = field(default_factory=JobRegistry)
    start_hooks: list[StartHook] = field(default_factory=list)
    profile_fields: dict[str, ProfileSetter] = field(default_factory=dict)


def build_registry(features: tuple[str, ...] = FEATURES) -> Registry:
    registry = Registry()
    for module_name in features:
        importlib.import_module(module_name).register(registry)
    # /help is added last so it can list everything registered before it.
    importlib.import_module("handlers.help").register(registry)
    return registry
