"""The accrediting body's registrars verify or reject entries; the mediator sees the note."""

from __future__ import annotations

from sqlalchemy import select

from registry.extensions import db
from registry.models import AuditEvent
from tests.conftest import csrf_token_from
from tests.mediator.conftest import MediatorWorld


def _review(registrar, entry, **data):
    page = f"/workspace/registrar/log-entries/{entry.id}"
    token = csrf_token_from(registrar.get(page).text)
    return registrar.post(page, data={"csrf_token": token, "expected_version": str(entry.version), **data})


def test_a_registrar_verifies_an_entry(world: MediatorWorld, registrar, seed) -> None:
    entry = seed(world.mediator, "cpd", "mediation_skills", "2", reflection="What I learned")
    page = registrar.get(f"/workspace/registrar/log-entries/{entry.id}").text
    assert "What I learned" in page, "the body sees the private reflection"
    response = _review(registrar, entry, decision="verify")
    assert response.status_code == 302
    db.session.refresh(entry)
    assert entry.review_status == "verified" and entry.reviewed_by_id == registrar.user.id
    assert db.session.scalars(select(AuditEvent).where(AuditEvent.action == "log_entry.verified")).first()
    assert "Verified" in world.client.get("/workspace/mediator/log").text


def test_a_rejection_needs_a_note_that_the_mediator_sees(world: MediatorWorld, registrar, seed) -> None:
    entry = seed(world.mediator, "cpd", "mediation_skills", "2")
    response = _review(registrar, entry, decision="reject", note="")
    assert "Tell the mediator why the entry is rejected" in response.text
    db.session.refresh(entry)
    assert entry.review_status == "declared"

    _review(registrar, entry, decision="reject", note="This was a social event, not CPD.")
    db.session.refresh(entry)
    assert entry.review_status == "rejected"
    page = world.client.get(f"/workspace/mediator/log/{entry.id}").text
    assert "Rejected" in page and "This was a social event, not CPD." in page


def test_a_review_of_an_entry_changed_meanwhile_is_refused(world: MediatorWorld, registrar, seed) -> None:
    entry = seed(world.mediator, "cpd", "mediation_skills", "2")
    page = f"/workspace/registrar/log-entries/{entry.id}"
    token = csrf_token_from(registrar.get(page).text)
    stale = str(entry.version)
    entry.title = "Changed by the mediator"
    db.session.flush()
    response = registrar.post(page, data={"csrf_token": token, "decision": "verify", "expected_version": stale})
    assert "changed this entry while you were looking" in response.text
    db.session.refresh(entry)
    assert entry.review_status == "declared"


def test_only_the_mediators_own_body_reviews(world: MediatorWorld, client_as, seed) -> None:
    entry = seed(world.mediator, "cpd", "mediation_skills", "2")
    outsider = client_as("registrar")
    page = f"/workspace/registrar/log-entries/{entry.id}"
    assert outsider.post(page, data={"decision": "verify"}).status_code in (400, 403)
    assert outsider.get(page).status_code == 403
    assert client_as("oversight").get(page).status_code == 403, "oversight reads evidence but does not verify"
    db.session.refresh(entry)
    assert entry.review_status == "declared"


def test_the_queue_lists_mediators_with_entries_waiting(world: MediatorWorld, registrar, seed) -> None:
    seed(world.mediator, "cpd", "mediation_skills", "2")
    seed(world.mediator, "cpd", "mediation_skills", "1", status="verified")
    html = registrar.get("/workspace/registrar/log-review").text
    assert world.mediator.display_name in html and ">1<" in html.replace(" ", "").replace("\n", "")
