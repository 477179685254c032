"""The oversight workspace through the real HTTP stack: only oversight gets in; plan a review, record
findings, set an action, publish; draw a CPD audit sample and record an outcome; see every concern."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from registry.domain.oversight import reviews
from registry.extensions import db
from registry.models import AuditSample, OversightReview, ReviewAction
from tests.conftest import csrf_token_from
from tests.test_pages_basics import assert_page_basics


def _post(client, path: str, **data):
    page = client.get(path)
    assert page.status_code == 200, page.text
    assert_page_basics(page.text)
    return client.post(path, data={"csrf_token": csrf_token_from(page.text), **data})


@pytest.mark.parametrize(
    "path",
    [
        "/workspace/oversight/reviews",
        "/workspace/oversight/audits",
        "/workspace/oversight/actions",
        "/workspace/oversight/concerns",
        "/workspace/oversight/reviews/new",
        "/workspace/oversight/audits/new",
    ],
)
def test_only_oversight_reaches_the_workspace(client, client_as, path) -> None:
    assert client.get(path).status_code == 302
    assert client_as("registrar").get(path).status_code == 403
    response = client_as("oversight").get(path)
    assert response.status_code == 200
    assert_page_basics(response.text)


def test_plan_record_act_and_publish_a_review(client_as, frozen_clock, body) -> None:
    oversight = client_as("oversight")
    response = _post(
        oversight,
        "/workspace/oversight/reviews/new",
        subject_kind="accrediting_body",
        body_id=str(body.id),
        review_type="annual",
        title="Annual review 2025",
        **{"period_start": ["1", "1", "2025"], "period_end": ["31", "12", "2025"]},
    )
    assert response.status_code == 302, response.text
    review = db.session.scalars(select(OversightReview)).one()
    assert response.location.endswith(f"/workspace/oversight/reviews/{review.reference}")
    page = oversight.get(response.location)
    assert_page_basics(page.text)
    assert "0 of 7 criteria have a finding" in page.text

    missing_notes = _post(
        oversight, f"/workspace/oversight/reviews/{review.reference}/findings/OB-1", outcome="not_met"
    )
    assert missing_notes.status_code == 200
    assert "govuk-error-summary" in missing_notes.text and "Explain what falls short" in missing_notes.text

    for criterion in reviews.review_criteria(review):
        done = _post(
            oversight, f"/workspace/oversight/reviews/{review.reference}/findings/{criterion.code}", outcome="met"
        )
        assert done.status_code == 302
    assert oversight.get(f"/workspace/oversight/reviews/{review.reference}/findings/XX-1").status_code == 404

    due = frozen_clock.today + timedelta(days=60)
    action = _post(
        oversight,
        f"/workspace/oversight/reviews/{review.reference}/actions/new",
        owner_id=str(body.id),
        description="Publish your complaints procedure",
        due_on=[str(due.day), str(due.month), str(due.year)],
    )
    assert action.status_code == 302
    assert db.session.scalars(select(ReviewAction)).one().owner_id == body.id

    published = _post(
        oversight, f"/workspace/oversight/reviews/{review.reference}/publish", summary="All criteria met."
    )
    assert published.status_code == 302 and published.location.endswith(f"/oversight/{review.reference}")


def test_a_plan_with_problems_shows_them(client_as, frozen_clock, factories) -> None:
    provider = factories.organisation(kind="training_provider")
    response = _post(
        client_as("oversight"),
        "/workspace/oversight/reviews/new",
        subject_kind="accrediting_body",
        body_id=str(provider.id),
        review_type="annual",
        title="x",
        **{"period_start": ["1", "1", "2025"], "period_end": ["31", "12", "2025"]},
    )
    assert response.status_code == 200 and "Select the accrediting body to review" in response.text
    assert db.session.scalars(select(OversightReview)).all() == []


def test_draw_a_sample_and_record_an_outcome(client_as, frozen_clock, body, accredited) -> None:
    mediator = accredited(body, since=frozen_clock.today - timedelta(days=500))
    oversight = client_as("oversight")
    bad = _post(oversight, "/workspace/oversight/audits/new", percentage="0", seed="")
    assert bad.status_code == 200 and "more than 0" in bad.text
    drawn = _post(oversight, "/workspace/oversight/audits/new", percentage="5", seed="42")
    assert drawn.status_code == 302
    sample = db.session.scalars(select(AuditSample)).one()
    assert (sample.seed, sample.size) == (42, 1)
    page = oversight.get(f"/workspace/oversight/audits/{sample.id}")
    assert_page_basics(page.text)
    assert mediator.display_name in page.text
    member_path = re.search(r'href="(/workspace/oversight/audits/\d+/members/\d+)"', page.text).group(1)
    refused = _post(oversight, member_path, outcome="satisfactory", note="")  # a log of 0 hours
    assert refused.status_code == 200 and "does not meet the CPD rule, so it cannot be satisfactory" in refused.text
    assert "0 of 10 hours (10 hours short)" in refused.text
    assert db.session.get(AuditSample, sample.id).members[0].outcome is None
    recorded = _post(oversight, member_path, outcome="unsatisfactory", note="No supervision")
    assert recorded.status_code == 302
    assert db.session.scalars(select(ReviewAction)).one().owner_id == body.id


def test_oversight_sees_every_concern(client_as, frozen_clock, body, accredited, concern_about) -> None:
    concern = concern_about(accredited(body))
    page = client_as("oversight").get("/workspace/oversight/concerns")
    assert_page_basics(page.text)
    assert concern.reference in page.text and body.name in page.text
    assert f"/workspace/oversight/concerns/{concern.reference}" in page.text
