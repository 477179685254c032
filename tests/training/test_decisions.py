"""Decisions on programmes: one event and one audit event each, status at a date, versions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from registry.domain import lifecycle, training
from registry.domain.errors import ConcurrentChange, DomainError, IllegalTransition, PermissionDenied
from registry.domain.lifecycle import Change
from registry.domain.registration_numbers import is_valid
from registry.domain.sequences import next_value
from registry.domain.training.transitions import PROGRAMME_ACCREDITATION
from registry.models import AuditEvent, ProgrammeAccreditationEvent, ProgrammeVersion
from tests.training.conftest import content


def counts(db_session) -> tuple[int, int]:
    return (
        db_session.scalar(select(func.count()).select_from(ProgrammeAccreditationEvent)),
        db_session.scalar(select(func.count()).select_from(AuditEvent)),
    )


def latest_audit(db_session) -> AuditEvent:
    return db_session.scalars(select(AuditEvent).order_by(AuditEvent.sequence.desc()).limit(1)).one()


def test_submission_gets_a_tp_reference_and_one_event_and_audit(world, db_session, frozen_clock) -> None:
    before = counts(db_session)
    programme = training.submit_programme(world.provider, world.trainer, "foundation", content()).programme
    assert programme.reference.startswith("TP-") and is_valid(programme.reference, "TP")
    assert counts(db_session) == (before[0] + 1, before[1] + 1)
    (event,) = programme.events
    assert (event.kind, event.from_status, event.to_status, event.programme_version) == (
        "submitted",
        None,
        "submitted",
        1,
    )
    assert latest_audit(db_session).action == "training_programme.submitted"


def test_accredit_for_the_years_the_criteria_set(world, make_programme, db_session, frozen_clock) -> None:
    programme = make_programme(status="submitted")
    before = counts(db_session)
    event = training.accredit(programme, world.registrar, world.body, conditions="Add a session on MS-8.")
    assert counts(db_session) == (before[0] + 1, before[1] + 1)
    assert (programme.status, programme.valid_from, programme.valid_until) == (
        "accredited",
        date(2026, 3, 4),
        date(2029, 3, 3),
    )
    assert programme.conditions == "Add a session on MS-8." == event.conditions
    assert programme.body_id == world.body.id == event.body_id
    audit = latest_audit(db_session)
    assert audit.action == "training_programme.accredited" and audit.data["years"] == 3
    assert audit.subject_id == programme.reference


def test_a_programme_with_shortfalls_cannot_be_accredited(world, make_programme, db_session, frozen_clock) -> None:
    programme = make_programme(status="submitted", practical_hours=Decimal(12))
    before = counts(db_session)
    with pytest.raises(IllegalTransition, match="at least 20 hours of practical role-play; this one has 12"):
        training.accredit(programme, world.registrar, world.body)
    assert counts(db_session) == before and programme.status == "submitted"


def test_refuse_needs_reasons_kept_private(world, make_programme, db_session, frozen_clock) -> None:
    programme = make_programme(status="submitted")
    with pytest.raises(DomainError, match="Give the reasons"):
        training.refuse(programme, world.registrar, world.body, reason=" ")
    event = training.refuse(programme, world.registrar, world.body, reason="Secret reason")
    assert event.reason == "Secret reason"
    audit = latest_audit(db_session)
    assert "Secret reason" not in str(audit.data) and audit.data["reason_given"] is True


def test_suspend_reinstate_withdraw(world, make_programme, frozen_clock) -> None:
    programme = make_programme()
    with pytest.raises(DomainError, match="note for the public"):
        training.suspend(programme, world.registrar, world.body, reason="Complaint", public_note="")
    training.suspend(programme, world.registrar, world.body, reason="Complaint", public_note="Under review.")
    assert programme.status == "suspended"
    training.reinstate(programme, world.registrar, world.body)
    assert programme.status == "accredited" and programme.valid_until == date(2029, 3, 3)
    training.withdraw(programme, world.registrar, world.body, reason="Misconduct")
    assert programme.status == "withdrawn"
    with pytest.raises(IllegalTransition, match="because it is withdrawn"):
        training.reinstate(programme, world.registrar, world.body)
    with pytest.raises(DomainError, match="withdrawn"):
        training.submit_version(programme, world.trainer, content())


@pytest.mark.parametrize(
    ("status", "decision"),
    [("submitted", "suspend"), ("refused", "accredit"), ("accredited", "refuse"), ("suspended", "accredit")],
)
def test_illegal_transitions_change_nothing(world, make_programme, db_session, frozen_clock, status, decision) -> None:
    programme = make_programme(status=status)
    before = counts(db_session), programme.status
    kwargs = {"reason": "r", "public_note": "n"} if decision == "suspend" else {}
    if decision == "refuse":
        kwargs = {"reason": "r"}
    with pytest.raises(IllegalTransition, match="You cannot"):
        getattr(training, decision)(programme, world.registrar, world.body, **kwargs)
    assert (counts(db_session), programme.status) == before


def test_cache_always_agrees_with_the_latest_event(world, make_programme, frozen_clock) -> None:
    programme = make_programme(status="suspended")
    last = programme.events[-1]
    assert (programme.status, programme.valid_until, programme.conditions) == (
        last.to_status,
        last.valid_until,
        last.conditions,
    )


def test_nobody_decides_on_their_own_providers_programme(world, make_programme, factories, frozen_clock) -> None:
    programme = make_programme(status="submitted")
    dual = factories.person_with_role("registrar", world.body)
    factories.role(user=dual, role="trainer", organisation=world.provider)
    with pytest.raises(PermissionDenied):
        training.accredit(programme, dual, world.body)
    assert programme.status == "submitted"


def test_a_decision_never_moves_a_programme_to_another_body(
    world, make_programme, factories, db_session, frozen_clock
) -> None:
    """The exploit of issue 13: a registrar of a second body suspended the first body's programme
    and so made their own body its accrediting body. The domain refuses it, whoever calls it."""
    programme = make_programme()  # accredited by world.body
    second = factories.organisation(kind="accrediting_body", name="Second Mediation Body")
    rival = factories.person_with_role("registrar", second)
    before = counts(db_session), programme.row_version
    attempts = {
        "suspend": {"reason": "Complaint", "public_note": "Paused."},
        "withdraw": {"reason": "Misconduct"},
        "reinstate": {},
    }
    for decision, kwargs in attempts.items():
        with pytest.raises(PermissionDenied, match="Test Mediation Body decides on this programme"):
            getattr(training, decision)(programme, rival, second, **kwargs)
    assert (counts(db_session), programme.row_version) == before
    assert (programme.status, programme.body_id) == ("accredited", world.body.id)


def test_the_recorder_never_moves_a_programme(world, make_programme, factories, db_session, frozen_clock) -> None:
    programme = make_programme()
    second = factories.organisation(kind="accrediting_body")
    before = counts(db_session)
    change = Change("suspended", frozen_clock.today, "Complaint", "Paused.")
    with pytest.raises(PermissionDenied, match="never moves a programme to another body"):
        lifecycle.record(PROGRAMME_ACCREDITATION, programme, world.registrar, change, body=second)
    db_session.flush()
    assert counts(db_session) == before
    assert (programme.status, programme.body_id) == ("accredited", world.body.id)


def test_a_registrar_decides_only_for_a_body_they_act_for(world, make_programme, factories, frozen_clock) -> None:
    programme = make_programme(status="submitted")
    elsewhere = factories.organisation(kind="accrediting_body", name="Elsewhere Body")
    with pytest.raises(PermissionDenied, match="You do not act for Elsewhere Body"):
        training.accredit(programme, world.registrar, elsewhere)
    assert (programme.status, programme.body_id) == ("submitted", None)


def test_the_first_decision_is_any_bodys_and_the_programme_then_stays_with_it(
    world, make_programme, factories, frozen_clock
) -> None:
    programme = make_programme(status="submitted")
    second = factories.organisation(kind="accrediting_body", name="Second Mediation Body")
    rival = factories.person_with_role("registrar", second)
    training.refuse(programme, rival, second, reason="Not enough role-play.")
    assert programme.body_id == second.id
    training.submit_version(programme, world.trainer, content(title="Improved"))
    assert (programme.status, programme.body_id) == ("submitted", second.id), "resubmitting keeps the body"
    with pytest.raises(PermissionDenied, match="Second Mediation Body decides on this programme"):
        training.accredit(programme, world.registrar, world.body)
    training.accredit(programme, rival, second)
    assert (programme.status, programme.body_id) == ("accredited", second.id)
    assert {event.body_id for event in programme.events if event.body_id is not None} == {second.id}


def test_the_form_was_built_from_an_older_version(world, make_programme, frozen_clock) -> None:
    programme = make_programme(status="submitted")
    stale = programme.row_version
    training.submit_version(programme, world.trainer, content(title="Foundation SEND mediation, 2nd edition"))
    with pytest.raises(ConcurrentChange):
        training.accredit(programme, world.registrar, world.body, expected_version=stale)


def test_events_share_the_global_accreditation_sequence(world, make_programme, factories, frozen_clock) -> None:
    programme = make_programme(status="submitted")
    mediator_event_sequence = next_value("accreditation_events")  # what a mediator event would take next
    event = training.accredit(programme, world.registrar, world.body)
    assert event.sequence == mediator_event_sequence + 1
    assert [e.sequence for e in programme.events] == sorted(e.sequence for e in programme.events)


def test_status_at_a_date_from_events_in_valid_and_record_time(world, make_programme, frozen_clock) -> None:
    programme = make_programme()  # accredited 4 March 2026
    frozen_clock.advance(30)  # 3 April 2026
    training.suspend(
        programme,
        world.registrar,
        world.body,
        reason="Complaint",
        public_note="Under review.",
        effective_on=date(2026, 3, 20),
    )
    assert training.status_on(programme, date(2026, 3, 10)).accredited
    assert training.status_on(programme, date(2026, 3, 25)).status == "suspended"
    # As the register knew it on 1 April, the back-dated suspension was not yet recorded.
    assert training.status_on(programme, date(2026, 3, 25), as_known_on=date(2026, 4, 1)).accredited
    assert training.status_on(programme, date(2026, 3, 1)).status is None


def test_accreditation_lapses_after_three_years(world, make_programme, db_session, frozen_clock) -> None:
    programme = make_programme()
    assert training.status_on(programme, date(2029, 3, 3)).accredited
    assert training.status_on(programme, date(2029, 3, 4)).status == "lapsed"  # before the job runs
    frozen_clock.today = date(2029, 3, 10)
    assert training.lapse_expired() == [programme.reference]
    assert programme.status == "lapsed" and programme.events[-1].effective_on == date(2029, 3, 4)
    assert training.lapse_expired() == []
    # A lapsed programme comes back by resubmission with a new version.
    training.submit_version(programme, world.trainer, content(title="Foundation SEND mediation 2029"))
    assert programme.status == "submitted" and programme.valid_until is None
    assert programme.events[-1].kind == "resubmitted"


def test_new_versions_are_kept(world, make_programme, db_session, frozen_clock) -> None:
    programme = make_programme()
    training.submit_version(programme, world.trainer, content(title="Second edition", total_hours=Decimal(42)))
    versions = db_session.scalars(
        select(ProgrammeVersion).where(ProgrammeVersion.programme_id == programme.id).order_by(ProgrammeVersion.number)
    ).all()
    assert [(v.number, v.title) for v in versions] == [(1, "Foundation SEND mediation"), (2, "Second edition")]
    assert programme.latest_version == 2 and programme.title == "Second edition"
    assert programme.status == "accredited"
    assert latest_audit(db_session).action == "training_programme.new_version"


def test_an_accredited_programmes_new_version_must_meet_the_criteria(world, make_programme, frozen_clock) -> None:
    programme = make_programme()
    with pytest.raises(DomainError, match="must keep meeting the criteria"):
        training.submit_version(programme, world.trainer, content(practical_hours=Decimal(10)))
    assert programme.latest_version == 1


def test_a_refused_programme_is_resubmitted_with_a_new_version(world, make_programme, frozen_clock) -> None:
    programme = make_programme(status="refused")
    submitted = training.submit_version(programme, world.trainer, content(title="Improved"))
    assert programme.status == "submitted" and submitted.version.number == 2
    training.accredit(programme, world.registrar, world.body)
    assert programme.events[-1].programme_version == 2


def test_effective_date_cannot_be_in_the_future_or_before_the_last_change(world, make_programme, frozen_clock) -> None:
    programme = make_programme(status="submitted")
    with pytest.raises(DomainError, match="future"):
        training.accredit(programme, world.registrar, world.body, effective_on=date(2026, 3, 5))
    with pytest.raises(DomainError, match="cannot be before 4 March 2026"):
        training.accredit(programme, world.registrar, world.body, effective_on=date(2026, 3, 1))


def test_the_daily_job_lapses_programmes_that_ran_out(app, make_programme, frozen_clock) -> None:
    programme = make_programme()
    frozen_clock.today = date(2029, 3, 5)
    result = app.test_cli_runner().invoke(args=["daily"])
    assert result.exit_code == 0, result.output
    assert "1 training programme(s) lapsed." in result.output
    assert programme.status == "lapsed" and programme.events[-1].effective_on == date(2029, 3, 4)
