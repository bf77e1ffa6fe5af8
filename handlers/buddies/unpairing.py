"""Organisers undo a pairing: /maatje ontkoppel @naam asks first, the button ends the pair.

The buddy gets room again; the newcomer, when still new, gets another buddy by the usual rules
(never the same one again), or waits.
"""

from __future__ import annotations

from bot.core.lists import join_names
from bot.core.messages import Button, Reply
from bot.db.models import Participant
from bot.db.models.buddies import Pairing
from bot.kernel.lookup import find_participant
from bot.kernel.roles import require_organiser, stale_button
from bot.kernel.services import Context, Registry
from handlers.buddies import keys
from handlers.buddies.organising_texts import ORGANISING_TEXTS
from handlers.buddies.pairs import (
    end_pairing,
    newcomers_of,
    pair_waiting,
    pairing_of_newcomer,
    tell,
)
from handlers.buddies.texts import TEXTS
from handlers.buddies.views import display

CALLBACK = "ontkoppel"
# Pairing.end_reason of a pair an organiser undid.
END_UNDONE = "undone"


async def ask_unpair(ctx: Context, rest: str) -> Reply:
    """/maatje ontkoppel @naam: which pair would end, with a yes and a no button."""
    require_organiser(ctx, hint=ctx.t(TEXTS, "organisers_only_hint"))
    person = await find_participant(ctx.db, rest, ctx.incoming.platform) if rest else None
    if person is None:
        if not rest:
            return Reply(ctx.t(ORGANISING_TEXTS, "unpair_usage"))
        return Reply(ctx.t(TEXTS, "not_found", who=rest[:60]))
    row = await pairing_of_newcomer(ctx.db, person.id)
    if row is None:
        theirs = await newcomers_of(ctx.db, person.id)
        if theirs:
            names = [
                display(await ctx.db.get(Participant, r.newcomer_id or 0), ctx.lang)
                for r in theirs
            ]
            return Reply(
                ctx.t(
                    ORGANISING_TEXTS,
                    "unpair_is_buddy",
                    name=person.display_name,
                    newcomers=join_names(names, ctx.lang),
                )
            )
        return Reply(ctx.t(ORGANISING_TEXTS, "unpair_none", name=person.display_name))
    buddy = await ctx.db.get(Participant, row.buddy_id or 0)
    question = ctx.t(
        ORGANISING_TEXTS,
        "unpair_question",
        newcomer=person.display_name,
        buddy=display(buddy, ctx.lang),
    )
    return Reply(question).with_buttons(
        (
            Button(ctx.t(ORGANISING_TEXTS, "unpair_yes"), f"{CALLBACK}:ja:{row.id}"),
            Button(ctx.t(ORGANISING_TEXTS, "unpair_no"), f"{CALLBACK}:nee"),
        )
    )


async def answer_unpair(ctx: Context) -> Reply:
    """The buttons of /maatje ontkoppel: "ontkoppel:ja:<pair>" and "ontkoppel:nee"."""
    require_organiser(ctx)
    choice, _, pair = ctx.args.partition(":")
    if choice == "nee":
        return Reply(ctx.t(ORGANISING_TEXTS, "unpair_cancelled"), edit=True)
    if choice != "ja" or not pair.isdigit():
        return stale_button(ctx)
    row = await ctx.db.get(Pairing, int(pair))
    if row is None or row.ended_at is not None:
        return Reply(ctx.t(ORGANISING_TEXTS, "unpair_gone"))
    newcomer = await ctx.db.get(Participant, row.newcomer_id or 0)
    buddy = await ctx.db.get(Participant, row.buddy_id or 0)
    await end_pairing(ctx.db, row, END_UNDONE, ctx.now)
    for person, other in ((newcomer, buddy), (buddy, newcomer)):
        if person is not None:
            await tell(
                ctx.db,
                keys.undone_prefix(row.id),
                person,
                ORGANISING_TEXTS,
                "unpair_told",
                other=display(other, person.language),
            )
    await ctx.db.flush()
    results = await pair_waiting(ctx.services, ctx.db, ctx.now)
    lines = [
        ctx.t(
            ORGANISING_TEXTS,
            "unpair_done",
            newcomer=display(newcomer, ctx.lang),
            buddy=display(buddy, ctx.lang),
        )
    ]
    if newcomer is not None:
        new_buddy = next((b for n, b in results if n.id == newcomer.id), None)
        if new_buddy is not None:
            key, values = "unpair_new_buddy", {"buddy": new_buddy.display_name}
        elif newcomer.is_newcomer:
            key, values = "unpair_waits", {}
        else:
            key, values = "unpair_not_new", {}
        lines.append(ctx.t(ORGANISING_TEXTS, key, name=newcomer.display_name, **values))
    return Reply("\n".join(lines), edit=True)


def register(registry: Registry) -> None:
    registry.callback(CALLBACK, answer_unpair)
