"""Mediators: the public register entry, what they offer, and their private details.

Public fields may appear on public pages, exports and API responses. The fields marked
PRIVATE never do. Who may see each field is declared once, in the field registry
(``registry.domain.visibility``): schemas, the export and templates are checked against it, and
the privacy sentinel fills every field it does not call public with a marker and looks for it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.models.base import Base, enum_check, utcnow
from registry.models.organisations import Organisation
from registry.models.reference import LocalAuthority

FORMATS = ("in_person", "video", "phone")
DECLARATION_KINDS = ("employment", "conflict")

mediator_areas = Table(
    "mediator_areas",
    Base.metadata,
    Column("mediator_id", ForeignKey("mediators.id", ondelete="CASCADE"), primary_key=True),
    Column("local_authority_id", ForeignKey("local_authorities.id"), primary_key=True),
    # Search filters by LA first: the reverse index makes "mediators serving LA x" an index scan.
    Index("ix_mediator_areas_local_authority_id_mediator_id", "local_authority_id", "mediator_id"),
)

mediator_providers = Table(
    "mediator_providers",
    Base.metadata,
    Column("mediator_id", ForeignKey("mediators.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", ForeignKey("organisations.id"), primary_key=True),
    Index("ix_mediator_providers_organisation_id_mediator_id", "organisation_id", "mediator_id"),
)


class Mediator(Base):
    __tablename__ = "mediators"

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_number: Mapped[str] = mapped_column(String(11), unique=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), unique=True)

    # Public
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    display_name: Mapped[str] = mapped_column(String(200), index=True)
    public_email: Mapped[str | None] = mapped_column(String(254))
    public_phone: Mapped[str | None] = mapped_column(String(40))
    website: Mapped[str | None] = mapped_column(String(300))
    bio: Mapped[str] = mapped_column(Text, default="")

    # PRIVATE: never on a public page, export or API response
    home_address: Mapped[str | None] = mapped_column(Text)
    private_email: Mapped[str | None] = mapped_column(String(254))
    private_phone: Mapped[str | None] = mapped_column(String(40))

    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    areas: Mapped[list[LocalAuthority]] = relationship(secondary=mediator_areas, order_by=LocalAuthority.name)
    providers: Mapped[list[Organisation]] = relationship(secondary=mediator_providers, order_by=Organisation.name)
    languages: Mapped[list[MediatorLanguage]] = relationship(cascade="all, delete-orphan")
    formats: Mapped[list[MediatorFormat]] = relationship(cascade="all, delete-orphan")
    specialisms: Mapped[list[MediatorSpecialism]] = relationship(cascade="all, delete-orphan")
    declarations: Mapped[list[IndependenceDeclaration]] = relationship(
        back_populates="mediator", cascade="all, delete-orphan", order_by="IndependenceDeclaration.started_on"
    )

    def __repr__(self) -> str:
        return f"<Mediator {self.registration_number}>"


class MediatorLanguage(Base):
    """A language the mediator can mediate in, by code from the standards vocabulary (``bfi`` is BSL)."""

    __tablename__ = "mediator_languages"

    mediator_id: Mapped[int] = mapped_column(ForeignKey("mediators.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(12), primary_key=True, index=True)


class MediatorFormat(Base):
    __tablename__ = "mediator_formats"
    __table_args__ = (CheckConstraint(enum_check("code", FORMATS), name="code"),)

    mediator_id: Mapped[int] = mapped_column(ForeignKey("mediators.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(12), primary_key=True, index=True)


class MediatorSpecialism(Base):
    """A specialism, by code from the standards vocabulary."""

    __tablename__ = "mediator_specialisms"

    mediator_id: Mapped[int] = mapped_column(ForeignKey("mediators.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class IndependenceDeclaration(Base):
    """An employer or conflict of interest the mediator declares.

    The body is one of: a local authority, an organisation on the register, or a named other body
    (an integrated care board, a school trust). The law says a SEND mediator must not be an
    employee of the LA they mediate for, so LA officers see a yes/no conflict flag.
    """

    __tablename__ = "independence_declarations"
    __table_args__ = (
        CheckConstraint(enum_check("kind", DECLARATION_KINDS), name="kind"),
        CheckConstraint("ended_on IS NULL OR ended_on >= started_on", name="ends_after_start"),
        CheckConstraint(
            "local_authority_id IS NOT NULL OR organisation_id IS NOT NULL OR other_body IS NOT NULL",
            name="names_a_body",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mediator_id: Mapped[int] = mapped_column(ForeignKey("mediators.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    local_authority_id: Mapped[int | None] = mapped_column(ForeignKey("local_authorities.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    other_body: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    started_on: Mapped[date]
    ended_on: Mapped[date | None]

    mediator: Mapped[Mediator] = relationship(back_populates="declarations")
    local_authority: Mapped[LocalAuthority | None] = relationship()
    organisation: Mapped[Organisation | None] = relationship()
