"""The one organiser check for sub-commands and buttons (whole commands are checked by the
dispatcher from `Command.organiser_only`, with the same role test: `Context.is_organiser`)."""

from __future__ import annotations

from bot.core.messages import Reply
from bot.core.texts import TEXTS
from bot.kernel.services import Context, UserError


def require_organiser(ctx: Context, hint: str = "") -> None:
    """Stop here with the shared refusal (and a feature's `hint`, already translated) unless
    the sender is an organiser."""
    if not ctx.is_organiser:
        raise UserError(" ".join(p for p in (ctx.t(TEXTS, "organisers_only_action"), hint) if p))


def stale_button(ctx: Context, hint: str = "") -> Reply:
    """The answer to a button that no longer works (a restart, a changed message)."""
    return Reply(" ".join(p for p in (ctx.t(TEXTS, "stale_button"), hint) if p))
