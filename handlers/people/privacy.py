"""/mijngegevens exports everything stored about you; /vergeet erases you (after confirming).

Both work over every table that points at participants.id, so features added later are
exported and erased too. Erasing removes the profile, identities, RSVPs and buddy links; rows
that belong to the community (votes, proposals, book verdicts) stay, without a name. Messages
and jobs whose keys name the person are found through what each feature declared
(`registry.personal_keys`), and features clean up their own links (`registry.on_erase`,
`registry.on_erased`), so this module knows no other feature.
"""

from __future__ import annotations

import base64
import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Table, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.i18n import Texts
from bot.core.messages import Attachment, Button, Reply
from bot.core.texts import NO_WORDS, YES_WORDS
from bot.db.models import AuditNote, Base, Identity, OutboxMessage, Participant, ScheduledJob
from bot.kernel.roles import stale_button
from bot.kernel.services import Context, Registry, Services

# Rows about the person themselves: deleted, not kept anonymously. Rows of other tables that
# cannot lose their participant (a NOT NULL column) are deleted too; rows that locate the
# person's chat (chat_id, message_id) always are.
ERASE_TABLES = frozenset(
    {"identities", "dialogues", "link_codes", "rsvps", "outbox_messages", "buddy_offers"}
)
LOCATING_COLUMNS = frozenset({"chat_id", "dm_chat_id", "message_id"})
ERASED = "(gewist)"

TEXTS = Texts(
    {
        "export_file": {"nl": "mijngegevens.json", "en": "mydata.json"},
        "export": {
            "nl": "Alles wat ik over je bewaar, in één JSON-bestand. Wissen kan met /vergeet.",
            "en": "Everything I store about you, in one JSON file. To erase it: /forget.",
        },
        "confirm": {
            "nl": "Weet je het zeker? Ik wis dan je profiel, je accounts, je aanmeldingen en je "
            "maatjeskoppelingen. Je stemmen, voorstellen en boekoordelen blijven alleen "
            "anoniem bewaard. Dit kan niet ongedaan worden gemaakt.",
            "en": "Are you sure? I will erase your profile, your accounts, your RSVPs and your "
            "buddy links. Your votes, proposals and book verdicts stay, but only anonymously. "
            "This cannot be undone.",
        },
        "button_erase": {"nl": "Ja, wis mijn gegevens", "en": "Yes, erase my data"},
        "button_keep": {"nl": "Nee, toch niet", "en": "No, keep them"},
        "erased": {
            "nl": "Je gegevens zijn gewist. Dank je voor je bijdrage aan de CoP. Stuur je me "
            "later weer een bericht, dan begin je als nieuwe deelnemer.",
            "en": "Your data has been erased. Thank you for your part in the CoP. If you "
            "message me later, you start as a new participant.",
        },
        "kept": {"nl": "Goed, ik wis niets.", "en": "Fine, I erase nothing."},
        "in_group": {
            "nl": "Dit gaat over je persoonlijke gegevens; vraag het me in een privégesprek.",
            "en": "This is about your personal data; please ask me in a private chat.",
        },
    }
)


def participant_columns() -> list[tuple[Table, Column[Any]]]:
    """Every column (outside participants) that points at participants.id."""
    found = []
    for table in Base.metadata.sorted_tables:
        if table.name == "participants":
            continue
        for column in table.columns:
            if any(fk.column.table.name == "participants" for fk in column.foreign_keys):
                found.append((table, column))
    return found


def jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


async def export_data(db: AsyncSession, participant_id: int) -> dict[str, Any]:
    """The participant's row, their identities, and every row that refers to them."""
    data: dict[str, Any] = {}
    participants: Table = Participant.__table__  # type: ignore[assignment]
    row = (
        await db.execute(select(participants).where(participants.c.id == participant_id))
    ).first()
    data["participant"] = {k: jsonable(v) for k, v in row._mapping.items()} if row else None
    tables: dict[str, list[dict[str, Any]]] = {}
    by_table: dict[str, tuple[Table, list[Column[Any]]]] = {}
    for table, column in participant_columns():
        by_table.setdefault(table.name, (table, []))[1].append(column)
    for name, (table, columns) in sorted(by_table.items()):
        rows = (
            await db.execute(select(table).where(or_(*(c == participant_id for c in columns))))
        ).all()
        if rows:
            tables[name] = [{k: jsonable(v) for k, v in r._mapping.items()} for r in rows]
    data["identities"] = tables.pop("identities", [])
    data["records"] = tables
    return data


