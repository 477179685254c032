"""Whole journeys through the register in a real browser, as the people who use it would take them."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from registry.domain.credentials import receipts
from tests.browser.helpers import axe_check, sign_in
from tests.browser.site_data import RUTLAND, give_mediator_record, register_mediator, watch

pytestmark = pytest.mark.browser


@pytest.fixture
def public_base_url(live_app, live_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Profiles link to PUBLIC_BASE_URL; point it at the live server for the length of a test."""
    monkeypatch.setitem(live_app.config, "PUBLIC_BASE_URL", live_url)
    return live_url


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_a_family_finds_a_mediator_by_area_and_specialism_and_checks_the_verification_link(
    new_context, seed: Callable[..., Any], public_base_url: str, javascript: bool
) -> None:
    listed = seed(register_mediator, "Aaliyah", areas=(RUTLAND,), specialisms=("youth_justice", "autism"))
    seed(register_mediator, "Aaron", areas=(RUTLAND,), specialisms=("early_years",))  # another specialism
    page = new_context(java_script_enabled=javascript, viewport={"width": 375, "height": 740}).new_page()
    page.goto("/")
    page.get_by_role("button", name="Find a mediator").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a SEND mediator")

    page.get_by_label("Where the child or young person lives").fill("Rutland")  # the same plain box either way
    page.get_by_label("Experience of").select_option(label="Children and young people in youth custody")
    page.get_by_role("button", name="Search").click()

    expect(page).to_have_url(re.compile(r"where=Rutland.*specialism=youth_justice"))
    expect(page.locator("#where-understood")).to_have_text("Showing mediators for Rutland.")
    results = page.locator("#results")
    expect(results).to_contain_text(listed.name)
    expect(results).not_to_contain_text("Aaron ")
    expect(results.locator(".register-result").filter(has_text=listed.name)).to_contain_text("Accredited until")
    page.get_by_role("link", name=listed.name).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(listed.name)
    expect(page.locator("#status")).to_contain_text("Accredited until")
    link = page.locator("#verification-link")
    expect(link).to_have_text(f"{public_base_url}/mediators/{listed.registration_number}")
    expect(page.locator("img.register-qr")).to_be_visible()
    link.click()
    expect(page).to_have_url(f"{public_base_url}/mediators/{listed.registration_number}")
    expect(page.get_by_role("heading", level=1)).to_have_text(listed.name)
    if javascript:
        axe_check(page)


