"""Accreditations and their append-only history of events.

The truth about an accreditation is its list of AccreditationEvents; ``Accreditation.status``,
``valid_from``, ``valid_until`` and ``conditions`` are a cache of the latest event, kept in
step by the domain operations in ``registry.domain.accreditation``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.models.base import Base, enum_check, utcnow
from registry.models.mediators import Mediator
from registry.models.organisations import Organisation
from registry.models.users import User

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


class Accreditation(Base):
    __tablename__ = "accreditations"
    __table_args__ = (
        CheckConstraint(enum_check("status", STATUSES), name="status"),
        CheckConstraint("valid_until IS NULL OR valid_from IS NULL OR valid_until > valid_from", name="valid_period"),
        Index("ix_accreditations_body_id_status", "body_id", "status"),
        Index("ix_accreditations_status_valid_until", "status", "valid_until"),
        # "Does this mediator hold an accreditation in this status?" — asked per candidate by every
        # search — answered from the index alone; it also serves lookups by mediator.
        Index("ix_accreditations_mediator_id_status_valid_until", "mediator_id", "status", "valid_until"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mediator_id: Mapped[int] = mapped_column(ForeignKey("mediators.id"))
    body_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    standards_version: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    valid_from: Mapped[date | None]
    valid_until: Mapped[date | None]
    conditions: Mapped[str | None] = mapped_column(Text)
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


class AccreditationEvent(Base):
    """One transition. Never updated or deleted.

    ``sequence`` is global and monotonic in commit order (allocated from a locked counter row,
    see ``registry.domain.sequences``), so the public change feed can page by it without gaps.
    ``effective_on`` is valid time (when it took effect in the world); ``recorded_at`` is
    record time (when the register learned of it).
    """

    __tablename__ = "accreditation_events"
    __table_args__ = (
        CheckConstraint(enum_check("kind", EVENT_KINDS), name="kind"),
        CheckConstraint(enum_check("to_status", STATUSES), name="to_status"),
        CheckConstraint("from_status IS NULL OR " + enum_check("from_status", STATUSES), name="from_status"),
        Index("ix_accreditation_events_accreditation_id_sequence", "accreditation_id", "sequence"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sequence: Mapped[int] = mapped_column(BigInteger, unique=True)
    accreditation_id: Mapped[int] = mapped_column(ForeignKey("accreditations.id"))
    kind: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    effective_on: Mapped[date]
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # State after the event, so the history can be replayed without the cache.
    valid_from: Mapped[date | None]
    valid_until: Mapped[date | None]
    conditions: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)  # PRIVATE: body and oversight only
    public_note: Mapped[str | None] = mapped_column(Text)

    accreditation: Mapped[Accreditation] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship()
