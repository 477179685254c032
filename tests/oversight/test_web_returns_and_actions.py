"""The provider's returns pages (form with every problem shown, CSV all or nothing, corrections,
own returns only) and the owner's actions pages (respond, own actions and reviews only)."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from sqlalchemy import func, select

from registry.domain.oversight import actions, returns, reviews
from registry.extensions import db
from registry.models import OutcomeReturn, OutcomeReturnRevision
from tests.conftest import csrf_token_from
from tests.fixtures.clients import sign_in
from tests.oversight.conftest import LEEDS
from tests.oversight.test_returns import GOOD
from tests.test_pages_basics import assert_page_basics


@pytest.fixture
def provider(factories):
    return factories.organisation(kind="mediation_provider", name="Mediation Works")


def _form(client, path: str) -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    assert_page_basics(page.text)
    return csrf_token_from(page.text)


def _figures(**changes) -> dict[str, str]:
    return {name: str(value) for name, value in (GOOD | changes).items()}


def test_a_provider_sends_and_corrects_a_return(client_as, frozen_clock, provider) -> None:
    staff = client_as("provider", organisation=provider)
    index = staff.get("/workspace/provider/returns")
    assert_page_basics(index.text)
    token = _form(staff, "/workspace/provider/returns/new")
    data = {
        "csrf_token": token,
        "provider_id": str(provider.id),
        "local_authority": LEEDS,
        "year": "2026",
        "quarter": "1",
    }
    bad = staff.post("/workspace/provider/returns/new", data=data | _figures(agreements_none=30, advice_contacts="x"))
    assert bad.status_code == 200
    facts = assert_page_basics(bad.text)
    assert "govuk-error-summary" in facts.classes
    assert "Mediation advice contacts must be a whole number of 0 or more" in bad.text
    sent = staff.post("/workspace/provider/returns/new", data=data | _figures())
    assert sent.status_code == 302
    saved = db.session.scalars(select(OutcomeReturn)).one()
    page = staff.get(f"/workspace/provider/returns/{saved.id}")
    assert_page_basics(page.text)
    correction = staff.post(
        f"/workspace/provider/returns/{saved.id}/correct",
        data=data
        | {"csrf_token": _form(staff, f"/workspace/provider/returns/{saved.id}/correct")}
        | _figures(agreements_none=2),
    )
    assert correction.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(OutcomeReturnRevision)) == 2
    db.session.expire_all()
    assert db.session.get(OutcomeReturn, saved.id).agreements_none == 2


def test_a_provider_cannot_see_or_send_for_another_provider(client_as, frozen_clock, provider, factories) -> None:
    other = factories.organisation(kind="mediation_provider")
    person = factories.person_with_role("provider", other)
    theirs = returns.submit(other, returns.ReturnInput(LEEDS, 2026, 1, GOOD), person).outcome_return
    staff = client_as("provider", organisation=provider)
    assert staff.get(f"/workspace/provider/returns/{theirs.id}").status_code == 403
    assert staff.get(f"/workspace/provider/returns/{theirs.id}/correct").status_code == 403
    token = _form(staff, "/workspace/provider/returns/new")
    data = {"csrf_token": token, "provider_id": str(other.id), "local_authority": LEEDS, "year": "2026", "quarter": "2"}
    assert staff.post("/workspace/provider/returns/new", data=data | _figures()).status_code == 403
    assert client_as("registrar").get("/workspace/provider/returns").status_code == 403


def _csv(*rows: str) -> BytesIO:
    from registry.domain.oversight.returns_csv import COLUMNS

    return BytesIO(("\r\n".join([",".join(COLUMNS), *rows]) + "\r\n").encode())


def test_a_csv_upload_saves_all_or_nothing(client_as, frozen_clock, provider) -> None:
    staff = client_as("provider", organisation=provider)
    template = staff.get("/workspace/provider/returns/template.csv")
    assert template.status_code == 200 and template.text.startswith("local_authority,year,quarter,advice_contacts")
    good = ",".join(str(v) for v in GOOD.values())
    token = _form(staff, "/workspace/provider/returns/upload")
    bad = staff.post(
        "/workspace/provider/returns/upload",
        data={
            "csrf_token": token,
            "provider_id": str(provider.id),
            "file": (_csv(f"{LEEDS},2026,1,{good},", f"{LEEDS},2026,2,{good.replace('40', '400', 1)},"), "r.csv"),
        },
        content_type="multipart/form-data",
    )
    assert bad.status_code == 200 and "Row 3, mediations_held: Mediations held (400)" in bad.text
    assert_page_basics(bad.text)
    assert db.session.scalar(select(func.count()).select_from(OutcomeReturn)) == 0
    ok = staff.post(
        "/workspace/provider/returns/upload",
        data={
            "csrf_token": token,
            "provider_id": str(provider.id),
            "file": (_csv(f"{LEEDS},2026,1,{good},", f"{LEEDS},2026,2,{good},note"), "r.csv"),
        },
        content_type="multipart/form-data",
    )
    assert ok.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(OutcomeReturn)) == 2


@pytest.fixture
def review_with_action(frozen_clock, oversight_user, body):
    plan = reviews.ReviewPlan(
        subject_kind="accrediting_body",
        review_type="annual",
        title="Annual review",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        organisation_id=body.id,
    )
    review = reviews.plan_review(plan, oversight_user)
    reviews.record_finding(review, "OB-3", "not_met", "No published complaints procedure", oversight_user)
    action = actions.add_action(review, body.id, "Publish a complaints procedure", frozen_clock.today, oversight_user)
    return review, action


def test_the_owner_sees_its_unpublished_review_and_responds(app, frozen_clock, registrar, review_with_action) -> None:
    review, action = review_with_action  # set after ``registrar`` joined the body, so they were told
    person, registrar = registrar, app.test_client()
    sign_in(registrar, person)
    index = registrar.get("/workspace/actions")
    assert_page_basics(index.text)
    assert "Publish a complaints procedure" in index.text and review.title in index.text
    assert "A new oversight action for" in index.text  # the notice
    seen = registrar.get(f"/workspace/actions/reviews/{review.reference}")
    assert seen.status_code == 200 and "No published complaints procedure" in seen.text
    token = _form(registrar, f"/workspace/actions/{action.id}")
    empty = registrar.post(f"/workspace/actions/{action.id}", data={"csrf_token": token, "response": ""})
    assert "Say what your organisation has done or will do" in empty.text
    done = registrar.post(
        f"/workspace/actions/{action.id}", data={"csrf_token": token, "response": "Published", "done": "y"}
    )
    db.session.expire_all()
    assert done.status_code == 302 and action.status == "done"


def test_overdue_actions_show_as_overdue(client_as, frozen_clock, body, review_with_action) -> None:
    frozen_clock.advance(1)
    page = client_as("registrar", organisation=body).get("/workspace/actions")
    assert "Overdue" in page.text


def test_other_organisations_cannot_see_the_review_or_respond(client_as, review_with_action, factories) -> None:
    review, action = review_with_action
    other = client_as("registrar", organisation=factories.organisation(kind="accrediting_body"))
    assert other.get(f"/workspace/actions/reviews/{review.reference}").status_code == 403
    assert other.get(f"/workspace/actions/{action.id}").status_code == 403
    assert "Publish a complaints procedure" not in other.get("/workspace/actions").text
    assert client_as("mediator").get("/workspace/actions").status_code == 403
    assert client_as("oversight").get(f"/workspace/actions/{action.id}").status_code == 403


def test_workspace_landing_pages_link_to_the_new_pages(client_as) -> None:
    assert "/workspace/oversight/reviews" in client_as("oversight").get("/workspace/oversight").text
    assert "/workspace/provider/returns" in client_as("provider").get("/workspace/provider").text
    registrar = client_as("registrar").get("/workspace/registrar").text
    assert "/workspace/actions" in registrar and "/workspace/registrar/concerns" in registrar


def test_an_unpublished_review_is_not_public_until_published(client, frozen_clock, review_with_action) -> None:
    review, _ = review_with_action
    assert client.get(f"/oversight/{review.reference}").status_code == 404
