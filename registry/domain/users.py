"""People and their roles."""

from __future__ import annotations

from sqlalchemy import select

from registry.domain import audit
from registry.domain.errors import DomainError, Refused
from registry.extensions import db
from registry.models import Organisation, RoleAssignment, User
from registry.models.base import utcnow
from registry.models.users import ORGANISATION_ROLES, ROLES


def find_user_by_email(email: str) -> User | None:
    return db.session.scalars(select(User).where(User.email == email.strip().lower())).first()


def record_sign_in(user: User) -> None:
    user.last_signed_in_at = utcnow()
    db.session.flush()


def create_user(email: str, name: str, password_hash: str, actor: User | None = None) -> User:
    email = email.strip().lower()
    if find_user_by_email(email) is not None:
        raise Refused("email", f"There is already an account for {email}")
    user = User(email=email, name=name.strip(), password_hash=password_hash)
    db.session.add(user)
    db.session.flush()
    audit.record(actor, "user.created", "user", user.id, email=email)
    return user


def grant_role(user: User, role: str, organisation: Organisation | None, actor: User | None = None) -> RoleAssignment:
    if role not in ROLES:
        raise DomainError(f"There is no role called {role}")
    needed_kind = ORGANISATION_ROLES.get(role)
    if needed_kind is None and organisation is not None:
        raise DomainError(f"The {role} role is not held for an organisation")
    if needed_kind is not None and (organisation is None or organisation.kind != needed_kind):
        raise DomainError(f"The {role} role must be held for an organisation of kind {needed_kind}")
    for existing in user.roles:
        if existing.role == role and existing.organisation_id == (organisation.id if organisation else None):
            return existing
    assignment = RoleAssignment(role=role, organisation=organisation)
    user.roles.append(assignment)
    db.session.flush()
    audit.record(
        actor, "role.granted", "user", user.id, role=role, organisation_id=organisation.id if organisation else None
    )
    return assignment
