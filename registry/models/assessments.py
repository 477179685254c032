"""Applications for accreditation and the registrar's assessment of them, criterion by criterion.

An AccreditationApplication is what the mediator submits (first application, or a renewal
application after a lapse), with their declarations. Each AssessmentOutcome is the registrar's
judgement of one criterion of the application's standards version: ``met`` or ``not_met``,
with notes. Declarations and outcomes are private to the mediator, the body and oversight.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.models.accreditations import Accreditation
from registry.models.base import Base, one_of, utcnow
from registry.models.users import User

APPLICATION_KINDS = ("initial", "renewal")
OUTCOMES = ("met", "not_met")


class AccreditationApplication(Base):
    __tablename__ = "accreditation_applications"
    __table_args__ = (one_of("kind", APPLICATION_KINDS),)

    id: Mapped[int] = mapped_column(primary_key=True)
    accreditation_id: Mapped[int] = mapped_column(ForeignKey("accreditations.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    standards_version: Mapped[str] = mapped_column(String(20))
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]

    # Declarations (PRIVATE)
    not_employed_by_local_authority: Mapped[bool]
    independent_of_health_bodies: Mapped[bool]
    independence_details: Mapped[str] = mapped_column(Text, default="")
    has_indemnity_insurance: Mapped[bool]
    training_completed: Mapped[str] = mapped_column(Text)
    practice_experience: Mapped[str] = mapped_column(Text)
    consents_to_publication: Mapped[bool]

    accreditation: Mapped[Accreditation] = relationship()
    submitted_by: Mapped[User | None] = relationship()
    outcomes: Mapped[list[AssessmentOutcome]] = relationship(
        back_populates="application", order_by="AssessmentOutcome.id", cascade="all, delete-orphan"
    )


class AssessmentOutcome(Base):
    """The registrar's outcome for one criterion of one application (re-recording replaces it)."""

    __tablename__ = "assessment_outcomes"
    __table_args__ = (
        one_of("outcome", OUTCOMES),
        UniqueConstraint("application_id", "criterion_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("accreditation_applications.id"))
    criterion_code: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(10))
    notes: Mapped[str] = mapped_column(Text, default="")
    assessor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    application: Mapped[AccreditationApplication] = relationship(back_populates="outcomes")
    assessor: Mapped[User] = relationship()
