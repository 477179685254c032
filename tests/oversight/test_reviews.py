"""Reviews: planned against the oversight criteria (or the mediator standards for a mediator), a
finding per criterion, publication only when complete and with a summary, then frozen."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from registry.domain import standards
from registry.domain.oversight import reviews
from registry.domain.oversight.errors import Refused
from registry.extensions import db
from registry.models import AuditEvent

PERIOD = {"period_start": date(2025, 4, 1), "period_end": date(2026, 3, 31)}


def _plan(subject_kind="accrediting_body", **overrides) -> reviews.ReviewPlan:
    values = {"subject_kind": subject_kind, "review_type": "annual", "title": "Annual review 2025 to 2026"} | PERIOD
    return reviews.ReviewPlan(**(values | overrides))


def _complete(review, user, outcome="met") -> None:
    for criterion in reviews.review_criteria(review):
        reviews.record_finding(review, criterion.code, outcome, "" if outcome == "met" else "Falls short", user)


def test_a_body_review_uses_the_oversight_criteria_for_bodies(app, oversight_user, body) -> None:
    review = reviews.plan_review(_plan(organisation_id=body.id), oversight_user)
    expected = [c.code for c in standards.library().oversight_criteria().subject("accrediting_body").criteria]
    assert [c.code for c in reviews.review_criteria(review)] == expected
    assert expected[0] == "OB-1" and review.criteria_family == "oversight-criteria"
    assert review.reference.startswith("OR-") and review.organisation_id == body.id
    assert db.session.scalars(select(AuditEvent).where(AuditEvent.action == "oversight_review.planned")).all()


def test_a_training_provider_review_uses_its_own_criteria(app, oversight_user, factories) -> None:
    provider = factories.organisation(kind="training_provider")
    review = reviews.plan_review(_plan("training_provider", organisation_id=provider.id), oversight_user)
    assert {c.code[:3] for c in reviews.review_criteria(review)} == {"OT-"}


def test_a_mediator_review_uses_the_mediator_standards_and_answers_to_their_body(
    app, oversight_user, body, accredited
) -> None:
    mediator = accredited(body)
    review = reviews.plan_review(
        _plan("mediator", review_type="concern", registration_number=mediator.registration_number), oversight_user
    )
    assert review.mediator_id == mediator.id and review.organisation_id == body.id
    assert review.criteria_family == "mediator-standards"
    assert [c.code for c in reviews.review_criteria(review)] == list(
        standards.current_mediator_standards().criterion_codes
    )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"organisation_id": None}, "organisation_id"),
        ({"title": "  "}, "title"),
        ({"review_type": "casual"}, "review_type"),
        ({"period_end": date(2025, 1, 1)}, "period_end"),
    ],
)
def test_a_plan_with_a_problem_is_refused_naming_the_answer(app, oversight_user, body, overrides, field) -> None:
    with pytest.raises(Refused) as refusal:
        reviews.plan_review(_plan(**({"organisation_id": body.id} | overrides)), oversight_user)
    assert refusal.value.field == field


def test_the_wrong_kind_of_organisation_is_refused(app, oversight_user, factories) -> None:
    provider = factories.organisation(kind="training_provider")
    with pytest.raises(Refused, match="accrediting body"):
        reviews.plan_review(_plan(organisation_id=provider.id), oversight_user)


def test_findings_need_notes_unless_met_and_can_be_replaced(app, oversight_user, body) -> None:
    review = reviews.plan_review(_plan(organisation_id=body.id), oversight_user)
    with pytest.raises(Refused) as refusal:
        reviews.record_finding(review, "OB-1", "not_met", "", oversight_user)
    assert refusal.value.field == "notes"
    reviews.record_finding(review, "OB-1", "partially_met", "Two assessors short", oversight_user)
    reviews.record_finding(review, "OB-1", "met", "", oversight_user)
    assert [(f.criterion_code, f.outcome) for f in review.findings] == [("OB-1", "met")]


def test_publishing_needs_every_finding_and_a_summary_and_then_freezes_them(app, oversight_user, body) -> None:
    review = reviews.plan_review(_plan(organisation_id=body.id), oversight_user)
    reviews.record_finding(review, "OB-1", "met", "", oversight_user)
    with pytest.raises(Refused, match="Still to record: OB-2"):
        reviews.publish_review(review, "All good.", oversight_user)
    _complete(review, oversight_user)
    with pytest.raises(Refused) as refusal:
        reviews.publish_review(review, " ", oversight_user)
    assert refusal.value.field == "summary" and not review.is_published
    reviews.publish_review(review, "The body assesses mediators fairly.", oversight_user)
    assert review.is_published and reviews.published_reviews().items == [review]
    with pytest.raises(Refused, match="published"):
        reviews.record_finding(review, "OB-1", "not_met", "Changed my mind", oversight_user)


def test_unpublished_reviews_are_not_in_the_public_list(app, oversight_user, body) -> None:
    reviews.plan_review(_plan(organisation_id=body.id), oversight_user)
    assert reviews.published_reviews().total == 0
    assert len(reviews.reviews_of({body.id})) == 1
