"""The messages oversight work sends, queued in the same transaction as the change they report.

A message to a person (an action's owner organisation, a mediator drawn for a CPD audit) goes to
their inbox (``registry.domain.inbox``, the one outbox of ``registry.models.Notification``): seen
in the workspace and, unless they turned the kind off, emailed with a link rather than its text.
Only a concern raised without an account has a message here (an ``OversightNotice`` to the email
address given with it), sent by ``deliver``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import func, select

from registry.domain import inbox, outbox
from registry.extensions import db
from registry.models import Notification, OversightNotice, User

# Which inbox kind each oversight message is, and the page it leads to.
INBOX_KINDS = {
    "action_set": "oversight_action",
    "action_overdue": "oversight_action",
    "audit_requested": "cpd_audit",
    "audit_outcome": "cpd_audit",
}


def _to_inbox(people: list[User], kind: str, subject: str, body: str, links: dict[str, Any]) -> list[Notification]:
    action_id = links.get("action_id")
    link = f"/workspace/actions/{action_id}" if action_id is not None else "/workspace/mediator/log"
    return inbox.notify(people, INBOX_KINDS[kind], subject, link, detail=body)


RECENT = 20


def public_url(path: str) -> str:
    """An address on the register for a message (PUBLIC_BASE_URL + path)."""
    base = str(current_app.config.get("PUBLIC_BASE_URL", "")).rstrip("/") if has_app_context() else ""
    return base + path


def _queue(kind: str, subject: str, body: str, **fields: Any) -> OversightNotice:
    notice = OversightNotice(kind=kind, subject=subject[:200], body=body, **fields)
    db.session.add(notice)
    return notice


def to_organisation(organisation_id: int, kind: str, subject: str, body: str, **links: Any) -> list[Notification]:
    """A notification in the inbox of each active person acting for the organisation, in any role.
    ``body`` is shown in the inbox; the email holds the subject and the link only."""
    return _to_inbox(inbox.people_acting_for(organisation_id), kind, subject, body, links)


def to_panel(subject: str, body: str, link: str) -> list[Notification]:
    """A notification in the inbox of everyone on the oversight panel (``body`` shown there only)."""
    return inbox.notify(inbox.people_in(None, "oversight"), "oversight_action", subject, link, detail=body)


def to_user(user_id: int, kind: str, subject: str, body: str, **links: Any) -> list[Notification]:
    person = db.session.get(User, user_id)
    return _to_inbox([person] if person is not None else [], kind, subject, body, links)


def to_email(email: str, kind: str, subject: str, body: str, **links: Any) -> OversightNotice:
    notice = _queue(kind, subject, body, email=email, **links)
    db.session.flush()
    return notice


def recent_for(user: User) -> list[Notification]:
    """The person's latest oversight action notifications, newest first."""
    return list(
        db.session.scalars(
            select(Notification)
            .where(Notification.recipient_id == user.id, Notification.kind == "oversight_action")
            .order_by(Notification.id.desc())
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