async def erase_participant(services: Services, ctx: Context, participant_id: int) -> None:
    """Erase one participant; the features' hooks tidy up (e.g. their newcomers get a new
    buddy)."""
    db, registry = ctx.db, services.registry
    await db.flush()
    person = await db.get(Participant, participant_id)
    names = [person.display_name] if person and len(person.display_name) >= 3 else []
    # Messages and jobs that mention them (an introduction carries their name and contact).
    patterns = [
        pattern
        for patterns_for in registry.personal_key_patterns.values()
        for pattern in await patterns_for(db, participant_id)
    ]
    for hook in registry.erase_hooks:
        await hook(ctx, participant_id)
    await db.flush()
    if patterns:
        await db.execute(
            delete(OutboxMessage).where(or_(*(OutboxMessage.key.like(p) for p in patterns)))
        )
        await db.execute(
            delete(ScheduledJob).where(
                ScheduledJob.status == "pending",
                or_(*(ScheduledJob.key.like(p) for p in patterns)),
            )
        )
    # Every table that points at participants: delete the person's rows, or anonymise them.
    for table, column in reversed(participant_columns()):
        locating = any(c.name in LOCATING_COLUMNS for c in table.columns)
        if table.name in ERASE_TABLES or locating or not column.nullable:
            await db.execute(table.delete().where(column == participant_id))
        else:
            await db.execute(
                update(table).where(column == participant_id).values({column.name: None})
            )
    # Organisers' audit trail keeps what happened, not who it was.
    await db.execute(
        update(AuditNote).where(AuditNote.actor_id == participant_id).values(actor_id=None)
    )
    for name in names:
        await db.execute(
            update(AuditNote)
            .where(AuditNote.detail.contains(name, autoescape=True))
            .values(detail=func.replace(AuditNote.detail, name, ERASED))
        )
    for obj in list(db.identity_map.values()):
        mine = (isinstance(obj, Participant) and obj.id == participant_id) or (
            isinstance(obj, Identity) and obj.participant_id == participant_id
        )
        if mine and obj in db:
            db.expunge(obj)
    await db.execute(delete(Participant).where(Participant.id == participant_id))
    db.expire_all()
    for hook in registry.erased_hooks:
        await hook(ctx, participant_id)


async def my_data(ctx: Context) -> Reply:
    if ctx.incoming.is_group:
        return Reply(ctx.t(TEXTS, "in_group"))
    data = await export_data(ctx.db, ctx.participant.id)
    data["exported_at"] = ctx.now.isoformat()
    content = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode()
    attachment = Attachment(ctx.t(TEXTS, "export_file"), content, "application/json")
    return Reply(ctx.t(TEXTS, "export"), attachment=attachment)


async def forget(ctx: Context) -> Reply:
    if ctx.incoming.is_group:
        return Reply(ctx.t(TEXTS, "in_group"))
    return Reply(ctx.t(TEXTS, "confirm")).with_buttons(
        (
            Button(ctx.t(TEXTS, "button_erase"), "vergeet:ja"),
            Button(ctx.t(TEXTS, "button_keep"), "vergeet:nee"),
        )
    )


async def confirm(ctx: Context) -> Reply:
    if ctx.args in NO_WORDS:
        return Reply(ctx.t(TEXTS, "kept"), edit=True)
    if ctx.args not in YES_WORDS:
        return stale_button(ctx)
    lang = ctx.lang
    await erase_participant(ctx.services, ctx, ctx.participant.id)
    return Reply(TEXTS(lang, "erased"), edit=True)


def register(registry: Registry) -> None:
    registry.command(
        "mijngegevens",
        my_data,
        name_en="mydata",
        aliases=("mydata", "gegevens", "export"),
        help_nl="alles wat de bot over je bewaart, als JSON-bestand",
        help_en="everything the bot stores about you, as a JSON file",
    )
    registry.command(
        "vergeet",
        forget,
        name_en="forget",
        aliases=("forget", "wis", "erase"),
        help_nl="al je gegevens wissen (met bevestiging)",
        help_en="erase all your data (after confirming)",
    )
    registry.callback("vergeet", confirm)
