"""People who sign in, and the roles they hold, each scoped to an organisation."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.models.base import Base, one_of, utcnow
from registry.models.organisations import Organisation

ROLES = ("admin", "oversight", "registrar", "trainer", "provider", "la_officer", "mediator", "standards_group")
# Held for the register as a whole, not for an organisation (``mediator``: for their own record).
UNSCOPED_ROLES = ("admin", "mediator", "standards_group")

# Roles that act for an organisation. ``admin`` and ``standards_group`` (the working group that
# consults on the standards, issue 21) are register-wide; ``mediator`` acts for the person's own
# Mediator record (Mediator.user_id), not for an organisation.
ORGANISATION_ROLES = {
    "oversight": "oversight_body",
    "registrar": "accrediting_body",
    "trainer": "training_provider",
    "provider": "mediation_provider",
    "la_officer": "local_authority",
}


class User(Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint("email = lower(email)", name="email_lower_case"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_signed_in_at: Mapped[datetime | None]
    # The second factor (RFC 6238 TOTP): the base32 secret once enrolment is confirmed, and the
    # last 30-second step a code was accepted for, so a code cannot be used twice.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_enrolled_at: Mapped[datetime | None]
    totp_last_step: Mapped[int | None]
    password_changed_at: Mapped[datetime | None]

    roles: Mapped[list[RoleAssignment]] = relationship(
        back_populates="user", lazy="selectin", cascade="all, delete-orphan"
    )

    # Flask-Login's user protocol, written out rather than inherited from UserMixin so the
    # model has no Flask import.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return str(self.id)

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class RoleAssignment(Base):
    __tablename__ = "role_assignments"
    __table_args__ = (
        one_of("role", ROLES),
        CheckConstraint(
            f"(role IN ({', '.join(repr(r) for r in UNSCOPED_ROLES)})) = (organisation_id IS NULL)",
            name="organisation_scope_matches_role",
        ),
        UniqueConstraint("user_id", "role", "organisation_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(back_populates="roles")
    organisation: Mapped[Organisation | None] = relationship(lazy="joined")

    def __repr__(self) -> str:
        return f"<RoleAssignment {self.role} org={self.organisation_id}>"
