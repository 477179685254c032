"""Sessions that end. A signed-in browser holds a random token in its (signed) session cookie; the
server keeps its SHA-256 in ``UserSession``. Every request looks the row up, so a session ends for
every copy of the cookie at once when its row is ended: at sign-out (that session), and at a
password change, deactivation or "sign out everywhere" (all of the person's sessions).

A session also ends when it has been idle for longer than the person's idle limit (shorter for
staff, who hold a second factor) or is older than the absolute limit, whatever the activity.
``last_seen_at`` is written at most once a minute per session, so reading pages costs no write.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update

from registry.domain.tokens import new_token, token_hash
from registry.extensions import db
from registry.models import User, UserSession
from registry.models.base import utcnow

TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class Limits:
    idle: timedelta
    absolute: timedelta


def start_session(user: User, address: str, user_agent: str) -> str:
    """A new session for ``user``; returns the token for the cookie (only its hash is stored)."""
    token = new_token()
    db.session.add(
        UserSession(token_hash=token_hash(token), user_id=user.id, address=address[:45], user_agent=user_agent[:200])
    )
    db.session.flush()
    return token


def _expired(row: UserSession, limits: Limits, now: datetime) -> str | None:
    if now - row.created_at > limits.absolute:
        return "expired"
    if now - row.last_seen_at > limits.idle:
        return "idle"
    return None


def live_session(token: str, user_id: int, limits: Limits, now: datetime | None = None) -> UserSession | None:
    """The live session of ``user_id`` for ``token``, touched; ``None`` when it has ended (and it is
    ended now if it just ran out)."""
    now = now or utcnow()
    row = db.session.scalars(select(UserSession).where(UserSession.token_hash == token_hash(token))).first()
    if row is None or row.user_id != user_id or row.ended_at is not None:
        return None
    reason = _expired(row, limits, now)
    if reason is not None:
        row.ended_at, row.ended_reason = now, reason
        db.session.flush()
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
        db.session.flush()
    return row


def end_session(token: str, reason: str = "signed_out") -> None:
    db.session.execute(
        update(UserSession)
        .where(UserSession.token_hash == token_hash(token), UserSession.ended_at.is_(None))
        .values(ended_at=utcnow(), ended_reason=reason)
    )


def end_all_sessions(user: User, reason: str, keep_token: str | None = None) -> int:
    """End every live session of ``user`` (except the one holding ``keep_token``); how many ended."""
    statement = update(UserSession).where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
    if keep_token is not None:
        statement = statement.where(UserSession.token_hash != token_hash(keep_token))
    result = db.session.execute(statement.values(ended_at=utcnow(), ended_reason=reason))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]  # an UPDATE gives a CursorResult; typed as Result


def live_sessions_of(user: User, limit: int = 20) -> list[UserSession]:
    return list(
        db.session.scalars(
            select(UserSession)
            .where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
            .order_by(UserSession.last_seen_at.desc())
            .limit(limit)
        )
    )
