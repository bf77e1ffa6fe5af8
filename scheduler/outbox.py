"""The outbox: every message the bot sends on its own initiative is first a row here.

One row per recipient (a participant, a chat, a group chat the delivery opens, or a message to
edit), with a unique idempotency key, written in the caller's transaction
(so a reminder job's "done" and its messages commit together). `scheduler.delivery` sends
the rows; see its docstring for retries, rate limits and the policy for uncertain sends.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.messages import Attachment, Button, Reply
from bot.db.models import Identity, OutboxMessage, Participant
from bot.db.models.scheduling import OUT_CANCELLED, OUT_PENDING, OUT_UNCERTAIN
from bot.kernel.services import Signal
from scheduler.claims import insert_ignoring_duplicates, session_now

log = logging.getLogger(__name__)

ACTIVE = "active"
# next_attempt_at of a message that may go out at once: always due, whatever the clock says,
# and ordered by id among its peers (a handler's transaction does not know the clock).
ASAP = datetime(1970, 1, 1, tzinfo=UTC)


def reply_to_json(reply: Reply) -> dict[str, Any]:
    data: dict[str, Any] = {"text": reply.text}
    if reply.buttons:
        data["buttons"] = [
            [{"label": b.label, "data": b.data, "url": b.url} for b in row]
            for row in reply.buttons
        ]
    if reply.attachment is not None:
        data["attachment"] = {
            "filename": reply.attachment.filename,
            "mime": reply.attachment.mime,
            "content": base64.b64encode(reply.attachment.content).decode("ascii"),
        }
    if reply.context:
        data["context"] = reply.context
    if not reply.private:
        data["private"] = False
    if reply.html:
        data["html"] = True
    return data


def reply_from_json(data: dict[str, Any]) -> Reply:
    attachment = None
    if data.get("attachment"):
        raw = data["attachment"]
        attachment = Attachment(
            filename=raw["filename"],
            content=base64.b64decode(raw["content"]),
            mime=raw.get("mime", "application/octet-stream"),
        )
    buttons = tuple(
        tuple(Button(b["label"], b.get("data", ""), b.get("url")) for b in row)
        for row in data.get("buttons", [])
    )
    return Reply(
        text=data.get("text", ""),
        buttons=buttons,
        attachment=attachment,
        context=data.get("context"),
        private=data.get("private", True),
        html=data.get("html", False),
    )


def _row(
    *,
    key: str,
    participant_id: int | None,
    platform: str | None,
    chat_id: str | None,
    reply: Reply,
    not_before: datetime | None,
    force: bool,
    now: datetime,
    edit_of: str | None = None,
    group_users: list[str] | None = None,
) -> dict[str, Any]:
    if len(key) > 255:
        raise ValueError(f"outbox key longer than 255 characters: {key[:60]}...")
    return {
        "key": key,
        "participant_id": participant_id,
        "platform": platform,
        "chat_id": chat_id,
        "reply": reply_to_json(reply),
        "edit_of": edit_of,
        "group_users": group_users,
        "status": OUT_PENDING,
        "force": force,
        "attempts": 0,
        "failures": 0,
        "next_attempt_at": not_before or ASAP,
        "created_at": now,
    }


def recency(last_seen_at: datetime | None, identity_id: int) -> tuple[float, int]:
    """How an identity ranks as the way to reach its person: the most recently seen first,
    and of two seen at the same time (or never) the older one."""
    return (last_seen_at.timestamp() if last_seen_at else float("-inf"), -identity_id)


async def _preferred_platforms(db: AsyncSession, participant_ids: list[int]) -> dict[int, str]:
    """The platform of each participant's most recently seen identity."""
    rows = await db.execute(
        select(Identity.participant_id, Identity.platform, Identity.last_seen_at, Identity.id)
        .where(Identity.participant_id.in_(participant_ids))
        .order_by(Identity.participant_id)
    )
    best: dict[int, tuple[tuple[float, int], str]] = {}
    for pid, platform, seen, identity_id in rows.all():
        rank = recency(seen, identity_id)
        if pid not in best or rank > best[pid][0]:
            best[pid] = (rank, platform)
    return {pid: platform for pid, (_, platform) in best.items()}


def _notify_on_commit(db: AsyncSession) -> None:
    """After this transaction commits, emit the services' `outbox_committed` signal (the
    database sessions carry it in their info, see bot.wiring): the sender wakes up."""
    signal: Signal | None = db.info.get("outbox_committed")
    if not signal or db.info.get("outbox_notify"):
        return
    db.info["outbox_notify"] = True

    def after_commit(_session: Any) -> None:
        db.info.pop("outbox_notify", None)
        signal.emit()

    event.listen(db.sync_session, "after_commit", after_commit, once=True)


async def _insert(db: AsyncSession, rows: list[dict[str, Any]]) -> int:
    """Write new rows (an existing key is left alone); the service wakes up after the commit."""
    new = await insert_ignoring_duplicates(db, OutboxMessage.__table__, rows)  # type: ignore[arg-type]
    if new:
        _notify_on_commit(db)
    return new


async def enqueue(
    db: AsyncSession,
    *,
    key: str,
    participant_id: int,
    reply: Reply,
    not_before: datetime | None = None,
    force: bool = False,
) -> bool:
    """Queue `reply` for one participant's private chat; False when `key` existed already.

    Leavers (status != "active") get nothing unless `force=True`.
    """
    participant = await db.get(Participant, participant_id)
    if participant is None:
        raise ValueError(f"no participant {participant_id}")
    if participant.status != ACTIVE and not force:
        return False
    platforms = await _preferred_platforms(db, [participant_id])
    row = _row(
        key=key,
        participant_id=participant_id,
        platform=platforms.get(participant_id),
        chat_id=None,
        reply=reply,
        not_before=not_before,
        force=force,
        now=session_now(db),
    )
    return await _insert(db, [row]) > 0


