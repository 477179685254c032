"""What keeps an account safe: its sessions, second factor, one-time links and sign-in attempts.

- ``UserSession``: one row per signed-in browser. The session cookie carries only a random token
  whose SHA-256 is stored here, so ending a row (sign-out, password change, deactivation, "sign out
  everywhere") ends that browser's session on its next request, wherever the cookie was copied to.
- ``RecoveryCode``: one-time codes for when the authenticator app is lost, stored hashed.
- ``AccountLink``: a single-use, expiring link (an invitation to choose a first password, or a
  password reset), stored as the SHA-256 of its token.
- ``SignInAttempt``: every attempt to sign in, successful or not: when, from which address, for
  which email, and what happened. It is both the record admins read and what throttling counts.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.models.base import Base, one_of, utcnow
from registry.models.users import User

LINK_PURPOSES = ("invitation", "password_reset")
SIGN_IN_OUTCOMES = (
    "signed_in",  # password (and second factor, where needed) accepted
    "wrong_password",  # a known or unknown email with a wrong password
    "wrong_code",  # password right, second-factor code wrong
    "throttled",  # refused before checking, too many recent failures
    "deactivated",  # right password for a deactivated account
)


class UserSession(Base):
    __tablename__ = "user_sessions"
    __table_args__ = (Index("ix_user_sessions_user_id_ended_at", "user_id", "ended_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]
    ended_reason: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str] = mapped_column(String(45), default="")
    user_agent: Mapped[str] = mapped_column(String(200), default="")

    user: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<UserSession {self.id} of user {self.user_id}>"


class RecoveryCode(Base):
    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    used_at: Mapped[datetime | None]


class AccountLink(Base):
    __tablename__ = "account_links"
    __table_args__ = (one_of("purpose", LINK_PURPOSES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])


class SignInAttempt(Base):
    __tablename__ = "sign_in_attempts"
    __table_args__ = (
        one_of("outcome", SIGN_IN_OUTCOMES),
        # Throttling counts recent failures per account and per address; admins read newest first.
        Index("ix_sign_in_attempts_user_id_occurred_at", "user_id", "occurred_at"),
        Index("ix_sign_in_attempts_address_occurred_at", "address", "occurred_at"),
        Index("ix_sign_in_attempts_occurred_at", "occurred_at"),
        Index("ix_sign_in_attempts_email_occurred_at", "email", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    email: Mapped[str] = mapped_column(String(254))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    address: Mapped[str] = mapped_column(String(45))
    outcome: Mapped[str] = mapped_column(String(20))

    user: Mapped[User | None] = relationship()
