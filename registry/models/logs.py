"""A mediator's professional log (CPD, supervision, practice), its evidence files, and renewal requests.

Hours are stored as whole quarter hours (``quarter_hours``), the smallest unit the log offers, so
sums are exact on every database; ``LogEntry.hours`` gives them back as a Decimal.

PRIVATE here: ``reflection``, ``annotation`` and ``review_note`` of an entry, every evidence
file, and a renewal request's ``explanation`` and ``decision_note``. They are for the mediator,
their accrediting body and oversight, never for a public page, export or API response. Practice
entries hold no personal data about families: the local authority, issue type, format, hours and
outcome band only, and the database refuses those fields on any other kind.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.models.accreditations import Accreditation
from registry.models.base import Base, one_of, utcnow
from registry.models.mediators import Mediator
from registry.models.reference import LocalAuthority
from registry.models.users import User

LOG_KINDS = ("cpd", "supervision", "practice")
REVIEW_STATUSES = ("declared", "verified", "rejected")
RENEWAL_STATUSES = ("pending", "renewed", "declined")
MAX_QUARTER_HOURS = 160  # 40 hours: more than a week of full days in one entry is a typing slip


class LogEntry(Base):
    __tablename__ = "log_entries"
    __table_args__ = (
        one_of("kind", LOG_KINDS),
        one_of("review_status", REVIEW_STATUSES),
        CheckConstraint(f"quarter_hours BETWEEN 1 AND {MAX_QUARTER_HOURS}", name="quarter_hours_in_range"),
        CheckConstraint(
            "kind = 'practice' OR (local_authority_id IS NULL AND issue_type IS NULL"
            " AND format IS NULL AND outcome_band IS NULL)",
            name="practice_fields_only_on_practice",
        ),
        # A mediator's log in date order, and a period's entries, are range scans on this index.
        Index("ix_log_entries_mediator_id_occurred_on", "mediator_id", "occurred_on"),
        # The registrars' queue: entries awaiting review, by mediator.
        Index("ix_log_entries_review_status_mediator_id", "review_status", "mediator_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mediator_id: Mapped[int] = mapped_column(ForeignKey("mediators.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(12))
    category: Mapped[str] = mapped_column(String(60))
    occurred_on: Mapped[date]
    quarter_hours: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    provider: Mapped[str] = mapped_column(String(200), default="")
    reflection: Mapped[str] = mapped_column(Text, default="")  # PRIVATE
    annotation: Mapped[str] = mapped_column(Text, default="")  # PRIVATE: the mediator's note once reviewed

    # Practice only: no names or personal data about families.
    local_authority_id: Mapped[int | None] = mapped_column(ForeignKey("local_authorities.id"))
    issue_type: Mapped[str | None] = mapped_column(String(40))
    format: Mapped[str | None] = mapped_column(String(12))
    outcome_band: Mapped[str | None] = mapped_column(String(30))

    review_status: Mapped[str] = mapped_column(String(10), default="declared")
    review_note: Mapped[str] = mapped_column(Text, default="")  # PRIVATE: the registrar's note to the mediator
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None]

    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Optimistic lock: a registrar verifying what the mediator has since edited gets ConcurrentChange.
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    mediator: Mapped[Mediator] = relationship()
    local_authority: Mapped[LocalAuthority | None] = relationship()
    reviewed_by: Mapped[User | None] = relationship()
    evidence: Mapped[EvidenceFile | None] = relationship(
        back_populates="log_entry", cascade="all, delete-orphan", uselist=False
    )

    @property
    def hours(self) -> Decimal:
        return Decimal(self.quarter_hours) / 4

    def __repr__(self) -> str:
        return f"<LogEntry {self.id} {self.kind} {self.occurred_on}>"


class EvidenceFile(Base):
    """A file kept outside the web root under ``stored_name`` (random); PRIVATE."""

    __tablename__ = "evidence_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    log_entry_id: Mapped[int] = mapped_column(ForeignKey("log_entries.id", ondelete="CASCADE"), unique=True)
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    original_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)

    log_entry: Mapped[LogEntry] = relationship(back_populates="evidence")


class RenewalRequest(Base):
    """A mediator asks their body to renew an accreditation for the period their log covers.

    ``compliant`` is the rule engine's verdict when the request was made; a request made while
    the log was not compliant carries the mediator's ``explanation`` and is flagged to the registrar.
    """

    __tablename__ = "renewal_requests"
    __table_args__ = (
        one_of("status", RENEWAL_STATUSES),
        CheckConstraint("period_end >= period_start", name="period_in_order"),
        Index("ix_renewal_requests_status_accreditation_id", "status", "accreditation_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    accreditation_id: Mapped[int] = mapped_column(ForeignKey("accreditations.id"), index=True)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    period_start: Mapped[date]
    period_end: Mapped[date]
    scheme_version: Mapped[str] = mapped_column(String(20))
    compliant: Mapped[bool]
    explanation: Mapped[str] = mapped_column(Text, default="")  # PRIVATE
    status: Mapped[str] = mapped_column(String(10), default="pending")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str] = mapped_column(Text, default="")  # PRIVATE

    accreditation: Mapped[Accreditation] = relationship()
    requested_by: Mapped[User | None] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