async def enqueue_many(
    db: AsyncSession,
    *,
    key_prefix: str,
    participant_ids: Iterable[int],
    reply_for: Callable[[Participant], Reply],
    not_before: datetime | None = None,
    force: bool = False,
) -> int:
    """Queue one message per participant (key = f"{key_prefix}:participant:{id}").

    `reply_for` lets each text follow the person's language. Returns how many rows are new;
    all of them are written with a few statements in the caller's transaction.
    """
    ids = sorted(set(participant_ids))
    if not ids:
        return 0
    people = (await db.scalars(select(Participant).where(Participant.id.in_(ids)))).all()
    wanted = [p for p in people if force or p.status == ACTIVE]
    platforms = await _preferred_platforms(db, [p.id for p in wanted])
    now = session_now(db)
    rows = [
        _row(
            key=f"{key_prefix}:participant:{p.id}",
            participant_id=p.id,
            platform=platforms.get(p.id),
            chat_id=None,
            reply=reply_for(p),
            not_before=not_before,
            force=force,
            now=now,
        )
        for p in wanted
    ]
    return await _insert(db, rows)


async def enqueue_to_chat(
    db: AsyncSession,
    *,
    key: str,
    platform: str,
    chat_id: str,
    reply: Reply,
    not_before: datetime | None = None,
) -> bool:
    """Queue `reply` for a channel or group (an announcement) rather than a person."""
    row = _row(
        key=key,
        participant_id=None,
        platform=platform,
        chat_id=chat_id,
        reply=reply,
        not_before=not_before,
        force=True,
        now=session_now(db),
    )
    return await _insert(db, [row]) > 0


async def enqueue_to_group(
    db: AsyncSession,
    *,
    key: str,
    platform: str,
    user_ids: list[str],
    reply: Reply,
    not_before: datetime | None = None,
) -> bool:
    """Queue `reply` for the group chat of these platform users and the bot; the delivery
    opens that chat (the messenger must be able to: `can_open_group_chat`)."""
    if not user_ids:
        raise ValueError("a group chat needs users")
    row = _row(
        key=key,
        participant_id=None,
        platform=platform,
        chat_id=None,
        reply=reply,
        not_before=not_before,
        force=True,
        now=session_now(db),
        group_users=list(user_ids),
    )
    return await _insert(db, [row]) > 0


async def enqueue_edit(
    db: AsyncSession,
    *,
    key: str,
    platform: str,
    chat_id: str,
    message_id: str,
    reply: Reply,
    participant_id: int | None = None,
) -> bool:
    """Queue the replacement of message `message_id` in `chat_id` by `reply` (the messenger
    must be able to: `can_edit`). An edit of that message still pending is withdrawn: the
    newest content wins. `participant_id` (whose message it is) lets erasure remove the row.
    """
    await db.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.status == OUT_PENDING,
            OutboxMessage.platform == platform,
            OutboxMessage.chat_id == chat_id,
            OutboxMessage.edit_of == message_id,
            OutboxMessage.key != key,
        )
        .values(status=OUT_CANCELLED, claimed_by=None, claimed_until=None)
        .execution_options(synchronize_session=False)
    )
    row = _row(
        key=key,
        participant_id=participant_id,
        platform=platform,
        chat_id=chat_id,
        reply=reply,
        not_before=None,
        force=True,
        now=session_now(db),
        edit_of=message_id,
    )
    return await _insert(db, [row]) > 0


async def cancel_pending(
    db: AsyncSession, *, key: str | None = None, key_prefix: str | None = None
) -> int:
    """Withdraw messages that have not gone out yet (e.g. reminders of a cancelled session)."""
    if key is None and key_prefix is None:
        raise ValueError("cancel_pending needs a key or a key_prefix")
    stmt = update(OutboxMessage).where(OutboxMessage.status == OUT_PENDING)
    if key is not None:
        stmt = stmt.where(OutboxMessage.key == key)
    if key_prefix is not None:
        stmt = stmt.where(OutboxMessage.key.startswith(key_prefix, autoescape=True))
    result = await db.execute(
        stmt.values(status=OUT_CANCELLED, claimed_by=None, claimed_until=None).execution_options(
            synchronize_session=False
        )
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def requeue_rows(db: AsyncSession, row_ids: list[int], *, now: datetime) -> int:
    """Send these messages once more if they are still uncertain (they may arrive twice);
    returns how many were queued again (0 the second time)."""
    count = await _requeue(db, OutboxMessage.id.in_(row_ids), now)
    if count:
        log.warning("requeued %d uncertain message(s) by an organiser", count)
    return count


async def requeue_uncertain(db: AsyncSession, *, key_prefix: str, now: datetime) -> int:
    """An operator's decision to send uncertain messages once more (they may arrive twice)."""
    count = await _requeue(db, OutboxMessage.key.startswith(key_prefix, autoescape=True), now)
    if count:
        log.warning("requeued %d uncertain message(s) under %s", count, key_prefix)
    return count


async def _requeue(db: AsyncSession, which: Any, now: datetime) -> int:
    """Uncertain rows matching `which` become pending again, due at once."""
    result = await db.execute(
        update(OutboxMessage)
        .where(which, OutboxMessage.status == OUT_UNCERTAIN)
        .values(status=OUT_PENDING, next_attempt_at=now, claimed_by=None, claimed_until=None)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
