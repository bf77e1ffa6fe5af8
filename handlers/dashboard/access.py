"""Who may see the overview: one-time links from the chat, browser sessions, CSRF tokens.

A link is good for LINK_VALID and for one use; redeeming it starts a browser session of
SESSION_VALID. Organiser rights are checked at every request (taking the role away ends
access at once). Only SHA-256 hashes of links and session tokens are stored.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import DashboardLink, DashboardSession, Participant

LINK_VALID = timedelta(minutes=15)
SESSION_VALID = timedelta(hours=8)
COOKIE = "copbot_dashboard"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def new_link(db: AsyncSession, participant_id: int, now: datetime) -> str:
    """A fresh one-time token for `participant_id` (expired links are cleared on the way)."""
    await db.execute(delete(DashboardLink).where(DashboardLink.expires_at < now - LINK_VALID))
    token = secrets.token_urlsafe(32)
    db.add(
        DashboardLink(
            token_hash=_hash(token),
            participant_id=participant_id,
            created_at=now,
            expires_at=now + LINK_VALID,
        )
    )
    return token


async def check_link(db: AsyncSession, token: str, now: datetime) -> str | None:
    """None when the link can be used now; otherwise why not: "used", "expired", "unknown"
    (also for a link of someone who is no organiser any more)."""
    link = await db.scalar(select(DashboardLink).where(DashboardLink.token_hash == _hash(token)))
    if link is None:
        return "unknown"
    if link.used_at is not None:
        return "used"
    if link.expires_at <= now:
        return "expired"
    if await _organiser(db, link.participant_id) is None:
        return "unknown"
    return None


async def link_language(db: AsyncSession, token: str) -> str | None:
    """The language of whom a link was made for (its pages speak it), or None."""
    return await db.scalar(
        select(Participant.language)
        .join(DashboardLink, DashboardLink.participant_id == Participant.id)
        .where(DashboardLink.token_hash == _hash(token))
    )


@dataclass(frozen=True)
class Visitor:
    """A signed-in organiser's browser."""

    participant: Participant
    csrf: str


async def redeem_link(db: AsyncSession, token: str, now: datetime) -> tuple[str, Visitor] | str:
    """Use the link (once: the first of two simultaneous uses wins) and start a session:
    (session token, visitor), or why not (as check_link)."""
    problem = await check_link(db, token, now)
    if problem is not None:
        return problem
    used = await db.execute(
        update(DashboardLink)
        .where(DashboardLink.token_hash == _hash(token), DashboardLink.used_at.is_(None))
        .values(used_at=now)
        .returning(DashboardLink.participant_id)
    )
    participant_id = used.scalar()
    if participant_id is None:
        return "used"
    await db.execute(delete(DashboardSession).where(DashboardSession.expires_at < now))
    session_token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    db.add(
        DashboardSession(
            token_hash=_hash(session_token),
            participant_id=participant_id,
            csrf=csrf,
            created_at=now,
            expires_at=now + SESSION_VALID,
        )
    )
    participant = await db.get(Participant, participant_id)
    assert participant is not None  # checked by check_link, in this transaction
    return session_token, Visitor(participant, csrf)


async def visitor(db: AsyncSession, session_token: str | None, now: datetime) -> Visitor | None:
    """The organiser behind a session cookie, or None (no, unknown or expired session, or
    someone who is no organiser any more: then the session ends here)."""
    if not session_token:
        return None
    session = await db.scalar(
        select(DashboardSession).where(DashboardSession.token_hash == _hash(session_token))
    )
    if session is None or session.expires_at <= now:
        return None
    participant = await _organiser(db, session.participant_id)
    if participant is None:
        await db.delete(session)
        return None
    return Visitor(participant, session.csrf)


async def end_session(db: AsyncSession, session_token: str) -> None:
    await db.execute(
        delete(DashboardSession).where(DashboardSession.token_hash == _hash(session_token))
    )


def csrf_ok(visitor: Visitor, sent: str | None) -> bool:
    return bool(sent) and hmac.compare_digest(visitor.csrf.encode(), (sent or "").encode())


async def _organiser(db: AsyncSession, participant_id: int) -> Participant | None:
    """The participant while they are an organiser (and have not left), else None: the one
    rule for links and sessions alike."""
    participant = await db.get(Participant, participant_id)
    if participant is None or not participant.is_organiser or participant.status == "left":
        return None
    return participant


def cookie(session_token: str, *, secure: bool) -> str:
    """The Set-Cookie value of a new session (HttpOnly, SameSite=Strict, 8 hours)."""
    parts = [
        f"{COOKIE}={session_token}",
        "Path=/dashboard",
        f"Max-Age={int(SESSION_VALID.total_seconds())}",
        "HttpOnly",
        "SameSite=Strict",
    ]
    if secure:
        parts.append("Secure")
    return "; ".join(parts)


def cookie_gone(*, secure: bool) -> str:
    parts = [f"{COOKIE}=", "Path=/dashboard", "Max-Age=0", "HttpOnly", "SameSite=Strict"]
    if secure:
        parts.append("Secure")
    return "; ".join(parts)
