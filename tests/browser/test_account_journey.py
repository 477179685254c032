"""The whole life of a staff account in a real browser: invited, choosing a password, setting up
the second factor, signing in with it, changing the password, and being deactivated."""

from __future__ import annotations

import re
import uuid

import pyotp
from playwright.sync_api import expect

from registry.extensions import db
from registry.models import Organisation
from tests.browser.helpers import axe_check, sign_in

FIRST_PASSWORD = "my own first passphrase here"
SECOND_PASSWORD = "a different passphrase later"


def _accrediting_body() -> str:
    token = uuid.uuid4().hex[:8]
    body = Organisation(kind="accrediting_body", name=f"Journey body {token}", slug=f"journey-{token}")
    db.session.add(body)
    db.session.flush()
    return body.name


def test_invite_set_up_sign_in_change_password_and_deactivate(new_context, person, seed) -> None:
    admin_person = person("admin")
    body_name = seed(_accrediting_body)
    email = f"newcomer-{uuid.uuid4().hex[:8]}@browser.test"

    # The admin invites a registrar; without SMTP the link is shown once.
    admin = new_context().new_page()
    sign_in(admin, admin_person.email, admin_person.password)
    admin.goto("/workspace/admin/people")
    admin.get_by_label("Full name").fill("Newcomer Registrar")
    admin.get_by_label("Email address").fill(email)
    admin.get_by_label("Registrar of an accrediting body").check()
    admin.get_by_label("Organisation they act for").select_option(label=f"{body_name} (accrediting body)")
    admin.get_by_role("button", name="Invite the person").click()
    link = admin.locator("#invitation-link").inner_text()
    assert "/account/invitation/" in link

    # The newcomer chooses a password from the link, which then stops working.
    newcomer = new_context().new_page()
    newcomer.goto("/" + link.split("/", 3)[3])
    newcomer.get_by_label("Password", exact=True).fill(FIRST_PASSWORD)
    newcomer.get_by_label("Confirm password").fill(FIRST_PASSWORD)
    newcomer.get_by_role("button", name="Save your password").click()
    expect(newcomer).to_have_url(re.compile(r"/sign-in$"))
    response = newcomer.goto("/" + link.split("/", 3)[3])
    assert response is not None and response.status == 404

    # First sign-in: a registrar must set up the second factor before getting in.
    sign_in(newcomer, email, FIRST_PASSWORD)
    expect(newcomer).to_have_url(re.compile(r"/sign-in/set-up-code$"))
    axe_check(newcomer)
    secret = newcomer.locator("#totp-secret").inner_text().strip()
    newcomer.get_by_label("Code from your app").fill(pyotp.TOTP(secret).now())
    newcomer.get_by_role("button", name="Turn on the second factor").click()
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    assert newcomer.locator("#recovery-codes li").count() == 10
    axe_check(newcomer)
    newcomer.get_by_role("link", name="Continue").click()
    expect(newcomer).to_have_url(re.compile(r"/workspace/registrar$"))

    # Sign out, then in again with the password and a code.
    newcomer.goto("/sign-out")
    newcomer.get_by_role("button", name="Sign out").click()
    sign_in(newcomer, email, FIRST_PASSWORD, secret=secret)
    expect(newcomer).to_have_url(re.compile(r"/workspace/registrar$"))

    # Change the password; the old one no longer works.
    newcomer.goto("/account")
    axe_check(newcomer)
    newcomer.get_by_role("link", name="Change your password").click()
    newcomer.get_by_label("Current password").fill(FIRST_PASSWORD)
    newcomer.get_by_label("New password", exact=True).fill(SECOND_PASSWORD)
    newcomer.get_by_label("Confirm new password").fill(SECOND_PASSWORD)
    newcomer.get_by_role("button", name="Change password").click()
    expect(newcomer.locator(".govuk-notification-banner")).to_contain_text("Your password has been changed")
    other = new_context().new_page()
    sign_in(other, email, FIRST_PASSWORD, secret=secret)
    expect(other.locator(".govuk-error-summary")).to_contain_text("Enter a correct email address and password")
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Your account")

    # The admin deactivates them: their open session is gone on the next request.
    admin.goto("/workspace/admin/people")
    admin.get_by_role("link", name="Newcomer Registrar").click()
    admin.get_by_role("button", name="Deactivate Newcomer Registrar").click()
    expect(admin.locator("main")).to_contain_text("Deactivated")
    newcomer.goto("/workspace/registrar")
    expect(newcomer).to_have_url(re.compile(r"/sign-in"))
    sign_in(newcomer, email, SECOND_PASSWORD, secret=secret)
    expect(newcomer.locator(".govuk-error-summary")).to_be_visible()
