"""Getting in and out: /dashboard in the chat, the one-time link, signing out, the style."""

from __future__ import annotations

from importlib.resources import files

from bot.core.messages import Reply
from bot.core.ports import WebPage, WebRequest
from bot.kernel.services import Context, Services
from handlers.dashboard.access import (
    COOKIE,
    check_link,
    cookie,
    cookie_gone,
    end_session,
    link_language,
    new_link,
    redeem_link,
)
from handlers.dashboard.texts import TEXTS, language
from handlers.dashboard.web import HEADERS, Page, redirect, refusal, render, secure

LOGIN_PATH = "/dashboard/login/{token}"


async def dashboard(ctx: Context) -> Reply:
    """An organiser asks for the overview (the dispatcher has checked the role)."""
    if ctx.incoming.is_group:
        return Reply(ctx.t(TEXTS, "private_only"))
    base = (ctx.services.settings.public_url or "").rstrip("/")
    if not base:
        return Reply(ctx.t(TEXTS, "no_public_url"))
    token = await new_link(ctx.db, ctx.participant.id, ctx.now)
    return Reply(ctx.t(TEXTS, "link", url=base + LOGIN_PATH.format(token=token)))


def _lang(request: WebRequest, owner: str | None = None) -> str:
    """The language of whom the link was made for; else the browser's."""
    return language(owner or request.headers.get("Accept-Language", "")[:2])


async def login_page(services: Services, request: WebRequest) -> WebPage:
    """The link from the chat: a button that signs in (a link preview fetching the address
    does not use it up)."""
    token = request.params.get("token", "")
    async with services.database() as db, db.begin():
        problem = await check_link(db, token, services.clock.now())
        lang = _lang(request, await link_language(db, token))
    if problem is not None:
        return refusal(services, lang, problem, status=403)
    return render("login.html", lang)


async def login(services: Services, request: WebRequest) -> WebPage:
    token = request.params.get("token", "")
    async with services.database() as db, db.begin():
        redeemed = await redeem_link(db, token, services.clock.now())
        lang = _lang(request, await link_language(db, token))
    if isinstance(redeemed, str):
        return refusal(services, lang, redeemed, status=403)
    session_token, _ = redeemed
    return redirect(
        "/dashboard/meetings", cookies=(cookie(session_token, secure=secure(services)),)
    )


async def logout(page: Page) -> WebPage:
    await end_session(page.db, page.request.cookies.get(COOKIE, ""))
    await page.db.commit()
    gone = cookie_gone(secure=secure(page.services))
    return render("message.html", page.lang, text=page.t("signed_out"), cookies=(gone,))


async def home(page: Page) -> WebPage:
    return redirect("/dashboard/meetings")


async def style(services: Services, request: WebRequest) -> WebPage:
    css = files("handlers.dashboard").joinpath("templates/style.css").read_bytes()
    headers = {**HEADERS, "Cache-Control": "max-age=3600"}
    return WebPage(css, content_type="text/css", headers=headers)
