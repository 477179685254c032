"""The LAs that commission a provider: the one commissioned-service record, proposed by the provider
and confirmed by the LA's officers; public (on both pages) only once confirmed; either side ends it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from registry.domain import commissioned_services as services
from registry.extensions import db
from registry.models import AuditEvent, CommissionedService
from tests.providers.conftest import send
from tests.test_pages_basics import assert_page_basics

NEW = "/workspace/provider/local-authorities/new"
LIST = "/workspace/provider/local-authorities"
ANSWERS = {
    "provider_name": "Pennine Mediation",
    "email": "sheffield@pennine.example",
    "how_to_refer": "Phone us and ask for mediation advice about a decision of Sheffield City Council.",
    "since": ["1", "9", "2024"],
}


@pytest.fixture
def sheffield(la_organisation):  # type: ignore[no-untyped-def]
    return la_organisation("E08000039")


def test_a_provider_proposes_and_only_the_la_confirms(staff, provider, sheffield, client_as, client) -> None:
    form = staff.get(NEW)
    assert_page_basics(form.text)
    assert 'value="Pennine Mediation"' in form.text  # the provider's name, ready to send
    proposed = send(staff, NEW, local_authority=str(sheffield.id), **ANSWERS)
    assert proposed.status_code == 302, proposed.text
    service = db.session.scalars(select(CommissionedService)).one()
    assert service.provider_id == provider.id and service.organisation_id == sheffield.id and not service.is_confirmed
    assert "Waiting for the local authority" in staff.get(LIST).text
    # Not on either public page until Sheffield confirms.
    assert "Pennine Mediation" not in client.get("/local-authorities/sheffield").text
    assert 'href="/local-authorities/sheffield"' not in client.get("/providers/pennine-mediation").text

    officer = client_as("la_officer", organisation=sheffield)
    waiting = officer.get("/workspace/local-authority/services")
    assert_page_basics(waiting.text)
    assert "Waiting for you to confirm" in waiting.text and "Pennine Mediation" in waiting.text
    confirmed = send(
        officer, "/workspace/local-authority/services", f"/workspace/local-authority/services/{service.id}/confirm"
    )
    assert confirmed.status_code == 302
    db.session.expire_all()
    assert service.is_confirmed
    la_page = client.get("/local-authorities/sheffield").text
    assert "Run by" in la_page and 'href="/providers/pennine-mediation"' in la_page
    assert 'href="/local-authorities/sheffield"' in client.get("/providers/pennine-mediation").text
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.subject_type == "commissioned_service"))
    assert list(actions) == ["commissioned_service.proposed", "commissioned_service.confirmed"]

    # The provider ends it: gone from both pages.
    assert send(staff, LIST, f"{LIST}/{service.id}/end").status_code == 302
    assert db.session.scalars(select(CommissionedService)).first() is None
    assert "Pennine Mediation" not in client.get("/local-authorities/sheffield").text


def test_a_proposal_with_problems_changes_nothing(staff, sheffield) -> None:
    no_la = send(staff, NEW, local_authority="", **ANSWERS)
    assert no_la.status_code == 200 and "Select the local authority that commissions you" in no_la.text
    assert_page_basics(no_la.text)
    no_contact = send(staff, NEW, local_authority=str(sheffield.id), **{**ANSWERS, "email": ""})
    assert "Give at least one way to contact the service" in no_contact.text
    assert db.session.scalars(select(CommissionedService)).first() is None
    assert send(staff, NEW, local_authority=str(sheffield.id), **ANSWERS).status_code == 302
    twice = send(staff, NEW, local_authority=str(sheffield.id), **ANSWERS)
    assert f"{sheffield.name} already lists your service, or has still to confirm it" in twice.text
    assert len(db.session.scalars(select(CommissionedService)).all()) == 1


def test_a_service_the_la_adds_itself_is_confirmed_and_cannot_be_confirmed_twice(sheffield) -> None:
    answers = services.ServiceInput("Steel City Mediation", "Phone us.", services.FIRST_DAY, email="m@steel.example")
    added = services.add_service(sheffield, answers, None)
    assert added.is_confirmed and added.provider_id is None
    with pytest.raises(services.Refused, match="already confirmed"):
        services.confirm_service(added, None)


def test_the_la_sees_a_proposal_before_confirming_it(staff, sheffield, client_as) -> None:
    assert send(staff, NEW, local_authority=str(sheffield.id), **ANSWERS).status_code == 302
    service = db.session.scalars(select(CommissionedService)).one()
    officer = client_as("la_officer", organisation=sheffield)
    page = officer.get(f"/workspace/local-authority/services/{service.id}")
    assert_page_basics(page.text)
    assert "Pennine Mediation says that" in page.text and "not on your public page until you confirm it" in page.text
    # Removing it is the LA's way of saying no.
    removed = send(
        officer,
        f"/workspace/local-authority/services/{service.id}",
        f"/workspace/local-authority/services/{service.id}/remove",
    )
    assert removed.status_code == 302 and db.session.scalars(select(CommissionedService)).first() is None
    assert "You have not told the register about any local authority yet" in staff.get(LIST).text
