"""A registrar's decisions on a programme, and its lapse when the accreditation runs out.

Each takes the programme, the person acting and (for decisions) the accrediting body they act
for; it checks everything first and raises IllegalTransition, DomainError, PermissionDenied or
ConcurrentChange without writing anything, or records exactly one ProgrammeAccreditationEvent and
one AuditEvent (see ``recording``). Who may call them is decided by ``registry.auth.policy``;
its rules are also kept here: the actor acts for the body, nobody decides on their own provider's
programme, and a body decides only on a programme it accredits or one waiting for its first
decision (a decision never moves a programme to another body).

Accreditation lasts ``programme_accreditation_years`` (from the training criteria the version
was submitted under) from ``valid_from`` to ``valid_until`` inclusive: accredited on
4 March 2026 for 3 years → valid until 3 March 2029.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from registry.domain import clock, standards
from registry.domain.accreditation.recording import Change, clean_text
from registry.domain.errors import DomainError, IllegalTransition, PermissionDenied
from registry.domain.training import recording
from registry.domain.training.programmes import version_shortfalls
from registry.domain.training.transitions import RUNNING, accredited_until
from registry.extensions import db
from registry.models import Organisation, ProgrammeAccreditationEvent, ProgrammeVersion, TrainingProgramme, User

BATCH = 500


def _require(value: str | None, message: str) -> str:
    text = clean_text(value)
    if text is None:
        raise DomainError(message)
    return text


def _check_decider(programme: TrainingProgramme, actor: User, body: Organisation) -> None:
    """The policy layer's rule (``registry.auth.policy.programme_deciding_bodies``) kept here too,
    so that no caller can decide for a body they do not act for, or move a programme to another body."""
    if body.kind != "accrediting_body":
        raise DomainError("Only an accrediting body can decide on a training programme.")
    if not any(role.organisation_id == body.id for role in actor.roles):
        raise PermissionDenied(f"You do not act for {body.name}, so you cannot decide for it.")
    if any(role.organisation_id == programme.provider_id for role in actor.roles):
        raise PermissionDenied("You work for this programme's provider, so you cannot decide on it.")
    recording.check_body(programme, body)


def _decide(
    programme: TrainingProgramme,
    actor: User,
    body: Organisation,
    change: Change,
    expected_version: int | None,
) -> ProgrammeAccreditationEvent:
    _check_decider(programme, actor, body)
    recording.check(programme, change, expected_version)
    return recording.record(programme, actor, change, body=body)


def latest_version(programme: TrainingProgramme) -> ProgrammeVersion:
    return db.session.scalars(
        select(ProgrammeVersion).where(
            ProgrammeVersion.programme_id == programme.id, ProgrammeVersion.number == programme.latest_version
        )
    ).one()


def accredit(
    programme: TrainingProgramme,
    actor: User,
    body: Organisation,
    *,
    conditions: str | None = None,
    effective_on: date | None = None,
    reason: str | None = None,
    public_note: str | None = None,
    expected_version: int | None = None,
) -> ProgrammeAccreditationEvent:
    """Accredit a submitted programme whose latest version meets the criteria, for the years the criteria set."""
    effective_on = effective_on or clock.today()
    version = latest_version(programme)
    years = standards.training_criteria(version.criteria_version).programme_accreditation_years
    change = Change(
        "accredited",
        effective_on,
        clean_text(reason),
        clean_text(public_note),
        valid_from=effective_on,
        valid_until=accredited_until(effective_on, years),
        conditions=clean_text(conditions),
        audit_data={"years": years},
    )
    _check_decider(programme, actor, body)
    recording.check(programme, change, expected_version)
    found = version_shortfalls(programme, version)
    if found:
        raise IllegalTransition(
            f"Version {version.number} does not meet the training criteria, so it cannot be accredited: "
            + "; ".join(s.message for s in found)
            + ". Refuse it, or wait for a new version."
        )
    return recording.record(programme, actor, change, body=body)


def refuse(
    programme: TrainingProgramme,
    actor: User,
    body: Organisation,
    *,
    reason: str,
    effective_on: date | None = None,
    public_note: str | None = None,
    expected_version: int | None = None,
) -> ProgrammeAccreditationEvent:
    """Refuse a submitted programme, giving the reasons (seen by the provider, never the public)."""
    change = Change(
        "refused",
        effective_on or clock.today(),
        _require(reason, "Give the reasons for refusing, so the provider knows what to change."),
        clean_text(public_note),
        valid_from=None,
        valid_until=None,
        conditions=None,
    )
    return _decide(programme, actor, body, change, expected_version)


def suspend(
    programme: TrainingProgramme,
    actor: User,
    body: Organisation,
    *,
    reason: str,
    public_note: str,
    effective_on: date | None = None,
    expected_version: int | None = None,
) -> ProgrammeAccreditationEvent:
    """Pause an accredited programme: a private reason and a public note are both required."""
    change = Change(
        "suspended",
        effective_on or clock.today(),
        _require(reason, "Give the reason for suspending (the public will not see it)."),
        _require(public_note, "Write a note for the public explaining the suspension."),
    )
    return _decide(programme, actor, body, change, expected_version)


def reinstate(
    programme: TrainingProgramme,
    actor: User,
    body: Organisation,
    *,
    effective_on: date | None = None,
    reason: str | None = None,
    public_note: str | None = None,
    expected_version: int | None = None,
) -> ProgrammeAccreditationEvent:
    """Lift a suspension, while the accreditation is still in date (its validity is unchanged)."""
    change = Change("reinstated", effective_on or clock.today(), clean_text(reason), clean_text(public_note))
    return _decide(programme, actor, body, change, expected_version)


def withdraw(
    programme: TrainingProgramme,
    actor: User,
    body: Organisation,
    *,
    reason: str,
    public_note: str | None = None,
    effective_on: date | None = None,
    expected_version: int | None = None,
) -> ProgrammeAccreditationEvent:
    """End an accredited or suspended programme's accreditation for cause. Terminal."""
    change = Change(
        "withdrawn",
        effective_on or clock.today(),
        _require(reason, "Give the reason for withdrawing (the public will not see it)."),
        clean_text(public_note),
    )
    return _decide(programme, actor, body, change, expected_version)


def lapse(programme: TrainingProgramme, *, today: date | None = None) -> ProgrammeAccreditationEvent:
    """Record that a running programme's accreditation ran out, effective the day after ``valid_until``."""
    today = today or clock.today()
    if programme.status in RUNNING and (programme.valid_until is None or programme.valid_until >= today):
        raise IllegalTransition("This programme's accreditation has not run out yet, so it cannot lapse.")
    effective_on = programme.valid_until + timedelta(days=1) if programme.valid_until else today
    change = Change("lapsed", effective_on)
    recording.check(programme, change)
    return recording.record(programme, None, change)


def lapse_expired(today: date | None = None) -> list[str]:
    """Lapse every running programme whose ``valid_until`` is before ``today`` (for the daily job); their references."""
    today = today or clock.today()
    lapsed: list[str] = []
    while True:
        batch = db.session.scalars(
            select(TrainingProgramme)
            .where(TrainingProgramme.status.in_(RUNNING), TrainingProgramme.valid_until < today)
            .order_by(TrainingProgramme.valid_until, TrainingProgramme.id)
            .limit(BATCH)
        ).all()
        if not batch:
            return lapsed
        for programme in batch:
            lapse(programme, today=today)
            lapsed.append(programme.reference)
