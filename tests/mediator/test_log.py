"""Adding, changing, deleting and annotating log entries through the mediator's pages."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from registry.extensions import db
from registry.models import AuditEvent, LocalAuthority, LogEntry
from tests.mediator.conftest import MediatorWorld
from tests.mediator.forms import cpd_form, date_parts, practice_form
from tests.test_pages_basics import assert_page_basics

NEW_CPD = "/workspace/mediator/log/new/cpd"


def _entries(world: MediatorWorld) -> list[LogEntry]:
    return list(db.session.scalars(select(LogEntry).where(LogEntry.mediator_id == world.mediator.id)))


def _any_la() -> LocalAuthority:
    return db.session.scalars(select(LocalAuthority).order_by(LocalAuthority.name)).first()


def test_choosing_a_kind_leads_to_its_form(world: MediatorWorld) -> None:
    token = world.token("/workspace/mediator/log/new")
    response = world.client.post("/workspace/mediator/log/new", data={"csrf_token": token, "kind": "supervision"})
    assert response.headers["Location"].endswith("/workspace/mediator/log/new/supervision")
    response = world.client.post("/workspace/mediator/log/new", data={"csrf_token": token})
    assert "Choose what you want to log" in response.text


def test_a_cpd_entry_is_added(world: MediatorWorld) -> None:
    response = world.client.post(NEW_CPD, data=cpd_form(world.token(NEW_CPD)))
    assert response.status_code == 302
    [entry] = _entries(world)
    assert (entry.kind, entry.category, entry.hours, entry.review_status) == (
        "cpd",
        "send_law_policy_practice",
        Decimal("1.5"),
        "declared",
    )
    assert entry.reflection == "Useful on the new guidance."
    log = world.client.get("/workspace/mediator/log").text
    assert "Tribunal update webinar" in log and "Not yet reviewed" in log
    audit = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "log_entry.added")).all()
    assert audit and "Useful" not in str(audit[-1].data), "the audit trail never copies the private reflection"


def test_a_practice_entry_records_no_reflection(world: MediatorWorld) -> None:
    path = "/workspace/mediator/log/new/practice"
    page = world.client.get(path).text
    assert 'name="reflection"' not in page
    assert "no names or personal details" in page
    area = _any_la()
    response = world.client.post(path, data=practice_form(world.token(path), area.id))
    assert response.status_code == 302, response.text
    [entry] = _entries(world)
    assert (entry.local_authority_id, entry.issue_type, entry.format, entry.outcome_band) == (
        area.id,
        "refusal_to_assess",
        "video",
        "partial_agreement",
    )
    assert entry.reflection == ""


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"occurred_on": date_parts(date.today() + timedelta(days=1))}, "The date must be today or in the past"),
        ({"occurred_on": ["31", "2", "2026"]}, "Enter a real date"),
        ({"hours": "1.3"}, "Enter hours in quarter hours"),
        ({"hours": "0"}, "Hours must be at least 0.25"),
        ({"hours": "41"}, "Hours must be 40 or fewer"),
        ({"hours": "lots"}, "Enter the hours"),
        ({"category": "one_to_one"}, "Choose a category from the list"),
        ({"title": ""}, "Enter a title"),
    ],
)
def test_bad_entries_are_refused_with_a_clear_message(world: MediatorWorld, overrides, message) -> None:
    response = world.client.post(NEW_CPD, data=cpd_form(world.token(NEW_CPD), **overrides))
    assert response.status_code == 200
    facts = assert_page_basics(response.text)
    assert "govuk-error-summary" in facts.classes
    assert message in response.text
    assert _entries(world) == []


def test_a_practice_entry_needs_its_fields(world: MediatorWorld) -> None:
    path = "/workspace/mediator/log/new/practice"
    data = practice_form(world.token(path), 0, issue_type="", format="", outcome_band="", category="")
    response = world.client.post(path, data=data)
    for message in (
        "Choose the local authority",
        "Choose what the disagreement was about",
        "Choose how the mediation was held",
        "Choose the outcome",
        "Choose a category from the list",
    ):
        assert message in response.text
    assert _entries(world) == []


def test_supervision_must_be_one_to_one_or_group(world: MediatorWorld) -> None:
    path = "/workspace/mediator/log/new/supervision"
    response = world.client.post(path, data=cpd_form(world.token(path), category="send_mediation"))
    assert "Choose one-to-one or group supervision" in response.text
    response = world.client.post(path, data=cpd_form(world.token(path), category="group"))
    assert response.status_code == 302


def test_an_entry_is_changed_and_deleted(world: MediatorWorld, seed) -> None:
    entry = seed(world.mediator, "cpd", "mediation_skills", "2")
    edit = f"/workspace/mediator/log/{entry.id}/edit"
    page = world.client.get(edit).text
    assert 'value="2"' in page
    data = cpd_form(world.token(edit), category="mediation_skills", hours="2.75", expected_version=str(entry.version))
    assert world.client.post(edit, data=data).status_code == 302
    db.session.refresh(entry)
    assert entry.hours == Decimal("2.75")

    delete = f"/workspace/mediator/log/{entry.id}/delete"
    assert world.client.post(delete, data={"csrf_token": world.token(delete)}).status_code == 302
    assert _entries(world) == []


def test_a_stale_edit_is_refused(world: MediatorWorld, seed) -> None:
    entry = seed(world.mediator, "cpd", "mediation_skills", "2")
    edit = f"/workspace/mediator/log/{entry.id}/edit"
    data = cpd_form(world.token(edit), category="mediation_skills", expected_version=str(entry.version + 5))
    response = world.client.post(edit, data=data)
    assert "changed by someone else" in response.text


def test_verified_entries_cannot_be_changed_or_deleted_only_annotated(world: MediatorWorld, seed) -> None:
    entry = seed(world.mediator, "cpd", "mediation_skills", "2", status="verified")
    page = world.client.get(f"/workspace/mediator/log/{entry.id}").text
    assert "Change this entry" not in page and "Delete this entry" not in page and "Add a note" in page

    edit = f"/workspace/mediator/log/{entry.id}/edit"
    assert world.client.get(edit).status_code == 302
    token = world.token(f"/workspace/mediator/log/{entry.id}/annotate")
    world.client.post(edit, data=cpd_form(token, category="mediation_skills", hours="9"))
    world.client.post(f"/workspace/mediator/log/{entry.id}/delete", data={"csrf_token": token})
    db.session.refresh(entry)
    assert entry.hours == Decimal(2) and entry in _entries(world)

    annotate = f"/workspace/mediator/log/{entry.id}/annotate"
    response = world.client.post(annotate, data={"csrf_token": token, "annotation": "Certificate re-issued in May."})
    assert response.status_code == 302
    db.session.refresh(entry)
    assert entry.annotation == "Certificate re-issued in May."
    assert "Certificate re-issued in May." in world.client.get(f"/workspace/mediator/log/{entry.id}").text


def test_changing_a_rejected_entry_sends_it_back_for_review(world: MediatorWorld, seed) -> None:
    entry = seed(world.mediator, "cpd", "mediation_skills", "2", status="rejected", review_note="No evidence given.")
    edit = f"/workspace/mediator/log/{entry.id}/edit"
    assert "No evidence given." in world.client.get(edit).text
    world.client.post(
        edit, data=cpd_form(world.token(edit), category="mediation_skills", expected_version=str(entry.version))
    )
    db.session.refresh(entry)
    assert entry.review_status == "declared"


def test_the_log_pages_through_many_entries(world: MediatorWorld, seed) -> None:
    for day in range(55):
        seed(world.mediator, "cpd", "mediation_skills", "1", days_ago=day, title=f"Session {day}")
    first = world.client.get("/workspace/mediator/log").text
    assert "55 entries" in first and "Session 0<" in first and "Session 54<" not in first and "Older entries" in first
    second = world.client.get("/workspace/mediator/log?page=2").text
    assert "Session 54<" in second
