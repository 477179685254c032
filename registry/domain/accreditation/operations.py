"""The registrar's decisions and the later transitions of an accreditation (DESIGN §4).

Each operation takes the accreditation, the person acting (``None`` only for the daily job) and
keyword arguments; it checks everything first and raises IllegalTransition, DomainError or
ConcurrentChange without writing anything, or records exactly one AccreditationEvent and one
AuditEvent (see ``recording``). Who may call them is decided by ``registry.auth.policy`` in
the delivery layer.

Common arguments:
- ``effective_on``: the date it took effect (default today); may be back-dated, see ``recording``.
- ``reason``: private, seen only by the body and oversight. ``public_note``: shown to everyone.
- ``expected_version``: the ``Accreditation.version`` the person's form was built from; a
  different current version means someone else changed it meanwhile (ConcurrentChange).

Validity: accreditation runs 12 months, from ``valid_from`` to ``valid_until`` inclusive
(accredited on 4 March 2026 → valid until 3 March 2027). A renewal adds the next 12 months
after ``valid_until`` and leaves ``valid_from`` (the start of continuous accreditation) as it is.

Compliance hook: renewing, and reinstating a lapsed accreditation, need a compliant CPD and
practice log for the period. Until the rule engine (issue 5) is wired in, the registrar states
it: ``compliant=True`` with an optional ``compliance_note``; ``compliant=False`` refuses the
renewal. Both are kept in the audit event.
"""

from __future__ import annotations

from datetime import date, timedelta

from registry.domain import clock
from registry.domain.accreditation import recording
from registry.domain.accreditation.applications import missing_criteria, open_application, outcomes_by_code
from registry.domain.accreditation.recording import Change, clean_text
from registry.domain.accreditation.transitions import RUNNING, period_ending, renewed_until
from registry.domain.errors import DomainError, IllegalTransition
from registry.extensions import db
from registry.models import Accreditation, AccreditationEvent, User
from registry.models.assessments import AccreditationApplication


def _require(value: str | None, message: str) -> str:
    text = clean_text(value)
    if text is None:
        raise DomainError(message)
    return text


def _apply(
    accreditation: Accreditation, actor: User | None, change: Change, expected_version: int | None
) -> AccreditationEvent:
    recording.check(accreditation, change, expected_version)
    return recording.record(accreditation, actor, change)


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


def accredit(
    accreditation: Accreditation,
    actor: User,
    *,
    conditions: str | None = None,
    effective_on: date | None = None,
    reason: str | None = None,
    public_note: str | None = None,
    expected_version: int | None = None,
) -> AccreditationEvent:
    """Grant an application whose every criterion has an outcome.

    A criterion assessed as not met can only be accepted with conditions that address it.
    """
    effective_on = effective_on or clock.today()
    conditions = clean_text(conditions)
    change = Change(
        "accredited",
        effective_on,
        clean_text(reason),
        clean_text(public_note),
        valid_from=effective_on,
        valid_until=period_ending(effective_on),
        conditions=conditions,
    )
    recording.check(accreditation, change, expected_version)
    application = _complete_assessment(accreditation)
    not_met = [code for code, o in outcomes_by_code(application).items() if o.outcome == "not_met"]
    if not_met and conditions is None:
        raise IllegalTransition(
            f"{', '.join(sorted(not_met))} not met: accredit only with conditions that address it, or refuse."
        )
    change.audit_data = {"application_id": application.id, "criteria_not_met": sorted(not_met)}
    return _decided(application, recording.record(accreditation, actor, change))


def refuse(
    accreditation: Accreditation,
    actor: User,
    *,
    reason: str,
    effective_on: date | None = None,
    public_note: str | None = None,
    expected_version: int | None = None,
) -> AccreditationEvent:
    """Refuse an application whose every criterion has an outcome, giving the reasons."""
    change = Change(
        "refused",
        effective_on or clock.today(),
        _require(reason, "Give the reasons for refusing."),
        clean_text(public_note),
        valid_from=None,
        valid_until=None,
        conditions=None,
    )
    recording.check(accreditation, change, expected_version)
    application = _complete_assessment(accreditation)
    change.audit_data = {"application_id": application.id}
    return _decided(application, recording.record(accreditation, actor, change))


def renew(
    accreditation: Accreditation,
    actor: User,
    *,
    compliant: bool,
    compliance_note: str = "",
    effective_on: date | None = None,
    reason: str | None = None,
    public_note: str | None = None,
    expected_version: int | None = None,
) -> AccreditationEvent:
    """Extend a current accreditation by 12 months; needs a compliant log for the period (see module)."""
    until = renewed_until(accreditation.valid_until) if accreditation.valid_until else None
    change = Change(
        "renewed",
        effective_on or clock.today(),
        clean_text(reason),
        clean_text(public_note),
        valid_until=until,
        audit_data={"compliant": True, "compliance_note": clean_text(compliance_note)},
    )
    recording.check(accreditation, change, expected_version)
    if not compliant:
        raise IllegalTransition(
            "An accreditation can only be renewed when the mediator's log for the period is compliant."
        )
    return recording.record(accreditation, actor, change)


