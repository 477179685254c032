"""Mediation providers in a real browser: the provider's journeys (its public page, a mediator who
confirms, the LA that confirms, a return, a concern) and an oversight review of a provider, as the
people involved take them; axe-core finds no WCAG 2.2 AA failure on any of their pages (forms with
errors too), and the provider's pages fit a 320px screen without JavaScript."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from registry.domain.users import find_user_by_email
from tests.browser.helpers import Person, axe_check, sign_in
from tests.browser.site_data import give_mediator_record

pytestmark = pytest.mark.browser


def _organisation(email: str) -> tuple[str, str, str]:
    """(name, slug, the LA's page slug or "") of the organisation the person acts for."""
    user = find_user_by_email(email)
    assert user is not None
    organisation = user.roles[0].organisation
    la = organisation.local_authority
    return organisation.name, organisation.slug, la.slug if la else ""


def _fill_date(page: Page, name: str, day: str, month: str, year: str) -> None:
    boxes = page.locator(f'input[name="{name}"]')
    for index, value in enumerate((day, month, year)):
        boxes.nth(index).fill(value)


def _nav(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Mediation provider workspace").get_by_role("link", name=name).click()


def _checked(page: Page, path: str) -> None:
    page.goto(path)
    expect(page.locator("h1")).to_have_count(1)
    axe_check(page)


def test_a_provider_keeps_its_page_panel_and_las_and_oversight_reviews_it(
    new_context, person: Callable[[str], Person], seed: Callable[..., Any]
) -> None:
    staff, mediator, officer, panel_member = (
        person(role) for role in ("provider", "mediator", "la_officer", "oversight")
    )
    provider_name, provider_slug, _ = seed(_organisation, staff.email)
    la_name, _, la_slug = seed(_organisation, officer.email)
    listed = seed(give_mediator_record, mediator.email, "Panel")

    # The provider writes its public page, asks the mediator, and tells the register an LA commissions it.
    desk = new_context().new_page()
    sign_in(desk, staff.email, staff.password)
    desk.get_by_role("link", name="Your public page").click()
    desk.get_by_label("Email address").fill("not an email")
    desk.get_by_role("button", name="Save your page").click()
    expect(desk.locator(".govuk-error-summary")).to_contain_text("Enter an email address like mediation@example.org")
    axe_check(desk)
    desk.get_by_label("About your service (optional)").fill("Mediation advice and SEND mediation across the Dales.")
    desk.get_by_label("Email address").fill("hello@dales-mediation.example")
    desk.get_by_role("button", name="Save your page").click()
    expect(desk.locator(".govuk-notification-banner")).to_contain_text("Your public page is saved")

    _nav(desk, "Mediators")
    desk.get_by_label("Mediator’s registration number").fill(listed.registration_number)
    desk.get_by_role("button", name="Ask the mediator").click()
    expect(desk.locator("#panel")).to_contain_text("Waiting for the mediator")
    axe_check(desk)

    _nav(desk, "Local authorities")
    desk.get_by_role("link", name="Add a local authority").click()
    desk.get_by_label("Local authority", exact=True).select_option(label=la_name)
    desk.get_by_label("How to ask for mediation").fill("Phone us and ask for mediation advice.")
    _fill_date(desk, "since", "1", "4", "2024")
    desk.get_by_role("button", name="Send to the local authority to confirm").click()
    expect(desk.locator("#services")).to_contain_text("Waiting for the local authority")

    # The mediator confirms; the LA confirms; both links are then public.
    own = new_context().new_page()
    sign_in(own, mediator.email, mediator.password)
    own.get_by_role("link", name="Mediation providers").click()
    expect(own.locator("#providers")).to_contain_text("Asks you to confirm")
    axe_check(own)
    own.get_by_role("button", name=re.compile(r"^Confirm")).click()
    expect(own.locator("#providers")).to_contain_text("On your public entry")

    la_desk = new_context().new_page()
    sign_in(la_desk, officer.email, officer.password)
    la_desk.goto("/workspace/local-authority/services")
    expect(la_desk.locator("#waiting-list")).to_contain_text(provider_name)
    axe_check(la_desk)
    la_desk.get_by_role("button", name=re.compile(r"^Confirm")).click()
    expect(la_desk.locator("#services")).to_contain_text(provider_name)

    family = new_context().new_page()
    family.goto(f"/local-authorities/{la_slug}")
    family.get_by_role("link", name=provider_name).click()
    expect(family.get_by_role("heading", level=1)).to_have_text(provider_name)
    expect(family.locator("#mediator-list")).to_contain_text(listed.name)
    expect(family.locator("#local-authority-list")).to_contain_text(la_name)
    expect(family.locator("#contact")).to_contain_text("hello@dales-mediation.example")
    axe_check(family)
    family.get_by_role("link", name=listed.name).click()
    expect(family.locator("main")).to_contain_text(provider_name)

    # The provider sends a quarter's return.
    _nav(desk, "Outcome returns")
    desk.get_by_role("link", name="Send a return").click()
    desk.get_by_label("Local authority", exact=True).select_option(label=la_name)
    desk.get_by_label("Year").fill("2025")
    desk.get_by_label("January to March").check()
    desk.locator('input[name="advice_contacts"]').fill("4")
    for field in desk.locator("form input.govuk-input").all():  # every other figure: none this quarter
        if not field.input_value():
            field.fill("0")
    desk.get_by_role("button", name="Send the return").click()
    expect(desk.locator(".govuk-notification-banner")).to_contain_text("Return saved")

    # A family raises a concern about the provider from its page; oversight advises; the provider follows it.
    family.goto(f"/providers/{provider_slug}")
    family.get_by_role("link", name="Raise a concern about this provider").click()
    expect(family.get_by_label("Mediation provider", exact=True)).to_have_value(re.compile(r"\d+"))
    family.get_by_label("Describe your concern").fill("Nobody called us back for six weeks.")
    family.get_by_role("button", name="Send your concern").click()
    reference = family.locator("#concern-reference").inner_text()

    panel = new_context().new_page()
    sign_in(panel, panel_member.email, panel_member.password)
    panel.goto(f"/workspace/oversight/concerns/{reference}")
    panel.get_by_label("Yes, investigate it").check()
    panel.get_by_role("button", name="Save triage").click()
    panel.get_by_role("link", name="Record the outcome").click()
    expect(panel.locator("main")).not_to_contain_text("Advice to the mediator")
    panel.get_by_label("Advice to the provider").check()
    panel.get_by_label("Reasons for the outcome").fill("Call-back times were too long.")
    panel.get_by_label("Message to the person who raised it (optional)").fill("We advised the provider.")
    panel.get_by_role("button", name="Record the outcome").click()
    expect(panel.locator("main")).to_contain_text("Advice to the provider")
    family.goto(f"/concerns/{reference}")
    expect(family.locator("#outcome")).to_contain_text("the oversight panel gave the provider advice")

    _nav(desk, "Concerns")
    expect(desk.locator("#concerns")).to_contain_text(reference)
    expect(desk.locator("#concerns")).not_to_contain_text("six weeks")
    axe_check(desk)

    # Oversight reviews the provider: findings against the provider criteria, an action, publication.
    panel.goto("/workspace/oversight/reviews/new")
    panel.get_by_label("A mediation provider").check()
    panel.get_by_label("Mediation provider", exact=True).select_option(label=provider_name)
    panel.get_by_label("Annual review").check()
    panel.get_by_label("Title").fill(f"Annual review of {provider_name}")
    _fill_date(panel, "period_start", "1", "1", "2025")
    _fill_date(panel, "period_end", "31", "12", "2025")
    panel.get_by_role("button", name="Plan the review").click()
    expect(panel.locator("main")).to_contain_text(f"Mediation provider: {provider_name}")
    axe_check(panel)
    review_path = panel.url.split("?")[0].removeprefix(panel.url.split("/workspace")[0])
    reference_of_review = review_path.rsplit("/", 1)[-1]
    for number in range(1, 7):
        panel.goto(f"{review_path}/findings/OP-{number}")
        panel.get_by_label("Met", exact=True).check()
        panel.get_by_role("button", name="Save finding").click()
    panel.goto(f"{review_path}/publish")
    panel.get_by_label("Summary for the public").fill(f"{provider_name} arranges mediation independently.")
    panel.get_by_role("button", name="Publish the review").click()

    family.goto(f"/providers/{provider_slug}")
    expect(family.locator("#review-list")).to_contain_text(f"Annual review of {provider_name}")
    desk.goto("/workspace/actions")
    expect(desk.locator("#reviews")).to_contain_text(f"Annual review of {provider_name}")
    assert reference_of_review.startswith("OR-")


def test_provider_pages_pass_axe_and_fit_320px_without_javascript(
    new_context, person: Callable[[str], Person], seed: Callable[..., Any]
) -> None:
    staff = person("provider")
    _, provider_slug, _ = seed(_organisation, staff.email)
    page = new_context().new_page()
    sign_in(page, staff.email, staff.password)
    for path in (
        "/workspace/provider",
        "/workspace/provider/page",
        "/workspace/provider/mediators",
        "/workspace/provider/local-authorities",
        "/workspace/provider/local-authorities/new",
        "/workspace/provider/concerns",
        "/providers",
        f"/providers/{provider_slug}",
    ):
        _checked(page, path)
    page.goto("/workspace/provider/local-authorities/new")
    page.get_by_role("button", name="Send to the local authority to confirm").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(page)
    page.goto("/workspace/provider/mediators")
    page.get_by_role("button", name="Ask the mediator").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the mediator’s registration number")
    axe_check(page)

    narrow = new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False).new_page()
    sign_in(narrow, staff.email, staff.password)
    for path in ("/workspace/provider/mediators", "/workspace/provider/page", f"/providers/{provider_slug}"):
        narrow.goto(path)
        assert narrow.evaluate("document.documentElement.scrollWidth") <= 320, path
