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

from tests.browser.helpers import axe_check, sign_in
from tests.browser.site_data import give_mediator_record, register_mediator

pytestmark = pytest.mark.browser


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
    rows = list(csv.DictReader(io.StringIO(open(download.path(), encoding="utf-8").read())))
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
