"""The notification outbox and its delivery: LA officers told when a mediator they watch changes,
and the emails that carry one-time account links.

``notify_watchers`` subscribes to ``AccreditationEventRecorded`` (``registry.domain.subscriptions``),
so ``queue_for_event`` runs in the transaction that records an accreditation event: for every LA
watching the mediator, it queues one Notification per active officer of that LA, with the message
written out then. Private reasons never go into a message: LA officers are not the accrediting body.
``queue_account_message`` queues an invitation or password-reset email (``registry.domain.accounts``)
in the transaction that issues its link; once the server has accepted it, its body (which holds the
link) is wiped. The email alerts about an LA's area (``registry.domain.area_alerts``) go through the
same outbox, to a subscription's address rather than a person's, with one-click unsubscribe headers.
Every person's inbox reads the same table (``registry.domain.inbox``): the watched changes and the
notifications of every role's work (``registry.domain.role_notifications``), each emailed unless its
recipient turned that kind off (``email_wanted``).

``deliver_queued`` sends what is queued through a mailer (``SmtpMailer`` in production), with
the outbox loop it shares with the oversight notices (``registry.domain.outbox``). Each
notification is claimed, sent and marked on its own, and ``after_each`` (the CLI's commit) runs
after each one, so a message the server accepted is marked sent exactly once, and a failure is
recorded and left queued for the next run, never lost. On PostgreSQL the claim is
``FOR UPDATE SKIP LOCKED``, so two runs at once never send the same message twice.
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Protocol

from flask import current_app, has_app_context
from sqlalchemy import delete, func, select
from sqlalchemy.orm import aliased, joinedload
from sqlalchemy.sql.elements import ColumnElement

from registry.domain import clock, outbox, statuses
from registry.domain.accreditation.transitions import PUBLIC_KINDS
from registry.domain.events import AccreditationEventRecorded
from registry.domain.paging import Page, paginate
from registry.domain.watchlist import organisations_watching
from registry.extensions import db
from registry.models import (
    Accreditation,
    AccreditationEvent,
    LocalAuthority,
    Mediator,
    Notification,
    NotificationPreference,
    Organisation,
    RoleAssignment,
    User,
    WatchlistItem,
)
from registry.models.mediators import mediator_areas
from registry.models.notifications import ACCOUNT_KINDS, INBOX_KINDS, WATCHED_CHANGE

# What a sent account email's body becomes: the link it held is not kept in the outbox.
SENT_LINK_REMOVED = "(This message held a one-time link. Its text is not kept once it has been sent.)"


def _base_url() -> str:
    return str(current_app.config.get("PUBLIC_BASE_URL", "")).rstrip("/") if has_app_context() else ""


def public_url(path: str) -> str:
    """An address on the register to put in an email (PUBLIC_BASE_URL + ``path``)."""
    return _base_url() + path


def mail_configured() -> bool:
    """Whether the register can send email (MAIL_SERVER is set)."""
    return has_app_context() and bool(current_app.config.get("MAIL_SERVER"))


class PublicEvent(Protocol):
    """What is public of an accreditation event (an AccreditationEvent, or a WatchedChange read from one)."""

    @property
    def kind(self) -> str: ...
    @property
    def to_status(self) -> str: ...
    @property
    def effective_on(self) -> date: ...
    @property
    def valid_until(self) -> date | None: ...
    @property
    def conditions(self) -> str | None: ...
    @property
    def public_note(self) -> str | None: ...


def what_changed(event: PublicEvent, body_name: str) -> list[str]:
    """The lines saying what a public event changed (in emails and the Atom feeds): never its private
    reason or its actor."""
    lines = [
        f"What changed: {statuses.EVENTS[event.kind]}, by {body_name}, from {clock.long_date(event.effective_on)}."
    ]
    if event.to_status == "accredited" and event.valid_until is not None:
        lines.append(f"Accredited until: {clock.long_date(event.valid_until)}.")
    if event.to_status == "accredited" and event.conditions:
        lines.append(f"Conditions: {event.conditions}")
    if event.to_status == "suspended":
        lines.append("While suspended, the mediator must not take on new SEND mediations.")
    if event.public_note:
        lines.append(f"Note from {body_name}: {event.public_note}")
    return lines


def event_subject(event: AccreditationEvent, mediator: Mediator) -> str:
    return f"{statuses.EVENTS[event.kind]}: {mediator.display_name} ({mediator.registration_number})"[:200]


def _message(event: AccreditationEvent, mediator: Mediator, body_name: str, la: Organisation) -> tuple[str, str]:
    lines = [
        "Hello,",
        "",
        f"{la.name} has {mediator.display_name} ({mediator.registration_number}) on its watchlist on the "
        "SEND Mediation Register. Their accreditation has changed.",
        "",
        *what_changed(event, body_name),
    ]
    base = _base_url()
    lines += [
        "",
        f"Their profile: {base}/mediators/{mediator.registration_number}",
        "",
        f"You get this email because you are a local authority officer for {la.name}. Your local authority’s "
        f"watchlist: {base}/workspace/local-authority/watchlist",
    ]
    return event_subject(event, mediator), "\n".join(lines) + "\n"


def notify_watchers(recorded: AccreditationEventRecorded) -> None:
    """The subscriber: a recorded accreditation event is told to the LAs watching its mediator."""
    queue_for_event(recorded.event)


def queue_for_event(event: AccreditationEvent) -> list[Notification]:
    """Queue a message to every active officer of every LA watching the event's mediator."""
    if event.kind not in PUBLIC_KINDS:
        return []
    accreditation = event.accreditation
    organisations = organisations_watching(accreditation.mediator_id)
    if not organisations:
        return []
    officers = db.session.execute(
        select(RoleAssignment.organisation_id, User)
        .join(User, User.id == RoleAssignment.user_id)
        .where(
            RoleAssignment.role == "la_officer",
            RoleAssignment.organisation_id.in_([o.id for o in organisations]),
            User.active.is_(True),
        )
        .order_by(User.id)
    ).all()
    by_id = {o.id: o for o in organisations}
    queued = []
    off = email_turned_off([officer.id for _, officer in officers], WATCHED_CHANGE)
    for organisation_id, officer in officers:
        assert organisation_id is not None  # the query asks for these organisations' officers only
        subject, body = _message(event, accreditation.mediator, accreditation.body.name, by_id[organisation_id])
        queued.append(
            Notification(
                recipient=officer,
                organisation_id=organisation_id,
                mediator_id=accreditation.mediator_id,
                accreditation_event=event,
                subject=subject,
                body=body,
                link=f"/mediators/{accreditation.mediator.registration_number}",
                email_wanted=officer.id not in off,
            )
        )
    db.session.add_all(queued)
    db.session.flush()
    return queued


