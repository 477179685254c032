"""Webhooks for local authorities: an LA's subscriptions and the outbox of their deliveries.

A ``WebhookSubscription`` belongs to the LA's organisation, through one of its API keys, and says
where (an HTTPS ``url``) and which changes (``scope``) to send. Its signing secret is kept sealed
(AES-GCM, ``registry.domain.webhooks.sealing``), never in clear. A ``WebhookDelivery`` is one
published change (``RegisterChange``) to send to one subscription, queued in the transaction that
records the change, tried until the endpoint answers 2xx (``sent_at``), and kept as the delivery log.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.models.api import ApiKey
from registry.models.base import Base, one_of, utcnow
from registry.models.changes import RegisterChange
from registry.models.organisations import Organisation
from registry.models.users import User

WATCHLIST = "watchlist"
AREA = "area"
SCOPES = (WATCHLIST, AREA)
URL_MAX_LENGTH = 2000


class WebhookSubscription(Base):
    __tablename__ = "webhook_subscriptions"
    __table_args__ = (one_of("scope", SCOPES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    api_key_id: Mapped[int] = mapped_column(ForeignKey("api_keys.id"), index=True)
    url: Mapped[str] = mapped_column(String(URL_MAX_LENGTH))
    scope: Mapped[str] = mapped_column(String(10))
    sealed_secret: Mapped[bytes] = mapped_column(LargeBinary)
    # The creating form's one-time token: sending that form again (a reload) creates nothing more.
    form_token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    paused_at: Mapped[datetime | None]
    # Why it is paused: by an officer, or by the register after too many failures in a row.
    paused_because_failing: Mapped[bool] = mapped_column(default=False)

    organisation: Mapped[Organisation] = relationship()
    api_key: Mapped[ApiKey] = relationship()
    created_by: Mapped[User | None] = relationship()

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None

    def __repr__(self) -> str:
        return f"<WebhookSubscription {self.id} org={self.organisation_id} {self.scope}>"


class WebhookDelivery(Base):
    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        # One delivery of a change per subscription, however often it is queued.
        UniqueConstraint("subscription_id", "register_change_id"),
        # The sender picks the unsent ones that are due, in order.
        Index("ix_webhook_deliveries_sent_at_next_attempt_at", "sent_at", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(ForeignKey("webhook_subscriptions.id", ondelete="CASCADE"))
    register_change_id: Mapped[int] = mapped_column(ForeignKey("register_changes.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_attempt_at: Mapped[datetime | None]
    last_status: Mapped[int | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]

    subscription: Mapped[WebhookSubscription] = relationship()
    change: Mapped[RegisterChange] = relationship()

    @property
    def state(self) -> str:
        """``delivered``, ``failing`` (tried, will be tried again) or ``queued``."""
        if self.sent_at is not None:
            return "delivered"
        return "failing" if self.attempts else "queued"

    def __repr__(self) -> str:
        return f"<WebhookDelivery {self.id} to {self.subscription_id} ({self.state})>"
