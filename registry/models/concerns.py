"""Concerns raised by anyone about a mediator or a mediation provider.

A concern about a mediator is routed to the accrediting body that holds their accreditation
(``body_id``); its registrars see it in their workspace. A concern about a provider has no
single body and is left for the oversight panel (``body_id`` is empty). Where a concern has got
to (triage, investigation, outcome) is its ConcernHandling row (``registry.models.oversight``);
a concern without one has been received and not yet triaged.

The description and the contact details of the person who raised it are PRIVATE: only the
body the concern is routed to and the oversight panel may read them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.models.base import Base, enum_check, utcnow
from registry.models.mediators import Mediator
from registry.models.organisations import Organisation

CONCERN_SUBJECTS = ("mediator", "provider")
RAISER_RELATIONSHIPS = ("parent_or_carer", "young_person", "professional", "other")


class Concern(Base):
    __tablename__ = "concerns"
    __table_args__ = (
        CheckConstraint(enum_check("subject", CONCERN_SUBJECTS), name="subject"),
        CheckConstraint(
            "raised_by_relationship IS NULL OR " + enum_check("raised_by_relationship", RAISER_RELATIONSHIPS),
            name="raised_by_relationship",
        ),
        CheckConstraint("(subject = 'mediator') = (mediator_id IS NOT NULL)", name="mediator_matches_subject"),
        CheckConstraint("(subject = 'provider') = (provider_id IS NOT NULL)", name="provider_matches_subject"),
        # The registrar's list: a body's concerns, newest first.
        Index("ix_concerns_body_id_received_at", "body_id", "received_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(12), unique=True)
    subject: Mapped[str] = mapped_column(String(10))
    mediator_id: Mapped[int | None] = mapped_column(ForeignKey("mediators.id"), index=True)
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    body_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)

    # PRIVATE: the body it is routed to and oversight only
    description: Mapped[str] = mapped_column(Text)
    raised_by_name: Mapped[str | None] = mapped_column(String(200))
    raised_by_email: Mapped[str | None] = mapped_column(String(254))
    raised_by_relationship: Mapped[str | None] = mapped_column(String(20))

    mediator: Mapped[Mediator | None] = relationship()
    provider: Mapped[Organisation | None] = relationship(foreign_keys=[provider_id])
    body: Mapped[Organisation | None] = relationship(foreign_keys=[body_id])

    def __repr__(self) -> str:
        return f"<Concern {self.reference} about a {self.subject}>"