def test_a_registrar_suspends_a_mediator_and_the_profile_and_watching_la_say_so(
    new_context, person, seed: Callable[..., Any]
) -> None:
    registrar = person("registrar")
    officer = person("la_officer")
    listed = seed(register_mediator, "Suspendable", body_name=registrar.organisation_name)
    seed(watch, officer.email, listed.registration_number)
    page = new_context().new_page()
    sign_in(page, registrar.email, registrar.password)
    page.goto(f"/mediators/{listed.registration_number}")
    expect(page.locator("#status")).to_contain_text("Accredited until")

    page.goto("/workspace/registrar/applications?status=accredited")
    page.get_by_role("link", name=listed.name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(listed.name)
    page.get_by_role("button", name="Suspend").click()
    page.get_by_label("Reason for suspending").fill("PRIVATE: a complaint is being investigated")
    page.get_by_label("Note for the public register").fill("Suspended while a complaint is looked into.")
    page.get_by_label(re.compile("I confirm that this mediator is suspended")).check()
    page.get_by_role("button", name="Suspend").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Accreditation suspended")

    page.get_by_role("link", name=f"/mediators/{listed.registration_number}").click()
    expect(page.locator("#status")).to_contain_text("Suspended since")
    expect(page.locator("#status")).to_contain_text("must not take on SEND mediations")
    expect(page.locator("main")).to_contain_text("Suspended while a complaint is looked into.")
    expect(page.locator("main")).not_to_contain_text("PRIVATE")
    public = new_context().new_page()  # someone who is not signed in sees the same
    public.goto(f"/mediators/{listed.registration_number}")
    expect(public.locator("#status")).to_contain_text("Suspended since")

    la = new_context().new_page()
    sign_in(la, officer.email, officer.password)
    la.goto("/workspace/local-authority/notifications")
    expect(la.locator("#notifications")).to_contain_text(f"Accreditation suspended: {listed.name}")
    expect(la.locator("#notifications")).to_contain_text("Waiting to be emailed")
    la.goto("/workspace/local-authority/changes")
    expect(la.locator("#changes")).to_contain_text("Suspended while a complaint is looked into.")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_an_la_officer_checks_a_panel_downloads_the_results_and_watches_a_mediator(
    new_context, person, seed: Callable[..., Any], javascript: bool
) -> None:
    officer = person("la_officer")
    accredited = seed(register_mediator, "Panel")
    suspended = seed(register_mediator, "Paused", status="suspended")
    page = new_context(java_script_enabled=javascript, accept_downloads=True).new_page()
    sign_in(page, officer.email, officer.password)

    page.get_by_role("link", name="Check registration numbers").click()
    panel = "\n".join(
        [
            "name,registration_number",
            f"Panel,{accredited.registration_number}",
            f"Paused,{suspended.registration_number}",
            "Typo,SM-000001-0",
        ]
    )
    page.get_by_label("Or upload a CSV file").set_input_files(
        files=[{"name": "panel.csv", "mimeType": "text/csv", "buffer": panel.encode()}]
    )
    page.get_by_role("button", name="Check numbers").click()

    expect(page).to_have_url(re.compile(r"/workspace/local-authority/checks/[0-9a-f]+$"))
    results = page.locator("#check-results")
    expect(results).to_contain_text(accredited.name)
    expect(results).to_contain_text("Suspended")
    expect(results).to_contain_text("it looks mistyped")
    expect(page.locator("#check-summary")).to_contain_text("3 numbers checked")

    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download the results (CSV)").click()
    download = downloading.value
    data = open(download.path(), "rb").read()
    # The file ends with the register's detached signature over every byte above it (issue 18, item 5).
    assert receipts.csv_signature_holds(data, page.request.get("/.well-known/jwks.json").json())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8").rpartition("#signature,")[0])))
    assert [(r["registration_number"], r["outcome"]) for r in rows] == [
        (accredited.registration_number, "accredited"),
        (suspended.registration_number, "suspended"),
        ("", "invalid_number"),
    ]
    assert download.suggested_filename.endswith(".csv")

    page.get_by_role("button", name=re.compile(rf"^Add to watchlist\s*: {accredited.name}$")).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"{accredited.name} is on your watchlist")
    page.get_by_role("navigation", name="Local authority workspace").get_by_role("link", name="Watchlist").click()
    expect(page.locator("#watchlist")).to_contain_text(accredited.name)
    expect(page.locator("#watchlist")).to_contain_text(accredited.registration_number)
    page.get_by_role("navigation", name="Local authority workspace").get_by_role("link", name="Past checks").click()
    expect(page.locator("#past-checks")).to_contain_text("this website")
    if javascript:
        axe_check(page)


def test_a_mediator_adds_a_log_entry_and_sees_their_compliance_progress(page: Page, person, seed) -> None:
    mediator = person("mediator")
    seed(give_mediator_record, mediator.email)
    sign_in(page, mediator.email, mediator.password)
    page.get_by_role("main").get_by_role("link", name="Compliance").click()
    workspace = page.get_by_role("navigation", name="Mediator workspace")
    cpd = page.locator("#requirement-CPD-1")
    expect(cpd).to_contain_text("0 of 10 hours")

    workspace.get_by_role("link", name="Log").click()
    page.get_by_role("link", name=re.compile("Add an entry")).first.click()
    page.get_by_role("radio", name=re.compile("^CPD")).check()
    page.get_by_role("button", name="Continue").click()
    yesterday = date.today() - timedelta(days=1)
    page.get_by_label("Day").fill(str(yesterday.day))
    page.get_by_label("Month").fill(str(yesterday.month))
    page.get_by_label("Year").fill(str(yesterday.year))
    page.get_by_label("Hours").fill("6.5")
    page.get_by_label("Category").select_option(label="SEND law, policy and practice")
    page.get_by_label("Title").fill("Annual SEND law update")
    page.get_by_role("button", name="Save entry").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The entry has been added to your log")
    expect(page.locator("main")).to_contain_text("Annual SEND law update")

    workspace.get_by_role("link", name="Compliance").click()
    expect(cpd).to_contain_text("6.5 of 10 hours")
    expect(page.locator("#requirement-CPD-2")).to_contain_text("Met")
    axe_check(page)
