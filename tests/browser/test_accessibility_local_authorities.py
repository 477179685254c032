"""The local authority pages in a real browser, at 320px and at desktop width: the list, an LA's page
with its service, mediators and figures, email alerts (the form, its error, the pages its links lead
to) and the officer's service pages; axe finds nothing, nothing scrolls sideways, and asking for alerts
works without JavaScript (axe itself needs JavaScript, so that journey is a test of its own)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from registry.domain import area_alerts
from registry.domain.commissioned_services import ServiceInput, add_service
from registry.domain.local_authorities import find_local_authority
from registry.domain.tokens import new_token, token_hash
from registry.domain.users import find_user_by_email
from registry.extensions import db
from registry.models import AreaAlertSubscription
from tests.browser.helpers import axe_check, sign_in
from tests.browser.site_data import RUTLAND, register_mediator, token

pytestmark = pytest.mark.browser

VIEWPORTS = [{"width": 320, "height": 640}, {"width": 1280, "height": 900}]


def _fits(page: Page, width: int) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} is {scroll_width}px wide at a {width}px screen"


def _service_of(officer_email: str) -> str:
    """A service for the officer's LA, with long addresses (they must wrap at 320px). Returns its slug."""
    officer = find_user_by_email(officer_email)
    assert officer is not None
    organisation = officer.roles[0].organisation
    add_service(
        organisation,
        ServiceInput(
            provider_name=f"Browser Mediation {token()}",
            how_to_refer="Phone or email us and ask for mediation advice.\nHave your decision letter to hand.",
            since=date(2023, 4, 1),
            email="family-mediation-service-requests@a-long-provider-domain-name.example",
            phone="0114 496 0000",
            website="https://a-long-provider-domain-name.example/services/send-mediation/families",
            local_offer_url="https://local-offer.example/send/disagreement-resolution-and-mediation",
        ),
        officer,
    )
    return organisation.local_authority.slug


def _links(local_authority_code: str) -> dict[str, str]:
    """A pending subscription's confirmation link and a confirmed one's unsubscribe link."""
    la = find_local_authority(local_authority_code)
    confirm = new_token()
    pending = AreaAlertSubscription(
        local_authority=la,
        email=f"pending-{token()}@family.example",
        unsubscribe_nonce=token(),
        confirm_token_hash=token_hash(confirm),
    )
    confirmed = AreaAlertSubscription(
        local_authority=la, email=f"confirmed-{token()}@family.example", unsubscribe_nonce=token()
    )
    db.session.add_all([pending, confirmed])
    db.session.flush()
    area_alerts.confirm(confirmed)
    return {
        "confirm": f"/local-authorities/alerts/confirm/{confirm}",
        "unsubscribe": f"/local-authorities/alerts/unsubscribe/{area_alerts.unsubscribe_token(confirmed)}",
    }


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["320px", "desktop"])
def test_the_public_la_pages_pass_axe_and_fit(new_context, person, seed: Callable[..., Any], viewport) -> None:
    officer = person("la_officer")
    slug = seed(_service_of, officer.email)
    listed = seed(register_mediator, "Local", areas=(RUTLAND,))
    page = new_context(viewport=viewport).new_page()
    page.goto("/local-authorities")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mediation in your local authority")
    _fits(page, viewport["width"])
    axe_check(page)

    page.get_by_role("link", name="Rutland").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mediation in Rutland")
    expect(page.get_by_role("link", name=listed.name)).to_be_visible()
    _fits(page, viewport["width"])
    axe_check(page)

    page.goto(f"/local-authorities/{slug}")
    expect(page.locator(".govuk-summary-card")).to_contain_text("Browser Mediation")
    _fits(page, viewport["width"])
    axe_check(page)

    page.goto("/local-authorities/sheffield")
    _fits(page, viewport["width"])
    axe_check(page)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["320px", "desktop"])
def test_the_alert_pages_pass_axe_and_fit(new_context, seed, viewport) -> None:
    page = new_context(viewport=viewport).new_page()
    page.goto("/local-authorities/rutland")
    page.get_by_role("link", name="get an email").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Email alerts for Rutland")
    expect(page.get_by_label("Leave this empty")).to_be_hidden()  # the honeypot
    _fits(page, viewport["width"])
    axe_check(page)
    page.get_by_role("button", name="Send me alerts").click()  # nothing typed
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your email address")
    _fits(page, viewport["width"])
    axe_check(page)
    page.get_by_label("Email address").fill(f"browser-{token()}@family.example")
    page.get_by_role("button", name="Send me alerts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    axe_check(page)

    links = seed(_links, RUTLAND)
    page.goto(links["confirm"])
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm email alerts for Rutland")
    _fits(page, viewport["width"])
    axe_check(page)
    page.get_by_role("button", name="Confirm email alerts").click()
    expect(page.locator("#confirmed")).to_be_visible()
    _fits(page, viewport["width"])
    axe_check(page)
    page.goto(links["confirm"])
    expect(page.locator("#link-unusable")).to_be_visible()
    axe_check(page)

    page.goto(links["unsubscribe"])
    expect(page.get_by_role("heading", level=1)).to_have_text("Stop email alerts for Rutland")
    axe_check(page)
    page.get_by_role("button", name="Stop these emails").click()
    expect(page.locator("#unsubscribed")).to_be_visible()
    _fits(page, viewport["width"])
    axe_check(page)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["320px", "desktop"])
def test_the_officers_service_pages_pass_axe_and_fit(new_context, person, seed, viewport) -> None:
    officer = person("la_officer")
    page = new_context(viewport=viewport).new_page()
    sign_in(page, officer.email, officer.password)
    page.goto("/workspace/local-authority/services")
    expect(page.locator("#no-services")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Add a service").click()
    page.get_by_role("button", name="Save service").click()  # nothing entered
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    _fits(page, viewport["width"])
    axe_check(page)
    page.get_by_label("Name of the mediation service").fill("Browser Family Mediation")
    page.get_by_label("Email address (optional)").fill("mediation@browser.example")
    page.get_by_label("How to ask for mediation").fill("Email us.")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("4")
    page.get_by_label("Year").fill("2023")
    page.get_by_role("button", name="Save service").click()
    expect(page.locator("#services")).to_contain_text("Browser Family Mediation")
    _fits(page, viewport["width"])
    axe_check(page)
    page.get_by_role("link", name="Browser Family Mediation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Browser Family Mediation")
    _fits(page, viewport["width"])
    axe_check(page)


def test_asking_for_and_confirming_alerts_works_without_javascript(new_context, seed) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/local-authorities/rutland")
    page.get_by_role("link", name="get an email").click()
    page.get_by_label("Email address").fill("not an address")
    page.get_by_role("button", name="Send me alerts").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter an email address like name@example.com")
    page.get_by_label("Email address").fill(f"no-script-{token()}@family.example")
    page.get_by_role("button", name="Send me alerts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    links = seed(_links, RUTLAND)
    page.goto(links["confirm"])
    page.get_by_role("button", name="Confirm email alerts").click()
    expect(page.locator("#confirmed")).to_be_visible()
    page.goto(links["unsubscribe"])
    page.get_by_role("button", name="Stop these emails").click()
    expect(page.locator("#unsubscribed")).to_be_visible()
