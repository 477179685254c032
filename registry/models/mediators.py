"""Mediators: the public register entry, what they offer, and their private details.

Public fields may appear on public pages, exports and API responses. The fields marked
PRIVATE never do. Who may see each field is declared once, in the field registry
(``registry.domain.visibility``): schemas, the export and templates are checked against it, and
the privacy sentinel fills every field it does not call public with a marker and looks for it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, String, Table, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.models.base import Base, one_of, utcnow
from registry.models.organisations import Organisation
from registry.models.reference import LocalAuthority

FORMATS = ("in_person", "video", "phone")
DECLARATION_KINDS = ("employment", "conflict")


def _mediators_and(name: str, column: str, target: str) -> Table:
    """A many-to-many table of mediators and rows of ``target``. Search filters by the other side
    first (the mediators serving LA x): the reverse index makes that an index scan."""
    return Table(
        name,
        Base.metadata,
        Column("mediator_id", ForeignKey("mediators.id", ondelete="CASCADE"), primary_key=True),
        Column(column, ForeignKey(f"{target}.id"), primary_key=True),
        Index(f"ix_{name}_{column}_mediator_id", column, "mediator_id"),
    )


mediator_areas = _mediators_and("mediator_areas", "local_authority_id", "local_authorities")
mediator_providers = _mediators_and("mediator_providers", "organisation_id", "organisations")


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
    # They work by video or phone (their formats) and take cases from anywhere in England: search
    # lists them for every local authority, after the local mediators (registry.domain.search).
    takes_cases_anywhere: Mapped[bool] = mapped_column(default=False, server_default=false(), index=True)

    # PRIVATE: never on a public page, export or API response
    home_address: Mapped[str | None] = mapped_column(Text)
    private_email: Mapped[str | None] = mapped_column(String(254))
    private_phone: Mapped[str | None] = mapped_column(String(40))

    # The day they left the public register at their request, their accreditation having ended
    # (registry.domain.mediators.remove_from_register); None while they are on it.
    left_register_on: Mapped[date | None]

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
    __table_args__ = (one_of("code", FORMATS),)

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
        one_of("kind", DECLARATION_KINDS),
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
