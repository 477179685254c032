"""What local authorities keep on the register: API keys, stored bulk checks and a watchlist.

All three belong to the LA's organisation, not to the officer who made them: a key keeps working
and a check stays on record when the person who created it moves on.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.models.base import Base, one_of, utcnow
from registry.models.mediators import Mediator
from registry.models.organisations import Organisation
from registry.models.users import User

# A bulk check's answer for one input line (DESIGN §6).
CHECK_OUTCOMES = (
    "accredited",
    "accredited_with_conditions",
    "suspended",
    "lapsed",
    "withdrawn",
    "not_accredited",
    "not_found",
    "invalid_number",
)


class ApiKey(Base):
    """A bearer key for an LA's own systems. Only a hash of the token is kept (see
    ``registry.domain.api_keys``); ``prefix`` is the start of the token, to tell keys apart."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    organisation: Mapped[Organisation] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    revoked_by: Mapped[User | None] = relationship(foreign_keys=[revoked_by_id])

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def __repr__(self) -> str:
        return f"<ApiKey {self.prefix}… org={self.organisation_id}>"


class BulkCheck(Base):
    """A stored check of many registration numbers, kept as evidence of due diligence.

    ``reference`` is the public, unguessable id (``GET /api/v1/checks/{reference}``).
    """

    __tablename__ = "bulk_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(32), unique=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    api_key_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"))
    as_at: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    item_count: Mapped[int] = mapped_column(Integer)

    organisation: Mapped[Organisation] = relationship()
    results: Mapped[list[BulkCheckResult]] = relationship(
        back_populates="check", order_by="BulkCheckResult.position", cascade="all, delete-orphan"
    )


class BulkCheckResult(Base):
    """One input line of a bulk check and its answer, as the register gave it at the time."""

    __tablename__ = "bulk_check_results"
    __table_args__ = (
        one_of("outcome", CHECK_OUTCOMES),
        UniqueConstraint("check_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    check_id: Mapped[int] = mapped_column(ForeignKey("bulk_checks.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    input: Mapped[str] = mapped_column(String(100))
    registration_number: Mapped[str | None] = mapped_column(String(11))
    outcome: Mapped[str] = mapped_column(String(30))
    name: Mapped[str | None] = mapped_column(String(200))
    valid_until: Mapped[date | None]
    conditions: Mapped[str | None] = mapped_column(Text)
    declared_conflict: Mapped[bool | None]

    check: Mapped[BulkCheck] = relationship(back_populates="results")


class WatchlistItem(Base):
    """A mediator an LA watches, to be told when their accreditation changes."""

    __tablename__ = "watchlist_items"
    __table_args__ = (UniqueConstraint("organisation_id", "mediator_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    mediator_id: Mapped[int] = mapped_column(ForeignKey("mediators.id", ondelete="CASCADE"), index=True)
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    organisation: Mapped[Organisation] = relationship()
    mediator: Mapped[Mediator] = relationship()
