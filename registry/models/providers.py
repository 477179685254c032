"""A mediation provider's panel: the mediators it deploys, each with the mediator's consent.

A PanelMembership is one provider's link to one mediator's register entry, and the record of
consent to it: the provider asks (``asked``), the mediator confirms (``confirmed``) or declines
(``declined``) in their own workspace, and either may end a confirmed link (``ended``; the provider
may also withdraw a request not yet answered). Only a confirmed link is public: it is kept in
``mediator_providers`` (``Mediator.providers``), which every public reader (profile, search, API,
export, feed) already shows, and only ``registry.domain.providers.panel`` writes that table.

One row per provider and mediator: asking again after a decline or an end re-opens the same row;
the audit trail keeps every step with its actor. Who asked, answered and ended, and when, is for the
provider, the mediator and the oversight panel (``BODY``); the link itself is public once confirmed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.models.base import Base, one_of, utcnow
from registry.models.mediators import Mediator
from registry.models.organisations import Organisation

PANEL_STATUSES = ("asked", "confirmed", "declined", "ended")


class PanelMembership(Base):
    __tablename__ = "panel_memberships"
    __table_args__ = (
        one_of("status", PANEL_STATUSES),
        UniqueConstraint("provider_id", "mediator_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    mediator_id: Mapped[int] = mapped_column(ForeignKey("mediators.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(10))
    asked_at: Mapped[datetime] = mapped_column(default=utcnow)
    asked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    answered_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    provider: Mapped[Organisation] = relationship()
    mediator: Mapped[Mediator] = relationship()

    @property
    def is_public(self) -> bool:
        return self.status == "confirmed"

    def __repr__(self) -> str:
        return f"<PanelMembership {self.provider_id}→{self.mediator_id} {self.status}>"
