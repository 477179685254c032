"""The mediator's side: applying to a body with declarations, applying to renew, resigning."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from registry.domain import accreditation as lifecycle
from registry.extensions import db
from registry.models import Accreditation
from registry.models.assessments import AccreditationApplication
from tests.accreditation.conftest import DECLARATIONS
from tests.conftest import csrf_token_from
from tests.fixtures.clients import sign_in
from tests.test_pages_basics import assert_page_basics

APPLICATION = {
    "not_employed_by_local_authority": "y",
    "independent_of_health_bodies": "y",
    "has_indemnity_insurance": "y",
    "training_completed": "Foundation course 2024, SEND course 2025",
    "practice_experience": "Twelve mediations, five about SEND",
    "consents_to_publication": "y",
}


@pytest.fixture
def mediator_client(app, world):
    client = app.test_client()
    sign_in(client, world.mediator_user)
    return client


def test_a_mediator_applies_to_a_body_of_their_choice(world, mediator_client):
    page = mediator_client.get("/workspace/mediator/accreditation/apply")
    assert page.status_code == 200
    assert_page_basics(page.text)
    assert world.body.name in page.text
    response = mediator_client.post(
        "/workspace/mediator/accreditation/apply",
        data={**APPLICATION, "body": str(world.body.id), "csrf_token": csrf_token_from(page.text)},
    )
    assert response.status_code == 302
    accreditation = db.session.scalars(
        select(Accreditation).where(Accreditation.mediator_id == world.mediator.id)
    ).one()
    assert (accreditation.status, accreditation.body_id, accreditation.standards_version) == (
        "applied",
        world.body.id,
        "1.0",
    )
    application = db.session.scalars(select(AccreditationApplication)).one()
    assert application.practice_experience == "Twelve mediations, five about SEND"
    listing = mediator_client.get("/workspace/mediator/accreditation")
    assert_page_basics(listing.text)
    assert "Waiting for a decision" in listing.text


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("not_employed_by_local_authority", "must not be employed by a local authority"),
        ("has_indemnity_insurance", "professional indemnity insurance"),
        ("consents_to_publication", "Agree to your register entry being published"),
        ("independent_of_health_bodies", "Tell us about the health bodies"),
    ],
)
def test_declarations_that_cannot_support_an_application_are_refused(world, mediator_client, missing, message):
    page = mediator_client.get("/workspace/mediator/accreditation/apply")
    data = {key: value for key, value in APPLICATION.items() if key != missing}
    response = mediator_client.post(
        "/workspace/mediator/accreditation/apply",
        data={**data, "body": str(world.body.id), "csrf_token": csrf_token_from(page.text)},
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.text and message in response.text
    assert (
        db.session.scalars(select(Accreditation).where(Accreditation.mediator_id == world.mediator.id)).first() is None
    )


def test_a_second_application_to_the_same_body_is_refused(world, mediator_client, make_accreditation):
    make_accreditation(world, "applied")
    page = mediator_client.get("/workspace/mediator/accreditation/apply")
    response = mediator_client.post(
        "/workspace/mediator/accreditation/apply",
        data={**APPLICATION, "body": str(world.body.id), "csrf_token": csrf_token_from(page.text)},
    )
    assert response.status_code == 200 and "You already have an application" in response.text


def test_a_mediator_resigns_their_own_accreditation(world, mediator_client, make_accreditation):
    accreditation = make_accreditation(world, "accredited")
    path = f"/workspace/mediator/accreditation/{accreditation.id}/resign"
    page = mediator_client.get(path)
    assert page.status_code == 200
    assert_page_basics(page.text)
    unconfirmed = mediator_client.post(path, data={"csrf_token": csrf_token_from(page.text), "version": "2"})
    assert "Confirm that you want to give up your accreditation" in unconfirmed.text
    response = mediator_client.post(
        path, data={"csrf_token": csrf_token_from(page.text), "version": str(accreditation.version), "confirm": "y"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Accreditation, accreditation.id).status == "resigned"


def test_a_mediator_cannot_touch_someone_elses_accreditation(world, factories, client_as, make_accreditation):
    other = factories.mediator()
    accreditation = make_accreditation(world, "accredited", mediator=other)
    client = client_as("mediator")
    factories.mediator(user_id=client.user.id)
    assert client.get(f"/workspace/mediator/accreditation/{accreditation.id}/resign").status_code == 403
    assert client.get(f"/workspace/mediator/accreditation/{accreditation.id}/renewal-application").status_code == 403


def test_an_accredited_mediator_is_sent_to_the_renewal_page_and_never_called_lapsed(
    world, mediator_client, make_accreditation
):
    accreditation = make_accreditation(world, "accredited")
    response = mediator_client.get(f"/workspace/mediator/accreditation/{accreditation.id}/renewal-application")
    assert response.status_code == 302 and response.location.endswith("/workspace/mediator/renewal")
    page = mediator_client.get("/workspace/mediator/renewal").text
    assert "lapsed" not in page and "valid until" in page


def test_without_a_mediator_record_the_pages_are_not_found(client_as):
    assert client_as("mediator").get("/workspace/mediator/accreditation/apply").status_code == 404


def test_a_lapsed_mediator_applies_to_renew(world, mediator_client, make_accreditation, frozen_clock):
    accreditation = make_accreditation(world, "lapsed", moving=frozen_clock)
    listing = mediator_client.get("/workspace/mediator/accreditation")
    path = f"/workspace/mediator/accreditation/{accreditation.id}/renewal-application"
    assert path in listing.text
    page = mediator_client.get(path)
    assert_page_basics(page.text)
    response = mediator_client.post(path, data={**APPLICATION, "csrf_token": csrf_token_from(page.text)})
    assert response.status_code == 302
    db.session.expire_all()
    renewal = lifecycle.open_application(db.session.get(Accreditation, accreditation.id))
    assert renewal is not None and renewal.kind == "renewal"
    again = mediator_client.post(path, data={**APPLICATION, "csrf_token": csrf_token_from(page.text)})
    assert "already applied to renew" in again.text
    assert DECLARATIONS.consents_to_publication
