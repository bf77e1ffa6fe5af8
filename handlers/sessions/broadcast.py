"""/omroep: an organiser's message to all active participants, or to those of one meeting
(coming, not answered, staying the night), after a confirmation step that counts them."""

from __future__ import annotations

import re

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.i18n import Texts
from bot.core.messages import Button, Reply
from bot.db.models import AuditNote, Participant, Session
from bot.kernel.roles import require_organiser
from bot.kernel.services import Context, Registry
from handlers.sessions.keys import broadcast_key
from handlers.sessions.texts import TEXTS
from handlers.sessions.views import NO, YES, active_participants, rsvps_of
from scheduler.outbox import enqueue_many

# The draft is kept as an audit note, so the button only needs its number; a targeted draft
# carries its audience in the action ("omroep-concept:komt:3").
DRAFT = "omroep-concept"
SENT = "omroep"
DROPPED = "omroep-geannuleerd"
MAX_BROADCAST = 3500  # fits one Telegram message with the signature
COMING, SILENT, OVERNIGHT = "komt", "geen-antwoord", "overnachting"
AUDIENCES = {
    "komt": COMING, "komen": COMING, "coming": COMING,
    "geen-antwoord": SILENT, "geen antwoord": SILENT, "no-answer": SILENT, "no answer": SILENT,
    "overnachting": OVERNIGHT, "overnight": OVERNIGHT, "hotel": OVERNIGHT,
}  # fmt: skip
_WORDS = "|".join(sorted((re.escape(w) for w in AUDIENCES), key=len, reverse=True))
# "3 komt: ...", "#3 geen-antwoord: ...", "overnachting 3: ..." (the meeting before or after)
_TARGETED = re.compile(
    rf"^\s*(?:#?(?P<n1>\d+)\s+(?P<w1>{_WORDS})|(?P<w2>{_WORDS})\s+#?(?P<n2>\d+))\s*:\s*(?P<text>.*)$",
    re.IGNORECASE | re.DOTALL,
)

AUDIENCE_TEXTS = Texts(
    {
        "audience_komt": {
            "nl": "wie komt naar bijeenkomst {id}",
            "en": "those coming to meeting {id}",
        },
        "audience_geen-antwoord": {
            "nl": "wie nog niet antwoordde over bijeenkomst {id}",
            "en": "those who have not answered about meeting {id}",
        },
        "audience_overnachting": {
            "nl": "wie blijft slapen bij bijeenkomst {id}",
            "en": "those staying the night at meeting {id}",
        },
        "broadcast_confirm_to": {
            "nl": "Dit bericht gaat naar {count} deelnemers, {audience}:\n\n{text}\n\nVersturen?",
            "en": "This message goes to {count} participants, {audience}:\n\n{text}\n\nSend it?",
        },
        "broadcast_confirm_to_one": {
            "nl": "Dit bericht gaat naar {count} deelnemer, {audience}:\n\n{text}\n\nVersturen?",
            "en": "This message goes to {count} participant, {audience}:\n\n{text}\n\nSend it?",
        },
        "broadcast_no_meeting": {
            "nl": "Bijeenkomst {id} ken ik niet, dus ook niet wie erbij hoort. Typ /sessies.",
            "en": "I don't know meeting {id}, so neither who belongs to it. Type /sessions.",
        },
    }
)


def audience_of(draft: AuditNote) -> tuple[str, int] | None:
    """(audience, meeting id) of a targeted draft; None for a message to everyone."""
    _, audience, number = [*draft.action.split(":"), "", ""][:3]
    return (audience, int(number)) if audience and number.isdigit() else None


async def recipients(db: AsyncSession, audience: tuple[str, int] | None) -> list[int]:
    """Who gets it: every active participant, or those of the meeting the audience names."""
    people = [p.id for p in await active_participants(db)]
    if audience is None:
        return people
    kind, meeting_id = audience
    answers = await rsvps_of(db, meeting_id)
    if kind == SILENT:
        return [pid for pid in people if pid not in answers]
    if kind == OVERNIGHT:
        return [
            pid for pid in people if pid in answers and answers[pid].answer != NO
            and answers[pid].overnight is True
        ]  # fmt: skip
    return [pid for pid in people if pid in answers and answers[pid].answer == YES]


