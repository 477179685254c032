"""Organisations: accrediting bodies, training and mediation providers, LAs and the oversight body."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.models.base import Base, one_of, utcnow
from registry.models.reference import LocalAuthority

ORGANISATION_KINDS = (
    "accrediting_body",
    "training_provider",
    "mediation_provider",
    "local_authority",
    "oversight_body",
)


class Organisation(Base):
    __tablename__ = "organisations"
    __table_args__ = (
        one_of("kind", ORGANISATION_KINDS),
        CheckConstraint(
            "(kind = 'local_authority') = (local_authority_id IS NOT NULL)", name="local_authority_matches_kind"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30), index=True)
    local_authority_id: Mapped[int | None] = mapped_column(ForeignKey("local_authorities.id"), unique=True)
    website: Mapped[str | None] = mapped_column(String(300))
    public_email: Mapped[str | None] = mapped_column(String(254))
    # A mediation provider's public page (``/providers/<slug>``), kept by its own staff.
    public_phone: Mapped[str | None] = mapped_column(String(40))
    description: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    local_authority: Mapped[LocalAuthority | None] = relationship()

    def __repr__(self) -> str:
        return f"<Organisation {self.slug} ({self.kind})>"
