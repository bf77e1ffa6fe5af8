"""The one entry point every platform calls: `dispatch(services, incoming)`.

Each update is handled at most once (its id is remembered), then routed: a pressed button to
its callback, a command to its handler (after the role check), plain text to the sender's
dialogue or, in a private chat, to a command typed without the slash or the fallback.
"""

from __future__ import annotations

import logging
import secrets
import unicodedata
from datetime import datetime, timedelta

from rapidfuzz import fuzz, process
from sqlalchemy import bindparam, delete, event, func, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, joinedload

from bot.core.i18n import language_of
from bot.core.messages import Incoming, Reply
from bot.core.texts import TEXTS
from bot.db.models import Identity, InboxUpdate, Participant, ProcessedUpdate
from bot.kernel import inbox
from bot.kernel.registry import HandlerResult
from bot.kernel.services import Command, Context, Services, UserError

log = logging.getLogger(__name__)

# Remembered update ids older than this are pruned; redeliveries come within minutes.
UPDATE_MEMORY = timedelta(days=14)


def parse(text: str, bot_username: str | None) -> tuple[str, str] | None:
    """("les", "corporaties") for "/les@copbot corporaties"; None for plain text.

    Returns ("", "") for a command addressed to another bot in a group.
    """
    stripped = text.strip()
    if not stripped.startswith("/") or stripped == "/":
        return None if stripped != "/" else ("", "")
    head, _, rest = stripped[1:].partition(" ")
    head, newline, tail = head.partition("\n")
    if newline:
        rest = tail + (" " + rest if rest else "")
    name, _, target = head.partition("@")
    if target and bot_username and target.lower() != bot_username.lower():
        return ("", "")
    # Control and invisible characters ("/help\x00", "/les\u200b") are no part of a name.
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] not in "CZ")
    return name.lower(), rest.strip()


# -- the entry point ------------------------------------------------------------------------


async def dispatch(
    services: Services,
    incoming: Incoming,
    *,
    item: InboxUpdate | None = None,
    answered: list[int] | None = None,
) -> list[Reply]:
    """Handle one update; always returns what to answer (possibly nothing).

    With an inbox `item` the update is taken in the handler's transaction (bot.kernel.inbox:
    a stored row is claimed, one not stored yet is stored as handled, with its dedup record),
    and nothing is returned when it was taken or received before. The stored rows in
    `answered` are marked answered with that (the list is emptied once it committed). An item
    not stored yet that cannot be written raises: whoever has it must keep it (the poller does
    not confirm it, and Telegram delivers it again).
    """
    fresh = item is not None and item.id is None
    try:
        if item is None:
            async with services.database() as db:
                if incoming.update_id and not await _first_time(services, db, incoming):
                    log.info("skipping redelivered update %s", incoming.update_id)
                    return []
        async with services.database() as db, db.begin():
            if item is not None and not await inbox.take(db, item, answered or ()):
                replies = []
            else:
                replies = await _handle(services, db, incoming)
        if answered:
            answered.clear()  # committed with the claim
        return replies
    except UserError as problem:
        _rolled_back(item, fresh)
        replies = [Reply(problem.text)]
    except Exception as problem:
        _rolled_back(item, fresh)
        if _cannot_write(problem):  # read-only, disk full, locked: answer what needs no write
            if fresh:
                raise
            return await _answer_read_only(services, incoming)
        ref = secrets.token_hex(3)
        log.exception("error %s while handling %r", ref, incoming)
        lang = language_of(incoming.language, services.settings.language)
        replies = [Reply(TEXTS(lang, "error", ref=ref))]
    if item is not None and not await _claim_after_error(services, item, answered):
        return []
    return replies


def _rolled_back(item: InboxUpdate | None, fresh: bool) -> None:
    """An item stored in a transaction that was rolled back is not stored."""
    if item is not None and fresh:
        item.id = None  # type: ignore[assignment]  # (not stored yet, as before the flush)
        item.status = inbox.RECEIVED


async def _claim_after_error(
    services: Services, item: InboxUpdate, answered: list[int] | None
) -> bool:
    """The handler failed and its transaction was rolled back: take the row for the error
    answer (so a failing update is answered once, not retried for ever)."""
    try:
        return await inbox.claim_apart(services, item, answered)
    except Exception:
        if item.id is None:
            raise  # not stored: whoever has it keeps it
        log.exception("could not claim stored update %s; it is handled again later", item.id)
        return False


async def _first_time(services: Services, db: AsyncSession, incoming: Incoming) -> bool:
    """Remember the update id; False when it was handled before."""
    try:
        async with db.begin():
            db.add(
                ProcessedUpdate(
                    platform=incoming.platform,
                    update_key=str(incoming.update_id)[:128],
                    seen_at=services.clock.now(),
                )
            )
    except IntegrityError:
        return False
    return True


