"""The messages oversight work sends, queued in the same transaction as the change they report.

They go to every active person holding a role in an organisation (an action's owner), to a
mediator's own sign-in (a CPD audit request), or to the email address someone gave with a
concern. The people see their notices in their workspace; with a mail server configured, the daily
job sends the queued ones (``deliver``). These are not ``registry.models.Notification`` rows:
that outbox is for LA officers, one row per accreditation event.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import func, select

from registry.domain import outbox
from registry.extensions import db
from registry.models import OversightNotice, RoleAssignment, User

RECENT = 20


def public_url(path: str) -> str:
    """An address on the register for a message (PUBLIC_BASE_URL + path)."""
    base = str(current_app.config.get("PUBLIC_BASE_URL", "")).rstrip("/") if has_app_context() else ""
    return base + path


def _queue(kind: str, subject: str, body: str, **fields: Any) -> OversightNotice:
    notice = OversightNotice(kind=kind, subject=subject[:200], body=body, **fields)
    db.session.add(notice)
    return notice


def to_organisation(organisation_id: int, kind: str, subject: str, body: str, **links: Any) -> list[OversightNotice]:
    """One notice for each active person acting for the organisation, in any role."""
    people = db.session.scalars(
        select(User)
        .join(RoleAssignment, RoleAssignment.user_id == User.id)
        .where(RoleAssignment.organisation_id == organisation_id, User.active.is_(True))
        .distinct()
        .order_by(User.id)
    ).all()
    notices = [
        _queue(kind, subject, body, recipient_id=person.id, organisation_id=organisation_id, **links)
        for person in people
    ]
    db.session.flush()
    return notices


def to_user(user_id: int, kind: str, subject: str, body: str, **links: Any) -> OversightNotice:
    notice = _queue(kind, subject, body, recipient_id=user_id, **links)
    db.session.flush()
    return notice


def to_email(email: str, kind: str, subject: str, body: str, **links: Any) -> OversightNotice:
    notice = _queue(kind, subject, body, email=email, **links)
    db.session.flush()
    return notice


def recent_for(user: User) -> list[OversightNotice]:
    """The person's latest notices, newest first."""
    return list(
        db.session.scalars(
            select(OversightNotice)
            .where(OversightNotice.recipient_id == user.id)
            .order_by(OversightNotice.created_at.desc(), OversightNotice.id.desc())
            .limit(RECENT)
        )
    )


def deliver(mailer: outbox.Mailer, after_each: Callable[[], None] = lambda: None) -> tuple[int, int]:
    """Send each queued notice once (``registry.domain.outbox``): a failure is recorded and left
    queued for the next run. Returns (sent, failed)."""
    return outbox.deliver(OversightNotice, mailer, _address, after_each=after_each)


def _address(notice: OversightNotice) -> str:
    return notice.email or (notice.recipient.email if notice.recipient else "")


def queued_count() -> int:
    return db.session.scalar(select(func.count()).where(OversightNotice.sent_at.is_(None))) or 0
