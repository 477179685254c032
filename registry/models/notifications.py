"""The notification outbox: one email to one person, of one ``kind``.

- ``watched_change``: to an LA officer about one change to a watched mediator, queued in the same
  transaction as the accreditation event it reports, so a change is never recorded without its
  notifications. Without a mail server these are still readable in the LA workspace.
- ``invitation`` and ``password_reset``: a one-time account link (registry.domain.accounts), queued
  in the transaction that issues the link. Once sent, the body (which holds the link) is not kept.
- ``area_confirmation`` and ``area_alert``: to someone following an LA's area without an account
  (an ``AreaAlertSubscription``, not a user): the link confirming the subscription, and one public
  change of a mediator covering the LA (registry.domain.area_alerts). Each carries its one-click
  unsubscribe address (``unsubscribe_url``), sent as headers; once sent, neither it nor the body is kept.

- the inbox kinds (``INBOX_KINDS``, issue 19): one thing a person should know about their work, shown
  in their workspace inbox (``read_at`` once they mark it read; ``link`` the page of the thing) and,
  unless they turned email off for that kind (``NotificationPreference``), emailed without detail
  (``email_wanted``): a subject and a link to the workspace, never the thing's private content.
  ``dedupe_key`` keeps a reminder (a renewal or a return due) to one per person per occasion.

Every message goes to exactly one recipient: a person (``recipient_id``) or a subscription
(``area_subscription_id``).

``sent_at`` is set once, when the mail server accepts the message; a failed attempt leaves it
queued with the error, and the next delivery run tries it again.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.models.accreditations import AccreditationEvent
from registry.models.area_alerts import AreaAlertSubscription
from registry.models.base import Base, enum_check, utcnow
from registry.models.consultations import ConsultationResponse
from registry.models.mediators import Mediator
from registry.models.organisations import Organisation
from registry.models.users import User

WATCHED_CHANGE = "watched_change"
AREA_CONFIRMATION = "area_confirmation"
AREA_ALERT = "area_alert"
CONSULTATION_VERIFY = "consultation_verify"
ACCOUNT_KINDS = ("invitation", "password_reset")
# What a person's inbox holds (the watched changes as well): registry.domain.inbox says who gets each.
INBOX_KINDS = (
    WATCHED_CHANGE,
    "accreditation",
    "application_received",
    "renewal_received",
    "log_entry_queried",
    "renewal_due",
    "cpd_audit",
    "programme_decided",
    "concern_raised",
    "oversight_action",
    "return_due",
    "provider_link",
    "standards_published",
)
NOTIFICATION_KINDS = (*INBOX_KINDS, *ACCOUNT_KINDS, AREA_CONFIRMATION, AREA_ALERT, CONSULTATION_VERIFY)


# A person, an area subscription or (its verification link) a consultation response: exactly one.
ONE_RECIPIENT = (
    "(CASE WHEN recipient_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN area_subscription_id IS NULL THEN 0 ELSE 1 END)"
    " + (CASE WHEN consultation_response_id IS NULL THEN 0 ELSE 1 END) = 1"
)


class Notification(Base):
    __tablename__ = "notifications"
    __table_args__ = (
        # One message per officer per event, however often the event is queued.
        UniqueConstraint("recipient_id", "accreditation_event_id"),
        UniqueConstraint("area_subscription_id", "accreditation_event_id"),
        # Delivery picks the queued ones (sent_at IS NULL) in order.
        Index("ix_notifications_sent_at_id", "sent_at", "id"),
        # A person's inbox, newest first, and its unread count.
        Index("ix_notifications_recipient_id_read_at_id", "recipient_id", "read_at", "id"),
        # One reminder per person per occasion, however often the daily job runs.
        UniqueConstraint("recipient_id", "dedupe_key"),
        CheckConstraint(enum_check("kind", NOTIFICATION_KINDS), name="kind"),
        # A watched change names its LA, mediator and event; an account message names none of them.
        CheckConstraint(
            f"(kind = '{WATCHED_CHANGE}') = "
            "(organisation_id IS NOT NULL AND mediator_id IS NOT NULL AND accreditation_event_id IS NOT NULL)",
            name="subject_matches_kind",
        ),
        CheckConstraint(ONE_RECIPIENT, name="one_recipient"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default=WATCHED_CHANGE, server_default=WATCHED_CHANGE)
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    area_subscription_id: Mapped[int | None] = mapped_column(
        ForeignKey("area_alert_subscriptions.id", ondelete="CASCADE"), index=True
    )
    consultation_response_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultation_responses.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    mediator_id: Mapped[int | None] = mapped_column(ForeignKey("mediators.id"), index=True)
    accreditation_event_id: Mapped[int | None] = mapped_column(ForeignKey("accreditation_events.id"), index=True)
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    # An area message's one-click unsubscribe address (RFC 8058), sent as its List-Unsubscribe header.
    unsubscribe_url: Mapped[str | None] = mapped_column(String(500))
    # An inbox notification's page on the register (a path), and when its recipient marked it read.
    link: Mapped[str | None] = mapped_column(String(300))
    # What the inbox shows under the subject, after sign-in: never emailed.
    detail: Mapped[str | None] = mapped_column(Text)
    read_at: Mapped[datetime | None]
    # False when the recipient turned email off for this kind: it stays in the inbox, never sent.
    email_wanted: Mapped[bool] = mapped_column(default=True, server_default=true())
    dedupe_key: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_attempt_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)

    recipient: Mapped[User | None] = relationship()
    area_subscription: Mapped[AreaAlertSubscription | None] = relationship()
    consultation_response: Mapped[ConsultationResponse | None] = relationship()
    organisation: Mapped[Organisation | None] = relationship()
    mediator: Mapped[Mediator | None] = relationship()
    accreditation_event: Mapped[AccreditationEvent | None] = relationship()

    @property
    def state(self) -> str:
        """``sent``, ``failed`` (tried, will be tried again) or ``queued``."""
        if self.sent_at is not None:
            return "sent"
        return "failed" if self.attempts else "queued"

    def __repr__(self) -> str:
        to = (
            f"user {self.recipient_id}"
            if self.recipient_id is not None
            else f"subscription {self.area_subscription_id}"
            if self.area_subscription_id is not None
            else f"response {self.consultation_response_id}"
        )
        return f"<Notification {self.id} to {to} ({self.state})>"


class NotificationPreference(Base):
    """A person's choice of whether a kind of inbox notification is also emailed to them. No row: emailed."""

    __tablename__ = "notification_preferences"
    __table_args__ = (CheckConstraint(enum_check("kind", INBOX_KINDS), name="kind"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    email: Mapped[bool] = mapped_column(default=True)