_WRITE_FAILURES = ("readonly", "read-only", "disk", "no space", "could not extend", "locked")


def _cannot_write(problem: Exception) -> bool:
    """The database refuses writes: a read-only file, a full disk, a lock held too long."""
    message = str(problem).lower()
    return isinstance(problem, DBAPIError) and any(word in message for word in _WRITE_FAILURES)


async def _answer_read_only(services: Services, incoming: Incoming) -> list[Reply]:
    """Handle an update while nothing can be written: a handler that only reads (/les)
    answers as usual (the update is not remembered: that record can wait), one that would
    write anything gets "cannot save, try again soon" instead of an error code."""
    lang = language_of(incoming.language, services.settings.language)
    cannot_save = [Reply(TEXTS(lang, "cannot_save"))]
    writes: list[str] = []

    def spot_write(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        if statement.lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE"):
            writes.append(statement)

    try:
        async with services.database() as db:
            options = {"read_only": True}  # SQLite: no write lock (bot.db.engine)
            connection = (await db.connection(execution_options=options)).sync_connection
            assert connection is not None
            event.listen(connection, "before_cursor_execute", spot_write)
            try:
                identity = await db.scalar(
                    select(Identity).where(
                        Identity.platform == incoming.platform,
                        Identity.user_id == incoming.user_id,
                    )
                )
                if identity is None:
                    return cannot_save  # a newcomer: knowing them takes a write
                person = identity.participant
                ctx = Context(
                    services=services,
                    incoming=incoming,
                    db=db,
                    participant=person,
                    identity=identity,
                    lang=language_of(person.language or incoming.language, lang),
                )
                try:
                    result = await _route(ctx)
                except UserError as refusal:
                    result = Reply(refusal.text)
                if writes or db.new or db.dirty or db.deleted:
                    return cannot_save  # it would have changed something: say it did not
            finally:
                event.remove(connection, "before_cursor_execute", spot_write)
                await db.rollback()
    except Exception as problem:
        if not _cannot_write(problem):
            log.exception("error while answering %r without writing", incoming)
        return cannot_save
    if result is None:
        return []
    return [result] if isinstance(result, Reply) else list(result)


async def _handle(services: Services, db: AsyncSession, incoming: Incoming) -> list[Reply]:
    identity = await resolve_identity(services, db, incoming)
    participant = identity.participant
    lang = language_of(participant.language or incoming.language, services.settings.language)
    ctx = Context(
        services=services,
        incoming=incoming,
        db=db,
        participant=participant,
        identity=identity,
        lang=lang,
    )
    try:
        result = await _route(ctx)
    except UserError as problem:
        return [Reply(problem.text)]
    if result is None:
        return []
    return [result] if isinstance(result, Reply) else list(result)


async def _route(ctx: Context) -> HandlerResult:
    registry = ctx.services.registry
    incoming = ctx.incoming
    if incoming.callback is not None:
        prefix, _, payload = incoming.callback.partition(":")
        callback = registry.callbacks.get(prefix)
        if callback is None:
            return Reply(ctx.t(TEXTS, "stale_button"))
        ctx.args = payload
        return await callback(ctx)

    parsed = parse(incoming.text, incoming.bot_username)
    if parsed is None:
        return await _plain_text(ctx)
    name, args = parsed
    if not name:
        return None if incoming.is_group else Reply(ctx.t(TEXTS, "empty_command"))
    command = registry.find(name)
    if command is None:
        return Reply(_unknown(ctx, name))
    return await run(ctx, command, args)


async def run(ctx: Context, command: Command, args: str) -> HandlerResult:
    """Run `command` with `args`: the one place where a command's role is checked."""
    if command.organiser_only and not ctx.is_organiser:
        return Reply(ctx.t(TEXTS, "organisers_only", command=command.name))
    ctx.command = command.name
    ctx.args = args
    return await command.handler(ctx)


async def _plain_text(ctx: Context) -> HandlerResult:
    registry = ctx.services.registry
    state = await ctx.current_dialogue()
    text = ctx.incoming.text.strip()
    if state is not None and state.name in registry.dialogues:
        if text.lower() in {"stop", "annuleer", "cancel"}:
            await ctx.end_dialogue()
            return Reply(ctx.t(TEXTS, "dialogue_cancelled"))
        ctx.dialogue = state
        ctx.args = text
        return await registry.dialogues[state.name](ctx)
    if ctx.incoming.is_group and not ctx.incoming.addressed:
        return None  # group chatter is not for us
    if not text:
        return Reply(ctx.t(TEXTS, "empty_message"))
    # In a private chat (or said to the bot) "les monitoring" means "/les monitoring".
    first, _, rest = text.partition(" ")
    command = registry.find(first.lower())
    if command is not None:
        return await run(ctx, command, rest.strip())
    if registry.fallback is not None:
        ctx.args = text
        return await registry.fallback(ctx)
    return Reply(ctx.t(TEXTS, "not_a_command"))


def _unknown(ctx: Context, name: str) -> str:
    # Canonical names first, then aliases, each in registration order: on a tie the
    # suggestion is the name /help shows, and the same on every run.
    commands = ctx.services.registry.visible_commands(ctx.is_organiser)
    choices = [c.name for c in commands] + [a for c in commands for a in c.aliases]
    match = process.extractOne(name[:40], choices, scorer=fuzz.ratio, score_cutoff=60)
    if match:
        return ctx.t(TEXTS, "unknown_with_suggestion", name=name[:40], suggestion=match[0])
    return ctx.t(TEXTS, "unknown", name=name[:40])


async def resolve_identity(services: Services, db: AsyncSession, incoming: Incoming) -> Identity:
    """Find (or create) the sender's identity and participant, and refresh what we know."""
    now = services.clock.now()
    # The participant comes in the same query (one round trip instead of two per update),
    # and when the person's other identities were last seen (see _seen_recently).
    row = (
        await db.execute(_IDENTITY, {"platform": incoming.platform, "user_id": incoming.user_id})
    ).first()
    identity, others_seen = row if row is not None else (None, None)
    if identity is None:
        participant = Participant(
            display_name=incoming.display_name or incoming.username or incoming.user_id,
            language=language_of(incoming.language, services.settings.language),
            created_at=now,
            is_organiser=(incoming.platform, incoming.user_id) in services.organiser_ids
            and not incoming.anonymous,
        )
        identity = Identity(
            participant=participant, platform=incoming.platform, user_id=incoming.user_id
        )
        db.add(identity)
    person = identity.participant
    if identity.last_seen_at is None and incoming.language and not person.registered:
        # Made before this person ever spoke (an organiser named in the settings): their
        # client's language counts, as it would have for anyone else's first message.
        _change(person, "language", language_of(incoming.language, person.language))
    # Only what changed is set: an unchanged identity costs no UPDATE.
    if incoming.display_name and not person.name_chosen:
        # A name set with /ik naam stays; otherwise the platform profile's name is followed.
        _change(person, "display_name", incoming.display_name)
    if incoming.username:
        _change(identity, "username", incoming.username)
    if not incoming.is_group:
        _change(identity, "dm_chat_id", incoming.chat_id)
    _change(identity, "anonymous", incoming.anonymous)
    if not _seen_recently(identity.last_seen_at, others_seen, now):
        identity.last_seen_at = now
    await db.flush()
    return identity


# Seen again within this time, an identity keeps its last_seen_at (one UPDATE less per update).
LAST_SEEN_PRECISION = timedelta(minutes=5)
_OTHER = aliased(Identity)
_IDENTITY = (
    select(
        Identity,
        select(func.max(_OTHER.last_seen_at))
        .where(_OTHER.participant_id == Identity.participant_id, _OTHER.id != Identity.id)
        .scalar_subquery(),
    )
    .options(joinedload(Identity.participant))
    .where(Identity.platform == bindparam("platform"), Identity.user_id == bindparam("user_id"))
)


def _seen_recently(seen: datetime | None, others_seen: datetime | None, now: datetime) -> bool:
    """last_seen_at only ranks a person's identities (the most recently seen is the way to
    reach them, see scheduler.outbox.recency) and tells who ever wrote: it can stay as it is
    when it is recent and still ahead of every other identity of the person, exactly as
    writing `now` would leave it."""
    if seen is None or not now - LAST_SEEN_PRECISION < seen <= now:
        return False
    return others_seen is None or others_seen < seen


def _change(target: object, name: str, value: object) -> None:
    if getattr(target, name) != value:
        setattr(target, name, value)


async def prune_processed_updates(services: Services) -> int:
    """Forget update ids older than UPDATE_MEMORY; returns how many were removed."""
    cutoff = services.clock.now() - UPDATE_MEMORY
    async with services.database() as db, db.begin():
        result = await db.execute(delete(ProcessedUpdate).where(ProcessedUpdate.seen_at < cutoff))
    await inbox.prune_inbox(services, cutoff)  # handled stored updates, as old
    return int(getattr(result, "rowcount", 0) or 0)
