"""What a new password must be (NIST SP 800-63B §5.1.1.2): at least 12 characters, not one of the
20,000 most common passwords, and not the person's own email address. No other composition rules
(NIST advises against them); long passphrases are welcome up to 1,000 characters."""

from __future__ import annotations

import gzip
from functools import cache
from importlib.resources import files

from registry.domain import audit
from registry.domain.accounts.sessions import end_all_sessions
from registry.domain.errors import Refused
from registry.extensions import db
from registry.models import User
from registry.models.base import utcnow

MIN_LENGTH = 12
MAX_LENGTH = 1000


@cache
def _common_passwords() -> frozenset[str]:
    data = files("registry.data").joinpath("common-passwords.txt.gz").read_bytes()
    return frozenset(gzip.decompress(data).decode().split())


def password_problem(password: str, email: str | None = None) -> str | None:
    """Why ``password`` may not be used, in words fit for the form, or ``None`` when it may."""
    if len(password) < MIN_LENGTH:
        return f"Your password must be at least {MIN_LENGTH} characters long"
    if len(password) > MAX_LENGTH:
        return f"Your password must be {MAX_LENGTH} characters or fewer"
    if not password.strip():
        return "Your password cannot be only spaces"
    lowered = password.lower()
    if lowered in _common_passwords() or len(set(lowered)) < 3:
        return "That password is too common and easy to guess. Choose a different one"
    if email and lowered.strip() == email.strip().lower():
        return "Your password cannot be your email address"
    return None


def check_new_password(password: str, email: str | None = None, field: str = "password") -> None:
    """Raise ``Refused`` naming ``field`` when the password may not be used."""
    problem = password_problem(password, email)
    if problem is not None:
        raise Refused(field, problem)


def set_password(
    user: User, password_hash: str, actor: User | None, reason: str, keep_token: str | None = None
) -> None:
    """Store a new password (already checked and hashed) and end the person's other sessions: whoever
    held the old password is signed out everywhere (except, for a change made while signed in, here)."""
    user.password_hash = password_hash
    user.password_changed_at = utcnow()
    db.session.flush()
    end_all_sessions(user, reason, keep_token=keep_token)
    audit.record(actor, f"user.{reason}", "user", user.id)
