"""/omroep: an organiser's message to all active participants, after a confirmation step."""

from __future__ import annotations

from bot.core.messages import Button, Reply
from bot.db.models import AuditNote, Participant
from bot.kernel.roles import require_organiser
from bot.kernel.services import Context, Registry
from handlers.sessions.keys import broadcast_key
from handlers.sessions.texts import TEXTS
from handlers.sessions.views import active_participants
from scheduler.outbox import enqueue_many

# The draft is kept as an audit note, so the button only needs its number.
DRAFT = "omroep-concept"
SENT = "omroep"
DROPPED = "omroep-geannuleerd"
MAX_BROADCAST = 3500  # fits one Telegram message with the signature


async def broadcast(ctx: Context) -> Reply:
    text = ctx.args.strip()
    if not text:
        return Reply(ctx.t(TEXTS, "broadcast_usage"))
    if len(text) > MAX_BROADCAST:
        raise ctx.fail(TEXTS, "broadcast_too_long", max=MAX_BROADCAST)
    draft = AuditNote(at=ctx.now, actor_id=ctx.participant.id, action=DRAFT, detail=text)
    ctx.db.add(draft)
    await ctx.db.flush()
    count = len(await active_participants(ctx.db))
    return Reply(ctx.t(TEXTS, "broadcast_confirm", count=count, text=text)).with_buttons(
        (
            Button(ctx.t(TEXTS, "button_send"), f"omroep:verstuur:{draft.id}"),
            Button(ctx.t(TEXTS, "button_cancel"), f"omroep:annuleer:{draft.id}"),
        )
    )


async def decided(ctx: Context) -> Reply:
    require_organiser(ctx, hint=ctx.t(TEXTS, "organisers_hint"))
    action, _, number = ctx.args.partition(":")
    draft = await ctx.db.get(AuditNote, int(number)) if number.isdigit() else None
    if draft is None or draft.action != DRAFT:
        return Reply(ctx.t(TEXTS, "broadcast_gone"), edit=True)
    if action != "verstuur":
        draft.action = DROPPED
        return Reply(ctx.t(TEXTS, "broadcast_cancelled"), edit=True)
    author = await ctx.db.get(Participant, draft.actor_id) if draft.actor_id else None
    name = author.display_name if author else ctx.participant.display_name
    text = draft.detail

    def reply_for(person: Participant) -> Reply:
        return Reply(TEXTS(person.language, "broadcast_message", text=text, name=name))

    people = [p.id for p in await active_participants(ctx.db)]
    queued = await enqueue_many(
        ctx.db,
        key_prefix=broadcast_key(draft.id),
        participant_ids=people,
        reply_for=reply_for,
    )
    draft.action = SENT
    draft.at = ctx.now
    return Reply(ctx.t(TEXTS, "broadcast_sent", count=queued), edit=True)


def register(registry: Registry) -> None:
    registry.command(
        "omroep",
        broadcast,
        name_en="broadcast",
        aliases=("broadcast", "bericht"),
        help_nl="een bericht aan alle deelnemers sturen",
        help_en="send a message to all participants",
        usage="/omroep <tekst>",
        organiser_only=True,
    )
    registry.callback("omroep", decided)
