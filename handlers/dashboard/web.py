"""How every overview page is served: the session and organiser check, CSRF on every POST,
the templates (Jinja2, autoescaped), the security headers, and the error page.

A page is a module-level `async def view(page: Page) -> WebPage`, registered with
`registry.page(path, guarded(view))`; an action that changes something is registered for
POST with `guarded(action, action=True)` (its form must carry the session's csrf token).
"""

from __future__ import annotations

import functools
import logging
import secrets
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.dates import format_date
from bot.core.ports import WebPage, WebRequest
from bot.db.models import Session
from bot.kernel.services import Services
from handlers.dashboard.access import COOKIE, Visitor, cookie_gone, csrf_ok, visitor
from handlers.dashboard.texts import TEXTS, language

if TYPE_CHECKING:
    from jinja2 import Environment

log = logging.getLogger(__name__)

# No inline scripts or styles, nothing from elsewhere; the pages are never framed.
HEADERS: Mapping[str, str] = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


@functools.cache
def environment() -> Environment:
    """The templates, loaded at the first page (a bot that serves none never imports Jinja2:
    the console starts without it)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(
        loader=PackageLoader("handlers.dashboard", "templates"),
        autoescape=select_autoescape(("html", "svg")),
        trim_blocks=True,
        lstrip_blocks=True,
    )


@dataclass
class Page:
    """What a view gets: the request, the signed-in organiser, and (for views, not actions)
    a database session in an open transaction."""

    services: Services
    request: WebRequest
    visitor: Visitor
    db: AsyncSession
    now: datetime

    @property
    def lang(self) -> str:
        return language(self.visitor.participant.language)

    def t(self, key: str, **values: object) -> str:
        return TEXTS(self.lang, key, **values)

    def meeting_line(self, meeting: Session) -> str:
        """ "Bijeenkomst 3: donderdag 14 januari 2027, Utrecht": how every page names one."""
        date = format_date(meeting.starts_at, self.lang, self.services.settings.tz)
        return self.t("meeting_line", id=meeting.id, date=date, place=meeting.place)

    def render(self, template: str, *, status: int = 200, **values: Any) -> WebPage:
        return render(template, self.lang, status=status, csrf=self.visitor.csrf, **values)

    def redirect(self, location: str) -> WebPage:
        return redirect(location)


def render(
    template: str, lang: str, *, status: int = 200, cookies: tuple[str, ...] = (), **values: Any
) -> WebPage:
    def t(key: str, **more: object) -> str:
        return TEXTS(lang, key, **more)

    body = environment().get_template(template).render(lang=lang, t=t, **values)
    return WebPage(body.encode(), status=status, headers=HEADERS, cookies=cookies)


def redirect(location: str, *, cookies: tuple[str, ...] = ()) -> WebPage:
    headers = {**HEADERS, "Location": quote(location, safe="/?=&%:#")}
    return WebPage(b"", status=303, headers=headers, cookies=cookies)


def refusal(services: Services, lang: str, key: str, *, status: int) -> WebPage:
    """A clear page without any data: why not, and how to get in (a fresh /dashboard). A
    stale form (csrf) keeps the session; every other refusal forgets the cookie."""
    gone = () if key == "csrf" else (cookie_gone(secure=secure(services)),)
    return render("refused.html", lang, status=status, reason=key, cookies=gone)


def secure(services: Services) -> bool:
    """Cookies are Secure when the bot is reached over https."""
    return (services.settings.public_url or "").lower().startswith("https://")


def guarded(
    view: Callable[[Page], Awaitable[WebPage]], *, action: bool = False
) -> Callable[[Services, WebRequest], Awaitable[WebPage]]:
    """Serve `view` only to a signed-in organiser (and, for an action, with the csrf token)."""

    async def serve(services: Services, request: WebRequest) -> WebPage:
        lang = language(request.headers.get("Accept-Language", "")[:2])
        try:
            async with services.database() as db, db.begin():
                now = services.clock.now()
                who = await visitor(db, request.cookies.get(COOKIE), now)
                if who is None:
                    return refusal(services, lang, "no_session", status=403)
                if request.method == "POST" and not csrf_ok(who, request.form.get("csrf")):
                    return refusal(
                        services, language(who.participant.language), "csrf", status=403
                    )
                if not action:
                    return await view(Page(services, request, who, db, now))
            # An action runs outside the check's transaction: it may open its own (sending a
            # step now runs the job runner, which commits as it goes).
            async with services.database() as db:
                return await view(Page(services, request, who, db, now))
        except Exception:
            reference = secrets.token_hex(3)
            log.exception("dashboard page %s failed (ref %s)", request.path, reference)
            return render("error.html", lang, status=500, reference=reference)

    return serve
