"""Concern handling: triage, notes, outcomes through the accreditation operations, time to outcome,
and the status the person who raised it sees by reference (no private details)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from registry.domain.accreditation import public_timeline, status_on
from registry.domain.oversight import concern_handling as handling
from registry.domain.oversight.errors import Refused
from registry.extensions import db
from registry.models import AccreditationEvent, AuditEvent, OversightNotice
from tests.oversight.conftest import accreditation_of


@pytest.fixture
def mediator(frozen_clock, body, accredited):
    return accredited(body)


def _decision(outcome: str, **fields) -> handling.OutcomeDecision:
    return handling.OutcomeDecision(outcome=outcome, reason=fields.pop("reason", "Private reasons"), **fields)


def test_a_concern_ending_in_suspension_records_the_event_audit_and_public_timeline(
    frozen_clock, mediator, registrar, concern_about
) -> None:
    concern = concern_about(mediator)
    frozen_clock.advance(3)
    handling.triage(concern, True, "About their conduct in a mediation", "", registrar)
    handling.add_note(concern, "Spoke to the mediator on the phone", registrar)
    frozen_clock.advance(11)
    record = handling.decide(
        concern,
        _decision(
            "suspension",
            reason="Shouted at a parent; admitted it",
            public_note="Suspended while they complete further training.",
            public_message="We have suspended the mediator's accreditation.",
        ),
        registrar,
    )
    event = db.session.get(AccreditationEvent, record.accreditation_event_id)
    assert (event.kind, event.to_status, event.actor_id) == ("suspended", "suspended", registrar.id)
    assert event.reason == "Shouted at a parent; admitted it"
    assert accreditation_of(mediator).status == "suspended"
    assert status_on(mediator, frozen_clock.today).status == "suspended"
    actions = [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.sequence))]
    assert actions[-2:] == ["accreditation.suspended", "concern.decided"]
    timeline = public_timeline(mediator)
    assert timeline[0].kind == "suspended" and timeline[0].public_note.startswith("Suspended while")
    assert record.days_to_outcome == 14 and record.stage == "closed"

    status = handling.public_status(concern.reference.lower())
    assert status.stage == "closed" and status.outcome_words.startswith("Suspension")
    assert status.public_message == "We have suspended the mediator's accreditation."
    assert status.finished_on == frozen_clock.today
    shown = repr(status)
    for private in ("Private details", "Sam Parent", "parent@example.com", "Shouted", "phone", mediator.display_name):
        assert private not in shown


def test_conditions_and_withdrawal_go_through_the_operations(frozen_clock, body, accredited, registrar, concern_about):
    first, second = accredited(body), accredited(body)
    for mediator, decision in (
        (first, _decision("conditions", conditions="Must co-mediate SEND cases until March 2027")),
        (second, _decision("withdrawal", public_note="Withdrawn for cause.")),
    ):
        concern = concern_about(mediator)
        handling.triage(concern, True, "", "", registrar)
        handling.decide(concern, decision, registrar)
    assert accreditation_of(first).conditions == "Must co-mediate SEND cases until March 2027"
    assert accreditation_of(second).status == "withdrawn"


def test_advice_changes_no_status_and_tells_the_person_who_raised_it(
    frozen_clock, mediator, registrar, concern_about
) -> None:
    concern = concern_about(mediator)
    handling.triage(concern, True, "", "", registrar)
    record = handling.decide(concern, _decision("advice"), registrar)
    assert record.accreditation_event_id is None and accreditation_of(mediator).status == "accredited"
    messages = db.session.scalars(select(OversightNotice).where(OversightNotice.concern_id == concern.id)).all()
    assert [m.email for m in messages] == ["parent@example.com", "parent@example.com"]
    assert all(concern.reference in m.body and "Private details" not in m.body for m in messages)


def test_a_refused_status_change_records_no_outcome(frozen_clock, mediator, registrar, concern_about) -> None:
    concern = concern_about(mediator)
    handling.triage(concern, True, "", "", registrar)
    with pytest.raises(Refused) as refusal:
        handling.decide(concern, _decision("suspension", public_note=""), registrar)
    assert refusal.value.field == "public_note"
    assert handling.stage_of(concern) == "investigating"
    accreditation = accreditation_of(mediator)
    with pytest.raises(Refused, match="changed by someone else"):
        handling.decide(
            concern, _decision("suspension", public_note="x", expected_version=accreditation.version + 1), registrar
        )
    assert handling.stage_of(concern) == "investigating" and accreditation.status == "accredited"


def test_out_of_scope_is_finished_at_triage_and_needs_a_reason(frozen_clock, mediator, registrar, concern_about):
    concern = concern_about(mediator, email=None)
    with pytest.raises(Refused) as refusal:
        handling.triage(concern, False, "", "", registrar)
    assert refusal.value.field == "note"
    frozen_clock.advance(2)
    record = handling.triage(
        concern, False, "About the school, not the mediator", "Please contact the school.", registrar
    )
    assert record.stage == "not_in_scope" and record.days_to_outcome == 2
    assert handling.public_status(concern.reference).stage_words.startswith("Closed")
    with pytest.raises(Refused, match="under investigation"):
        handling.decide(concern, _decision("advice"), registrar)
    with pytest.raises(Refused, match="already been triaged"):
        handling.triage(concern, True, "", "", registrar)


def test_a_new_concern_reads_as_received(frozen_clock, mediator, concern_about) -> None:
    concern = concern_about(mediator)
    status = handling.public_status(concern.reference)
    assert status.stage == "received" and status.outcome_words is None and status.finished_on is None


def test_days_to_outcome_count_uk_days(frozen_clock, mediator, registrar, concern_about) -> None:
    concern = concern_about(mediator)
    concern.received_at = concern.received_at.replace(hour=23, minute=30) - timedelta(days=1)  # 00:30 BST next day
    handling.triage(concern, False, "Not about SEND mediation", "", registrar)
    assert handling.handling_of(concern).days_to_outcome == 0
