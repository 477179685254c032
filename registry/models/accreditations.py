"""Accreditations and their append-only history of events.

The truth about an accreditation is its list of AccreditationEvents; ``Accreditation.status``,
``valid_from``, ``valid_until`` and ``conditions`` are a cache of the latest event, kept in
step by the one lifecycle (``registry.domain.lifecycle``). The shared columns are declared in
``registry.models.lifecycle``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.models.base import Base, utcnow
from registry.models.lifecycle import LifecycleEvent, LifecycleState, event_checks, state_checks
from registry.models.mediators import Mediator
from registry.models.organisations import Organisation

STATUSES = ("applied", "refused", "accredited", "suspended", "lapsed", "withdrawn", "resigned")
EVENT_KINDS = (
    "applied",
    "accredited",
    "refused",
    "renewed",
    "conditions_changed",
    "suspended",
    "reinstated",
    "withdrawn",
    "resigned",
    "lapsed",
)


class Accreditation(LifecycleState, Base):
    __tablename__ = "accreditations"
    __table_args__ = (
        *state_checks(STATUSES),
        Index("ix_accreditations_body_id_status", "body_id", "status"),
        Index("ix_accreditations_status_valid_until", "status", "valid_until"),
        # "Does this mediator hold an accreditation in this status?" — asked per candidate by every
        # search — answered from the index alone; it also serves lookups by mediator.
        Index("ix_accreditations_mediator_id_status_valid_until", "mediator_id", "status", "valid_until"),
    )

    mediator_id: Mapped[int] = mapped_column(ForeignKey("mediators.id"))
    body_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    standards_version: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Optimistic lock: SQLAlchemy adds "AND version = :old" to every UPDATE and raises
    # StaleDataError when another transaction got there first.
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    mediator: Mapped[Mediator] = relationship()
    body: Mapped[Organisation] = relationship()
    events: Mapped[list[AccreditationEvent]] = relationship(
        back_populates="accreditation", order_by="AccreditationEvent.sequence"
    )

    def __repr__(self) -> str:
        return f"<Accreditation {self.id} {self.status}>"


class AccreditationEvent(LifecycleEvent, Base):
    """One transition of a mediator's accreditation (the columns: ``registry.models.lifecycle``)."""

    __tablename__ = "accreditation_events"
    __table_args__ = (
        *event_checks(EVENT_KINDS, STATUSES),
        Index("ix_accreditation_events_accreditation_id_sequence", "accreditation_id", "sequence"),
    )

    accreditation_id: Mapped[int] = mapped_column(ForeignKey("accreditations.id"))

    accreditation: Mapped[Accreditation] = relationship(back_populates="events")
