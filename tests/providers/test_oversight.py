"""Oversight reviews a mediation provider the way it reviews an accrediting body (the one review: plan,
findings against the provider criteria, actions, publication); concerns about a provider speak of the
provider and the oversight panel, and its staff follow them without seeing what was said."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from registry.domain.concerns import ConcernInput, raise_concern
from registry.domain.oversight import concern_handling, reviews
from registry.extensions import db
from registry.models import OversightReview, ReviewAction
from tests.providers.conftest import send
from tests.test_pages_basics import assert_page_basics

PLAN = "/workspace/oversight/reviews/new"


def test_oversight_reviews_a_provider_with_findings_and_actions(
    client_as, frozen_clock, provider, staff, client
) -> None:
    oversight = client_as("oversight")
    plan_page = oversight.get(PLAN).text
    assert "A mediation provider" in plan_page and "Pennine Mediation" in plan_page
    wrong = send(oversight, PLAN, subject_kind="mediation_provider", mediation_provider_id="", review_type="annual",
                 title="x", period_start=["1", "1", "2025"], period_end=["31", "12", "2025"])  # fmt: skip
    assert wrong.status_code == 200 and "Select the mediation provider to review" in wrong.text
    planned = send(oversight, PLAN, subject_kind="mediation_provider", mediation_provider_id=str(provider.id),
                   review_type="annual", title="Annual review of Pennine Mediation",
                   period_start=["1", "1", "2025"], period_end=["31", "12", "2025"])  # fmt: skip
    assert planned.status_code == 302, planned.text
    review = db.session.scalars(select(OversightReview)).one()
    assert (review.subject_kind, review.organisation_id) == ("mediation_provider", provider.id)
    assert (review.criteria_family, review.criteria_version) == ("oversight-criteria", "1.1")
    codes = [c.code for c in reviews.review_criteria(review)]
    assert codes == ["OP-1", "OP-2", "OP-3", "OP-4", "OP-5", "OP-6"]
    page = oversight.get(planned.location)
    assert_page_basics(page.text)
    assert "Mediation provider: Pennine Mediation" in page.text and "Independence from the commissioning" in page.text

    base = f"/workspace/oversight/reviews/{review.reference}"
    for code in codes:
        outcome = (
            {"outcome": "partially_met", "notes": "Two returns were late."} if code == "OP-4" else {"outcome": "met"}
        )
        assert send(oversight, f"{base}/findings/{code}", **outcome).status_code == 302
    due = frozen_clock.today + timedelta(days=45)
    action = send(oversight, f"{base}/actions/new", owner_id=str(provider.id), description="Send returns on time",
                  due_on=[str(due.day), str(due.month), str(due.year)])  # fmt: skip
    assert action.status_code == 302, action.text
    assert db.session.scalars(select(ReviewAction)).one().owner_id == provider.id

    # The provider sees the review and answers the action from its workspace.
    mine = staff.get("/workspace/actions")
    assert "Send returns on time" in mine.text and "Annual review of Pennine Mediation" in mine.text
    assert staff.get(f"/workspace/actions/reviews/{review.reference}").status_code == 200

    published = send(oversight, f"{base}/publish", summary="Pennine arranges mediation independently and on time.")
    assert published.status_code == 302
    public = client.get(f"/oversight/{review.reference}")
    assert_page_basics(public.text)
    assert "Pennine Mediation" in public.text and "Two returns were late." not in public.text
    provider_page = client.get("/providers/pennine-mediation").text
    assert f'href="/oversight/{review.reference}"' in provider_page


def test_a_concern_about_a_provider_speaks_of_the_provider(client_as, provider, staff, client) -> None:
    concern = raise_concern(
        ConcernInput(subject="provider", description="Nobody called us back for six weeks.", provider_id=provider.id,
                     raised_by_name="Sam Parent", raised_by_email="sam@example.test")
    )  # fmt: skip
    status = client.get(f"/concerns/{concern.reference}").text
    assert "the oversight panel has not yet looked at your concern" in status and "accrediting body" not in status

    oversight = client_as("oversight")
    handling = f"/workspace/oversight/concerns/{concern.reference}"
    triage = send(oversight, handling, f"{handling}/triage", within_scope="yes", note="", public_message="")
    assert triage.status_code == 302
    form = oversight.get(f"{handling}/outcome").text
    assert "Advice to the provider" in form and "Advice to the mediator" not in form
    assert 'name="conditions"' not in form and "Suspend" not in form
    message = "We have asked the provider to call families back within two working days."
    decided = send(oversight, f"{handling}/outcome", outcome="advice", reason="Call-back times were too long.",
                   public_message=message, expected_version="0")  # fmt: skip
    assert decided.status_code == 302
    shown = oversight.get(handling).text
    assert "Advice to the provider" in shown and "Advice to the mediator" not in shown

    status = client.get(f"/concerns/{concern.reference}").text
    assert "the oversight panel gave the provider advice" in status and "Message from the oversight panel" in status
    assert "mediator" not in concern_handling.public_status(concern.reference).outcome_words

    listed = staff.get("/workspace/provider/concerns")
    assert_page_basics(listed.text)
    assert concern.reference in listed.text and "Closed: advice to the provider" in listed.text
    assert "within two working days" in listed.text
    assert "six weeks" not in listed.text and "Sam Parent" not in listed.text and "sam@example.test" not in listed.text
    assert concern.reference not in client_as("provider").get("/workspace/provider/concerns").text