def email_turned_off(user_ids: Collection[int], kind: str) -> set[int]:
    """Those of ``user_ids`` who chose not to be emailed ``kind`` (their inbox still gets it)."""
    if not user_ids:
        return set()
    return set(
        db.session.scalars(
            select(NotificationPreference.user_id).where(
                NotificationPreference.user_id.in_(list(user_ids)),
                NotificationPreference.kind == kind,
                NotificationPreference.email.is_(False),
            )
        )
    )


def queue_account_message(recipient: User, kind: str, subject: str, body: str) -> Notification:
    """Queue an account email (``invitation`` or ``password_reset``) to ``recipient``, dropping any
    older one of the same kind that has not gone yet: its link no longer works."""
    cancel_account_messages(recipient, kind)
    notification = Notification(recipient=recipient, kind=kind, subject=subject[:200], body=body)
    db.session.add(notification)
    db.session.flush()
    return notification


def cancel_account_messages(recipient: User, kind: str | None = None) -> None:
    """Drop the account emails to ``recipient`` (of one kind, or all) that have not been sent yet."""
    statement = delete(Notification).where(
        Notification.recipient_id == recipient.id,
        Notification.kind.in_(ACCOUNT_KINDS),
        Notification.sent_at.is_(None),
    )
    if kind is not None:
        statement = statement.where(Notification.kind == kind)
    db.session.execute(statement.execution_options(synchronize_session=False))


def notifications_for(user: User, page: int = 1) -> Page[Notification]:
    """The watched-change messages queued for ``user``, newest first, sent or not."""
    query = (
        select(Notification)
        .where(Notification.recipient_id == user.id, Notification.kind == WATCHED_CHANGE)
        .options(joinedload(Notification.mediator))
        .order_by(Notification.id.desc())
    )
    return paginate(query, page)


@dataclass(frozen=True)
class WatchedChange:
    """A public event of a mediator on an LA's watchlist: never the private reason or the actor."""

    sequence: int
    registration_number: str
    name: str
    body_name: str
    kind: str
    to_status: str
    effective_on: date
    recorded_at: datetime
    valid_until: date | None
    conditions: str | None
    public_note: str | None

    @property
    def words(self) -> str:
        return statuses.EVENTS[self.kind]


def recent_changes(organisation: Organisation, limit: int = 50) -> list[WatchedChange]:
    """The latest public events of the mediators the LA watches, newest recorded first (one query)."""
    watched = select(WatchlistItem.mediator_id).where(WatchlistItem.organisation_id == organisation.id)
    return _public_events(Mediator.id.in_(watched), limit=limit)


