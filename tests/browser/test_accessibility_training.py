"""The training pages in a real browser: axe-core finds no WCAG 2.x A or AA violation on the public
list and programme pages, the trainer's pages or the registrar's, in their full and error states;
the public pages fit a 320px screen; and a trainer submits a programme with JavaScript off."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from registry.domain import training
from registry.domain.users import find_user_by_email
from registry.extensions import db
from registry.models import Organisation
from tests.browser.helpers import axe_check, create_person, sign_in
from tests.fixtures.factories import MediatorFactory
from tests.training.conftest import content

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Catalogue:
    trainer_email: str
    registrar_email: str
    accredited: str
    submitted: str
    cpd: str


def _catalogue() -> Catalogue:
    trainer_person, registrar_person = create_person("trainer"), create_person("registrar")
    trainer, registrar = find_user_by_email(trainer_person.email), find_user_by_email(registrar_person.email)
    provider: Organisation = trainer.roles[0].organisation
    body: Organisation = registrar.roles[0].organisation
    accredited = training.submit_programme(provider, trainer, "foundation", content("foundation")).programme
    training.accredit(accredited, registrar, body, conditions="Add a session on reasonable adjustments.")
    cpd = training.submit_programme(provider, trainer, "cpd_course", content("cpd_course")).programme
    training.accredit(cpd, registrar, body)
    mediator = MediatorFactory()
    db.session.flush()
    training.record_completion(accredited, trainer, mediator.registration_number, date.today())
    submitted = training.submit_programme(
        provider, trainer, "foundation", content("foundation", practical_hours=Decimal(12), title="Short foundation")
    ).programme
    return Catalogue(trainer.email, registrar.email, accredited.reference, submitted.reference, cpd.reference)


@pytest.fixture
def catalogue(seed: Callable[..., Any]) -> Catalogue:
    return seed(_catalogue)


def _visit(page: Page, path: str) -> None:
    page.goto(path)
    expect(page.locator("h1")).to_have_count(1)
    axe_check(page)


def test_public_pages_pass_axe_and_fit_a_small_screen(new_context, catalogue: Catalogue) -> None:
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    for path in ("/training", "/training?status=any&level=foundation", "/training?level=masterclass",
                 f"/training/{catalogue.accredited}", f"/training/{catalogue.cpd}"):  # fmt: skip
        _visit(page, path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path


def test_trainer_pages_pass_axe(page: Page, catalogue: Catalogue) -> None:
    sign_in(page, catalogue.trainer_email)
    for path in (
        "/workspace/trainer",
        "/workspace/trainer/programmes",
        "/workspace/trainer/programmes/new",
        f"/workspace/trainer/programmes/{catalogue.submitted}",
        f"/workspace/trainer/programmes/{catalogue.accredited}",  # with its credential to download
        f"/workspace/trainer/programmes/{catalogue.accredited}/new-version",
        f"/workspace/trainer/programmes/{catalogue.accredited}/completions",
        f"/workspace/trainer/programmes/{catalogue.accredited}/completions/upload",
    ):
        _visit(page, path)
    page.goto("/workspace/trainer/programmes/new")
    page.get_by_role("button", name="Submit for accreditation").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error: "))
    axe_check(page)
    page.goto(f"/workspace/trainer/programmes/{catalogue.accredited}/completions")
    page.get_by_label("Mediator's registration number").fill("SM-000001-0")
    today = date.today()
    for label, value in (("Day", today.day), ("Month", today.month), ("Year", today.year)):
        page.get_by_label(label, exact=True).fill(str(value))
    page.get_by_role("button", name="Record completion").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("looks mistyped")
    axe_check(page)


def test_registrar_pages_pass_axe(page: Page, catalogue: Catalogue) -> None:
    sign_in(page, catalogue.registrar_email)
    for path in (
        "/workspace/registrar/programmes",
        "/workspace/registrar/programmes?status=all",
        f"/workspace/registrar/programmes/{catalogue.submitted}",
        f"/workspace/registrar/programmes/{catalogue.submitted}/refuse",
        f"/workspace/registrar/programmes/{catalogue.accredited}/suspend",
    ):
        _visit(page, path)
    page.goto(f"/workspace/registrar/programmes/{catalogue.submitted}/accredit")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("this one has 12")
    axe_check(page)


def test_a_trainer_submits_a_programme_without_javascript(new_context, catalogue: Catalogue) -> None:
    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, catalogue.trainer_email)
    page.goto("/workspace/trainer/programmes/new")
    page.get_by_label("SEND specialist training").check()
    page.get_by_label("Title").fill("SEND for civil mediators")
    page.get_by_label("Total hours").fill("12")
    page.get_by_label("Hours of practical role-play").fill("2")
    page.get_by_label("Online", exact=True).check()
    page.get_by_label("Written assessment").check()
    page.get_by_label("MS-1.1 The legal framework for SEND in England").check()
    page.get_by_role("button", name="Submit for accreditation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("SEND for civil mediators")
    expect(page.locator("#shortfalls")).to_contain_text("must cover 15 listed criteria")
