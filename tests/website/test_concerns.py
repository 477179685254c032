"""Raise a concern: routed to the mediator's accrediting body, a reference on the confirmation page,
listed for that body's registrars only, CSRF-protected and rate-limited; nothing saved on bad input."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from registry.extensions import db
from registry.models import AuditEvent, Concern
from tests.conftest import csrf_token_from
from tests.test_pages_basics import assert_page_basics

SECRET = "The mediator shouted at my son on 3 May"


def _form(client, path: str = "/concerns/new") -> str:
    page = client.get(path)
    assert page.status_code == 200
    assert_page_basics(page.text)
    return csrf_token_from(page.text)


def _raise(client, **answers: str):
    data = {"csrf_token": _form(client), "description": SECRET, **answers}
    return client.post("/concerns/new", data=data)


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(Concern)) or 0


def test_a_concern_about_a_mediator_goes_to_their_body_with_a_reference(client, on_register, factories) -> None:
    body = factories.organisation(kind="accrediting_body", name="Body A")
    mediator = on_register("Ada Lovelace", body=body)
    response = _raise(
        client,
        subject="mediator",
        registration_number=mediator.registration_number.lower().replace("-", " "),
        raised_by_relationship="parent_or_carer",
        raised_by_email="Parent@Example.com",
    )
    assert response.status_code == 302 and response.location.endswith("/concerns/received")
    confirmation = client.get("/concerns/received")
    assert_page_basics(confirmation.text)
    reference = re.search(r'id="concern-reference">(CN-[0-9A-Z]{4}-[0-9A-Z]{4})<', confirmation.text).group(1)
    concern = db.session.scalars(select(Concern).where(Concern.reference == reference)).one()
    assert (concern.subject, concern.mediator_id, concern.body_id) == ("mediator", mediator.id, body.id)
    assert concern.raised_by_email == "parent@example.com" and concern.description == SECRET
    audit = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "concern.raised")).all()[-1]
    assert audit.data["reference"] == reference and SECRET not in str(audit.data)
    assert "parent@example.com" not in str(audit.data)


def test_registrars_of_that_body_see_it_and_no_one_else_does(client, client_as, on_register, factories) -> None:
    body, other = factories.organisation(kind="accrediting_body"), factories.organisation(kind="accrediting_body")
    mediator = on_register("Grace Hopper", body=body)
    _raise(client, subject="mediator", registration_number=mediator.registration_number, raised_by_name="Sam Parent")
    ours = client_as("registrar", organisation=body).get("/workspace/registrar/concerns")
    assert ours.status_code == 200
    assert_page_basics(ours.text)
    assert SECRET in ours.text and "Grace Hopper" in ours.text and "Sam Parent" in ours.text
    theirs = client_as("registrar", organisation=other).get("/workspace/registrar/concerns")
    assert SECRET not in theirs.text and 'id="no-concerns"' in theirs.text
    assert client_as("la_officer").get("/workspace/registrar/concerns").status_code == 403
    assert client.get("/workspace/registrar/concerns").status_code == 302  # to sign in


def test_the_public_profile_never_shows_a_concern(client, on_register) -> None:
    mediator = on_register("Mary Somerville")
    _raise(client, subject="mediator", registration_number=mediator.registration_number)
    assert SECRET not in client.get(f"/mediators/{mediator.registration_number}").text


def test_a_concern_about_a_provider_waits_for_oversight(client, factories) -> None:
    provider = factories.organisation(kind="mediation_provider", name="Northern SEND Mediation")
    assert "Northern SEND Mediation" in client.get("/concerns/new").text
    response = _raise(client, subject="provider", provider_id=str(provider.id))
    assert response.status_code == 302
    concern = db.session.scalars(select(Concern).order_by(Concern.id.desc())).first()
    assert (concern.subject, concern.provider_id, concern.body_id, concern.mediator_id) == (
        "provider",
        provider.id,
        None,
        None,
    )


def test_mistyped_unknown_and_missing_answers_are_explained_and_nothing_is_saved(client, factories) -> None:
    before = _count()
    applicant = factories.mediator()
    factories.accreditation(applicant, status="applied")  # applicants are not on the public register
    cases = {
        "SM-000001-0": "looks mistyped",
        applicant.registration_number: "no mediator on the register",
        "": "Enter the mediator’s registration number",
    }
    for number, message in cases.items():
        response = _raise(client, subject="mediator", registration_number=number)
        assert response.status_code == 200, number
        facts = assert_page_basics(response.text)
        assert "govuk-error-summary" in facts.classes
        assert message in response.text.replace("&#39;", "’"), (number, response.text)
    response = client.post("/concerns/new", data={"csrf_token": _form(client), "subject": "provider"})
    assert "Select the mediation provider your concern is about" in response.text
    assert "Describe your concern" in response.text
    assert _count() == before


def test_the_form_is_csrf_protected(client, on_register) -> None:
    mediator = on_register()
    before = _count()
    response = client.post(
        "/concerns/new",
        data={"subject": "mediator", "registration_number": mediator.registration_number, "description": SECRET},
    )
    assert response.status_code == 400
    assert _count() == before


def test_the_confirmation_needs_a_concern_and_the_form_can_be_prefilled(client, on_register) -> None:
    assert client.get("/concerns/received").location.endswith("/concerns/new")
    mediator = on_register()
    page = client.get(f"/concerns/new?mediator={mediator.registration_number}")
    assert f'value="{mediator.registration_number}"' in page.text
    assert re.search(r'value="mediator"\s+checked', page.text)


def test_raising_concerns_is_rate_limited(limited_client, on_register) -> None:
    mediator = on_register()
    statuses = [
        _raise(limited_client, subject="mediator", registration_number=mediator.registration_number).status_code
        for _ in range(6)
    ]
    assert statuses == [302] * 5 + [429]
