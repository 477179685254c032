"""The public website and the LA workspace in a real browser: axe-core finds no WCAG 2.0/2.1/2.2
A or AA violation on any of their pages (in their empty, full and error states), the search and
profile pages fit a 320px screen, and the local authority typeahead works from the keyboard."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from registry.domain import clock
from tests.browser.helpers import axe_check, sign_in
from tests.browser.site_data import (
    RUTLAND,
    failing_webhook,
    give_mediator_record,
    register_mediator,
    stored_check_receipt,
    watch,
)

pytestmark = pytest.mark.browser

LEEDS = "E08000035"
CAMBRIDGESHIRE = "E10000003"


def _fits(page: Page, width: int = 320) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} is {scroll_width}px wide at a {width}px screen"


@pytest.mark.parametrize(
    "path",
    [
        "/mediators",
        f"/mediators?local_authority={RUTLAND}&status=any",
        "/mediators?q=nobody-is-called-this&language=cy",
        "/mediators?local_authority=E99999999",
        "/check",
        "/routes-to-resolve",
        "/what-is-send-mediation",
        "/accessibility",
        "/privacy",
        "/concerns/new",
        "/verify",
        "/guidance",
    ],
)
def test_public_pages_pass_axe(page: Page, seed: Callable[..., Any], path: str) -> None:
    seed(register_mediator, "Axe")
    seed(register_mediator, "Axe", status="suspended")
    page.goto(path)
    expect(page.locator("h1")).to_have_count(1)
    axe_check(page)


def test_forms_with_errors_pass_axe(page: Page) -> None:
    page.goto("/check")
    page.get_by_role("button", name="Check numbers").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    axe_check(page)
    page.goto("/concerns/new")
    page.get_by_role("button", name="Send your concern").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    axe_check(page)


def test_check_results_and_a_raised_concern_pass_axe(page: Page, seed: Callable[..., Any]) -> None:
    listed = seed(register_mediator, "Checked")
    page.goto("/check")
    page.get_by_label("Registration numbers").fill(f"{listed.registration_number}\nSM-000001-0\nSM-123456-2")
    page.get_by_role("button", name="Check numbers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Results of your check")
    expect(page.locator("#check-results")).to_contain_text("it looks mistyped")
    axe_check(page)

    page.goto(f"/concerns/new?mediator={listed.registration_number}")
    page.get_by_label("Describe your concern").fill("They arrived an hour late and left early.")
    page.get_by_role("button", name="Send your concern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Concern received")
    expect(page.locator("#concern-reference")).to_have_text(re.compile(r"^CN-[0-9A-Z]{4}-[0-9A-Z]{4}$"))
    axe_check(page)


def test_verifying_a_credential_passes_axe_and_fits_a_phone(page: Page, seed: Callable[..., Any]) -> None:
    listed = seed(register_mediator, "Credentialled")
    token = page.request.get(f"/api/v1/mediators/{listed.registration_number}/credential").text()
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/verify")
    page.get_by_role("button", name="Check it").click()  # nothing pasted
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    axe_check(page)
    for pasted, heading in ((token, "Genuine and current"), (token[:-4] + "AAAA", "Not signed by the register")):
        page.goto("/verify")
        page.get_by_label("Paste the credential or receipt").fill(pasted)
        page.get_by_role("button", name="Check it").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        axe_check(page)
        _fits(page)


def test_the_mediators_credential_section_passes_axe(page: Page, person, seed: Callable[..., Any]) -> None:
    mediator = person("mediator")
    seed(give_mediator_record, mediator.email)
    sign_in(page, mediator.email, mediator.password)
    page.goto("/workspace/mediator/your-data")
    expect(page.get_by_role("link", name="Download your credential")).to_be_visible()
    axe_check(page)


def test_la_workspace_pages_pass_axe(page: Page, person, seed: Callable[..., Any]) -> None:
    officer = person("la_officer")
    listed = seed(register_mediator, "Watched")
    seed(watch, officer.email, listed.registration_number)
    sign_in(page, officer.email, officer.password)
    page.goto("/check")
    page.get_by_label("Registration numbers").fill(listed.registration_number)
    page.get_by_role("button", name="Check numbers").click()
    expect(page).to_have_url(re.compile(r"/workspace/local-authority/checks/[0-9a-f]+$"))
    expect(page.locator("#download-receipt")).to_be_visible()  # the signed receipt (issue 18, item 5)
    axe_check(page)
    for path in ("watchlist", "changes", "checks", "notifications"):
        page.goto(f"/workspace/local-authority/{path}")
        expect(page.locator("h1")).to_have_count(1)
        axe_check(page)
    page.goto("/workspace/local-authority")
    axe_check(page)
    page.goto("/workspace/local-authority/watchlist")
    page.get_by_role("button", name="Add to watchlist").click()  # nothing entered
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(page)


def test_a_pasted_check_receipt_is_explained_and_passes_axe_at_320px(
    new_context, person, seed: Callable[..., Any]
) -> None:
    officer = person("la_officer")
    listed = seed(register_mediator, "Receipted")
    receipt = seed(stored_check_receipt, officer.email, listed.registration_number)
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    page.goto("/verify")
    page.get_by_label("Paste the credential or receipt").fill(receipt)
    page.get_by_role("button", name="Check it").click()
    expect(page.get_by_text("genuine check receipt", exact=False).first).to_be_visible()
    expect(page.get_by_text(listed.registration_number, exact=False).first).to_be_visible()
    _fits(page)
    axe_check(page)


def test_registrar_concerns_list_passes_axe(page: Page, person, seed: Callable[..., Any]) -> None:
    registrar = person("registrar")
    listed = seed(register_mediator, "Concerning", body_name=registrar.organisation_name)
    page.goto(f"/concerns/new?mediator={listed.registration_number}")
    page.get_by_label("Describe your concern").fill("Shared private details about our case with others.")
    page.get_by_role("button", name="Send your concern").click()
    sign_in(page, registrar.email, registrar.password)
    page.goto("/workspace/registrar/concerns")
    expect(page.locator("#concerns")).to_contain_text(listed.name)
    axe_check(page)


def test_the_search_page_fits_a_320px_screen(new_context, seed: Callable[..., Any]) -> None:
    seed(register_mediator, "Narrow", areas=(RUTLAND, LEEDS, "E08000036", "E08000034", "E06000014", "E06000010"))
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    for path in ("/mediators", f"/mediators?local_authority={RUTLAND}", "/mediators?local_authority=E99999999"):
        page.goto(path)
        _fits(page)
    page.goto(f"/mediators?local_authority={RUTLAND}")
    expect(page.locator("#results")).to_be_visible()
    axe_check(page)


@pytest.mark.parametrize("viewport", [{"width": 320, "height": 640}, {"width": 1280, "height": 900}])
def test_the_where_box_finds_mediators_by_postcode(new_context, seed: Callable[..., Any], viewport) -> None:
    """A postcode typed in the one "where" box (no script needed): the county's mediators, what it was
    understood as, and, for a place with several LAs, a link searching each; axe finds nothing."""
    listed = seed(register_mediator, "Whereabouts", areas=(CAMBRIDGESHIRE,))
    page = new_context(viewport=viewport).new_page()
    page.goto("/mediators")
    page.get_by_label("Where the child or young person lives").fill("cb2 1tn")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#where-understood")).to_have_text("Showing mediators for Cambridgeshire (CB2 1TN).")
    expect(page.get_by_role("link", name=listed.name)).to_be_visible()
    expect(page.locator("#place-data-attribution")).to_contain_text("Open Government Licence")
    _fits(page, viewport["width"])
    axe_check(page)
    page.get_by_label("Where the child or young person lives").fill("Newport")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="Which local authority?")).to_be_visible()
    _fits(page, viewport["width"])
    axe_check(page)
    page.get_by_role("link", name="Newport, Isle of Wight").click()
    expect(page.locator("#results-count")).to_be_visible()
    expect(page.get_by_label("Where the child or young person lives")).to_have_value("Isle of Wight")
    page.get_by_label("Where the child or young person lives").fill("CF10 3NQ")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("CF10 3NQ is in Wales")
    axe_check(page)


def test_the_profile_passes_axe_fits_a_320px_screen_and_prints_cleanly(
    new_context, person, seed: Callable[..., Any]
) -> None:
    listed = seed(register_mediator, "Profiled", areas=(RUTLAND, LEEDS, "E08000036", "E06000014"))
    path = f"/mediators/{listed.registration_number}"
    narrow = new_context(viewport={"width": 320, "height": 640}).new_page()
    narrow.goto(path)
    expect(narrow.get_by_role("heading", level=1)).to_have_text(listed.name)
    _fits(narrow)
    axe_check(narrow)
    # As recorded on a day (issue 18, item 6): from the page's own date boxes, then a date that is not one.
    today = clock.today()
    narrow.get_by_label("Day").fill(str(today.day))
    narrow.get_by_label("Month").fill(str(today.month))
    narrow.get_by_label("Year").fill(str(today.year))
    narrow.get_by_role("button", name="Show the entry on that date").click()
    expect(narrow.locator("#recorded-as-at")).to_contain_text("As recorded on")
    _fits(narrow)
    axe_check(narrow)
    narrow.goto(f"{path}?recorded_as_at=2026-02-30")
    expect(narrow.locator(".govuk-error-summary")).to_contain_text("Enter a real date")
    _fits(narrow)
    axe_check(narrow)

    officer = person("la_officer")
    page = new_context().new_page()
    sign_in(page, officer.email, officer.password)
    page.goto(path)
    watch_button = page.get_by_role("button", name="Add to your local authority’s watchlist")
    expect(watch_button).to_be_visible()
    axe_check(page)

    page.emulate_media(media="print")
    for hidden in (".govuk-service-navigation", ".govuk-footer", ".register-header__account", ".govuk-phase-banner"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(watch_button).to_be_hidden()
    expect(page.get_by_role("link", name="Raise a concern about this mediator")).to_be_hidden()
    expect(page.locator("img.register-qr")).to_be_visible()
    expect(page.locator("#verification-link")).to_be_visible()
    expect(page.locator("#status")).to_be_visible()


def test_the_webhook_pages_pass_axe_and_fit_a_320px_screen(new_context, person, seed: Callable[..., Any]) -> None:
    officer = person("la_officer")
    listed = seed(register_mediator, "Hooked")
    url = seed(failing_webhook, officer.email, listed.registration_number)
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    sign_in(page, officer.email, officer.password)
    page.goto("/workspace/local-authority/api-keys")
    page.get_by_role("link", name="webhooks").click()
    expect(page.locator("#webhooks")).to_contain_text("Paused after repeated failures")
    axe_check(page)
    _fits(page)

    page.get_by_role("link", name=url).click()
    expect(page.locator("#paused-notice")).to_be_visible()
    expect(page.locator("#deliveries")).to_contain_text("HTTP 500")
    axe_check(page)
    _fits(page)

    page.goto("/workspace/local-authority/api-keys/webhooks")
    page.get_by_label("Endpoint address").fill("http://10.0.0.1/in")
    page.get_by_role("button", name="Add the webhook").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose which changes to send")
    axe_check(page)
    _fits(page)

    page.get_by_label("Endpoint address").fill("https://webhooks.example.org/in")
    page.get_by_label("Changes to every mediator who covers your local authority").check()
    page.get_by_label("API key").select_option(index=1)
    page.get_by_role("button", name="Add the webhook").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your new webhook’s signing secret")
    expect(page.get_by_label("Signing secret")).to_have_value(re.compile(r"^whsec_"))
    axe_check(page)
    _fits(page)
