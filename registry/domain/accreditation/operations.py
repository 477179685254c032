"""The registrar's decisions and the later transitions of an accreditation (DESIGN §4).

Each operation takes the accreditation, the person acting (``None`` only for the daily job) and
keyword arguments; it checks everything first and raises IllegalTransition, DomainError or
ConcurrentChange without writing anything, or records exactly one AccreditationEvent and one
AuditEvent through the one lifecycle (``registry.domain.lifecycle``), which also words and checks
the decisions every subject shares; what is here is the mediator's own: the assessment of every
criterion, the compliance of the log, the application a decision closes. Who may call them is
decided by ``registry.auth.policy`` in the delivery layer.

The answers every decision takes (``effective_on``, ``reason``, ``public_note``, ``conditions``,
``expected_version``) are ``registry.domain.lifecycle.Answers``.

Validity: accreditation runs 12 months, from ``valid_from`` to ``valid_until`` inclusive
(accredited on 4 March 2026 → valid until 3 March 2027). A renewal adds the next 12 months
after ``valid_until`` and leaves ``valid_from`` (the start of continuous accreditation) as it is.

Compliance hook: renewing, and reinstating a lapsed accreditation, need a compliant CPD and
practice log for the period. Until the rule engine (issue 5) is wired in, the registrar states
it: ``compliant=True`` with an optional ``compliance_note``; ``compliant=False`` refuses the
renewal. Both are kept in the audit event.
"""

from __future__ import annotations

from datetime import date
from typing import Unpack

from registry.domain import lifecycle
from registry.domain.accreditation.applications import missing_criteria, open_application, outcomes_by_code
from registry.domain.accreditation.transitions import MEDIATOR_ACCREDITATION as MEDIATOR
from registry.domain.errors import DomainError, IllegalTransition
from registry.domain.lifecycle import Answers, clean_text
from registry.extensions import db
from registry.models import Accreditation, AccreditationEvent, User
from registry.models.assessments import AccreditationApplication


def _decided(application: AccreditationApplication, event: AccreditationEvent) -> AccreditationEvent:
    application.decided_at = event.recorded_at
    db.session.flush()
    return event


def _complete_assessment(accreditation: Accreditation) -> AccreditationApplication:
    application = open_application(accreditation)
    if application is None:
        raise IllegalTransition("There is no application waiting for a decision on this accreditation.")
    missing = missing_criteria(application)
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        raise IllegalTransition(f"Record an outcome for every criterion before deciding. Still to assess: {shown}.")
    return application


def _compliant(compliant: bool, what: str) -> None:
    if not compliant:
        raise IllegalTransition(
            f"An accreditation can only be {what} when the mediator's log for the period is compliant.",
            field="compliant",
        )


def accredit(accreditation: Accreditation, actor: User, **answers: Unpack[Answers]) -> AccreditationEvent:
    """Grant an application whose every criterion has an outcome, for 12 months from ``effective_on``.

    A criterion assessed as not met can only be accepted with conditions that address it.
    """
    change = lifecycle.change_for(MEDIATOR, "accredited", {"conditions": None, **answers})
    lifecycle.check(MEDIATOR, accreditation, change, answers.get("expected_version"))
    application = _complete_assessment(accreditation)
    not_met = [code for code, o in outcomes_by_code(application).items() if o.outcome == "not_met"]
    if not_met and change.conditions is None:
        raise IllegalTransition(
            f"{', '.join(sorted(not_met))} not met: accredit only with conditions that address it, or refuse.",
            field="conditions",
        )
    change.audit_data = {"application_id": application.id, "criteria_not_met": sorted(not_met)}
    return _decided(application, lifecycle.record(MEDIATOR, accreditation, actor, change))


def refuse(accreditation: Accreditation, actor: User, **answers: Unpack[Answers]) -> AccreditationEvent:
    """Refuse an application whose every criterion has an outcome, giving the reasons."""
    change = lifecycle.change_for(MEDIATOR, "refused", answers)
    lifecycle.check(MEDIATOR, accreditation, change, answers.get("expected_version"))
    application = _complete_assessment(accreditation)
    change.audit_data = {"application_id": application.id}
    return _decided(application, lifecycle.record(MEDIATOR, accreditation, actor, change))


