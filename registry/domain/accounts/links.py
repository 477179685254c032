"""Single-use, expiring links that let a person choose a password: an invitation (a new account,
``INVITATION_DAYS``) or a password reset (``PASSWORD_RESET_MINUTES``).

The link carries a random token (``tokens.new_token``, 256 bits); only its SHA-256 is
stored, so reading the table does not give anyone a working link. A link works once and until it
expires; issuing a new link of a purpose to a person voids their older unused ones of it (they
expire at once), and a deactivated person's links do not work.

A person made by invitation has an unusable password hash (``!`` and random text, never a valid
argon2 hash, so it matches no password) until they choose one through their link.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update

from registry.domain import audit, notifications
from registry.domain.accounts import passwords
from registry.domain.errors import Refused
from registry.domain.tokens import new_token, token_hash
from registry.extensions import db
from registry.models import AccountLink, User
from registry.models.accounts import LINK_PURPOSES
from registry.models.base import utcnow

UNUSABLE_PREFIX = "!"
ADDRESSES = {"invitation": "/account/invitation/", "password_reset": "/account/reset-password/"}


def unusable_password_hash() -> str:
    return UNUSABLE_PREFIX + secrets.token_urlsafe(32)


def has_chosen_password(user: User) -> bool:
    """False for a person who has not yet used their invitation to choose a password."""
    return not user.password_hash.startswith(UNUSABLE_PREFIX)


def lifetime(purpose: str) -> timedelta:
    if purpose == "invitation":
        return timedelta(days=int(current_app.config["INVITATION_DAYS"]))
    return timedelta(minutes=int(current_app.config["PASSWORD_RESET_MINUTES"]))


def path_for(token: str, purpose: str) -> str:
    """The link's path on the register (PUBLIC_BASE_URL goes in front of it in an email)."""
    return ADDRESSES[purpose] + token


def issue_link(user: User, purpose: str, actor: User | None) -> str:
    """A new link for ``user``; returns its token (shown or sent once, never stored)."""
    return new_link(user, purpose, actor)[0]


def new_link(user: User, purpose: str, actor: User | None) -> tuple[str, AccountLink]:
    """``issue_link``, also returning the stored link (for its expiry)."""
    if purpose not in LINK_PURPOSES:
        raise ValueError(f"unknown link purpose {purpose!r}")
    now = utcnow()
    void_links(user, purpose, now)
    token = new_token()
    link = AccountLink(
        token_hash=token_hash(token), user_id=user.id, purpose=purpose, created_at=now,
        expires_at=now + lifetime(purpose), created_by_id=actor.id if actor is not None else None,
    )  # fmt: skip
    db.session.add(link)
    db.session.flush()
    audit.record(actor, f"user.{purpose}_link_issued", "user", user.id, expires_at=link.expires_at)
    return token, link


def void_links(user: User, purpose: str | None = None, now: datetime | None = None) -> None:
    """Make ``user``'s unused links (of one purpose, or all) stop working now."""
    now = now or utcnow()
    statement = update(AccountLink).where(
        AccountLink.user_id == user.id, AccountLink.used_at.is_(None), AccountLink.expires_at > now
    )
    if purpose is not None:
        statement = statement.where(AccountLink.purpose == purpose)
    db.session.execute(statement.values(expires_at=now).execution_options(synchronize_session=False))


def link_for(token: str, purpose: str) -> AccountLink | None:
    """The working link for ``token``; None when it is unknown, of another purpose, used, expired or
    for a deactivated person."""
    if not token or len(token) > 100:
        return None
    link = db.session.scalars(
        select(AccountLink).where(AccountLink.token_hash == token_hash(token), AccountLink.purpose == purpose)
    ).first()
    if link is None or link.used_at is not None or link.expires_at <= utcnow() or not link.user.active:
        return None
    return link


def use_link(link: AccountLink) -> bool:
    """Mark the link used, once: False when it was used (or ran out) meanwhile, in another request."""
    now = utcnow()
    result = db.session.execute(
        update(AccountLink)
        .where(AccountLink.id == link.id, AccountLink.used_at.is_(None), AccountLink.expires_at > now)
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(link)
    return bool(result.rowcount)  # type: ignore[attr-defined]  # an UPDATE gives a CursorResult; typed as Result


def latest_link(user: User, purpose: str) -> AccountLink | None:
    """The person's newest link of ``purpose``, used or not (for the admin's view of an invitation)."""
    return db.session.scalars(
        select(AccountLink)
        .where(AccountLink.user_id == user.id, AccountLink.purpose == purpose)
        .order_by(AccountLink.created_at.desc(), AccountLink.id.desc())
        .limit(1)
    ).first()


def choose_password_through(
    link: AccountLink, password: str, hash_password: Callable[[str], str], reason: str, used: str
) -> User:
    """The person chooses a password through ``link`` (an invitation or a reset): the rule, the link
    spent once (Refused with ``used`` if it was used meanwhile), every session of theirs ended, and
    their other links and unsent account emails made moot."""
    user = link.user
    passwords.check_new_password(password, user.email)
    if not use_link(link):
        raise Refused("password", used)
    passwords.set_password(user, hash_password(password), user, reason)
    void_links(user)
    notifications.cancel_account_messages(user)
    return user
