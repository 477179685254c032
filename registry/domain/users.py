"""People and their roles, and whether they may sign in at all."""

from __future__ import annotations

from sqlalchemy import select

from registry.domain import audit, notifications
from registry.domain.accounts.links import void_links
from registry.domain.accounts.sessions import end_all_sessions
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


def revoke_role(assignment: RoleAssignment, actor: User | None = None) -> None:
    """Take one role away; Refused for an admin's own admin role and for a person's last role
    (deactivate them instead), so the register always keeps an admin and nobody is left roleless."""
    user = assignment.user
    if actor is not None and assignment.role == "admin" and user.id == actor.id:
        raise Refused("role", "You cannot remove your own admin role. Ask another administrator")
    if len(user.roles) == 1:
        raise Refused("role", f"This is {user.name}’s only role. Give them another first, or deactivate them")
    user.roles.remove(assignment)
    db.session.flush()
    audit.record(
        actor, "role.revoked", "user", user.id, role=assignment.role, organisation_id=assignment.organisation_id
    )


def deactivate_user(user: User, actor: User | None = None) -> int:
    """Stop ``user`` signing in: every session of theirs ends, their unused links stop working and
    unsent account emails are dropped. Returns how many sessions ended; an admin cannot deactivate
    themselves."""
    if actor is not None and user.id == actor.id:
        raise Refused("person", "You cannot deactivate your own account. Ask another administrator")
    if not user.active:
        return 0
    user.active = False
    ended = end_all_sessions(user, "deactivated")
    void_links(user)
    notifications.cancel_account_messages(user)
    db.session.flush()
    audit.record(actor, "user.deactivated", "user", user.id, sessions_ended=ended)
    return ended


def reactivate_user(user: User, actor: User | None = None) -> None:
    """Let ``user`` sign in again with the password they had (or a new invitation, if they had none)."""
    if user.active:
        return
    user.active = True
    db.session.flush()
    audit.record(actor, "user.reactivated", "user", user.id)
