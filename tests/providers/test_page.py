"""A provider's staff keep its public page; bad answers are refused beside the field and change nothing."""

from __future__ import annotations

from sqlalchemy import select

from registry.extensions import db
from registry.models import AuditEvent
from tests.providers.conftest import send
from tests.test_pages_basics import assert_page_basics

PAGE = "/workspace/provider/page"
GOOD = {
    "description": "We arrange SEND mediation across the Pennines, in person or by video.",
    "public_email": "hello@pennine.example",
    "public_phone": "0113 496 0000",
    "website": "https://pennine.example",
}


def test_staff_keep_the_public_page(staff, provider, client) -> None:
    workspace = staff.get("/workspace/provider")
    assert_page_basics(workspace.text)
    assert "being built" not in workspace.text and 'href="/workspace/provider/mediators"' in workspace.text
    saved = send(staff, PAGE, **GOOD)
    assert saved.status_code == 302, saved.text
    page = client.get("/providers/pennine-mediation")
    assert_page_basics(page.text)
    for value in GOOD.values():
        assert value in page.text
    assert "Pennine Mediation" in client.get("/providers").text
    [event] = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "organisation.details_changed"))
    assert event.actor_id == staff.user.id and event.data["public_email"] == "hello@pennine.example"
    assert 'href="/concerns/new?provider=pennine-mediation"' in page.text
    concern_form = client.get("/concerns/new?provider=pennine-mediation").text
    assert f'value="{provider.id}" selected' in concern_form


def test_bad_answers_are_refused_and_change_nothing(staff, provider) -> None:
    for answers, message in (
        ({**GOOD, "public_email": "not an email"}, "Enter an email address like mediation@example.org"),
        ({**GOOD, "website": "pennine.example"}, "must be a whole web address starting with https://"),
        ({**GOOD, "public_phone": "call us"}, "Enter a phone number"),
        ({"description": "About us", "public_email": "", "public_phone": "", "website": ""}, "at least one way"),
    ):
        response = send(staff, PAGE, **answers)
        assert response.status_code == 200 and message in response.text
        assert_page_basics(response.text)
        db.session.refresh(provider)
        assert provider.description is None and provider.public_email is None


def test_another_kind_of_organisation_has_no_provider_page(client, factories) -> None:
    body = factories.organisation(kind="accrediting_body", slug="a-body")
    assert client.get(f"/providers/{body.slug}").status_code == 404
    assert client.get("/providers/no-such-provider").status_code == 404
