"""Renewal: the mediator asks, the registrar renews through the lifecycle beside the compliance summary."""

from __future__ import annotations

from sqlalchemy import select

from registry.domain import renewals
from registry.domain.lifecycle import renewed_until
from registry.extensions import db
from registry.models import AccreditationEvent, RenewalRequest
from tests.conftest import csrf_token_from
from tests.mediator.conftest import MediatorWorld
from tests.test_pages_basics import assert_page_basics

PAGE = "/workspace/mediator/renewal"


def _compliant_log(world: MediatorWorld, seed) -> list:
    m = world.mediator
    return [
        seed(m, "cpd", "send_law_policy_practice", "4", 20),
        seed(m, "cpd", "mediation_skills", "6", 25),
        seed(m, "supervision", "one_to_one", "4", 30),
        seed(
            m,
            "practice",
            "send_mediation",
            "10",
            35,
            local_authority_id=1,
            issue_type="placement",
            format="video",
            outcome_band="full_agreement",
        ),
    ]


def _request(world: MediatorWorld, explanation: str = ""):
    token = world.token("/workspace/mediator/profile")
    return world.client.post(PAGE, data={"csrf_token": token, "explanation": explanation})


def _decide(registrar, request: RenewalRequest, **data):
    page = f"/workspace/registrar/renewals/{request.id}"
    html = registrar.get(page).text
    assert_page_basics(html)
    version = request.accreditation.version
    return html, registrar.post(
        page, data={"csrf_token": csrf_token_from(html), "expected_version": str(version), **data}
    )


def _requests(world: MediatorWorld) -> list[RenewalRequest]:
    return list(
        db.session.scalars(select(RenewalRequest).where(RenewalRequest.accreditation_id == world.accreditation.id))
    )


def test_a_compliant_log_is_renewed_through_the_lifecycle(world: MediatorWorld, registrar, seed) -> None:
    _compliant_log(world, seed)
    assert "you can ask your accrediting body to renew" in world.client.get(PAGE).text
    assert _request(world).status_code == 302
    [request] = _requests(world)
    assert request.compliant and request.status == "pending"
    assert "You asked to renew" in world.client.get(PAGE).text

    listing = registrar.get("/workspace/registrar/renewals").text
    assert world.mediator.display_name in listing and "Compliant" in listing
    old_until = world.accreditation.valid_until
    html, response = _decide(registrar, request, decision="renew")
    assert "Every requirement is met" in html, "the compliance summary is beside the request"
    assert response.status_code == 302, response.text
    db.session.refresh(world.accreditation)
    db.session.refresh(request)
    assert request.status == "renewed"
    assert world.accreditation.valid_until == renewed_until(old_until)
    event = db.session.scalars(
        select(AccreditationEvent)
        .where(AccreditationEvent.accreditation_id == world.accreditation.id)
        .order_by(AccreditationEvent.sequence.desc())
    ).first()
    assert event.kind == "renewed" and event.actor_id == registrar.user.id


def test_a_non_compliant_request_needs_an_explanation_and_is_flagged(world: MediatorWorld, registrar, seed) -> None:
    seed(world.mediator, "cpd", "mediation_skills", "2")
    response = _request(world)
    assert "does not meet every requirement yet" in response.text
    assert _requests(world) == []

    assert _request(world, "Six months of illness; supervision resumes in March.").status_code == 302
    [request] = _requests(world)
    assert not request.compliant
    listing = registrar.get("/workspace/registrar/renewals").text
    assert "Flagged: not compliant" in listing

    html, response = _decide(registrar, request, decision="renew")
    assert "Six months of illness" in html and "cannot be renewed" in html
    assert "can only be renewed when" in response.text
    db.session.refresh(request)
    assert request.status == "pending"
    assert world.accreditation.events[-1].kind != "renewed"


def test_entries_rejected_after_the_request_count_against_it(world: MediatorWorld, registrar, seed) -> None:
    entries = _compliant_log(world, seed)
    _request(world)
    [request] = _requests(world)
    entries[2].review_status = "rejected"  # the only supervision
    db.session.flush()
    _, response = _decide(registrar, request, decision="renew")
    assert "can only be renewed when" in response.text
    assert not renewals.assessment_for(request).compliant


def test_the_registrars_private_reason_for_renewing_is_not_shown_to_the_mediator(
    world: MediatorWorld, registrar, seed
) -> None:
    _compliant_log(world, seed)
    _request(world)
    [request] = _requests(world)
    _, response = _decide(registrar, request, decision="renew", note="Checked with their supervisor by phone.")
    assert response.status_code == 302
    db.session.refresh(request)
    assert request.decision_note == ""
    assert world.accreditation.events[-1].reason == "Checked with their supervisor by phone."
    page = world.client.get(PAGE).text
    assert "Renewed" in page and "Checked with their supervisor" not in page


def test_declining_needs_a_note_the_mediator_sees(world: MediatorWorld, registrar, seed) -> None:
    _compliant_log(world, seed)
    _request(world)
    [request] = _requests(world)
    _, response = _decide(registrar, request, decision="decline", note="")
    assert "Tell the mediator why" in response.text
    _, response = _decide(registrar, request, decision="decline", note="Please send your supervision records.")
    assert response.status_code == 302
    page = world.client.get(PAGE).text
    assert "Declined" in page and "Please send your supervision records." in page


def test_one_pending_request_at_a_time_and_only_for_a_current_accreditation(world: MediatorWorld, seed) -> None:
    _compliant_log(world, seed)
    _request(world)
    assert "already asked to renew" in _request(world).text
    world.accreditation.status = "suspended"
    db.session.flush()
    assert "You do not have a current accreditation to renew" in world.client.get(PAGE).text


def test_another_bodys_registrar_cannot_decide(world: MediatorWorld, client_as, seed) -> None:
    _compliant_log(world, seed)
    _request(world)
    [request] = _requests(world)
    assert client_as("registrar").get(f"/workspace/registrar/renewals/{request.id}").status_code == 403
