"""Issue 17, items 3, 4 and 6 in a real browser, at 320px and at desktop width: a search for an LA
lists a remote mediator after the local one, marks a mediator who declared employment by that LA,
shows a suspended mediator's status and the date it began without sideways scrolling, and axe finds
nothing on the results or the profile read for the LA."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from registry.domain.accreditation import suspend
from registry.domain.local_authorities import find_local_authority
from registry.extensions import db
from registry.models import Accreditation, IndependenceDeclaration, Mediator
from tests.browser.helpers import axe_check
from tests.browser.site_data import Listed, register_mediator
from tests.fixtures.factories import UserFactory

pytestmark = pytest.mark.browser

HARTLEPOOL = "E06000001"  # an LA the other browser tests leave alone
WIDTHS = (320, 1280)


def _mediator(number: str) -> Mediator:
    return db.session.scalars(select(Mediator).where(Mediator.registration_number == number)).one()


def _remote(given: str) -> Listed:
    listed = register_mediator(given, areas=("E06000052",), formats=("video", "phone"))
    _mediator(listed.registration_number).takes_cases_anywhere = True
    return listed


def _no_longer_remote(number: str) -> None:
    """The browser tests share one database: the remote mediator would otherwise join every LA's list."""
    _mediator(number).takes_cases_anywhere = False


def _employed_by(number: str, la_code: str, started_on: date) -> None:
    la = find_local_authority(la_code)
    assert la is not None
    db.session.add(
        IndependenceDeclaration(
            mediator=_mediator(number), kind="employment", local_authority_id=la.id, started_on=started_on
        )
    )


def _suspended(number: str, effective_on: date) -> None:
    mediator = _mediator(number)
    accreditation = db.session.scalars(select(Accreditation).where(Accreditation.mediator_id == mediator.id)).one()
    registrar = UserFactory()
    suspend(accreditation, registrar, reason="Private", public_note="Paused while a complaint is looked into.",
            effective_on=effective_on)  # fmt: skip


def _within_the_screen(page: Page, selector: str, width: int) -> None:
    for box in page.locator(selector).evaluate_all("els => els.map(e => e.getBoundingClientRect().right)"):
        assert box <= width, f"{selector} ends at {box}px on a {width}px screen"


def test_results_with_a_remote_mediator_and_an_independence_mark_fit_and_pass_axe(
    new_context, seed: Callable[..., Any]
) -> None:
    local = seed(register_mediator, "Localinda", areas=(HARTLEPOOL,))
    employed = seed(register_mediator, "Employeda", areas=(HARTLEPOOL,))
    started = date.today() - timedelta(days=300)
    seed(_employed_by, employed.registration_number, HARTLEPOOL, started)
    suspended = seed(register_mediator, "Suspendia", areas=(HARTLEPOOL,))
    since = date.today() - timedelta(days=4)
    seed(_suspended, suspended.registration_number, since)
    remote = seed(_remote, "Remotia")
    try:
        for width in WIDTHS:
            page = new_context(viewport={"width": width, "height": 800}).new_page()
            page.goto(f"/mediators?local_authority={HARTLEPOOL}&status=any")
            results = page.locator("#results")
            expect(results).to_contain_text("Works by video or phone")
            expect(results).to_contain_text(
                f"Declared that they are employed by Hartlepool since {started.day} {started:%B %Y}"
            )
            expect(results).to_contain_text(f"Suspended since {since.day} {since:%B %Y}")
            names = page.locator("#results h3").all_inner_texts()
            assert names.index(remote.name) > names.index(local.name), "local mediators first"
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            _within_the_screen(page, ".register-result__status .govuk-tag", width)
            _within_the_screen(page, ".register-independence", width)
            axe_check(page)

            page.get_by_role("link", name=employed.name).click()
            expect(page.locator("#for-local-authority")).to_contain_text(
                "Declared that they are employed by Hartlepool"
            )
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            axe_check(page)
            page.goto(f"/mediators/{suspended.registration_number}")
            expect(page.locator("#status")).to_contain_text(f"Suspended since {since.day} {since:%B %Y}")
            expect(page.locator("#status-note")).to_have_text("Paused while a complaint is looked into.")
            _within_the_screen(page, "#status .govuk-tag", width)
            axe_check(page)
        # Without JavaScript too (axe itself needs it, so it runs above).
        page = new_context(viewport={"width": 320, "height": 800}, java_script_enabled=False).new_page()
        page.goto(f"/mediators?local_authority={HARTLEPOOL}&status=any")
        expect(page.locator("#results")).to_contain_text("Works by video or phone")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        seed(_no_longer_remote, remote.registration_number)
