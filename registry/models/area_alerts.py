"""Email alerts about a local authority's area, for anyone, without an account.

An ``AreaAlertSubscription`` is one email address following one LA: told of each public change to
the accreditation of a mediator who covers it. It starts unconfirmed, with the hash of a one-time
confirmation link's token; nothing but that confirmation is sent until the link is used
(``confirmed_at``), and the row goes altogether when the person unsubscribes. The address is private
(registry.domain.visibility): it is never shown on a page, in the API, an export or the feed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.models.base import Base, utcnow
from registry.models.reference import LocalAuthority


class AreaAlertSubscription(Base):
    __tablename__ = "area_alert_subscriptions"
    __table_args__ = (UniqueConstraint("local_authority_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    local_authority_id: Mapped[int] = mapped_column(ForeignKey("local_authorities.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254))  # as typed, in lower case
    # SHA-256 of the latest confirmation link's token (registry.domain.tokens); None once confirmed.
    confirm_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)  # when that link was sent
    confirmed_at: Mapped[datetime | None]
    # Mixed into the unsubscribe link's HMAC, so a link made for a removed subscription never works
    # for a later one that happens to get the same id.
    unsubscribe_nonce: Mapped[str] = mapped_column(String(43))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    local_authority: Mapped[LocalAuthority] = relationship()

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def __repr__(self) -> str:
        state = "confirmed" if self.is_confirmed else "unconfirmed"
        return f"<AreaAlertSubscription {self.id} for LA {self.local_authority_id} ({state})>"
