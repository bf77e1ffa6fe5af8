"""Participants: /start registers and greets, /ik shows and sets the profile, /koppel links."""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from bot.core.cities import normalise_city
from bot.core.i18n import LANGUAGES
from bot.core.messages import Reply
from bot.db.models import Identity, LinkCode, LinkFailure, Participant
from bot.kernel.services import Context, Registry
from handlers.people.privacy import participant_columns
from handlers.people.texts import TEXTS

LINK_CODE_TTL = timedelta(minutes=15)
# Guessing a code (31^6 of them) is hopeless at this pace: a few typos are fine, a series is not.
LINK_FAILURES_MAX = 5
LINK_FAILURE_WINDOW = timedelta(minutes=15)
# Readable codes: no 0/O or 1/I/L to mistype.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
MAX_FIELD = 100


async def start(ctx: Context) -> list[Reply]:
    participant = ctx.participant
    first_time = not participant.registered
    participant.registered = True
    if first_time and ctx.incoming.language:
        participant.language = ctx.lang
    key = "welcome" if first_time else "welcome_back"
    if participant.status != "active":
        key = "welcome_back_leaving"  # /start does not undo /vertrek; /terug does
    replies = [Reply(ctx.t(TEXTS, key, name=participant.display_name))]
    for hook in ctx.services.registry.start_command_hooks:
        replies.extend(await hook(ctx, first_time))
    return replies


async def me(ctx: Context) -> Reply:
    if ctx.incoming.is_group and ctx.incoming.platform == "telegram":
        # Telegram has no messages only one member sees: personal details stay private.
        return Reply(ctx.t(TEXTS, "profile_in_group"))
    if not ctx.args:
        return profile(ctx)
    field, _, value = ctx.args.partition(" ")
    field, value = field.lower(), value.strip()
    setter = ctx.services.registry.profile_fields.get(field)
    if setter is None:
        return Reply(ctx.t(TEXTS, "profile_usage"))
    return await setter(ctx, value)


async def set_text(ctx: Context, attribute: str, label_key: str, value: str) -> Reply:
    if not value:
        return Reply(ctx.t(TEXTS, "profile_usage"))
    if len(value) > MAX_FIELD:
        return Reply(ctx.t(TEXTS, "profile_too_long", max=MAX_FIELD))
    setattr(ctx.participant, attribute, value)
    return Reply(ctx.t(TEXTS, "profile_saved", field=ctx.t(TEXTS, label_key), value=value))


async def set_city(ctx: Context, value: str) -> Reply:
    return await set_text(ctx, "city", "field_city", normalise_city(value))


async def set_organisation(ctx: Context, value: str) -> Reply:
    return await set_text(ctx, "organisation", "field_organisation", value)


async def set_name(ctx: Context, value: str) -> Reply:
    reply = await set_text(ctx, "display_name", "field_name", value)
    if ctx.participant.display_name == value:
        ctx.participant.name_chosen = True
    return reply


async def set_language(ctx: Context, value: str) -> Reply:
    code = value.lower()[:2]
    if code not in LANGUAGES:
        return Reply(ctx.t(TEXTS, "language_unknown"))
    ctx.participant.language = code
    ctx.lang = code
    return Reply(ctx.t(TEXTS, "profile_saved", field=ctx.t(TEXTS, "field_language"), value=code))


