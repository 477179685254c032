"""The mediator's side (applying, with declarations) and the registrar's assessment of an application.

A first application creates the Accreditation (status ``applied``) and its ``applied`` event.
A mediator whose accreditation has lapsed applies to renew it instead: that records a renewal
application (no status change, so no accreditation event) which the registrar needs before
reinstating a lapsed accreditation.

Outcomes are recorded per criterion of the accreditation's standards version and may be
changed until the application is decided; each save writes one audit event.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from sqlalchemy import select

from registry.domain import audit, clock, lifecycle
from registry.domain.accreditation.standards_access import criterion_codes, current_version
from registry.domain.accreditation.transitions import MEDIATOR_ACCREDITATION
from registry.domain.errors import DomainError
from registry.extensions import db
from registry.models import Accreditation, Mediator, Organisation, User
from registry.models.assessments import OUTCOMES, AccreditationApplication, AssessmentOutcome

# A mediator may hold one live accreditation per body.
LIVE = ("applied", "accredited", "suspended", "lapsed")


@dataclass(frozen=True)
class Declarations:
    """What the mediator declares when applying. Private to the mediator, the body and oversight."""

    not_employed_by_local_authority: bool
    independent_of_health_bodies: bool
    has_indemnity_insurance: bool
    training_completed: str
    practice_experience: str
    consents_to_publication: bool
    independence_details: str = ""

    def problems(self) -> list[str]:
        """Why these declarations cannot support an application, in the applicant's words."""
        problems = []
        if not self.not_employed_by_local_authority:
            problems.append(
                "The law says a SEND mediator must not be employed by a local authority, "
                "so you cannot apply while you are."
            )
        if not self.independent_of_health_bodies and not self.independence_details.strip():
            problems.append("Tell us about the health bodies you work for or have a conflict with.")
        if not self.has_indemnity_insurance:
            problems.append("You need professional indemnity insurance to be accredited.")
        if not self.training_completed.strip():
            problems.append("Tell us about the mediation and SEND training you have completed.")
        if not self.practice_experience.strip():
            problems.append("Tell us about your mediation practice experience.")
        if not self.consents_to_publication:
            problems.append("The register is public: agree to your register entry being published to apply.")
        return problems


@dataclass(frozen=True)
class OutcomeInput:
    criterion_code: str
    outcome: str  # "met" or "not_met"
    notes: str = ""


def _check_declarations(declarations: Declarations) -> None:
    problems = declarations.problems()
    if problems:
        raise DomainError(" ".join(problems))


def _live_accreditation(mediator: Mediator, body: Organisation) -> Accreditation | None:
    return db.session.scalars(
        select(Accreditation).where(
            Accreditation.mediator_id == mediator.id,
            Accreditation.body_id == body.id,
            Accreditation.status.in_(LIVE),
        )
    ).first()


def _application(
    accreditation: Accreditation, kind: str, actor: User | None, declarations: Declarations
) -> AccreditationApplication:
    application = AccreditationApplication(
        accreditation=accreditation,
        kind=kind,
        standards_version=accreditation.standards_version if kind == "initial" else current_version(),
        submitted_at=clock.now(),
        submitted_by=actor,
        **asdict(declarations),
    )
    db.session.add(application)
    return application


def apply(mediator: Mediator, body: Organisation, actor: User | None, declarations: Declarations) -> Accreditation:
    """Apply to ``body`` for accreditation against the current mediator standards."""
    if body.kind != "accrediting_body":
        raise DomainError(f"{body.name} does not accredit mediators. Choose an accrediting body.")
    live = _live_accreditation(mediator, body)
    if live is not None:
        if live.status == "lapsed":
            raise DomainError(f"Your accreditation with {body.name} has lapsed: apply to renew it instead.")
        raise DomainError(f"You already have an application or accreditation with {body.name}.")
    _check_declarations(declarations)
    change = lifecycle.Change("applied", clock.today())
    accreditation = Accreditation(
        mediator=mediator, body=body, standards_version=current_version(), status="applied", created_at=clock.now()
    )
    lifecycle.check(MEDIATOR_ACCREDITATION, accreditation, change)
    db.session.add(accreditation)
    lifecycle.record(MEDIATOR_ACCREDITATION, accreditation, actor, change)
    _application(accreditation, "initial", actor, declarations)
    db.session.flush()
    return accreditation


def apply_for_renewal(
    accreditation: Accreditation, actor: User | None, declarations: Declarations
) -> AccreditationApplication:
    """A lapsed mediator asks to be reinstated: records a renewal application (no status change)."""
    if accreditation.status != "lapsed":
        raise DomainError("Only a lapsed accreditation needs a renewal application.")
    if open_application(accreditation) is not None:
        raise DomainError("You have already applied to renew this accreditation.")
    _check_declarations(declarations)
    application = _application(accreditation, "renewal", actor, declarations)
    db.session.flush()
    audit.record(
        actor, "accreditation.renewal_applied", "accreditation", accreditation.id, application_id=application.id
    )
    return application


def open_application(accreditation: Accreditation) -> AccreditationApplication | None:
    """The application waiting for a decision: the first one while ``applied``, a renewal while ``lapsed``."""
    kind = {"applied": "initial", "lapsed": "renewal"}.get(accreditation.status)
    if kind is None or accreditation.id is None:
        return None
    return db.session.scalars(
        select(AccreditationApplication)
        .where(
            AccreditationApplication.accreditation_id == accreditation.id,
            AccreditationApplication.kind == kind,
            AccreditationApplication.decided_at.is_(None),
        )
        .order_by(AccreditationApplication.id.desc())
    ).first()


def outcomes_by_code(application: AccreditationApplication) -> dict[str, AssessmentOutcome]:
    return {outcome.criterion_code: outcome for outcome in application.outcomes}


def missing_criteria(application: AccreditationApplication) -> list[str]:
    """Codes of the criteria of the application's standards version with no outcome yet, in order."""
    recorded = outcomes_by_code(application)
    return [code for code in criterion_codes(application.standards_version) if code not in recorded]


def record_assessment(
    accreditation: Accreditation, actor: User, outcomes: Iterable[OutcomeInput]
) -> list[AssessmentOutcome]:
    """Record (or change) the outcome of some criteria of the open application; returns those saved."""
    application = open_application(accreditation)
    if application is None:
        raise DomainError("There is no application waiting for a decision on this accreditation.")
    codes = set(criterion_codes(application.standards_version))
    inputs = list(outcomes)
    for item in inputs:
        if item.criterion_code not in codes:
            raise DomainError(
                f"{item.criterion_code} is not a criterion of version {application.standards_version} of the standards."
            )
        if item.outcome not in OUTCOMES:
            raise DomainError(f"Choose met or not met for {item.criterion_code}.")
    existing = outcomes_by_code(application)
    now = clock.now()
    saved = []
    for item in inputs:
        outcome = existing.get(item.criterion_code)
        notes = item.notes.strip()
        if outcome is not None and (outcome.outcome, outcome.notes) == (item.outcome, notes):
            continue
        if outcome is None:
            outcome = AssessmentOutcome(application=application, criterion_code=item.criterion_code)
            db.session.add(outcome)
        outcome.outcome, outcome.notes, outcome.assessor, outcome.recorded_at = item.outcome, notes, actor, now
        saved.append(outcome)
    if saved:
        db.session.flush()
        audit.record(
            actor,
            "accreditation.assessment_recorded",
            "accreditation",
            accreditation.id,
            application_id=application.id,
            outcomes={o.criterion_code: o.outcome for o in saved},
        )
    return saved
