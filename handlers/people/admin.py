"""Organiser roles: /organisator @naam grants, /organisator weg @naam takes away."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.core.i18n import Texts
from bot.core.messages import Reply
from bot.db.models import AuditNote, Identity, Participant
from bot.kernel.lookup import find_participant
from bot.kernel.services import Context, Registry

TEXTS = Texts(
    {
        "usage": {
            "nl": "Gebruik: /organisator @naam (maakt iemand organisator) of "
            "/organisator weg @naam.",
            "en": "Usage: /organiser @name (makes someone an organiser) or "
            "/organiser remove @name.",
        },
        "not_found": {
            "nl": "Ik vind niemand die {who} heet. Die persoon moet eerst /start sturen.",
            "en": "I can't find anyone called {who}. They need to send /start first.",
        },
        "granted": {
            "nl": "{name} is nu organisator.",
            "en": "{name} is now an organiser.",
        },
        "revoked": {
            "nl": "{name} is geen organisator meer.",
            "en": "{name} is no longer an organiser.",
        },
        "last_organiser": {
            "nl": "Je bent de laatste organisator; wijs eerst iemand anders aan.",
            "en": "You are the last organiser; appoint someone else first.",
        },
        "anonymous": {
            "nl": "Anonieme groepsbeheerders kan ik geen rol geven.",
            "en": "I cannot give a role to anonymous group admins.",
        },
    }
)


async def organiser(ctx: Context) -> Reply:
    words = ctx.args.split(maxsplit=1)
    if not words:
        return Reply(ctx.t(TEXTS, "usage"))
    revoke = words[0].lower() in {"weg", "remove", "intrekken"}
    who = words[1] if revoke and len(words) > 1 else ("" if revoke else ctx.args)
    if not who.strip():
        return Reply(ctx.t(TEXTS, "usage"))
    person = await find_participant(ctx.db, who, ctx.incoming.platform)
    if person is None:
        return Reply(ctx.t(TEXTS, "not_found", who=who.strip()[:60]))
    anonymous = await ctx.db.scalar(
        select(Identity.id).where(
            Identity.participant_id == person.id,
            Identity.anonymous,
        )
    )
    if anonymous is not None:
        return Reply(ctx.t(TEXTS, "anonymous"))
    if revoke and person.id == ctx.participant.id:
        count = await ctx.db.scalar(
            select(func.count()).select_from(Participant).where(Participant.is_organiser)
        )
        if (count or 0) <= 1:
            return Reply(ctx.t(TEXTS, "last_organiser"))
    person.is_organiser = not revoke
    ctx.db.add(
        AuditNote(
            at=ctx.now,
            actor_id=ctx.participant.id,
            action="organiser-revoke" if revoke else "organiser-grant",
            detail=str(person.id),
        )
    )
    return Reply(ctx.t(TEXTS, "revoked" if revoke else "granted", name=person.display_name))


def register(registry: Registry) -> None:
    registry.command(
        "organisator",
        organiser,
        name_en="organiser",
        aliases=("organiser", "organizer"),
        help_nl="iemand organisator maken of die rol weghalen",
        help_en="make someone an organiser or take the role away",
        usage="/organisator [weg] @naam",
        organiser_only=True,
    )