def area_changes(local_authority: LocalAuthority, limit: int = 50) -> list[WatchedChange]:
    """The latest public events of the mediators on the register who cover the LA now, newest
    recorded first (one query): what its Atom feed and email alerts tell."""
    covering = select(mediator_areas.c.mediator_id).where(mediator_areas.c.local_authority_id == local_authority.id)
    return _public_events(Mediator.id.in_(covering), Mediator.left_register_on.is_(None), limit=limit)


def _public_events(*where: ColumnElement[bool], limit: int) -> list[WatchedChange]:
    body = aliased(Organisation)
    rows = db.session.execute(
        select(
            AccreditationEvent.sequence,
            Mediator.registration_number,
            Mediator.display_name,
            body.name,
            AccreditationEvent.kind,
            AccreditationEvent.to_status,
            AccreditationEvent.effective_on,
            AccreditationEvent.recorded_at,
            AccreditationEvent.valid_until,
            AccreditationEvent.conditions,
            AccreditationEvent.public_note,
        )
        .join(Accreditation, Accreditation.id == AccreditationEvent.accreditation_id)
        .join(Mediator, Mediator.id == Accreditation.mediator_id)
        .join(body, body.id == Accreditation.body_id)
        .where(AccreditationEvent.kind.in_(PUBLIC_KINDS), *where)
        .order_by(AccreditationEvent.sequence.desc())
        .limit(limit)
    )
    return [WatchedChange(*row) for row in rows]


def queued_count() -> int:
    """The messages waiting to be emailed (not those their recipient chose to read in the workspace only)."""
    return (
        db.session.scalar(
            select(func.count()).where(Notification.sent_at.is_(None), Notification.email_wanted.is_(True))
        )
        or 0
    )


# Delivery


@dataclass(frozen=True)
class MailSettings:
    server: str
    port: int
    sender: str
    timeout: float = 10.0


class SmtpMailer:
    """One SMTP session per delivery run: opened on first use, and opened again after a failure."""

    def __init__(self, settings: MailSettings) -> None:
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None

    def send(self, to: str, subject: str, body: str, headers: Mapping[str, str] | None = None) -> None:
        message = EmailMessage()
        message["From"] = self.settings.sender
        message["To"] = to
        message["Subject"] = subject
        message["Message-ID"] = make_msgid(domain=self.settings.sender.rpartition("@")[2] or None)
        for name, value in (headers or {}).items():
            message[name] = value
        message.set_content(body)
        try:
            if self._smtp is None:
                self._smtp = smtplib.SMTP(self.settings.server, self.settings.port, timeout=self.settings.timeout)
            self._smtp.send_message(message)
        except (smtplib.SMTPException, OSError):
            self.close()
            raise

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()


@dataclass(frozen=True)
class DeliveryReport:
    sent: int
    failed: int

    def __str__(self) -> str:
        return f"{self.sent} sent, {self.failed} failed (to be tried again next run)."


def _attempted(notification: Notification, at: datetime) -> None:
    notification.last_attempt_at = at


def _sent(notification: Notification) -> None:
    if notification.kind not in INBOX_KINDS:
        notification.body = SENT_LINK_REMOVED  # the one-time link it held is not kept
        notification.unsubscribe_url = None


def _address(notification: Notification) -> str:
    """A person's email, an area alert subscription's, or (its verification link) a consultation response's."""
    if notification.recipient is not None:
        return notification.recipient.email
    if notification.consultation_response is not None:
        return notification.consultation_response.email
    assert notification.area_subscription is not None  # the one_recipient check: exactly one of the three
    return notification.area_subscription.email


def _headers(notification: Notification) -> dict[str, str]:
    """An area message's one-click unsubscribe (RFC 8058): mail clients show an "Unsubscribe" button
    that POSTs ``List-Unsubscribe=One-Click`` to the address, without the person visiting the site."""
    if notification.unsubscribe_url is None:
        return {}
    return {
        "List-Unsubscribe": f"<{notification.unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def deliver_queued(
    mailer: outbox.Mailer,
    after_each: Callable[[], None] = lambda: None,
    now: Callable[[], datetime] = clock.now,
) -> DeliveryReport:
    """Send every queued notification once; record each failure and leave it queued for the next run
    (``registry.domain.outbox``: several senders may run at once on PostgreSQL, one at a time on SQLite)."""
    sent, failed = outbox.deliver(
        Notification,
        mailer,
        _address,
        after_each=after_each,
        now=now,
        loading=[
            joinedload(Notification.recipient),
            joinedload(Notification.area_subscription),
            joinedload(Notification.consultation_response),
        ],
        attempted=_attempted,
        sent=_sent,
        headers=_headers,
        where=[Notification.email_wanted.is_(True)],
    )
    return DeliveryReport(sent, failed)
