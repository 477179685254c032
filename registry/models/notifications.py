"""The notification outbox: one email to one LA officer about one change to a watched mediator.

A notification is queued in the same transaction as the accreditation event it reports, so a
change is never recorded without its notifications. ``sent_at`` is set once, when the mail
server accepts the message; a failed attempt leaves it queued with the error, and the next
delivery run tries it again. Without a mail server the outbox is still readable in the workspace.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.models.accreditations import AccreditationEvent
from registry.models.base import Base, utcnow
from registry.models.mediators import Mediator
from registry.models.organisations import Organisation
from registry.models.users import User


class Notification(Base):
    __tablename__ = "notifications"
    __table_args__ = (
        # One message per officer per event, however often the event is queued.
        UniqueConstraint("recipient_id", "accreditation_event_id"),
        # Delivery picks the queued ones (sent_at IS NULL) in order.
        Index("ix_notifications_sent_at_id", "sent_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    mediator_id: Mapped[int] = mapped_column(ForeignKey("mediators.id"), index=True)
    accreditation_event_id: Mapped[int] = mapped_column(ForeignKey("accreditation_events.id"), index=True)
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_attempt_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)

    recipient: Mapped[User] = relationship()
    organisation: Mapped[Organisation] = relationship()
    mediator: Mapped[Mediator] = relationship()
    accreditation_event: Mapped[AccreditationEvent] = relationship()

    @property
    def state(self) -> str:
        """``sent``, ``failed`` (tried, will be tried again) or ``queued``."""
        if self.sent_at is not None:
            return "sent"
        return "failed" if self.attempts else "queued"

    def __repr__(self) -> str:
        return f"<Notification {self.id} to user {self.recipient_id} ({self.state})>"
