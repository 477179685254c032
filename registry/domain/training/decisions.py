"""A registrar's decisions on a programme, and its lapse when the accreditation runs out.

Each takes the programme, the person acting and (for decisions) the accrediting body they act
for; it checks everything first and raises IllegalTransition, DomainError, PermissionDenied or
ConcurrentChange without writing anything, or records exactly one ProgrammeAccreditationEvent and
one AuditEvent through the one lifecycle (``registry.domain.lifecycle``), which words and checks the
decisions every subject shares; what is here is the programme's own: the deciding body and the
criteria check. Who may call them is decided by ``registry.auth.policy``;
its rules are also kept here: the actor acts for the body, nobody decides on their own provider's
programme, and a body decides only on a programme it accredits or one waiting for its first
decision (a decision never moves a programme to another body).

Accreditation lasts ``programme_accreditation_years`` (from the training criteria the version
was submitted under) from ``valid_from`` to ``valid_until`` inclusive: accredited on
4 March 2026 for 3 years → valid until 3 March 2029.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol, Unpack

from registry.domain import lifecycle
from registry.domain.errors import DomainError, IllegalTransition, PermissionDenied
from registry.domain.lifecycle import Answers
from registry.domain.training.programmes import version_shortfalls
from registry.domain.training.transitions import PROGRAMME_ACCREDITATION as PROGRAMME
from registry.domain.training.transitions import accreditation_years, check_body, latest_version
from registry.models import Organisation, ProgrammeAccreditationEvent, TrainingProgramme, User


class Decision(Protocol):
    def __call__(
        self, programme: TrainingProgramme, actor: User, body: Organisation, **answers: Unpack[Answers]
    ) -> ProgrammeAccreditationEvent: ...


def _check_decider(programme: TrainingProgramme, actor: User, body: Organisation) -> None:
    """The policy layer's rule (``registry.auth.policy.programme_deciding_bodies``) kept here too,
    so that no caller can decide for a body they do not act for, or move a programme to another body."""
    if body.kind != "accrediting_body":
        raise DomainError("Only an accrediting body can decide on a training programme.", field="body")
    if not any(role.organisation_id == body.id for role in actor.roles):
        raise PermissionDenied(f"You do not act for {body.name}, so you cannot decide for it.", field="body")
    if any(role.organisation_id == programme.provider_id for role in actor.roles):
        raise PermissionDenied("You work for this programme's provider, so you cannot decide on it.")
    check_body(programme, body)


def accredit(
    programme: TrainingProgramme, actor: User, body: Organisation, **answers: Unpack[Answers]
) -> ProgrammeAccreditationEvent:
    """Accredit a submitted programme whose latest version meets the criteria, for the years the criteria set."""
    change = lifecycle.change_for(PROGRAMME, "accredited", {"conditions": None, **answers})
    _check_decider(programme, actor, body)
    lifecycle.check(PROGRAMME, programme, change, answers.get("expected_version"))
    version = latest_version(programme)
    found = version_shortfalls(programme, version)
    if found:
        raise IllegalTransition(
            f"Version {version.number} does not meet the training criteria, so it cannot be accredited: "
            + "; ".join(s.message for s in found)
            + ". Refuse it, or wait for a new version."
        )
    change.audit_data = {"years": accreditation_years(programme)}
    return lifecycle.record(PROGRAMME, programme, actor, change, body=body)


def _decision(kind: str, summary: str) -> Decision:
    def decide(
        programme: TrainingProgramme, actor: User, body: Organisation, **answers: Unpack[Answers]
    ) -> ProgrammeAccreditationEvent:
        _check_decider(programme, actor, body)
        return lifecycle.decide(PROGRAMME, programme, actor, kind, answers, body=body)

    decide.__doc__ = summary
    return decide


refuse = _decision(
    "refused", "Refuse a submitted programme, giving the reasons (seen by the provider, never the public)."
)
suspend = _decision("suspended", "Pause an accredited programme: a private reason and a public note are both required.")
reinstate = _decision(
    "reinstated", "Lift a suspension, while the accreditation is still in date (its validity is unchanged)."
)
withdraw = _decision("withdrawn", "End an accredited or suspended programme's accreditation for cause. Terminal.")


def lapse(programme: TrainingProgramme, *, today: date | None = None) -> ProgrammeAccreditationEvent:
    """Record that a running programme's accreditation ran out, effective the day after ``valid_until``."""
    return lifecycle.lapse(PROGRAMME, programme, today)


def lapse_expired(today: date | None = None) -> list[str]:
    """The daily job for programmes: lapse every running one past its ``valid_until``; their references."""
    return [programme.reference for programme in lifecycle.lapse_expired(PROGRAMME, today)]