async def broadcast(ctx: Context) -> Reply:
    text = ctx.args.strip()
    if not text:
        return Reply(ctx.t(TEXTS, "broadcast_usage"))
    audience: tuple[str, int] | None = None
    targeted = _TARGETED.match(text)
    if targeted:
        word = (targeted["w1"] or targeted["w2"]).lower()
        meeting_id = int(targeted["n1"] or targeted["n2"])
        if await ctx.db.get(Session, meeting_id) is None:
            raise ctx.fail(AUDIENCE_TEXTS, "broadcast_no_meeting", id=meeting_id)
        audience = (AUDIENCES[word], meeting_id)
        text = targeted["text"].strip()
        if not text:
            return Reply(ctx.t(TEXTS, "broadcast_usage"))
    if len(text) > MAX_BROADCAST:
        raise ctx.fail(TEXTS, "broadcast_too_long", max=MAX_BROADCAST)
    action = DRAFT if audience is None else f"{DRAFT}:{audience[0]}:{audience[1]}"
    draft = AuditNote(at=ctx.now, actor_id=ctx.participant.id, action=action, detail=text)
    ctx.db.add(draft)
    await ctx.db.flush()
    count = len(await recipients(ctx.db, audience))
    if audience is None:
        confirm = ctx.t(TEXTS, "broadcast_confirm", count=count, text=text)
    else:
        kind, meeting_id = audience
        who = ctx.t(AUDIENCE_TEXTS, f"audience_{kind}", id=meeting_id)
        confirm = ctx.t(
            AUDIENCE_TEXTS, "broadcast_confirm_to", count=count, audience=who, text=text
        )
    return Reply(confirm).with_buttons(
        (
            Button(ctx.t(TEXTS, "button_send"), f"omroep:verstuur:{draft.id}"),
            Button(ctx.t(TEXTS, "button_cancel"), f"omroep:annuleer:{draft.id}"),
        )
    )


async def decided(ctx: Context) -> Reply:
    require_organiser(ctx, hint=ctx.t(TEXTS, "organisers_hint"))
    action, _, number = ctx.args.partition(":")
    draft = await ctx.db.get(AuditNote, int(number)) if number.isdigit() else None
    if draft is None or draft.action.split(":")[0] != DRAFT:
        return Reply(ctx.t(TEXTS, "broadcast_gone"), edit=True)
    audience = audience_of(draft)
    suffix = draft.action.removeprefix(DRAFT)
    if action != "verstuur":
        draft.action = DROPPED + suffix
        return Reply(ctx.t(TEXTS, "broadcast_cancelled"), edit=True)
    author = await ctx.db.get(Participant, draft.actor_id) if draft.actor_id else None
    name = author.display_name if author else ctx.participant.display_name
    text = draft.detail

    def reply_for(person: Participant) -> Reply:
        return Reply(TEXTS(person.language, "broadcast_message", text=text, name=name))

    queued = await enqueue_many(
        ctx.db,
        key_prefix=broadcast_key(draft.id),
        participant_ids=await recipients(ctx.db, audience),
        reply_for=reply_for,
    )
    draft.action = SENT + suffix
    draft.at = ctx.now
    return Reply(ctx.t(TEXTS, "broadcast_sent", count=queued), edit=True)


def register(registry: Registry) -> None:
    registry.command(
        "omroep",
        broadcast,
        name_en="broadcast",
        aliases=("broadcast", "bericht"),
        help_nl="een bericht aan alle deelnemers sturen (of aan wie komt, wie nog niet "
        "antwoordde, wie blijft slapen)",
        help_en="send a message to all participants (or to those coming, not answered, "
        "staying the night)",
        usage="/omroep <tekst> | /omroep <bijeenkomst> komt|geen-antwoord: <tekst> | "
        "/omroep overnachting <bijeenkomst>: <tekst>",
        organiser_only=True,
    )
    registry.callback("omroep", decided)
