"""Each transition of DESIGN §4 as a domain operation: what it writes, and what it refuses."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from registry.domain import accreditation as lifecycle
from registry.domain.accreditation.standards_access import criterion_codes
from registry.domain.errors import ConcurrentChange, DomainError, IllegalTransition
from registry.extensions import db
from registry.models import AccreditationEvent, AuditEvent
from tests.accreditation.conftest import DECLARATIONS, assess_all

STATUSES = ("applied", "refused", "accredited", "suspended", "lapsed", "withdrawn", "resigned")


def counts() -> tuple[int, int]:
    events = db.session.scalar(select(func.count()).select_from(AccreditationEvent))
    audits = db.session.scalar(select(func.count()).select_from(AuditEvent))
    return events, audits


def latest(accreditation) -> AccreditationEvent:
    return db.session.scalars(
        select(AccreditationEvent)
        .where(AccreditationEvent.accreditation_id == accreditation.id)
        .order_by(AccreditationEvent.sequence.desc())
    ).first()


def assert_cache_matches_latest_event(accreditation) -> None:
    event = latest(accreditation)
    assert (accreditation.status, accreditation.valid_from, accreditation.valid_until, accreditation.conditions) == (
        event.to_status,
        event.valid_from,
        event.valid_until,
        event.conditions,
    )


def test_apply_records_the_application_its_event_and_an_audit_event(world, frozen_clock):
    before = counts()
    accreditation = lifecycle.apply(world.mediator, world.body, world.mediator_user, DECLARATIONS)
    assert accreditation.status == "applied"
    assert accreditation.standards_version == "1.0"
    assert counts() == (before[0] + 1, before[1] + 1)
    event = latest(accreditation)
    assert (event.kind, event.from_status, event.to_status, event.effective_on) == (
        "applied",
        None,
        "applied",
        frozen_clock.today,
    )
    assert event.actor_id == world.mediator_user.id
    application = lifecycle.open_application(accreditation)
    assert application.kind == "initial" and application.consents_to_publication
    audit = db.session.scalars(select(AuditEvent).order_by(AuditEvent.sequence.desc())).first()
    assert audit.action == "accreditation.applied" and audit.subject_id == str(accreditation.id)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"not_employed_by_local_authority": False}, "must not be employed by a local authority"),
        ({"has_indemnity_insurance": False}, "indemnity insurance"),
        ({"consents_to_publication": False}, "published"),
        ({"training_completed": "  "}, "training"),
        ({"practice_experience": ""}, "practice experience"),
        ({"independent_of_health_bodies": False}, "health bodies"),
    ],
)
def test_apply_refuses_declarations_that_cannot_support_accreditation(world, change, message):
    before = counts()
    with pytest.raises(DomainError, match=message):
        lifecycle.apply(world.mediator, world.body, world.mediator_user, replace(DECLARATIONS, **change))
    assert counts() == before


def test_a_declared_health_body_connection_with_details_is_accepted(world):
    declarations = replace(
        DECLARATIONS, independent_of_health_bodies=False, independence_details="Sessional work for an ICB"
    )
    assert lifecycle.apply(world.mediator, world.body, world.mediator_user, declarations).status == "applied"


def test_one_live_application_or_accreditation_per_body(world, factories, make_accreditation):
    make_accreditation(world, "accredited")
    with pytest.raises(DomainError, match="already have"):
        lifecycle.apply(world.mediator, world.body, world.mediator_user, DECLARATIONS)
    other_body = factories.organisation(kind="accrediting_body")
    assert lifecycle.apply(world.mediator, other_body, world.mediator_user, DECLARATIONS).status == "applied"
    provider = factories.organisation(kind="mediation_provider")
    with pytest.raises(DomainError, match="does not accredit"):
        lifecycle.apply(world.mediator, provider, world.mediator_user, DECLARATIONS)


def test_a_refused_mediator_may_apply_again(world, make_accreditation):
    make_accreditation(world, "refused")
    assert lifecycle.apply(world.mediator, world.body, world.mediator_user, DECLARATIONS).status == "applied"


def test_accredit_needs_an_outcome_for_every_criterion(world, frozen_clock):
    accreditation = lifecycle.apply(world.mediator, world.body, world.mediator_user, DECLARATIONS)
    codes = criterion_codes("1.0")
    lifecycle.record_assessment(accreditation, world.registrar, [lifecycle.OutcomeInput(c, "met") for c in codes[:-1]])
    before = counts()
    with pytest.raises(IllegalTransition, match=codes[-1]):
        lifecycle.accredit(accreditation, world.registrar)
    with pytest.raises(IllegalTransition, match="Still to assess"):
        lifecycle.refuse(accreditation, world.registrar, reason="No")
    assert counts() == before and accreditation.status == "applied"
    lifecycle.record_assessment(accreditation, world.registrar, [lifecycle.OutcomeInput(codes[-1], "met")])
    event = lifecycle.accredit(accreditation, world.registrar)
    assert event.to_status == "accredited"
    assert lifecycle.open_application(accreditation) is None  # decided


def test_accrediting_with_a_criterion_not_met_needs_conditions(world):
    accreditation = lifecycle.apply(world.mediator, world.body, world.mediator_user, DECLARATIONS)
    assess_all(accreditation, world.registrar)
    first = criterion_codes("1.0")[0]
    lifecycle.record_assessment(accreditation, world.registrar, [lifecycle.OutcomeInput(first, "not_met", "Weak")])
    with pytest.raises(IllegalTransition, match=f"{first} not met"):
        lifecycle.accredit(accreditation, world.registrar)
    lifecycle.accredit(accreditation, world.registrar, conditions="Supervised practice on the legal framework")
    assert accreditation.conditions == "Supervised practice on the legal framework"


def test_record_assessment_refuses_unknown_criteria_and_outcomes_and_can_change_an_outcome(world):
    accreditation = lifecycle.apply(world.mediator, world.body, world.mediator_user, DECLARATIONS)
    with pytest.raises(DomainError, match="MS-99.9 is not a criterion"):
        lifecycle.record_assessment(accreditation, world.registrar, [lifecycle.OutcomeInput("MS-99.9", "met")])
    code = criterion_codes("1.0")[0]
    with pytest.raises(DomainError, match="met or not met"):
        lifecycle.record_assessment(accreditation, world.registrar, [lifecycle.OutcomeInput(code, "maybe")])
    lifecycle.record_assessment(accreditation, world.registrar, [lifecycle.OutcomeInput(code, "met", "ok")])
    lifecycle.record_assessment(
        accreditation, world.registrar, [lifecycle.OutcomeInput(code, "not_met", "on reflection")]
    )
    outcomes = lifecycle.open_application(accreditation).outcomes
    assert [(o.criterion_code, o.outcome, o.notes) for o in outcomes] == [(code, "not_met", "on reflection")]


def test_accreditation_lasts_twelve_months_and_renewal_adds_twelve_more(world, frozen_clock, make_accreditation):
    accreditation = make_accreditation(world, "accredited")
    assert (accreditation.valid_from, accreditation.valid_until) == (date(2026, 3, 4), date(2027, 3, 3))
    with pytest.raises(IllegalTransition, match="compliant"):
        lifecycle.renew(accreditation, world.registrar, compliant=False)
    lifecycle.renew(accreditation, world.registrar, compliant=True, compliance_note="Log checked")
    assert (accreditation.valid_from, accreditation.valid_until) == (date(2026, 3, 4), date(2028, 3, 3))
    assert_cache_matches_latest_event(accreditation)


def test_leap_day_accreditation_ends_on_the_last_day_of_february():
    from registry.domain.lifecycle import period_ending, renewed_until

    assert period_ending(date(2028, 2, 29)) == date(2029, 2, 28)
    assert period_ending(date(2027, 3, 1)) == date(2028, 2, 29)
    assert renewed_until(date(2028, 2, 28)) == date(2029, 2, 28)


def test_conditions_can_be_added_changed_and_lifted_but_not_set_to_the_same(world, make_accreditation):
    accreditation = make_accreditation(world, "accredited")
    lifecycle.change_conditions(accreditation, world.registrar, conditions="Co-mediate SEND cases until June")
    assert accreditation.conditions == "Co-mediate SEND cases until June"
    with pytest.raises(DomainError, match="same as before"):
        lifecycle.change_conditions(accreditation, world.registrar, conditions="Co-mediate SEND cases until June ")
    lifecycle.change_conditions(accreditation, world.registrar, conditions="  ")
    assert accreditation.conditions is None
    assert_cache_matches_latest_event(accreditation)


def test_suspension_needs_a_private_reason_and_a_public_note(world, make_accreditation):
    accreditation = make_accreditation(world, "accredited")
    with pytest.raises(DomainError, match="reason"):
        lifecycle.suspend(accreditation, world.registrar, reason=" ", public_note="Paused")
    with pytest.raises(DomainError, match="note for the public"):
        lifecycle.suspend(accreditation, world.registrar, reason="Complaint", public_note="")
    event = lifecycle.suspend(accreditation, world.registrar, reason="Complaint", public_note="Paused")
    assert (event.reason, event.public_note, accreditation.status) == ("Complaint", "Paused", "suspended")


def test_reinstating_a_suspension_only_inside_the_validity_period(world, frozen_clock, make_accreditation):
    accreditation = make_accreditation(world, "suspended")
    frozen_clock.advance(400)  # past valid_until, before the daily job has run
    with pytest.raises(IllegalTransition, match="ran out on 3 March 2027"):
        lifecycle.reinstate(accreditation, world.registrar)
    event = lifecycle.reinstate(accreditation, world.registrar, effective_on=date(2027, 3, 1))  # back-dated, in time
    assert event.to_status == "accredited" and accreditation.valid_until == date(2027, 3, 3)


def test_reinstating_a_lapse_needs_a_renewal_application_and_a_compliant_log(world, frozen_clock, make_accreditation):
    accreditation = make_accreditation(world, "lapsed", moving=frozen_clock)
    assert accreditation.status == "lapsed"
    with pytest.raises(IllegalTransition, match="renewal application"):
        lifecycle.reinstate(accreditation, world.registrar, compliant=True)
    with pytest.raises(DomainError, match="apply to renew"):
        lifecycle.apply(world.mediator, world.body, world.mediator_user, DECLARATIONS)
    lifecycle.apply_for_renewal(accreditation, world.mediator_user, DECLARATIONS)
    with pytest.raises(DomainError, match="already applied"):
        lifecycle.apply_for_renewal(accreditation, world.mediator_user, DECLARATIONS)
    with pytest.raises(IllegalTransition, match="compliant"):
        lifecycle.reinstate(accreditation, world.registrar, compliant=False)
    frozen_clock.advance(10)
    lifecycle.reinstate(accreditation, world.registrar, compliant=True, compliance_note="Log complete")
    assert accreditation.status == "accredited"
    assert (accreditation.valid_from, accreditation.valid_until) == (
        frozen_clock.today,
        frozen_clock.today.replace(year=frozen_clock.today.year + 1) - timedelta(days=1),
    )
    assert lifecycle.open_application(accreditation) is None


def test_effective_date_may_be_back_dated_but_not_future_nor_before_the_last_change(
    world, frozen_clock, make_accreditation
):
    accreditation = make_accreditation(world, "accredited")
    frozen_clock.advance(30)
    with pytest.raises(DomainError, match="future"):
        lifecycle.suspend(
            accreditation, world.registrar, reason="r", public_note="n", effective_on=frozen_clock.today + timedelta(1)
        )
    with pytest.raises(DomainError, match="cannot be before 4 March 2026"):
        lifecycle.suspend(accreditation, world.registrar, reason="r", public_note="n", effective_on=date(2026, 3, 3))
    event = lifecycle.suspend(
        accreditation, world.registrar, reason="r", public_note="n", effective_on=date(2026, 3, 10)
    )
    assert event.effective_on == date(2026, 3, 10) and event.recorded_at.date() == frozen_clock.today


def test_resignation_by_the_mediator_and_withdrawal_are_terminal(world, factories, make_accreditation):
    resigned = make_accreditation(world, "resigned")
    assert resigned.status == "resigned"
    other = factories.mediator()
    withdrawn = make_accreditation(world, "withdrawn", mediator=other)
    for accreditation in (resigned, withdrawn):
        with pytest.raises(IllegalTransition):
            lifecycle.reinstate(accreditation, world.registrar, compliant=True)


def test_lapse_only_after_valid_until(world, frozen_clock, make_accreditation):
    accreditation = make_accreditation(world, "accredited")
    frozen_clock.advance(364)  # 3 March 2027, the last valid day
    with pytest.raises(IllegalTransition, match="not run out"):
        lifecycle.lapse(accreditation)
    frozen_clock.advance(5)
    event = lifecycle.lapse(accreditation)
    assert (event.effective_on, event.actor_id, accreditation.status) == (date(2027, 3, 4), None, "lapsed")


OPERATIONS = {
    "accredit": lambda a, w: lifecycle.accredit(a, w.registrar),
    "refuse": lambda a, w: lifecycle.refuse(a, w.registrar, reason="Not enough practice"),
    "renew": lambda a, w: lifecycle.renew(a, w.registrar, compliant=True),
    "change_conditions": lambda a, w: lifecycle.change_conditions(a, w.registrar, conditions="New conditions"),
    "suspend": lambda a, w: lifecycle.suspend(a, w.registrar, reason="Complaint", public_note="Paused"),
    "reinstate": lambda a, w: lifecycle.reinstate(a, w.registrar, compliant=True),
    "withdraw": lambda a, w: lifecycle.withdraw(a, w.registrar, reason="Misconduct"),
    "resign": lambda a, w: lifecycle.resign(a, w.mediator_user),
    "lapse": lambda a, w: lifecycle.lapse(a),
}
LEGAL_FROM = {
    "accredit": {"applied"},
    "refuse": {"applied"},
    "renew": {"accredited"},
    "change_conditions": {"accredited"},
    "suspend": {"accredited"},
    "reinstate": {"suspended", "lapsed"},
    "withdraw": {"accredited", "suspended"},
    "resign": {"accredited"},
    "lapse": {"accredited", "suspended"},
}
RESULT = {
    "accredit": "accredited",
    "refuse": "refused",
    "renew": "accredited",
    "change_conditions": "accredited",
    "suspend": "suspended",
    "reinstate": "accredited",
    "withdraw": "withdrawn",
    "resign": "resigned",
    "lapse": "lapsed",
}


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_every_operation_from_every_status(world, frozen_clock, make_accreditation, status, operation):
    """Legal moves write one event and one audit event and keep the cache; illegal ones change nothing."""
    accreditation = make_accreditation(world, status, moving=frozen_clock)
    if status in ("applied",):
        assess_all(accreditation, world.registrar)
    if status == "lapsed":
        lifecycle.apply_for_renewal(accreditation, world.mediator_user, DECLARATIONS)
    if operation == "lapse" and status in ("accredited", "suspended"):
        frozen_clock.advance(365)
    before = (counts(), accreditation.status, accreditation.version, accreditation.valid_until)
    if status in LEGAL_FROM[operation]:
        event = OPERATIONS[operation](accreditation, world)
        assert counts() == (before[0][0] + 1, before[0][1] + 1)
        assert (event.from_status, event.to_status) == (status, RESULT[operation])
        assert accreditation.version == before[2] + 1
        assert_cache_matches_latest_event(accreditation)
    else:
        with pytest.raises(IllegalTransition, match="You cannot"):
            OPERATIONS[operation](accreditation, world)
        assert (counts(), accreditation.status, accreditation.version, accreditation.valid_until) == before
        assert not db.session.dirty and not db.session.new


def test_a_form_built_from_an_old_version_is_refused(world, make_accreditation):
    accreditation = make_accreditation(world, "accredited")
    seen = accreditation.version
    lifecycle.change_conditions(accreditation, world.registrar, conditions="Some", expected_version=seen)
    before = counts()
    with pytest.raises(ConcurrentChange, match="changed by someone else"):
        lifecycle.suspend(accreditation, world.registrar, reason="r", public_note="n", expected_version=seen)
    assert counts() == before and accreditation.status == "accredited"
