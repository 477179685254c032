"""The Content-Security-Policy in a real browser: the pages that run script (GOV.UK Frontend, the
find page's typeahead, the mediator's area filter) still work under it, nothing on them is blocked,
and axe still finds no violation. A blocked script or style is reported by Chromium both as a
``securitypolicyviolation`` event and in the console; either fails the test."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, expect

from tests.browser.helpers import axe_check, sign_in
from tests.browser.site_data import give_mediator_record, register_mediator

pytestmark = pytest.mark.browser

# Runs in every page before its own scripts (Playwright's init scripts are not subject to the CSP).
REPORT_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', event => {
  window.reportCspViolation(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} ` +
    `at ${event.sourceFile || event.documentURI}:${event.lineNumber}`)
})
"""


class Violations(list[str]):
    def assert_none(self, page: Page) -> None:
        assert not self, f"the Content-Security-Policy blocked something on {page.url}:\n" + "\n".join(self)


@pytest.fixture
def violations() -> Violations:
    return Violations()


@pytest.fixture
def watched(new_context: Callable[..., BrowserContext], violations: Violations) -> Page:
    """A page whose every CSP violation (event or console message) lands in ``violations``."""
    context = new_context()
    context.expose_function("reportCspViolation", lambda report: violations.append(report))
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            violations.append(f"console: {message.text}")

    page.on("console", on_console)
    return page


def _visit(page: Page, path: str) -> None:
    page.goto(path)
    page.wait_for_load_state("networkidle")  # module scripts have run (or been refused)
    expect(page.locator("h1")).to_have_count(1)
    body_classes = page.evaluate("Array.from(document.body.classList)")
    assert {"js-enabled", "govuk-frontend-supported"} <= set(body_classes), f"{path}: {body_classes}"


def test_public_pages_run_under_the_policy(watched: Page, violations: Violations, seed: Callable[..., Any]) -> None:
    listed = seed(register_mediator, "Policy")
    for path in ("/", f"/mediators/{listed.registration_number}", "/api/v1/docs", "/statistics", "/no-such-page"):
        _visit(watched, path)
        axe_check(watched)
        violations.assert_none(watched)


def test_the_where_box_works_under_the_policy(watched: Page, violations: Violations, seed: Callable[..., Any]) -> None:
    listed = seed(register_mediator, "Whereabouts")  # serves Rutland
    _visit(watched, "/mediators")
    watched.get_by_label("Where the child or young person lives").fill("LE15 6RB")  # Oakham
    # By name too: the live register keeps every browser test's mediators, and many serve Rutland.
    watched.get_by_label("Name or registration number").fill(listed.name)
    watched.get_by_role("button", name="Search").click()
    expect(watched.locator("#where-understood")).to_have_text("Showing mediators for Rutland (LE15 6RB).")
    axe_check(watched)
    expect(watched.get_by_role("link", name=listed.name)).to_be_visible()
    violations.assert_none(watched)


def test_workspace_pages_run_under_the_policy(watched: Page, violations: Violations, person) -> None:
    officer = person("la_officer")
    sign_in(watched, officer.email, officer.password)
    _visit(watched, "/workspace/local-authority")
    axe_check(watched)
    violations.assert_none(watched)


def test_the_mediators_area_filter_works_under_the_policy(
    watched: Page, violations: Violations, person, seed: Callable[..., Any]
) -> None:
    someone = person("mediator")
    seed(give_mediator_record, someone.email)
    sign_in(watched, someone.email, someone.password)
    _visit(watched, "/workspace/mediator/profile")
    search = watched.get_by_label("Find a local authority")
    expect(search).to_be_visible()  # the script showed it
    search.fill("rutland")
    rutland = watched.locator("[data-area-name='rutland']")
    expect(rutland).to_be_visible()  # its region opened
    expect(watched.locator("[data-area-name='leeds']")).to_be_hidden()
    axe_check(watched)
    violations.assert_none(watched)


def test_inline_script_is_blocked_and_reported(watched: Page, violations: Violations) -> None:
    """The check above can fail: an inline script added to a page does not run, and is reported."""
    _visit(watched, "/")
    watched.evaluate(
        """() => {
          const script = document.createElement('script')
          script.textContent = 'window.injected = true'
          document.head.append(script)
        }"""
    )
    assert watched.evaluate("window.injected === undefined")
    for _ in range(50):  # the report arrives asynchronously
        if any("script-src" in violation for violation in violations):
            return
        watched.wait_for_timeout(100)
    pytest.fail(f"no violation was reported for an inline script: {violations}")