def change_conditions(
    accreditation: Accreditation,
    actor: User,
    *,
    conditions: str | None,
    effective_on: date | None = None,
    reason: str | None = None,
    public_note: str | None = None,
    expected_version: int | None = None,
) -> AccreditationEvent:
    """Add, change or lift (``conditions=None``) the public conditions of a current accreditation."""
    conditions = clean_text(conditions)
    change = Change(
        "conditions_changed",
        effective_on or clock.today(),
        clean_text(reason),
        clean_text(public_note),
        conditions=conditions,
    )
    # Whether the change may happen at all comes first: "the same as before" only means something
    # for an accreditation whose conditions can still change.
    recording.check(accreditation, change, expected_version)
    if conditions == accreditation.conditions:
        raise DomainError("The conditions are the same as before. Change them, or lift them by leaving the box empty.")
    return recording.record(accreditation, actor, change)


def suspend(
    accreditation: Accreditation,
    actor: User,
    *,
    reason: str,
    public_note: str,
    effective_on: date | None = None,
    expected_version: int | None = None,
) -> AccreditationEvent:
    """Pause a current accreditation: a private reason and a public note are both required."""
    change = Change(
        "suspended",
        effective_on or clock.today(),
        _require(reason, "Give the reason for suspending (only your body and oversight will see it)."),
        _require(public_note, "Write a note for the public register explaining the suspension."),
    )
    return _apply(accreditation, actor, change, expected_version)


def reinstate(
    accreditation: Accreditation,
    actor: User,
    *,
    effective_on: date | None = None,
    reason: str | None = None,
    public_note: str | None = None,
    compliant: bool = False,
    compliance_note: str = "",
    expected_version: int | None = None,
) -> AccreditationEvent:
    """Back to accredited.

    From ``suspended``: only on or before ``valid_until`` (the validity period is unchanged).
    From ``lapsed``: only on a renewal application with a compliant log (see module); a new
    12-month period starts on ``effective_on``.
    """
    effective_on = effective_on or clock.today()
    change = Change("reinstated", effective_on, clean_text(reason), clean_text(public_note))
    recording.check(accreditation, change, expected_version)
    if accreditation.status != "lapsed":
        return recording.record(accreditation, actor, change)
    application = open_application(accreditation)
    if application is None:
        raise IllegalTransition(
            "A lapsed accreditation can only be reinstated on a renewal application from the mediator."
        )
    if not compliant:
        raise IllegalTransition(
            "A lapsed accreditation can only be reinstated when the mediator's log for the period is compliant."
        )
    change.valid_from, change.valid_until = effective_on, period_ending(effective_on)
    change.audit_data = {
        "application_id": application.id,
        "compliant": True,
        "compliance_note": clean_text(compliance_note),
    }
    return _decided(application, recording.record(accreditation, actor, change))


def withdraw(
    accreditation: Accreditation,
    actor: User,
    *,
    reason: str,
    public_note: str | None = None,
    effective_on: date | None = None,
    expected_version: int | None = None,
) -> AccreditationEvent:
    """End a current or suspended accreditation for cause. Terminal."""
    change = Change(
        "withdrawn",
        effective_on or clock.today(),
        _require(reason, "Give the reason for withdrawing (only your body and oversight will see it)."),
        clean_text(public_note),
    )
    return _apply(accreditation, actor, change, expected_version)


def resign(
    accreditation: Accreditation,
    actor: User,
    *,
    effective_on: date | None = None,
    reason: str | None = None,
    public_note: str | None = None,
    expected_version: int | None = None,
) -> AccreditationEvent:
    """The mediator gives up a current accreditation (recorded by the mediator or their registrar)."""
    change = Change("resigned", effective_on or clock.today(), clean_text(reason), clean_text(public_note))
    return _apply(accreditation, actor, change, expected_version)


def lapse(accreditation: Accreditation, actor: User | None = None, *, today: date | None = None) -> AccreditationEvent:
    """Record that a running accreditation ran out: effective the day after ``valid_until``.

    Only once ``valid_until`` is in the past (normally called by the daily job, actor ``None``).
    """
    today = today or clock.today()
    if accreditation.status in RUNNING and (accreditation.valid_until is None or accreditation.valid_until >= today):
        raise IllegalTransition("This accreditation has not run out yet, so it cannot lapse.")
    effective_on = accreditation.valid_until + timedelta(days=1) if accreditation.valid_until else today
    return _apply(accreditation, actor, Change("lapsed", effective_on), None)
