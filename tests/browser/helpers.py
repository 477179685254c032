"""Helpers for browser tests: accessibility checks with axe-core, signing in, seeding people."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from flask import Flask, current_app
from playwright.sync_api import Page
from sqlalchemy import select

from registry.auth.login import hash_password
from registry.config import PROJECT_ROOT
from registry.domain.users import create_user, grant_role
from registry.extensions import db
from registry.models import LocalAuthority, Organisation
from registry.models.base import utcnow
from registry.models.users import ORGANISATION_ROLES
from tests.fixtures.totp import TEST_TOTP_SECRET, next_code_for

AXE_PATH = PROJECT_ROOT / "registry" / "static" / "axe" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PASSWORD = "a long browser test password"


def axe_check(page: Page) -> None:
    """Run axe-core on the page as it stands; fail listing every WCAG 2.x A/AA violation."""
    assert AXE_PATH.is_file(), f"{AXE_PATH} is missing: run `make assets` (or .venv/bin/python -m registry.assets)"
    # From the register's own static files: the Content-Security-Policy blocks inline script,
    # which is what add_script_tag(path=...) would add.
    if not page.evaluate("typeof axe !== 'undefined'"):  # not already added by the context's init script
        page.add_script_tag(url="/static/axe/axe.min.js")
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    violations = results["violations"]
    assert not violations, f"axe found {len(violations)} violation(s) on {page.url}:\n" + describe(violations)


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} — {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(node['target'])}: {node['html'][:200]}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    return "\n".join(lines)


def sign_in(
    page: Page, email: str, password: str = PASSWORD, secret: str = TEST_TOTP_SECRET, app: Flask | None = None
) -> None:
    """Sign in through the real form, typing a fresh second-factor code when asked for one; leaves
    the page wherever the register sends the person. ``app``: the served app, when not the shared one."""
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if page.url.split("?")[0].endswith("/sign-in/code"):
        page.get_by_label("Code").fill(_fresh_code(email, secret, app))
        page.get_by_role("button", name="Continue").click()
        page.wait_for_load_state()


def _fresh_code(email: str, secret: str, app: Flask | None = None) -> str:
    """A code the live register has not yet accepted for this person (it refuses replays)."""
    from tests.browser.conftest import _SHARED

    with (app or _SHARED["live_app"]).app_context():
        try:
            return next_code_for(email, secret)
        finally:
            db.session.remove()


@dataclass(frozen=True)
class Person:
    email: str
    password: str
    name: str
    organisation_name: str | None


def create_person(role: str, password: str = PASSWORD) -> Person:
    """A new person holding ``role`` (with a new organisation of the right kind). Call through ``seed``."""
    organisation = _new_organisation(ORGANISATION_ROLES[role]) if role in ORGANISATION_ROLES else None
    token = uuid.uuid4().hex[:10]
    user = create_user(
        f"{role}-{token}@browser.test", f"Test {role.replace('_', ' ')} {token}", hash_password(password)
    )
    grant_role(user, role, organisation)
    if role in current_app.config["REQUIRE_2FA_ROLES"]:
        user.totp_secret, user.totp_enrolled_at = TEST_TOTP_SECRET, utcnow()
    return Person(user.email, password, user.name, organisation.name if organisation else None)


def _new_organisation(kind: str) -> Organisation:
    token = uuid.uuid4().hex[:10]
    if kind == "local_authority":
        taken = select(Organisation.local_authority_id).where(Organisation.local_authority_id.is_not(None))
        la = db.session.scalars(
            select(LocalAuthority).where(LocalAuthority.id.not_in(taken)).order_by(LocalAuthority.id).limit(1)
        ).one()
        organisation = Organisation(kind=kind, name=la.name, slug=f"la-{token}", local_authority=la)
    else:
        organisation = Organisation(kind=kind, name=f"Browser test {kind.replace('_', ' ')} {token}", slug=token)
    db.session.add(organisation)
    db.session.flush()
    return organisation
