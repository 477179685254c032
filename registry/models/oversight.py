"""Oversight: reviews with findings and actions, CPD audit samples, concern handling, outcome returns.

- OversightReview: an accrediting body, training or mediation provider, or mediator reviewed against a set of
  criteria (the oversight criteria, or the mediator standards for a mediator), with a
  ReviewFinding per criterion and ReviewActions for an owner organisation. ``organisation_id``
  is always the organisation that answers for the review: the body or provider reviewed, or
  for a mediator the accrediting body that held their accreditation when the review was planned.
  ``summary`` and the outcomes become public when ``published_at`` is set; notes stay private.
- AuditSample / AuditSampleMember: a reproducible random sample of mediators asked for their
  log and evidence, with the outcome per mediator. A finding that needs the body to act becomes
  a ReviewAction for that body (``audit_member_id`` instead of ``review_id``).
- ConcernHandling / ConcernNote: how the body (or oversight) handled a concern raised by the
  public (``registry.models.concerns``), one row per concern once handling starts. The notes
  and ``reason`` are PRIVATE; the outcome and ``public_message`` are shown to whoever holds the
  reference.
- OutcomeReturn / OutcomeReturnRevision: aggregate figures a mediation provider returns per LA
  and quarter. Revisions are never changed; the OutcomeReturn row caches the latest one, so the
  statistics read one row per LA and quarter.
- OversightNotice: the messages this work sends (overdue actions, audit requests, concern
  updates), kept as an outbox like ``registry.models.notifications``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.models.base import Base, one_of, utcnow
from registry.models.concerns import Concern
from registry.models.mediators import Mediator
from registry.models.organisations import Organisation
from registry.models.reference import LocalAuthority
from registry.models.users import User

REVIEW_SUBJECTS = ("accrediting_body", "training_provider", "mediation_provider", "mediator")
REVIEW_TYPES = ("annual", "thematic", "cpd_audit", "concern")
FINDING_OUTCOMES = ("met", "partially_met", "not_met")
ACTION_STATUSES = ("open", "done")
AUDIT_OUTCOMES = ("satisfactory", "further_information", "unsatisfactory")
CONCERN_STAGES = ("investigating", "not_in_scope", "closed")
CONCERN_OUTCOMES = ("no_further_action", "advice", "conditions", "suspension", "withdrawal")
RETURN_SOURCES = ("form", "csv")
NOTICE_KINDS = ("action_set", "action_overdue", "audit_requested", "audit_outcome", "concern_update")

# The figures of an outcome return, in the order forms and CSV files use.
RETURN_FIGURES = (
    "advice_contacts",
    "mediation_chosen",
    "certificates_issued",
    "mediations_held",
    "agreements_full",
    "agreements_partial",
    "agreements_none",
    "health_social_care_cases",
    "appeals_after_mediation",
    "appeals_without_mediation",
)


class OversightReview(Base):
    __tablename__ = "oversight_reviews"
    __table_args__ = (
        one_of("subject_kind", REVIEW_SUBJECTS),
        one_of("review_type", REVIEW_TYPES),
        CheckConstraint("(subject_kind = 'mediator') = (mediator_id IS NOT NULL)", name="mediator_matches_subject"),
        CheckConstraint("period_end >= period_start", name="period_order"),
        # The public list: published reviews, newest first.
        Index("ix_oversight_reviews_published_at", "published_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(12), unique=True)
    subject_kind: Mapped[str] = mapped_column(String(20))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    mediator_id: Mapped[int | None] = mapped_column(ForeignKey("mediators.id"), index=True)
    review_type: Mapped[str] = mapped_column(String(12))
    title: Mapped[str] = mapped_column(String(200))
    scope: Mapped[str] = mapped_column(Text, default="")  # PRIVATE: oversight's plan
    period_start: Mapped[date]
    period_end: Mapped[date]
    criteria_family: Mapped[str] = mapped_column(String(30))
    criteria_version: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    summary: Mapped[str | None] = mapped_column(Text)  # public once published
    published_at: Mapped[datetime | None]
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    organisation: Mapped[Organisation] = relationship()
    mediator: Mapped[Mediator | None] = relationship()
    findings: Mapped[list[ReviewFinding]] = relationship(
        back_populates="review", cascade="all, delete-orphan", order_by="ReviewFinding.id"
    )
    actions: Mapped[list[ReviewAction]] = relationship(
        back_populates="review", order_by="(ReviewAction.due_on, ReviewAction.id)"
    )

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def __repr__(self) -> str:
        return f"<OversightReview {self.reference} {self.review_type} of {self.subject_kind}>"


class ReviewFinding(Base):
    """The outcome for one criterion of a review; re-recording replaces it until publication."""

    __tablename__ = "review_findings"
    __table_args__ = (
        one_of("outcome", FINDING_OUTCOMES),
        UniqueConstraint("review_id", "criterion_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("oversight_reviews.id", ondelete="CASCADE"))
    criterion_code: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(15))
    notes: Mapped[str] = mapped_column(Text, default="")  # PRIVATE: oversight and the reviewed body
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    review: Mapped[OversightReview] = relationship(back_populates="findings")


class AuditSample(Base):
    """One draw. ``seed`` and the eligible list on ``drawn_on`` reproduce it exactly."""

    __tablename__ = "audit_samples"
    __table_args__ = (
        CheckConstraint("percentage > 0 AND percentage <= 100", name="percentage_range"),
        CheckConstraint("size <= eligible_count", name="size_within_eligible"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    drawn_on: Mapped[date]
    percentage: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    seed: Mapped[int] = mapped_column(BigInteger)
    eligible_count: Mapped[int] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer)
    period_start: Mapped[date]  # the log period each mediator is asked about
    period_end: Mapped[date]
    drawn_at: Mapped[datetime] = mapped_column(default=utcnow)
    drawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    members: Mapped[list[AuditSampleMember]] = relationship(
        back_populates="sample", cascade="all, delete-orphan", order_by="AuditSampleMember.id"
    )


class AuditSampleMember(Base):
    __tablename__ = "audit_sample_members"
    __table_args__ = (
        one_of("outcome", AUDIT_OUTCOMES, nullable=True),
        UniqueConstraint("sample_id", "mediator_id"),
        # Audit outcomes by body, for the statistics and the registrar's follow-up.
        Index("ix_audit_sample_members_body_id_outcome", "body_id", "outcome"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sample_id: Mapped[int] = mapped_column(ForeignKey("audit_samples.id", ondelete="CASCADE"))
    mediator_id: Mapped[int] = mapped_column(ForeignKey("mediators.id"), index=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    outcome: Mapped[str | None] = mapped_column(String(20))
    outcome_note: Mapped[str] = mapped_column(Text, default="")  # PRIVATE: oversight, the body, the mediator
    outcome_recorded_at: Mapped[datetime | None]
    outcome_recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    sample: Mapped[AuditSample] = relationship(back_populates="members")
    mediator: Mapped[Mediator] = relationship()
    body: Mapped[Organisation] = relationship()


class ReviewAction(Base):
    """Something an organisation must do by a date, from a review or a CPD audit outcome.

    ``overdue_flagged_at`` is set once, by the daily job, the first time it finds the action open
    after its due date; the owner is notified then and not again.
    """

    __tablename__ = "review_actions"
    __table_args__ = (
        one_of("status", ACTION_STATUSES),
        CheckConstraint("(review_id IS NULL) != (audit_member_id IS NULL)", name="one_source"),
        # The daily job: open actions past their due date, not yet flagged.
        Index("ix_review_actions_status_due_on", "status", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int | None] = mapped_column(ForeignKey("oversight_reviews.id"), index=True)
    audit_member_id: Mapped[int | None] = mapped_column(ForeignKey("audit_sample_members.id"), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(10), default="open")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    response: Mapped[str] = mapped_column(Text, default="")
    responded_at: Mapped[datetime | None]
    responded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    completed_at: Mapped[datetime | None]
    overdue_flagged_at: Mapped[datetime | None]

    review: Mapped[OversightReview | None] = relationship(back_populates="actions")
    audit_member: Mapped[AuditSampleMember | None] = relationship()
    owner: Mapped[Organisation] = relationship()

    def is_overdue(self, today: date) -> bool:
        return self.status == "open" and self.due_on < today


class ConcernHandling(Base):
    """The handling of one concern: triage, then an outcome. No row yet means just received."""

    __tablename__ = "concern_handling"
    __table_args__ = (
        one_of("stage", CONCERN_STAGES),
        one_of("outcome", CONCERN_OUTCOMES, nullable=True),
        CheckConstraint("(stage = 'closed') = (outcome IS NOT NULL)", name="outcome_when_closed"),
        CheckConstraint("(stage = 'investigating') = (decided_at IS NULL)", name="decided_when_finished"),
        # Yearly statistics: finished concerns by date and outcome.
        Index("ix_concern_handling_decided_at_outcome", "decided_at", "outcome"),
    )

    concern_id: Mapped[int] = mapped_column(ForeignKey("concerns.id", ondelete="CASCADE"), primary_key=True)
    stage: Mapped[str] = mapped_column(String(15))
    within_scope: Mapped[bool] = mapped_column(Boolean)
    triage_note: Mapped[str] = mapped_column(Text, default="")  # PRIVATE
    triaged_at: Mapped[datetime] = mapped_column(default=utcnow)
    triaged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    outcome: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")  # PRIVATE: why this outcome
    public_message: Mapped[str] = mapped_column(Text, default="")  # to whoever holds the reference
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    days_to_outcome: Mapped[int | None] = mapped_column(Integer)  # UK calendar days from receipt
    accreditation_event_id: Mapped[int | None] = mapped_column(ForeignKey("accreditation_events.id"))

    concern: Mapped[Concern] = relationship()


class ConcernNote(Base):
    """An investigation note (PRIVATE: the handling body and oversight)."""

    __tablename__ = "concern_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    concern_id: Mapped[int] = mapped_column(ForeignKey("concerns.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    author: Mapped[User | None] = relationship()


def _figure_checks() -> tuple[CheckConstraint, ...]:
    """The consistency rules, kept by the database too (the domain explains them in words first)."""
    # mediation_chosen came later (0022) with a check of its own, so the first check stays as it was made.
    non_negative = " AND ".join(f"{name} >= 0" for name in RETURN_FIGURES if name != "mediation_chosen")
    return (
        CheckConstraint(non_negative, name="figures_not_negative"),
        CheckConstraint("mediation_chosen >= 0 AND mediation_chosen <= advice_contacts", name="chosen_within_advice"),
        CheckConstraint("certificates_issued <= advice_contacts", name="certificates_within_advice"),
        CheckConstraint("mediations_held <= advice_contacts", name="mediations_within_advice"),
        CheckConstraint(
            "agreements_full + agreements_partial + agreements_none <= mediations_held", name="agreements_within_held"
        ),
        CheckConstraint("health_social_care_cases <= mediations_held", name="health_care_within_held"),
        CheckConstraint("appeals_after_mediation <= mediations_held", name="appeals_within_held"),
        CheckConstraint(
            "appeals_without_mediation <= advice_contacts - mediations_held", name="appeals_within_not_mediated"
        ),
    )


class ReturnFigures:
    """The figure columns shared by a return and each of its revisions."""

    advice_contacts: Mapped[int] = mapped_column(Integer)
    # Advice contacts who chose mediation (the review's "took up mediation"; a mediation may be held in a
    # later quarter). Returns sent before it was asked for hold their mediations held (migration 0022).
    mediation_chosen: Mapped[int] = mapped_column(Integer, server_default="0")
    certificates_issued: Mapped[int] = mapped_column(Integer)
    mediations_held: Mapped[int] = mapped_column(Integer)
    agreements_full: Mapped[int] = mapped_column(Integer)
    agreements_partial: Mapped[int] = mapped_column(Integer)
    agreements_none: Mapped[int] = mapped_column(Integer)
    health_social_care_cases: Mapped[int] = mapped_column(Integer)
    appeals_after_mediation: Mapped[int] = mapped_column(Integer)
    appeals_without_mediation: Mapped[int] = mapped_column(Integer)

    def figures(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in RETURN_FIGURES}


class OutcomeReturn(ReturnFigures, Base):
    """One provider's return for one LA and quarter: the latest revision's figures."""

    __tablename__ = "outcome_returns"

    __table_args__ = (
        *_figure_checks(),
        CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter_range"),
        UniqueConstraint("provider_id", "local_authority_id", "year", "quarter"),
        # Statistics filter by period first.
        Index("ix_outcome_returns_year_quarter", "year", "quarter"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    local_authority_id: Mapped[int] = mapped_column(ForeignKey("local_authorities.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)

    provider: Mapped[Organisation] = relationship()
    local_authority: Mapped[LocalAuthority] = relationship()
    revisions: Mapped[list[OutcomeReturnRevision]] = relationship(
        back_populates="outcome_return", order_by="OutcomeReturnRevision.revision"
    )

    @property
    def period_label(self) -> str:
        return quarter_label(self.year, self.quarter)


class OutcomeReturnRevision(ReturnFigures, Base):
    """A return as submitted. Never changed: a correction is the next revision."""

    __tablename__ = "outcome_return_revisions"

    __table_args__ = (
        *_figure_checks(),
        one_of("source", RETURN_SOURCES),
        UniqueConstraint("return_id", "revision"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    return_id: Mapped[int] = mapped_column(ForeignKey("outcome_returns.id"))
    revision: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(4))
    note: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    outcome_return: Mapped[OutcomeReturn] = relationship(back_populates="revisions")
    submitted_by: Mapped[User | None] = relationship()


def quarter_label(year: int, quarter: int) -> str:
    """'January to March 2026': quarters are calendar quarters."""
    months = ("January to March", "April to June", "July to September", "October to December")
    return f"{months[quarter - 1]} {year}"


class OversightNotice(Base):
    """One message from the oversight work to a person (or, for a concern, an email address).

    Queued in the transaction that causes it; ``sent_at`` is set when the mail server accepts it.
    Without a mail server, the person sees it in their workspace.
    """

    __tablename__ = "oversight_notices"
    __table_args__ = (
        one_of("kind", NOTICE_KINDS),
        CheckConstraint("recipient_id IS NOT NULL OR email IS NOT NULL", name="has_recipient"),
        Index("ix_oversight_notices_sent_at_id", "sent_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    email: Mapped[str | None] = mapped_column(String(254))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    action_id: Mapped[int | None] = mapped_column(ForeignKey("review_actions.id"), index=True)
    audit_member_id: Mapped[int | None] = mapped_column(ForeignKey("audit_sample_members.id"), index=True)
    concern_id: Mapped[int | None] = mapped_column(ForeignKey("concerns.id", ondelete="CASCADE"), index=True)
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)

    recipient: Mapped[User | None] = relationship()
