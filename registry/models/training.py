"""Training programmes, their versions, their accreditation events and the mediators who completed them.

A TrainingProgramme (``TP-`` reference) belongs to one training provider and has one level.
Its content lives in ProgrammeVersions, which are never changed: a change of content is a new
version, and each TrainingCompletion names the version the mediator completed. ``title`` and
``delivery_mode`` on the programme are a cache of its latest version, for the public list.

The programme's accreditation follows the one lifecycle of mediator accreditation
(``registry.domain.lifecycle``): the truth is the append-only list of ProgrammeAccreditationEvents,
with the columns declared once in ``registry.models.lifecycle`` and the same global ``sequence``
counter (``accreditation_events``), and ``status`` / ``valid_from`` / ``valid_until`` /
``conditions`` on the programme are a cache of the latest event.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
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

from registry.models.base import Base, enum_check, utcnow
from registry.models.lifecycle import LifecycleEvent, LifecycleState, event_checks, state_checks
from registry.models.mediators import Mediator
from registry.models.organisations import Organisation
from registry.models.users import User

LEVELS = ("foundation", "send_specialist", "cpd_course")
DELIVERY_MODES = ("in_person", "online", "blended")
ASSESSMENT_METHODS = ("observed_role_play", "written", "portfolio", "attendance_only")
PROGRAMME_STATUSES = ("submitted", "refused", "accredited", "suspended", "lapsed", "withdrawn")
PROGRAMME_EVENT_KINDS = (
    "submitted",
    "resubmitted",
    "accredited",
    "refused",
    "suspended",
    "reinstated",
    "withdrawn",
    "lapsed",
)

HOURS = Numeric(6, 2)


class TrainingProgramme(LifecycleState, Base):
    __tablename__ = "training_programmes"
    __table_args__ = (
        CheckConstraint(enum_check("level", LEVELS), name="level"),
        *state_checks(PROGRAMME_STATUSES),
        CheckConstraint(enum_check("delivery_mode", DELIVERY_MODES), name="delivery_mode"),
        # The public list: accredited and still in date, by level, ordered by title.
        Index("ix_training_programmes_status_level_title", "status", "level", "title"),
        Index("ix_training_programmes_status_valid_until", "status", "valid_until"),
        Index("ix_training_programmes_provider_id_status", "provider_id", "status"),
        Index("ix_training_programmes_delivery_mode_status", "delivery_mode", "status"),
    )

    reference: Mapped[str] = mapped_column(String(11), unique=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    level: Mapped[str] = mapped_column(String(20))
    # Cache of the latest version
    title: Mapped[str] = mapped_column(String(200))
    delivery_mode: Mapped[str] = mapped_column(String(20))
    latest_version: Mapped[int] = mapped_column(Integer, default=1)
    # With the lifecycle state (a cache of the latest accreditation event): the body that last decided.
    body_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Optimistic lock, as on Accreditation ("version" here would be confused with content versions).
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}

    provider: Mapped[Organisation] = relationship(foreign_keys=[provider_id])
    body: Mapped[Organisation | None] = relationship(foreign_keys=[body_id])
    versions: Mapped[list[ProgrammeVersion]] = relationship(
        back_populates="programme", order_by="ProgrammeVersion.number"
    )
    events: Mapped[list[ProgrammeAccreditationEvent]] = relationship(
        back_populates="programme", order_by="ProgrammeAccreditationEvent.sequence"
    )

    def __repr__(self) -> str:
        return f"<TrainingProgramme {self.reference} {self.status}>"


class ProgrammeVersion(Base):
    """The content of a programme as submitted. Never updated: new content is a new version.

    ``criteria_covered`` lists mediator standard criterion codes (in the mediator standards
    version the training criteria name); ``log_hours`` maps CPD log categories to the hours a
    participant may log for completing a ``cpd_course`` (hours as decimal strings).
    """

    __tablename__ = "programme_versions"
    __table_args__ = (
        UniqueConstraint("programme_id", "number"),
        CheckConstraint(enum_check("delivery_mode", DELIVERY_MODES), name="delivery_mode"),
        CheckConstraint(enum_check("assessment_method", ASSESSMENT_METHODS), name="assessment_method"),
        CheckConstraint("total_hours > 0", name="total_hours_positive"),
        CheckConstraint("practical_hours >= 0 AND practical_hours <= total_hours", name="practical_within_total"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("training_programmes.id"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    total_hours: Mapped[Decimal] = mapped_column(HOURS)
    practical_hours: Mapped[Decimal] = mapped_column(HOURS)
    delivery_mode: Mapped[str] = mapped_column(String(20))
    assessment_method: Mapped[str] = mapped_column(String(30))
    criteria_covered: Mapped[list[str]] = mapped_column(JSON, default=list)
    log_hours: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    criteria_version: Mapped[str] = mapped_column(String(20))  # the training-criteria version it was checked against
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    programme: Mapped[TrainingProgramme] = relationship(back_populates="versions")
    submitted_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<ProgrammeVersion {self.programme_id} v{self.number}>"


class ProgrammeAccreditationEvent(LifecycleEvent, Base):
    """One transition of a programme's accreditation (the columns: ``registry.models.lifecycle``).

    Besides the shared columns: ``body_id``, the accrediting body that decided (none for a
    submission or a lapse), and ``programme_version``, the version concerned.
    """

    __tablename__ = "programme_accreditation_events"
    __table_args__ = (
        *event_checks(PROGRAMME_EVENT_KINDS, PROGRAMME_STATUSES),
        Index("ix_programme_accreditation_events_programme_id_sequence", "programme_id", "sequence"),
    )

    programme_id: Mapped[int] = mapped_column(ForeignKey("training_programmes.id"))
    programme_version: Mapped[int | None] = mapped_column(Integer)
    body_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))

    programme: Mapped[TrainingProgramme] = relationship(back_populates="events")
    body: Mapped[Organisation | None] = relationship()


class TrainingCompletion(Base):
    """A mediator completed a version of a programme on a date, as recorded by the provider.

    ``log_entry_id`` is the verified CPD log entry a completed ``cpd_course`` created, if any.
    """

    __tablename__ = "training_completions"
    __table_args__ = (
        UniqueConstraint("programme_id", "mediator_id", "completed_on"),
        Index("ix_training_completions_mediator_id_completed_on", "mediator_id", "completed_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("training_programmes.id"))
    programme_version_id: Mapped[int] = mapped_column(ForeignKey("programme_versions.id"), index=True)
    mediator_id: Mapped[int] = mapped_column(ForeignKey("mediators.id"))
    completed_on: Mapped[date]
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    log_entry_id: Mapped[int | None] = mapped_column(ForeignKey("log_entries.id", ondelete="SET NULL"))

    programme: Mapped[TrainingProgramme] = relationship()
    version: Mapped[ProgrammeVersion] = relationship()
    mediator: Mapped[Mediator] = relationship()
    recorded_by: Mapped[User | None] = relationship()
