"""The accreditation pages in a real browser: axe-core finds no WCAG 2.x A or AA violation on the
registrar's queue, application, record and decision pages, the mediator's pages and the public
profile, in their normal and error states; the profile fits a 320px screen; and a registrar can
suspend with JavaScript switched off."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from registry.domain import accreditation as lifecycle
from registry.domain.accreditation.standards_access import criterion_codes
from registry.domain.users import find_user_by_email
from registry.extensions import db
from tests.accreditation.conftest import DECLARATIONS
from tests.browser.helpers import axe_check, create_person, sign_in
from tests.fixtures.factories import MediatorFactory

pytestmark = pytest.mark.browser
SLUGS = ("accredit", "refuse", "renew", "conditions", "suspend", "reinstate", "withdraw", "resign")


@dataclass(frozen=True)
class Cases:
    registrar_email: str
    mediator_email: str
    applied: int
    accredited: int
    suspended: int
    accredited_number: str
    suspended_number: str


def _cases() -> Cases:
    registrar_person, mediator_person = create_person("registrar"), create_person("mediator")
    registrar, mediator_user = find_user_by_email(registrar_person.email), find_user_by_email(mediator_person.email)
    body = registrar.roles[0].organisation
    own = MediatorFactory(user_id=mediator_user.id)
    others = [MediatorFactory() for _ in range(2)]
    db.session.flush()
    everyone = []
    for mediator in (own, *others):
        accreditation = lifecycle.apply(mediator, body, None, DECLARATIONS)
        everyone.append(accreditation)
    codes = criterion_codes("1.0")
    for accreditation in everyone[1:]:
        lifecycle.record_assessment(accreditation, registrar, [lifecycle.OutcomeInput(c, "met") for c in codes])
        lifecycle.accredit(accreditation, registrar, public_note="Accredited after assessment")
    lifecycle.record_assessment(everyone[0], registrar, [lifecycle.OutcomeInput(codes[0], "not_met", "Weak")])
    lifecycle.change_conditions(everyone[1], registrar, conditions="Co-mediates with a senior mediator until June")
    lifecycle.suspend(everyone[2], registrar, reason="Complaint", public_note="Suspended while a complaint is reviewed")
    return Cases(
        registrar.email,
        mediator_user.email,
        everyone[0].id,
        everyone[1].id,
        everyone[2].id,
        others[0].registration_number,
        others[1].registration_number,
    )


@pytest.fixture
def cases(seed: Callable[..., Any]) -> Cases:
    return seed(_cases)


def _visit(page: Page, path: str) -> None:
    page.goto(path)
    expect(page.locator("h1")).to_have_count(1)
    axe_check(page)


def test_registrar_pages_pass_axe(page: Page, cases: Cases) -> None:
    sign_in(page, cases.registrar_email)
    _visit(page, "/workspace/registrar/applications")
    _visit(page, "/workspace/registrar/applications?status=&age=over-6-weeks")
    _visit(page, f"/workspace/registrar/applications/{cases.applied}")
    _visit(page, f"/workspace/registrar/accreditations/{cases.accredited}")
    _visit(page, f"/workspace/registrar/accreditations/{cases.suspended}")
    for slug in SLUGS:
        _visit(page, f"/workspace/registrar/accreditations/{cases.accredited}/{slug}")


def test_registrar_error_states_pass_axe(page: Page, cases: Cases) -> None:
    sign_in(page, cases.registrar_email)
    page.goto(f"/workspace/registrar/accreditations/{cases.accredited}/suspend")
    page.get_by_role("button", name="Suspend").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    axe_check(page)
    page.goto(f"/workspace/registrar/accreditations/{cases.accredited}/reinstate")
    page.get_by_label("I confirm that this accreditation is reinstated").check()
    page.get_by_role("button", name="Reinstate").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("You cannot reinstate")
    axe_check(page)
    page.goto(f"/workspace/registrar/applications/{cases.applied}")
    page.get_by_label("Notes on MS-1.2").fill("A note without an outcome")
    page.get_by_role("button", name="Save outcomes").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose met or not met for MS-1.2")
    axe_check(page)


def test_mediator_pages_pass_axe(page: Page, cases: Cases) -> None:
    sign_in(page, cases.mediator_email)
    _visit(page, "/workspace/mediator/accreditation")
    _visit(page, "/workspace/mediator/accreditation/apply")
    page.get_by_role("button", name="Send application").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(page)


@pytest.mark.parametrize("which", ["accredited", "suspended"])
def test_public_profiles_pass_axe_and_fit_a_small_screen(new_context, cases: Cases, which: str) -> None:
    number = cases.accredited_number if which == "accredited" else cases.suspended_number
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    _visit(page, f"/mediators/{number}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    _visit(page, "/mediators/SM-000001-0")  # mistyped
    expect(page.locator("h1")).to_have_text("Check the registration number")


def test_a_registrar_suspends_without_javascript(new_context, cases: Cases) -> None:
    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, cases.registrar_email)
    page.goto(f"/workspace/registrar/accreditations/{cases.accredited}")
    page.get_by_role("button", name="Suspend").click()  # a link styled (and announced) as a button
    page.get_by_label("Reason for suspending").fill("Concern raised by a parent")
    page.get_by_label("Note for the public register").fill("Suspended while a concern is looked into")
    page.get_by_label("I confirm that this mediator is suspended").check()
    page.get_by_role("button", name="Suspend").click()
    expect(page.locator("#status")).to_have_text("Suspended")
    expect(page.locator("main")).to_contain_text("Concern raised by a parent")
