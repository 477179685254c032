"""The second factor: a time-based one-time password (RFC 6238, 30-second steps, 6 digits) from an
authenticator app, and ten one-time recovery codes for when the app is lost.

Enrolment is two steps: ``new_secret`` makes a secret the person adds to their app (a QR code of
``provisioning_uri``), and ``confirm_enrolment`` stores it only once they have typed a code it
produced, so nobody is locked out by a secret their app never saw. A code is accepted for the
step before, the current step and the step after (clocks drift), but never for a step at or before
the last one accepted, so an overheard code cannot be replayed. Recovery codes are stored as
SHA-256 hashes (they are long random strings, so a fast hash is enough) and each works once.
"""

from __future__ import annotations

import hashlib
import secrets
import time

import pyotp
from sqlalchemy import delete, func, select

from registry.domain import audit
from registry.domain.accounts.sessions import end_all_sessions
from registry.domain.errors import Refused
from registry.extensions import db
from registry.models import RecoveryCode, User
from registry.models.base import utcnow

ISSUER = "SEND Mediation Register"
STEP_SECONDS = 30
RECOVERY_CODE_COUNT = 10
WRONG_CODE = "Enter the 6-digit code from your authenticator app, or one of your recovery codes"


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def _digits(code: str) -> str:
    return "".join(ch for ch in code if not ch.isspace())


def _accepted_step(secret: str, code: str, last_step: int | None, now: float) -> int | None:
    code = _digits(code)
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    current = int(now // STEP_SECONDS)
    for step in (current - 1, current, current + 1):
        if last_step is not None and step <= last_step:
            continue
        if secrets.compare_digest(totp.at(step * STEP_SECONDS), code):
            return step
    return None


def confirm_enrolment(user: User, secret: str, code: str, now: float | None = None) -> list[str]:
    """Store ``secret`` as the person's second factor once ``code`` proves their app has it; returns
    new recovery codes, to be shown once."""
    step = _accepted_step(secret, code, None, time.time() if now is None else now)
    if step is None:
        raise Refused("code", "The code does not match. Check the time on your phone is right and try again")
    user.totp_secret, user.totp_last_step, user.totp_enrolled_at = secret, step, utcnow()
    codes = _replace_recovery_codes(user)
    audit.record(user, "second_factor.enrolled", "user", user.id)
    return codes


def verify(user: User, code: str, now: float | None = None) -> bool:
    """True, and the code is spent, when ``code`` is a current TOTP code or an unused recovery code."""
    if user.totp_secret is None:
        return False
    step = _accepted_step(user.totp_secret, code, user.totp_last_step, time.time() if now is None else now)
    if step is not None:
        user.totp_last_step = step
        db.session.flush()
        return True
    return _use_recovery_code(user, code)


def _hash(code: str) -> str:
    return hashlib.sha256(_normalised(code).encode()).hexdigest()


def _normalised(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch.isalnum())


def _replace_recovery_codes(user: User) -> list[str]:
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(RECOVERY_CODE_COUNT)]
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=_hash(code)) for code in codes)
    db.session.flush()
    return codes


def new_recovery_codes(user: User) -> list[str]:
    """Ten fresh recovery codes; the old ones stop working."""
    codes = _replace_recovery_codes(user)
    audit.record(user, "second_factor.recovery_codes_replaced", "user", user.id)
    return codes


def _use_recovery_code(user: User, code: str) -> bool:
    if len(_normalised(code)) != 12:
        return False
    row = db.session.scalars(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user.id, RecoveryCode.code_hash == _hash(code), RecoveryCode.used_at.is_(None)
        )
    ).first()
    if row is None:
        return False
    row.used_at = utcnow()
    db.session.flush()
    audit.record(user, "second_factor.recovery_code_used", "user", user.id)
    return True


def recovery_codes_left(user: User) -> int:
    return int(
        db.session.scalar(
            select(func.count())
            .select_from(RecoveryCode)
            .where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
        )
        or 0
    )


def remove(user: User, actor: User) -> None:
    """Turn the second factor off: the person, for an optional one; an admin, for a lost phone, which
    also ends the person's sessions (the phone may be in someone else's hands). Someone whose role
    needs a second factor sets a new one up at their next sign-in."""
    user.totp_secret = user.totp_last_step = user.totp_enrolled_at = None
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    db.session.flush()
    if actor.id != user.id:
        end_all_sessions(user, "second_factor_removed")
    audit.record(actor, "second_factor.removed", "user", user.id)


def required_for(user: User, roles_requiring: frozenset[str]) -> bool:
    return any(assignment.role in roles_requiring for assignment in user.roles)
