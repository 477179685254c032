"""Every sign-in attempt recorded, and throttling read from that record.

Throttling (NIST SP 800-63B §5.2.2 "rate limiting"): at most ``ACCOUNT_FAILURES`` wrong passwords
or codes for one account, and ``ADDRESS_FAILURES`` from one address, in any ``WINDOW``. Past that,
attempts are refused without checking the password until the oldest failure in the window is
older than the window, so a throttle lasts at most ``WINDOW`` after the last failure. So that a
stranger cannot lock a person out for long, or at all from where the person usually works, the
account limit does not apply at an address the person has signed in from successfully in the last
``KNOWN_ADDRESS_DAYS`` (the per-address limit still applies there). Because the record
is in the database, the limits hold across every process and host.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, select

from registry.extensions import db
from registry.models import SignInAttempt, User
from registry.models.base import utcnow

ACCOUNT_FAILURES = 10
ADDRESS_FAILURES = 30
WINDOW = timedelta(minutes=15)
KNOWN_ADDRESS_DAYS = 30
FAILURES = ("wrong_password", "wrong_code")
# What each outcome means, in the words the account page and the admins' list use.
OUTCOME_WORDS = {
    "signed_in": "Signed in",
    "wrong_password": "Wrong email or password",
    "wrong_code": "Wrong second-factor code",
    "throttled": "Refused: too many attempts",
    "deactivated": "Refused: account deactivated",
}


@dataclass(frozen=True)
class Throttle:
    minutes: int

    @property
    def message(self) -> str:
        unit = "minute" if self.minutes == 1 else "minutes"
        return f"Too many attempts. Try again in {self.minutes} {unit}"


def record_attempt(email: str, user: User | None, address: str, outcome: str) -> None:
    db.session.add(
        SignInAttempt(email=email.strip().lower()[:254], user_id=user.id if user else None, address=address[:45],
                      outcome=outcome)
    )  # fmt: skip
    db.session.flush()


def _is_known_address(user: User, address: str, now: datetime) -> bool:
    return (
        db.session.scalar(
            select(SignInAttempt.id)
            .where(
                SignInAttempt.user_id == user.id,
                SignInAttempt.address == address,
                SignInAttempt.outcome == "signed_in",
                SignInAttempt.occurred_at >= now - timedelta(days=KNOWN_ADDRESS_DAYS),
            )
            .limit(1)
        )
        is not None
    )


def _oldest_failure_over(limit: int, *conditions: ColumnElement[bool], now: datetime) -> datetime | None:
    """When the window's failures reach ``limit``: the time of the failure that must age out."""
    times = db.session.scalars(
        select(SignInAttempt.occurred_at)
        .where(SignInAttempt.outcome.in_(FAILURES), SignInAttempt.occurred_at > now - WINDOW, *conditions)
        .order_by(SignInAttempt.occurred_at.desc())
        .limit(limit)
    ).all()
    return times[-1] if len(times) >= limit else None


def throttle_for(user: User | None, address: str, now: datetime | None = None) -> Throttle | None:
    """The throttle in force for this account and address, or ``None``."""
    now = now or utcnow()
    blocking = [_oldest_failure_over(ADDRESS_FAILURES, SignInAttempt.address == address, now=now)]
    if user is not None and not _is_known_address(user, address, now):
        blocking.append(_oldest_failure_over(ACCOUNT_FAILURES, SignInAttempt.user_id == user.id, now=now))
    until = max((moment + WINDOW for moment in blocking if moment is not None), default=None)
    if until is None or until <= now:
        return None
    return Throttle(minutes=max(1, math.ceil((until - now).total_seconds() / 60)))


def recent_attempts_of(user: User, limit: int = 10) -> list[SignInAttempt]:
    return list(
        db.session.scalars(
            select(SignInAttempt)
            .where(SignInAttempt.user_id == user.id)
            .order_by(SignInAttempt.occurred_at.desc(), SignInAttempt.id.desc())
            .limit(limit)
        )
    )
