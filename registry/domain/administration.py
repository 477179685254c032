"""The register operator's work: organisations, the people who sign in (their roles and whether
they may sign in), the record of sign-in attempts, and reading the audit trail.

Shared by the admin workspace pages and ``flask --app registry users create``/``invite``. Adding a
person gives them one role; a mediator also gets their register entry and a registration number
(they then fill in their profile and apply for accreditation). Every change is audited by the
operations it calls.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from registry.domain import audit
from registry.domain.accounts import attempts, links
from registry.domain.errors import Refused
from registry.domain.local_authorities import find_local_authority
from registry.domain.mediators import register_mediator
from registry.domain.paging import Page, paginate
from registry.domain.users import create_user, grant_role
from registry.extensions import db
from registry.models import AccountLink, AuditEvent, Mediator, Organisation, RoleAssignment, SignInAttempt, User
from registry.models.accounts import SIGN_IN_OUTCOMES
from registry.models.base import utcnow
from registry.models.organisations import ORGANISATION_KINDS
from registry.models.users import ORGANISATION_ROLES, ROLES

PAGE_SIZE = 50
RECENT_ATTEMPTS = 10
# Every subject_type passed to audit.record (a test walks the code to keep this list complete).
AUDITED_SUBJECTS = (
    "accreditation", "api_key", "audit_sample", "audit_sample_member", "bulk_check", "commissioned_service",
    "concern", "consultation", "consultation_response", "demo_data", "independence_declaration", "log_entry",
    "mediator", "organisation", "outcome_return", "oversight_review", "panel_membership", "review_action",
    "signing_key", "standards", "training_programme", "user", "webhook_subscription",
)  # fmt: skip
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


# People


def add_person(
    email: str, name: str, role: str, organisation_id: int | None, password_hash: str, actor: User | None = None
) -> User:
    """A new sign-in with one role; Refused naming the answer to correct. Nothing is saved on refusal."""
    email, name = (email or "").strip().lower(), " ".join((name or "").split())
    if not EMAIL.match(email):
        raise Refused("email", "Enter an email address in the correct format, like name@example.org")
    if not name:
        raise Refused("name", "Enter the person’s full name")
    organisation = _organisation_for(role, organisation_id)
    user = create_user(email, name, password_hash, actor)
    _give(user, role, organisation, actor)
    return user


def _organisation_for(role: str, organisation_id: int | None) -> Organisation | None:
    """The organisation a role is held for, checked against the role; Refused naming the answer."""
    if role not in ROLES:
        raise Refused("role", "Select the person’s role")
    organisation = db.session.get(Organisation, organisation_id) if organisation_id else None
    needed_kind = ORGANISATION_ROLES.get(role)
    if needed_kind is None and organisation is not None:
        raise Refused("organisation_id", f"A person with the {role} role does not act for an organisation")
    if needed_kind is not None and (organisation is None or organisation.kind != needed_kind):
        raise Refused("organisation_id", f"Select the {needed_kind.replace('_', ' ')} this person acts for")
    return organisation


def _give(user: User, role: str, organisation: Organisation | None, actor: User | None) -> None:
    grant_role(user, role, organisation, actor)
    if role != "mediator" or db.session.scalar(select(Mediator.id).where(Mediator.user_id == user.id)) is not None:
        return
    given, _, family = user.name.partition(" ")
    register_mediator(user, given, family or given, actor)


def give_role(user: User, role: str, organisation_id: int | None, actor: User | None = None) -> None:
    """One more role for an existing person (a mediator role also gives them a register entry, if
    they have none); Refused when the role and organisation do not fit or they already hold it."""
    organisation = _organisation_for(role, organisation_id)
    scope = organisation.id if organisation is not None else None
    if any(held.role == role and held.organisation_id == scope for held in user.roles):
        raise Refused("role", f"{user.name} already has that role")
    _give(user, role, organisation, actor)


def find_person(person_id: int) -> User | None:
    return db.session.get(User, person_id)


def role_of(user: User, assignment_id: int) -> RoleAssignment | None:
    return next((held for held in user.roles if held.id == assignment_id), None)


@dataclass(frozen=True)
class PersonRecord:
    """What an admin sees of one person besides their roles."""

    user: User
    has_password: bool  # False until they have used an invitation
    invitation: AccountLink | None  # their newest invitation link, used or not
    second_factor_on: bool
    recent_attempts: list[SignInAttempt]

    @property
    def link_open(self) -> bool:
        """Whether their newest invitation link still works."""
        link = self.invitation
        return link is not None and link.used_at is None and link.expires_at > utcnow()


def person_record(user: User) -> PersonRecord:
    return PersonRecord(
        user=user,
        has_password=links.has_chosen_password(user),
        invitation=links.latest_link(user, "invitation"),
        second_factor_on=user.totp_enrolled_at is not None,
        recent_attempts=attempts.recent_attempts_of(user, limit=RECENT_ATTEMPTS),
    )


def people(search: str = "", page: int = 1) -> Page[User]:
    """Everyone who can sign in, by name, with their roles; ``search`` matches part of a name or email."""
    query = select(User)
    search = (search or "").strip().lower()
    if search:
        query = query.where(
            or_(
                func.lower(User.name).contains(search, autoescape=True),
                User.email.contains(search, autoescape=True),
            )
        )
    return paginate(
        query.options(selectinload(User.roles).selectinload(RoleAssignment.organisation)).order_by(User.name, User.id),
        page,
    )


# Organisations


def _slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:70] or "organisation"


def add_organisation(
    kind: str, name: str, local_authority_code: str | None = None, actor: User | None = None
) -> Organisation:
    """A new organisation on the register; a local authority's is named after, and tied to, the LA."""
    if kind not in ORGANISATION_KINDS:
        raise Refused("kind", "Select what kind of organisation it is")
    local_authority = None
    if kind == "local_authority":
        local_authority = find_local_authority(local_authority_code or "")
        if local_authority is None:
            raise Refused("local_authority", "Select the local authority")
        taken = select(Organisation.id).where(Organisation.local_authority_id == local_authority.id)
        if db.session.scalar(taken) is not None:
            raise Refused("local_authority", f"{local_authority.name} is already on the register")
        name = local_authority.name
    name = _checked_name(name, kind)
    slug, number = _slug(name), 1
    while db.session.scalar(select(Organisation.id).where(Organisation.slug == slug)) is not None:
        number += 1
        slug = f"{_slug(name)}-{number}"
    organisation = Organisation(slug=slug, name=name, kind=kind, local_authority=local_authority)
    db.session.add(organisation)
    db.session.flush()
    audit.record(actor, "organisation.added", "organisation", organisation.id, kind=kind, name=name, slug=slug)
    return organisation


