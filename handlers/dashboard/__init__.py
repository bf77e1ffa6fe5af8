"""The organiser's overview: web pages on the bot's own server, opened from the chat with a
one-time link (/dashboard). Every page reads the same storage as the chat, at each request."""

from __future__ import annotations

from bot.kernel.services import Registry
from handlers.dashboard import agenda, books, buddies, meetings, messages, pulse
from handlers.dashboard.entry import (
    LOGIN_PATH,
    dashboard,
    home,
    login,
    login_page,
    logout,
    style,
)
from handlers.dashboard.texts import TEXTS
from handlers.dashboard.web import guarded


def register(registry: Registry) -> None:
    registry.command(
        "dashboard",
        dashboard,
        help_nl=TEXTS("nl", "help"),
        help_en=TEXTS("en", "help"),
        aliases=("overzicht",),
        organiser_only=True,
    )
    registry.page(LOGIN_PATH, login_page)
    registry.page(LOGIN_PATH, login, methods=("POST",))
    registry.page("/dashboard/style.css", style)
    registry.page("/dashboard/logout", guarded(logout, action=True), methods=("POST",))
    registry.page("/dashboard", guarded(home))
    for pages in (meetings, agenda, pulse, buddies, messages, books):
        pages.register(registry)


__all__ = ["register"]
