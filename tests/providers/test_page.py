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


def test_the_provider_pages_show_nothing_private(staff, provider, accredited, client, la_organisation) -> None:
    """The privacy sentinel on a provider's public pages, with a confirmed mediator, a confirmed LA, a
    pending request and a concern about it: every field the field registry does not call public holds
    the marker, and neither page shows it."""
    from datetime import date

    from registry.domain import commissioned_services as services
    from registry.domain.concerns import ConcernInput, raise_concern
    from registry.domain.providers import panel
    from tests.fixtures.privacy import mark_unpublished, shows_the_marker

    mediator, _ = accredited()
    panel.confirm(panel.ask(provider, mediator.registration_number, staff.user), None)  # type: ignore[attr-defined]
    waiting, _ = accredited("Wes Waiting")
    panel.ask(provider, waiting.registration_number, staff.user)  # type: ignore[attr-defined]
    sheffield = la_organisation("E08000039")
    answers = services.ServiceInput("Pennine Mediation", "Phone us.", date(2024, 4, 1), email="m@pennine.example")
    services.confirm_service(services.propose_service(provider, sheffield.id, answers, None), None)
    raise_concern(ConcernInput(subject="provider", description="x", provider_id=provider.id, raised_by_name="x"))
    written = mark_unpublished()
    assert {"Mediator.home_address", "Concern.description", "Organisation.created_at"} & written
    for path in ("/providers", "/providers/pennine-mediation", "/local-authorities/sheffield"):
        page = client.get(path).text
        assert mediator.display_name in page or path != "/providers/pennine-mediation"
        assert not shows_the_marker(page), path