def _checked_name(name: str, kind: str, organisation_id: int | None = None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise Refused("name", "Enter the organisation’s name")
    if len(name) > 200:
        raise Refused("name", "The name must be 200 characters or fewer")
    same_name = select(Organisation.id).where(func.lower(Organisation.name) == name.lower(), Organisation.kind == kind)
    if organisation_id is not None:
        same_name = same_name.where(Organisation.id != organisation_id)
    if db.session.scalar(same_name) is not None:
        raise Refused("name", f"There is already a {kind.replace('_', ' ')} called {name}")
    return name


def find_organisation(organisation_id: int) -> Organisation | None:
    return db.session.get(Organisation, organisation_id)


def rename_organisation(organisation: Organisation, name: str, actor: User | None = None) -> None:
    """A new name; its short name (slug) stays, since addresses and commands use it. A local
    authority keeps the authority's own name."""
    if organisation.local_authority_id is not None:
        raise Refused("name", "A local authority’s organisation has the authority’s own name")
    before, name = organisation.name, _checked_name(name, organisation.kind, organisation.id)
    if name == before:
        return
    organisation.name = name
    db.session.flush()
    audit.record(actor, "organisation.renamed", "organisation", organisation.id, name=name, previous_name=before)


@dataclass(frozen=True)
class OrganisationRow:
    organisation: Organisation
    people: int


def organisations_by_kind() -> dict[str, list[OrganisationRow]]:
    """Every organisation with how many people act for it, grouped by kind in ORGANISATION_KINDS order."""
    counts = dict(
        db.session.execute(
            select(RoleAssignment.organisation_id, func.count(func.distinct(RoleAssignment.user_id)))
            .where(RoleAssignment.organisation_id.is_not(None))
            .group_by(RoleAssignment.organisation_id)
        ).all()
    )
    grouped: dict[str, list[OrganisationRow]] = {kind: [] for kind in ORGANISATION_KINDS}
    for organisation in db.session.scalars(select(Organisation).order_by(Organisation.name)):
        grouped[organisation.kind].append(OrganisationRow(organisation, counts.get(organisation.id, 0)))
    return grouped


def organisation_choices() -> Sequence[Organisation]:
    return db.session.scalars(select(Organisation).order_by(Organisation.kind, Organisation.name)).all()


# Sign-in attempts


def sign_in_attempts(email: str = "", outcome: str = "", page: int = 1) -> Page[SignInAttempt]:
    """Every attempt to sign in, newest first; ``email`` (the address typed, in any case) and
    ``outcome`` narrow it, and are ignored when empty."""
    query = select(SignInAttempt)
    email = (email or "").strip().lower()
    if email:
        query = query.where(SignInAttempt.email == email)
    if outcome in SIGN_IN_OUTCOMES:
        query = query.where(SignInAttempt.outcome == outcome)
    return paginate(query.order_by(SignInAttempt.occurred_at.desc(), SignInAttempt.id.desc()), page)


# The audit trail


@dataclass(frozen=True)
class AuditPage:
    events: list[AuditEvent]
    actors: dict[int, User]  # who did what, by id (an event with no actor was done by the system)
    next_before: int | None  # the cursor for older events, or None when these are the oldest


def audit_trail(before: int | None = None, subject_type: str = "") -> AuditPage:
    """The newest audit events (before the sequence ``before``), optionally of one subject type.

    Read by sequence from an index (``subject_type, sequence`` for one type), so a page is as fast at
    millions of events as at ten."""
    query = select(AuditEvent)
    if before is not None:
        query = query.where(AuditEvent.sequence < before)
    if subject_type:
        query = query.where(AuditEvent.subject_type == subject_type)
    rows = db.session.scalars(query.order_by(AuditEvent.sequence.desc()).limit(PAGE_SIZE + 1)).all()
    events = list(rows[:PAGE_SIZE])
    actor_ids = {event.actor_id for event in events if event.actor_id is not None}
    actors = {user.id: user for user in db.session.scalars(select(User).where(User.id.in_(actor_ids)))}
    return AuditPage(events, actors, events[-1].sequence if len(rows) > PAGE_SIZE else None)


def audit_subject_types() -> list[str]:
    """The kinds of thing the trail records, for its filter (from the code, not a scan of the table)."""
    return list(AUDITED_SUBJECTS)
