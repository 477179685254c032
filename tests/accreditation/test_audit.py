"""Every lifecycle change is in the hash-chained audit trail, and tampering with it is found."""

from __future__ import annotations

from sqlalchemy import select, text

from registry.domain.audit import verify_chain
from registry.extensions import db
from registry.models import AuditEvent


def test_each_operation_writes_an_audit_event_with_its_actor(world, make_accreditation):
    accreditation = make_accreditation(world, "suspended")
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.subject_id == str(accreditation.id)).order_by(AuditEvent.sequence)
    ).all()
    assert actions == [
        "accreditation.applied",
        "accreditation.assessment_recorded",
        "accreditation.accredited",
        "accreditation.suspended",
    ]
    suspended = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "accreditation.suspended")).one()
    assert suspended.actor_id == world.registrar.id
    assert "Complaint under review" not in str(suspended.data)  # the private reason stays out of the audit data


def test_an_untouched_chain_verifies_and_a_tampered_row_is_named(app, world, make_accreditation):
    make_accreditation(world, "withdrawn")
    runner = app.test_cli_runner()
    checked, fault = verify_chain()
    assert fault is None and checked >= 4
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 0 and "intact" in result.output

    target = db.session.scalars(
        select(AuditEvent.sequence).where(AuditEvent.action == "accreditation.accredited")
    ).one()
    db.session.execute(
        text("UPDATE audit_events SET data = :data WHERE sequence = :sequence"),
        {"data": '{"to_status": "accredited", "body_id": 999}', "sequence": target},
    )
    db.session.commit()
    checked, fault = verify_chain()
    assert fault is not None and fault.sequence == target and "altered" in fault.problem
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code != 0
    assert f"event {target}" in result.output


def test_a_removed_last_row_is_found(app, world, make_accreditation):
    make_accreditation(world, "accredited")
    last = db.session.scalars(select(AuditEvent.sequence).order_by(AuditEvent.sequence.desc())).first()
    db.session.execute(text("DELETE FROM audit_events WHERE sequence = :sequence"), {"sequence": last})
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    assert result.exit_code != 0 and f"event {last}" in result.output
