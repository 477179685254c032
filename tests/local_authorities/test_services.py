"""An LA's officers keep the mediation services it commissions from their workspace: added, changed
and removed through the forms, each change audited, bad answers refused with a message beside them
and nothing changed. (Every other organisation is refused: tests/security/test_ownership.py.)"""

from __future__ import annotations

from sqlalchemy import func, select

from registry.extensions import db
from registry.models import AuditEvent, CommissionedService
from tests.conftest import csrf_token_from

NEW = "/workspace/local-authority/services/new"
ANSWERS = {
    "provider_name": "Steel City Mediation",
    "email": "mediation@steelcity.example",
    "phone": "",
    "website": "https://steelcity.example/mediation",
    "how_to_refer": "Phone or email us and ask for mediation advice.",
    "since": ["1", "4", "2022"],
    "local_offer_url": "https://sheffield.example/local-offer",
}


def _send(client, path: str, **answers: object):  # type: ignore[no-untyped-def]
    token = csrf_token_from(client.get(path).text)
    return client.post(path, data={**ANSWERS, **answers, "csrf_token": token})


def _audit(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_an_officer_adds_changes_and_removes_a_service_each_audited(client_as, sheffield, client) -> None:
    officer = client_as("la_officer", organisation=sheffield)
    assert 'href="/workspace/local-authority/services"' in officer.get("/workspace/local-authority/watchlist").text
    added = _send(officer, NEW)
    assert added.status_code == 302 and added.location.endswith("/workspace/local-authority/services")
    service = db.session.scalars(select(CommissionedService)).one()
    assert (
        service.organisation_id == sheffield.id and service.phone is None and service.since.isoformat() == "2022-04-01"
    )
    [event] = _audit("commissioned_service.added")
    assert event.actor_id == officer.user.id and event.data["provider_name"] == "Steel City Mediation"
    assert "Steel City Mediation" in client.get("/local-authorities/sheffield").text

    edit = f"/workspace/local-authority/services/{service.id}"
    assert 'value="Steel City Mediation"' in officer.get(edit).text  # the form shows what is kept
    changed = _send(officer, edit, phone="0114 496 0000", provider_name="Steel City Family Mediation")
    assert changed.status_code == 302
    [event] = _audit("commissioned_service.changed")
    assert event.data == {"phone": "0114 496 0000", "provider_name": "Steel City Family Mediation"}
    assert "0114 496 0000" in client.get("/local-authorities/sheffield").text

    unchanged = _send(officer, edit, phone="0114 496 0000", provider_name="Steel City Family Mediation")
    assert unchanged.status_code == 302 and len(_audit("commissioned_service.changed")) == 1

    token = csrf_token_from(officer.get(edit).text)
    removed = officer.post(f"{edit}/remove", data={"csrf_token": token})
    assert removed.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(CommissionedService)) == 0
    assert len(_audit("commissioned_service.removed")) == 1
    assert 'id="no-service"' in client.get("/local-authorities/sheffield").text


def test_bad_answers_get_a_clear_message_beside_them_and_change_nothing(client_as, sheffield) -> None:
    officer = client_as("la_officer", organisation=sheffield)
    cases = {
        "Give at least one way to contact the service": {"email": "", "website": ""},
        "Enter an email address like mediation@example.org": {"email": "not an address"},
        "Enter a phone number, like 0114 496 0000": {"phone": "call us"},
        "The website address must be a whole web address starting with https://": {"website": "steelcity.example"},
        "The local offer address must be a whole web address": {"local_offer_url": "javascript:alert(1)"},
        "The date must be today or in the past": {"since": ["1", "1", "2999"]},
        "The date must be on or after 1 September 2014": {"since": ["1", "1", "2010"]},
        "Enter a real date": {"since": ["31", "2", "2022"]},
        "Enter the name of the mediation service": {"provider_name": "  "},
        "Say how a family or young person asks for mediation": {"how_to_refer": ""},
    }
    for message, answers in cases.items():
        page = _send(officer, NEW, **answers)
        assert page.status_code == 200, message
        assert "govuk-error-summary" in page.text and message in page.text, message
    assert db.session.scalar(select(func.count()).select_from(CommissionedService)) == 0
    assert _audit("commissioned_service.added") == []


def test_people_who_are_not_la_officers_cannot_reach_the_pages(client_as, client) -> None:
    assert client.get(NEW).status_code in (302, 401)
    for role in ("provider", "mediator", "trainer"):
        assert client_as(role).get("/workspace/local-authority/services").status_code == 403, role
