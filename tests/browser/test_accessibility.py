"""The foundation pages in a real browser: axe-core finds no WCAG 2.2 AA failures, the home page
fits a 320px screen, and signing in works with JavaScript switched off."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from registry.domain.users import find_user_by_email, grant_role
from tests.browser.helpers import Person, axe_check, create_person, sign_in

pytestmark = pytest.mark.browser

WORKSPACES = {
    "admin": ("/workspace/admin", "Register administration"),
    "oversight": ("/workspace/oversight", "Oversight workspace"),
    "registrar": ("/workspace/registrar", "Registrar workspace"),
    "trainer": ("/workspace/trainer", "Training provider workspace"),
    "provider": ("/workspace/provider", "Mediation provider workspace"),
    "la_officer": ("/workspace/local-authority", "Local authority workspace"),
    "mediator": ("/workspace/mediator", "Mediator workspace"),
    "standards_group": ("/workspace/consultations", "Standards working group"),
}


@pytest.mark.parametrize("path", ["/", "/sign-in", "/sign-out", "/no-such-page"])
def test_public_pages_pass_axe(page: Page, path: str) -> None:
    page.goto(path)
    expect(page.locator("h1")).to_have_count(1)
    axe_check(page)


def test_standards_pages_pass_axe(page: Page) -> None:
    page.goto("/standards")
    axe_check(page)
    versions = page.locator("main a[href^='/standards/']").evaluate_all("links => links.map(link => link.pathname)")
    paths = sorted({p for p in versions if re.fullmatch(r"/standards/[a-z-]+/[0-9][^/]*", p)})
    assert paths, "the standards index links to no version"
    for path in paths:
        page.goto(path)
        expect(page.locator("h1")).to_have_count(1)
        axe_check(page)


def test_sign_in_errors_pass_axe_and_take_focus(page: Page) -> None:
    page.goto("/sign-in")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()  # GOV.UK Frontend's JavaScript ran
    expect(page).to_have_title(re.compile(r"^Error: "))
    axe_check(page)


@pytest.mark.parametrize("role", WORKSPACES)
def test_each_workspace_passes_axe(page: Page, person, role: str) -> None:
    someone = person(role)
    sign_in(page, someone.email, someone.password)
    path, heading = WORKSPACES[role]
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    if someone.organisation_name:
        expect(page.locator("main")).to_contain_text(someone.organisation_name)
    axe_check(page)


def test_home_page_fits_a_320px_screen(new_context) -> None:
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    page.goto("/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    axe_check(page)  # reflow: still no violations at this width


def test_sign_in_without_javascript_reaches_the_workspace(new_context, person) -> None:
    someone = person("registrar")
    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, someone.email, someone.password)
    expect(page).to_have_url(re.compile(r"/workspace/registrar$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Registrar workspace")

    page.get_by_role("link", name="Sign out").first.click()
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_a_wrong_password_does_not_say_which_detail_was_wrong(page: Page, person) -> None:
    someone = person("mediator")
    messages = []
    for email, password in ((someone.email, "not the password"), ("nobody@browser.test", someone.password)):
        sign_in(page, email, password)
        expect(page).to_have_url(re.compile(r"/sign-in$"))
        summary = page.locator(".govuk-error-summary")
        expect(summary).to_be_visible()
        messages.append(summary.inner_text())
    assert messages[0] == messages[1]
    assert "Enter a correct email address and password" in messages[0]
    for giveaway in ("not registered", "no account", "wrong password", "incorrect password", "unknown"):
        assert giveaway not in messages[0].lower()


def _registrar_who_also_mediates() -> Person:
    someone = create_person("registrar")
    grant_role(find_user_by_email(someone.email), "mediator", None)
    return someone


def test_someone_with_two_roles_can_move_between_workspaces(page: Page, seed) -> None:
    someone = seed(_registrar_who_also_mediates)
    sign_in(page, someone.email, someone.password)
    workspaces = page.get_by_role("navigation", name="Your workspaces")
    expect(workspaces.get_by_role("link", name="Registrar")).to_have_attribute("aria-current", "page")
    axe_check(page)
    workspaces.get_by_role("link", name="Mediator").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mediator workspace")


def test_the_admin_pages_pass_axe_with_and_without_errors(page: Page, person) -> None:
    someone = person("admin")
    sign_in(page, someone.email, someone.password)
    for path in (
        "/workspace/admin/people", "/workspace/admin/organisations", "/workspace/admin/sign-ins",
        "/workspace/admin/audit-trail",
    ):  # fmt: skip
        page.goto(path)
        expect(page.locator("h1")).to_have_count(1)
        axe_check(page)
    page.goto("/workspace/admin/people")
    page.get_by_role("button", name="Invite the person").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the person’s full name")
    axe_check(page)
    page.get_by_label("Full name").fill("Axe Person")
    page.get_by_label("Email address").fill("axe.person@example.org")
    page.get_by_label("Register administrator").check()
    page.get_by_role("button", name="Invite the person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pass this invitation on to Axe Person")
    axe_check(page)
    page.get_by_role("link", name="Axe Person’s page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Axe Person")
    axe_check(page)
