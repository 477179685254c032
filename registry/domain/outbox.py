"""Sending an outbox: each queued item once per run; a failure is recorded and left for a later run.

``drain`` is the one loop: each unsent item (``sent_at IS NULL``) is claimed on its own, with
``FOR UPDATE SKIP LOCKED`` on PostgreSQL so that two runs at once never send the same item, tried,
and ``after_each`` (the CLI's commit) runs after each one, so an item the other side accepted is
marked sent exactly once. SQLite has no row locks: there, run one sender at a time.

Two kinds of outbox go through it: email (``deliver``: the LA officers' notifications,
``registry.domain.notifications``, and the oversight notices, ``registry.domain.oversight.notices``)
and the LAs' webhooks (``registry.domain.webhooks.sending``, which adds when each delivery is due).
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.sql.base import ExecutableOption
from sqlalchemy.sql.elements import ColumnElement

from registry.domain import clock
from registry.extensions import db

ERROR_LENGTH = 500


class Mailer(Protocol):
    """Anything that sends one message or raises SMTPException/OSError (``SmtpMailer`` in production).
    ``headers``: more headers of the message (an area alert's ``List-Unsubscribe``)."""

    def send(self, to: str, subject: str, body: str, headers: Mapping[str, str] | None = None) -> None: ...


class Claimable(Protocol):
    """An item of any outbox: sent once ``sent_at`` is set."""

    id: int
    sent_at: datetime | None


class Queued(Claimable, Protocol):
    """A message of an email outbox (a Notification, an OversightNotice)."""

    attempts: int
    subject: str
    body: str
    last_error: str | None


Item = TypeVar("Item", bound=Claimable)
Message = TypeVar("Message", bound=Queued)


def _claim_next(
    model: type[Item], after_id: int, where: Sequence[ColumnElement[bool]], loading: Sequence[ExecutableOption]
) -> Item | None:
    columns: Any = model  # the mapped class, whose attributes are its columns here
    return db.session.scalars(
        select(model)
        .where(columns.sent_at.is_(None), columns.id > after_id, *where)
        .order_by(columns.id)
        .limit(1)
        .with_for_update(skip_locked=True, of=model)
        .options(*loading)
    ).first()


def drain(
    model: type[Item],
    attempt: Callable[[Item], bool],
    *,
    where: Sequence[ColumnElement[bool]] = (),
    loading: Sequence[ExecutableOption] = (),
    after_each: Callable[[], None] = lambda: None,
) -> tuple[int, int]:
    """Try each unsent ``model`` item that also meets ``where`` once, in order: ``attempt(item)``
    records the attempt on it and says whether it was sent. Returns (sent, failed)."""
    sent = failed = 0
    last_id = 0
    while (item := _claim_next(model, last_id, where, loading)) is not None:
        last_id = item.id
        if attempt(item):
            sent += 1
        else:
            failed += 1
        db.session.flush()
        after_each()
    return sent, failed


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
    headers: Callable[[Message], Mapping[str, str]] | None = None,
    where: Sequence[ColumnElement[bool]] = (),
) -> tuple[int, int]:
    """Send each queued ``model`` message once, to ``address(message)``; returns (sent, failed).

    ``where``: which queued messages are for email at all; ``loading``: what to load with each
    message; ``attempted`` and ``sent``: what else the outbox records of an attempt (when), and of a
    message the server accepted; ``headers``: any more headers a message has."""

    def attempt(message: Message) -> bool:
        message.attempts += 1
        attempted_at = now()
        attempted(message, attempted_at)
        try:
            if headers is None:
                mailer.send(address(message), message.subject, message.body)
            else:
                mailer.send(address(message), message.subject, message.body, headers=headers(message))
        except (smtplib.SMTPException, OSError) as error:
            message.last_error = error_text(error)
            return False
        message.sent_at, message.last_error = attempted_at, None
        sent(message)
        return True

    return drain(model, attempt, where=where, loading=loading, after_each=after_each)


def error_text(error: BaseException) -> str:
    """What an outbox records of a failed attempt: the error's type and message, cut short."""
    return f"{type(error).__name__}: {error}"[:ERROR_LENGTH]
