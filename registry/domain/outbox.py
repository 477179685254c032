"""Sending an outbox of queued email: each message once; a failure is recorded and left for the next run.

The LA officers' notifications (``registry.domain.notifications``) and the oversight notices
(``registry.domain.oversight.notices``) are two outboxes sent this one way. Each message is
claimed on its own, with ``FOR UPDATE SKIP LOCKED`` on PostgreSQL so that two runs at once never
send the same message, and ``after_each`` (the CLI's commit) runs after each one, so a message the
server accepted is marked sent exactly once. SQLite has no row locks: there, run one sender at a time.
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.sql.base import ExecutableOption

from registry.domain import clock
from registry.extensions import db

ERROR_LENGTH = 500


class Mailer(Protocol):
    """Anything that sends one message or raises SMTPException/OSError (``SmtpMailer`` in production)."""

    def send(self, to: str, subject: str, body: str) -> None: ...


class Queued(Protocol):
    """A message of an outbox (a Notification, an OversightNotice)."""

    id: int
    attempts: int
    subject: str
    body: str
    sent_at: datetime | None
    last_error: str | None


Message = TypeVar("Message", bound=Queued)


def _claim_next(model: type[Message], after_id: int, loading: Sequence[ExecutableOption]) -> Message | None:
    columns: Any = model  # the mapped class, whose attributes are its columns here
    return db.session.scalars(
        select(model)
        .where(columns.sent_at.is_(None), columns.id > after_id)
        .order_by(columns.id)
        .limit(1)
        .with_for_update(skip_locked=True, of=model)
        .options(*loading)
    ).first()


def deliver(
    model: type[Message],
    mailer: Mailer,
    address: Callable[[Message], str],
    *,
    after_each: Callable[[], None] = lambda: None,
    now: Callable[[], datetime] = clock.now,
    loading: Sequence[ExecutableOption] = (),
    attempted: Callable[[Message, datetime], None] = lambda message, at: None,
    sent: Callable[[Message], None] = lambda message: None,
) -> tuple[int, int]:
    """Send each queued ``model`` message once, to ``address(message)``; returns (sent, failed).

    ``loading``: what to load with each message; ``attempted`` and ``sent``: what else the outbox
    records of an attempt (when), and of a message the server accepted."""
    sent_count = failed = 0
    last_id = 0
    while (message := _claim_next(model, last_id, loading)) is not None:
        last_id = message.id
        message.attempts += 1
        attempted_at = now()
        attempted(message, attempted_at)
        try:
            mailer.send(address(message), message.subject, message.body)
        except (smtplib.SMTPException, OSError) as error:
            message.last_error = f"{type(error).__name__}: {error}"[:ERROR_LENGTH]
            failed += 1
        else:
            message.sent_at, message.last_error = attempted_at, None
            sent(message)
            sent_count += 1
        db.session.flush()
        after_each()
    return sent_count, failed