def renew(
    accreditation: Accreditation, actor: User, *, compliant: bool, compliance_note: str = "", **answers: Unpack[Answers]
) -> AccreditationEvent:
    """Add the next 12 months to a current accreditation; needs a compliant log for the period (see module)."""
    change = lifecycle.change_for(MEDIATOR, "renewed", answers)
    change.audit_data = {"compliant": True, "compliance_note": clean_text(compliance_note)}
    lifecycle.check(MEDIATOR, accreditation, change, answers.get("expected_version"))
    _compliant(compliant, "renewed")
    return lifecycle.record(MEDIATOR, accreditation, actor, change)


def change_conditions(accreditation: Accreditation, actor: User, **answers: Unpack[Answers]) -> AccreditationEvent:
    """Add, change or lift (no ``conditions``) the public conditions of a current accreditation."""
    change = lifecycle.change_for(MEDIATOR, "conditions_changed", {"conditions": None, **answers})
    # Whether the change may happen at all comes first: "the same as before" only means something
    # for an accreditation whose conditions can still change.
    lifecycle.check(MEDIATOR, accreditation, change, answers.get("expected_version"))
    if change.conditions == accreditation.conditions:
        raise DomainError(
            "The conditions are the same as before. Change them, or lift them by leaving the box empty.",
            field="conditions",
        )
    return lifecycle.record(MEDIATOR, accreditation, actor, change)


def suspend(accreditation: Accreditation, actor: User, **answers: Unpack[Answers]) -> AccreditationEvent:
    """Pause a current accreditation: a private reason and a public note are both required."""
    return lifecycle.decide(MEDIATOR, accreditation, actor, "suspended", answers)


def reinstate(
    accreditation: Accreditation,
    actor: User,
    *,
    compliant: bool = False,
    compliance_note: str = "",
    **answers: Unpack[Answers],
) -> AccreditationEvent:
    """Back to accredited.

    From ``suspended``: only on or before ``valid_until`` (the validity period is unchanged).
    From ``lapsed``: only on a renewal application with a compliant log (see module); a new
    12-month period starts on ``effective_on``.
    """
    change = lifecycle.change_for(MEDIATOR, "reinstated", answers)
    lifecycle.check(MEDIATOR, accreditation, change, answers.get("expected_version"))
    if accreditation.status != "lapsed":
        return lifecycle.record(MEDIATOR, accreditation, actor, change)
    application = open_application(accreditation)
    if application is None:
        raise IllegalTransition(
            "A lapsed accreditation can only be reinstated on a renewal application from the mediator."
        )
    _compliant(compliant, "reinstated")
    change.audit_data = {
        "application_id": application.id,
        "compliant": True,
        "compliance_note": clean_text(compliance_note),
    }
    return _decided(application, lifecycle.record(MEDIATOR, accreditation, actor, change))


def withdraw(accreditation: Accreditation, actor: User, **answers: Unpack[Answers]) -> AccreditationEvent:
    """End a current or suspended accreditation for cause (a private reason is required). Terminal."""
    return lifecycle.decide(MEDIATOR, accreditation, actor, "withdrawn", answers)


def resign(accreditation: Accreditation, actor: User, **answers: Unpack[Answers]) -> AccreditationEvent:
    """The mediator gives up a current accreditation (recorded by the mediator or their registrar)."""
    return lifecycle.decide(MEDIATOR, accreditation, actor, "resigned", answers)


def lapse(accreditation: Accreditation, actor: User | None = None, *, today: date | None = None) -> AccreditationEvent:
    """Record that a running accreditation ran out, effective the day after ``valid_until`` (the daily job)."""
    return lifecycle.lapse(MEDIATOR, accreditation, today)


def lapse_expired(today: date | None = None) -> list[int]:
    """The daily job for mediators: lapse every running accreditation past its ``valid_until``; their ids."""
    return [accreditation.id for accreditation in lifecycle.lapse_expired(MEDIATOR, today)]
