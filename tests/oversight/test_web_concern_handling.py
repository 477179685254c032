"""Concern handling pages: the body's registrars triage, note and decide; another body's registrars
cannot; oversight sees it but handles only provider concerns; the public status shows no private detail."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from registry.domain.accreditation import status_on
from registry.domain.concerns import ConcernInput, raise_concern
from registry.domain.oversight import concern_handling
from registry.extensions import db
from registry.models import AccreditationEvent
from tests.conftest import csrf_token_from
from tests.test_pages_basics import assert_page_basics


@pytest.fixture
def concern(frozen_clock, body, accredited, concern_about):
    return concern_about(accredited(body), description="The mediator was rude to my daughter")


def _send(client, page_path: str, post_path: str, **data):
    """Post what a browser would: the answers, the page's CSRF token and the version it shows, if any."""
    page = client.get(page_path)
    assert page.status_code == 200
    version = re.search(r'name="expected_version"[^>]*value="(\d+)"', page.text)
    shown = {"expected_version": version.group(1)} if version else {}
    return client.post(post_path, data={"csrf_token": csrf_token_from(page.text), **shown, **data})


def test_the_bodys_registrar_handles_a_concern_to_suspension(client, client_as, concern, body) -> None:
    registrar = client_as("registrar", organisation=body)
    path = f"/workspace/registrar/concerns/{concern.reference}"
    page = registrar.get(path)
    assert_page_basics(page.text)
    assert "The mediator was rude to my daughter" in page.text and "parent@example.com" in page.text

    unclear = _send(registrar, path, path + "/triage")
    assert unclear.status_code == 200 and "Select whether the concern is within scope" in unclear.text
    assert_page_basics(unclear.text)
    assert _send(registrar, path, path + "/triage", within_scope="yes").status_code == 302
    assert _send(registrar, path, path + "/notes", text="Called the mediator").status_code == 302

    no_note = _send(registrar, path + "/outcome", path + "/outcome", outcome="suspension", reason="Rude")
    assert no_note.status_code == 200 and "Write a note for the public register" in no_note.text
    decided = _send(
        registrar,
        path + "/outcome",
        path + "/outcome",
        outcome="suspension",
        reason="Rude, and admitted it",
        public_note="Suspended pending training.",
        public_message="We have taken action.",
    )
    assert decided.status_code == 302
    assert status_on(concern.mediator, concern_handling.clock.today()).status == "suspended"
    assert db.session.scalars(select(AccreditationEvent).where(AccreditationEvent.kind == "suspended")).one()

    public = client.get(f"/concerns/{concern.reference}")
    assert public.status_code == 200
    assert_page_basics(public.text)
    assert "Suspension" in public.text and "We have taken action." in public.text
    for private in (
        "rude to my daughter",
        "Sam Parent",
        "parent@example.com",
        "Called the mediator",
        "admitted it",
        concern.mediator.display_name,
        concern.mediator.registration_number,
    ):
        assert private not in public.text


def test_another_bodys_registrar_cannot_see_or_handle_it(client_as, concern, factories) -> None:
    other = client_as("registrar", organisation=factories.organisation(kind="accrediting_body"))
    path = f"/workspace/registrar/concerns/{concern.reference}"
    assert other.get(path).status_code == 403
    assert other.post(path + "/triage", data={"within_scope": "yes"}).status_code in (400, 403)
    assert client_as("provider").get(path).status_code == 403


def test_oversight_sees_a_mediator_concern_but_the_body_handles_it(client_as, concern) -> None:
    oversight = client_as("oversight")
    path = f"/workspace/oversight/concerns/{concern.reference}"
    page = oversight.get(path)
    assert page.status_code == 200 and "The mediator was rude to my daughter" in page.text
    assert "/triage" not in page.text
    token = csrf_token_from(oversight.get("/sign-out").text)  # the session's token, from any form
    assert oversight.post(path + "/triage", data={"within_scope": "yes", "csrf_token": token}).status_code == 403
    assert oversight.get(f"/workspace/registrar/concerns/{concern.reference}").status_code == 403


def test_oversight_handles_a_concern_about_a_provider(client_as, frozen_clock, factories) -> None:
    provider = factories.organisation(kind="mediation_provider")
    concern = raise_concern(ConcernInput(subject="provider", description="No reply for weeks", provider_id=provider.id))
    oversight = client_as("oversight")
    path = f"/workspace/oversight/concerns/{concern.reference}"
    assert _send(oversight, path, path + "/triage", within_scope="yes").status_code == 302
    refused = _send(oversight, path + "/outcome", path + "/outcome", outcome="suspension", reason="x", public_note="y")
    assert "no further action or advice only" in refused.text
    assert (
        _send(oversight, path + "/outcome", path + "/outcome", outcome="advice", reason="Told them").status_code == 302
    )


def test_following_a_concern_by_reference(client, concern) -> None:
    page = client.get("/concerns/follow")
    assert_page_basics(page.text)
    found = client.get(f"/concerns/follow?reference={concern.reference.lower()}")
    assert found.status_code == 302 and found.location.endswith(f"/concerns/{concern.reference}")
    missing = client.get("/concerns/follow?reference=CN-999999")
    assert missing.status_code == 200 and "There is no concern with that reference" in missing.text
    assert_page_basics(missing.text)
    assert client.get("/concerns/CN-999999").status_code == 404
    received = client.get(f"/concerns/{concern.reference}")
    assert "Received: the accrediting body has not yet looked at your concern." in received.text


def test_the_registrars_list_links_to_the_handling_page(client_as, concern, body) -> None:
    page = client_as("registrar", organisation=body).get("/workspace/registrar/concerns")
    assert f'href="/workspace/registrar/concerns/{concern.reference}"' in page.text
