"""The oversight pages in a real browser: axe-core finds no WCAG 2.2 AA failures on the public
oversight and statistics pages, the oversight workspace, concern handling, outcome returns and the
owner's actions, including forms showing errors; the statistics page also fits a 320px screen."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from registry.domain import clock
from registry.domain.concerns import ConcernInput, raise_concern
from registry.domain.local_authorities import find_local_authority
from registry.domain.oversight import actions, audit_sampling, returns, reviews
from registry.domain.users import find_user_by_email
from registry.models import User
from tests.browser.helpers import Person, axe_check, create_person, sign_in
from tests.fixtures.factories import MediatorFactory, make_accreditation

pytestmark = pytest.mark.browser
LEEDS = "E08000035"


@dataclass(frozen=True)
class World:
    oversight: Person
    registrar: Person
    provider: Person
    concern: str
    review: str
    published: str
    sample_id: int
    member_id: int
    action_id: int
    return_id: int


def _user(person: Person) -> User:
    user = find_user_by_email(person.email)
    assert user is not None
    return user


def _review(user: User, body_id: int, title: str) -> reviews.OversightReview:  # type: ignore[name-defined]
    plan = reviews.ReviewPlan(
        subject_kind="accrediting_body",
        review_type="annual",
        title=title,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        organisation_id=body_id,
    )
    review = reviews.plan_review(plan, user)
    for criterion in reviews.review_criteria(review):
        reviews.record_finding(review, criterion.code, "partially_met", "Some way to go", user)
    return review


def _world() -> World:
    today = clock.today()
    oversight, registrar, provider = (create_person(role) for role in ("oversight", "registrar", "provider"))
    checker, body_user, provider_user = _user(oversight), _user(registrar), _user(provider)
    body = body_user.roles[0].organisation
    token = uuid.uuid4().hex[:6]
    mediator = MediatorFactory(given_name="Alex", family_name=f"Audit{token}", display_name=f"Alex Audit{token}")
    mediator.areas.append(find_local_authority(LEEDS))
    make_accreditation(
        mediator, body=body, valid_from=today - timedelta(days=500), valid_until=today + timedelta(days=200)
    )
    concern = raise_concern(
        ConcernInput(subject="mediator", description="Arrived late", registration_number=mediator.registration_number)
    )
    draft = _review(checker, body.id, f"Annual review {token}")
    action = actions.add_action(draft, body.id, "Train two more assessors", today + timedelta(days=30), checker)
    published = _review(checker, body.id, f"Published review {token}")
    reviews.publish_review(published, "The body is fair but slow to decide.", checker)
    sample = audit_sampling.draw_sample(Decimal(100), 1, checker)
    member = next(m for m in sample.members if m.mediator_id == mediator.id)
    figures = dict.fromkeys(returns.FIGURE_LABELS, 1) | {"advice_contacts": 20, "mediations_held": 8}
    saved = returns.submit(
        provider_user.roles[0].organisation, returns.ReturnInput(LEEDS, today.year, 1, figures), provider_user
    )
    return World(
        oversight,
        registrar,
        provider,
        concern.reference,
        draft.reference,
        published.reference,
        sample.id,
        member.id,
        action.id,
        saved.outcome_return.id,
    )


@pytest.fixture(scope="module")
def world(live_app) -> World:
    from registry.extensions import db

    with live_app.app_context():
        try:
            made = _world()
            db.session.commit()
            return made
        finally:
            db.session.remove()


def _check(page: Page, path: str) -> None:
    page.goto(path)
    expect(page.locator("h1")).to_have_count(1)
    axe_check(page)


def test_public_oversight_pages_pass_axe(page: Page, world: World) -> None:
    for path in (
        "/oversight",
        f"/oversight/{world.published}",
        "/statistics",
        "/statistics?year=all&region=E12000003",
        "/concerns/follow",
        f"/concerns/{world.concern}",
    ):
        _check(page, path)
    page.goto("/concerns/follow?reference=CN-999999")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(page)


def test_statistics_fit_a_320px_screen_without_javascript(new_context, world: World) -> None:
    page = new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False).new_page()
    page.goto("/statistics")
    expect(page.locator(".register-chart[role=img]").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.get_by_label("Region", exact=True).select_option(label="Yorkshire and The Humber")
    page.get_by_role("button", name="Show statistics").click()
    expect(page.locator("#showing")).to_contain_text("Yorkshire and The Humber")


def test_oversight_workspace_passes_axe(page: Page, world: World) -> None:
    sign_in(page, world.oversight.email, world.oversight.password)
    for path in (
        "/workspace/oversight",
        "/workspace/oversight/reviews",
        f"/workspace/oversight/reviews/{world.review}",
        f"/workspace/oversight/reviews/{world.review}/findings/OB-1",
        f"/workspace/oversight/reviews/{world.review}/actions/new",
        f"/workspace/oversight/reviews/{world.review}/publish",
        "/workspace/oversight/actions",
        "/workspace/oversight/audits",
        "/workspace/oversight/audits/new",
        f"/workspace/oversight/audits/{world.sample_id}",
        f"/workspace/oversight/audits/{world.sample_id}/members/{world.member_id}",
        "/workspace/oversight/concerns",
        f"/workspace/oversight/concerns/{world.concern}",
        "/workspace/oversight/reviews/new",
    ):
        _check(page, path)
    page.get_by_role("button", name="Plan the review").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    axe_check(page)


def test_registrar_concern_handling_and_actions_pass_axe(page: Page, world: World) -> None:
    sign_in(page, world.registrar.email, world.registrar.password)
    base = f"/workspace/registrar/concerns/{world.concern}"
    for path in (
        "/workspace/registrar",
        "/workspace/registrar/concerns",
        base,
        "/workspace/actions",
        f"/workspace/actions/reviews/{world.review}",
        f"/workspace/actions/{world.action_id}",
    ):
        _check(page, path)
    page.goto(base)
    page.get_by_role("button", name="Save triage").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(page)


def test_provider_returns_pass_axe(page: Page, world: World) -> None:
    sign_in(page, world.provider.email, world.provider.password)
    for path in (
        "/workspace/provider/returns",
        f"/workspace/provider/returns/{world.return_id}",
        "/workspace/provider/returns/upload",
        "/workspace/provider/returns/new",
    ):
        _check(page, path)
    page.get_by_label("Mediations held").fill("500")
    page.get_by_role("button", name="Send the return").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(page)
