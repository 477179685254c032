"""The demo sign-ins of DESIGN §11, each with its one role. Found again by email on later runs."""

from __future__ import annotations

from collections.abc import Callable

from registry.domain.users import create_user, find_user_by_email, grant_role
from registry.models import Organisation, User
from registry.models.base import utcnow

MEDIATOR_EMAIL = "mediator@demo.test"
# email, name (None: the demo mediator's own name), role, organisation key
SIGN_INS: tuple[tuple[str, str | None, str, str | None], ...] = (
    ("admin@demo.test", "Morgan Ellis", "admin", None),
    ("oversight@demo.test", "Ruth Adeyemi", "oversight", "oversight"),
    ("registrar@demo.test", "Daniel Hughes", "registrar", "body1"),
    ("registrar2@demo.test", "Siân Roberts", "registrar", "body2"),
    ("trainer@demo.test", "Tom Gallagher", "trainer", "trainer1"),
    ("provider@demo.test", "Fatima Begum", "provider", "provider1"),
    (MEDIATOR_EMAIL, None, "mediator", None),
    ("la@demo.test", "Helen Walsh", "la_officer", "la"),
)
DEMO_EMAILS = tuple(email for email, *_ in SIGN_INS)
# More roles for a sign-in above: the oversight panel member is also on the standards working group
# (issue 21), so the demo's consultation can be read and answered.
MORE_ROLES: tuple[tuple[str, str], ...] = (("oversight@demo.test", "standards_group"),)


def ensure_sign_ins(
    organisations: dict[str, Organisation],
    mediator_name: str,
    password_hash: Callable[[], str],
    totp_secret: Callable[[], str],
    roles_needing_codes: frozenset[str],
) -> tuple[dict[str, User], int]:
    """The demo users by email, creating missing ones and missing roles; and how many users were created.

    ``password_hash`` is called at most once, and only when a user has to be created: argon2 is
    slow on purpose. Sign-ins whose role needs a second factor are enrolled with ``totp_secret()``.
    """
    users: dict[str, User] = {}
    created = 0
    hashed: str | None = None
    for email, name, role, organisation_key in SIGN_INS:
        user = find_user_by_email(email)
        if user is None:
            hashed = hashed or password_hash()
            user = create_user(email, name or mediator_name, hashed)
            created += 1
        grant_role(user, role, organisations[organisation_key] if organisation_key else None)
        if role in roles_needing_codes and user.totp_secret is None:
            user.totp_secret, user.totp_enrolled_at = totp_secret(), utcnow()
        users[email] = user
    for email, role in MORE_ROLES:
        grant_role(users[email], role, None)
    return users, created


def describe_sign_ins() -> list[tuple[str, str]]:
    """(email, what it signs in as) for printing."""
    from registry.demo.organisations import DEMO_ORGANISATIONS

    names = {spec.key: spec.name for spec in DEMO_ORGANISATIONS}
    return [
        (email, role + (f" for {names[key]}" if key else " (an accredited mediator)" if role == "mediator" else ""))
        for email, _name, role, key in SIGN_INS
    ]