async def link(ctx: Context) -> Reply:
    code = ctx.args.strip().upper()
    if not code:
        if ctx.incoming.is_group:
            return Reply(ctx.t(TEXTS, "link_in_group"))
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
        ctx.db.add(
            LinkCode(
                code=code,
                participant_id=ctx.participant.id,
                expires_at=ctx.now + LINK_CODE_TTL,
            )
        )
        return Reply(ctx.t(TEXTS, "link_code", code=code))
    if await link_failures(ctx) >= LINK_FAILURES_MAX:
        minutes = int(LINK_FAILURE_WINDOW.total_seconds() // 60)
        return Reply(ctx.t(TEXTS, "link_too_many", count=LINK_FAILURES_MAX, minutes=minutes))
    row = await ctx.db.get(LinkCode, code)
    if row is None or row.expires_at < ctx.now:
        ctx.db.add(LinkFailure(participant_id=ctx.participant.id, failed_at=ctx.now))
        return Reply(ctx.t(TEXTS, "link_bad_code"))
    target = await ctx.db.get(Participant, row.participant_id)
    await ctx.db.delete(row)
    if target is None:
        return Reply(ctx.t(TEXTS, "link_bad_code"))
    if target.id == ctx.participant.id:
        return Reply(ctx.t(TEXTS, "link_same"))
    if ctx.identity.platform in {i.platform for i in target.identities}:
        return Reply(ctx.t(TEXTS, "link_same_platform"))
    await merge_participants(ctx, source=ctx.participant, target=target)
    platforms = " + ".join(sorted({i.platform for i in target.identities}))
    return Reply(ctx.t(TEXTS, "link_done", platforms=platforms, name=target.display_name))


async def link_failures(ctx: Context) -> int:
    """Wrong codes this participant typed within LINK_FAILURE_WINDOW (older ones are pruned)."""
    since = ctx.now - LINK_FAILURE_WINDOW
    await ctx.db.execute(
        delete(LinkFailure).where(
            LinkFailure.participant_id == ctx.participant.id, LinkFailure.failed_at < since
        )
    )
    count = await ctx.db.scalar(
        select(func.count())
        .select_from(LinkFailure)
        .where(LinkFailure.participant_id == ctx.participant.id)
    )
    return int(count or 0)


def register(registry: Registry) -> None:
    registry.command(
        "start",
        start,
        aliases=("begin",),
        help_nl="aanmelden bij de bot en uitleg",
        help_en="register with the bot and an introduction",
    )
    registry.command(
        "ik",
        me,
        name_en="me",
        aliases=("me", "profiel", "profile"),
        help_nl="je gegevens bekijken of aanpassen (/ik stad Utrecht)",
        help_en="see or change your details (/me city Utrecht)",
        usage="/ik [stad|organisatie|naam|taal] <waarde>",
    )
    for names, setter in (
        (("stad", "city", "gemeente"), set_city),
        (("organisatie", "organisation", "organization"), set_organisation),
        (("naam", "name"), set_name),
        (("taal", "language"), set_language),
    ):
        registry.profile_field(names, setter)
    registry.command(
        "koppel",
        link,
        name_en="link",
        aliases=("link",),
        help_nl="je Telegram- en Slack-account koppelen tot één deelnemer",
        help_en="link your Telegram and Slack accounts into one participant",
        usage="/koppel [code]",
    )


def profile(ctx: Context) -> Reply:
    p = ctx.participant
    unknown = ctx.t(TEXTS, "unknown_value")
    role = ctx.t(TEXTS, "role_organiser" if p.is_organiser else "role_participant")
    return Reply(
        ctx.t(
            TEXTS,
            "profile",
            name=p.display_name,
            city=p.city or unknown,
            organisation=p.organisation or unknown,
            language=p.language,
            role=role,
        )
    )


async def merge_participants(ctx: Context, source: Participant, target: Participant) -> None:
    """Move everything of `source` to `target`, then remove `source`.

    Every table that points at participants is updated, so features added later are merged
    too. Where a row cannot move (target already has one, e.g. both answered the same RSVP),
    the target's row wins and the source's is dropped.
    """
    db = ctx.db
    await db.flush()
    for table, column in participant_columns():
        if table.name == "identities":
            continue
        try:
            async with db.begin_nested():
                await db.execute(
                    update(table).where(column == source.id).values({column.name: target.id})
                )
        except IntegrityError:
            await db.execute(table.delete().where(column == source.id))
    for identity in (
        await db.scalars(select(Identity).where(Identity.participant_id == source.id))
    ).all():
        identity.participant_id = target.id
    target.is_organiser = target.is_organiser or source.is_organiser
    target.experienced = target.experienced or source.experienced
    target.city = target.city or source.city
    if source.name_chosen and not target.name_chosen:
        target.display_name = source.display_name
        target.name_chosen = True
    target.organisation = target.organisation or source.organisation
    target.registered = True
    await db.flush()
    db.expunge(source)
    await db.execute(delete(Participant).where(Participant.id == source.id))
    await db.refresh(target, ["identities"])
    ctx.participant = target
