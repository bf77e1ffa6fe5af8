"""What a feature module's `register()` receives: the dispatcher and the scheduler registry."""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.context import Context
from bot.dispatch import Dispatcher
from bot.messages import Reply
from scheduler.registry import JobRegistry

# Called by /start with (ctx, first_time); returns extra replies (e.g. "are you new here?").
StartHook = Callable[[Context, bool], Awaitable[list[Reply]]]
# Sets one profile field from "/ik <field> <value>".
ProfileSetter = Callable[[Context, str], Awaitable[Reply]]

# Each module has `register(registry: Registry) -> None`; the order sets /help's order.
FEATURES: tuple[str, ...] = (
    "handlers.lessons",
    "handlers.people",
    "handlers.admin",
    "handlers.sessions",
    "handlers.polls",
    "handlers.programme",
    "handlers.books",
    "handlers.buddies",
    "handlers.history",
    "handlers.privacy",
    "handlers.continuity",
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
