"""A programme's accreditation as a configuration of the one lifecycle (``registry.domain.lifecycle``).

A programme is submitted by its provider, then accredited or refused by a registrar; an accredited
programme may be suspended (and reinstated while still in date) or withdrawn for good; it lapses when
its validity ends, and a refused or lapsed programme comes back by resubmission with a new version.
Accreditation lasts the years the training criteria of its latest version set.

What is the programme's own: its event names the version concerned and the body deciding, a decision
by a body never moves a programme to another body (``before_record``), and its audit events name it by
its ``TP-`` reference.
"""

from __future__ import annotations

from typing import Any, Unpack

from sqlalchemy import Select, literal, select
from sqlalchemy.orm import InstrumentedAttribute

from registry.domain import events, standards
from registry.domain.errors import PermissionDenied
from registry.domain.lifecycle import Lifecycle, Transition, replayed_columns, state_columns
from registry.extensions import db
from registry.models import Organisation, ProgrammeAccreditationEvent, ProgrammeVersion, TrainingProgramme, User

_DECIDE = "Only a programme waiting for a decision can be accredited or refused."
_CURRENT = "Only an accredited programme can be changed this way."
_RUNNING = "Only an accredited or suspended programme can be changed this way."

TRANSITIONS: dict[str, Transition] = {
    t.kind: t
    for t in (
        Transition("submitted", (None,), "submitted", "trainer", "submit", "It has already been submitted."),
        Transition(
            "resubmitted",
            ("refused", "lapsed"),
            "submitted",
            "trainer",
            "resubmit",
            "Only a refused or lapsed programme can be resubmitted.",
            clears_period=True,
        ),
        Transition("accredited", ("submitted",), "accredited", "registrar", "accredit", _DECIDE, ("submitted",)),
        Transition("refused", ("submitted",), "refused", "registrar", "refuse", _DECIDE, clears_period=True),
        Transition("suspended", ("accredited",), "suspended", "registrar", "suspend", _CURRENT),
        Transition(
            "reinstated",
            ("suspended",),
            "accredited",
            "registrar",
            "reinstate",
            "Only a suspended programme can be reinstated.",
        ),
        Transition("withdrawn", ("accredited", "suspended"), "withdrawn", "registrar", "withdraw", _RUNNING),
        Transition("lapsed", ("accredited", "suspended"), "lapsed", "the daily job", "lapse", _RUNNING),
    )
}

# What the public may see: the programmes that have been accredited, and these events of theirs.
PUBLIC_STATUSES = ("accredited", "suspended", "lapsed", "withdrawn")


def latest_version(programme: TrainingProgramme) -> ProgrammeVersion:
    return db.session.scalars(
        select(ProgrammeVersion).where(
            ProgrammeVersion.programme_id == programme.id, ProgrammeVersion.number == programme.latest_version
        )
    ).one()


def accreditation_years(programme: TrainingProgramme) -> int:
    """How long an accreditation of the programme lasts: set by the criteria its latest version was checked against."""
    return standards.training_criteria(latest_version(programme).criteria_version).programme_accreditation_years


def check_body(programme: TrainingProgramme, body: Organisation | None) -> None:
    """Refuse (PermissionDenied) a decision by a body other than the one that accredits the programme.

    The programme's ``body_id`` is the body that last decided; until its first decision it has
    none, and any body may take it. After that a decision never moves it to another body.
    """
    deciding = programme.body
    if body is None or deciding is None or deciding.id == body.id:
        return
    raise PermissionDenied(
        f"{deciding.name} decides on this programme, so {body.name} cannot: a decision never moves a programme "
        "to another body."
    )


class ProgrammeAccreditation(Lifecycle[TrainingProgramme, ProgrammeAccreditationEvent]):
    noun = "programme"
    its_accreditation = "This programme's accreditation"
    after_lapse = "It will lapse; the provider can then resubmit it."
    applicant = "provider"
    reason_readers = "the public will not see it"
    transitions = TRANSITIONS
    status_words = {
        None: "not yet submitted",
        "submitted": "waiting for a decision",
        "refused": "refused",
        "accredited": "accredited",
        "suspended": "suspended",
        "lapsed": "lapsed",
        "withdrawn": "withdrawn",
    }
    public_kinds = ("accredited", "suspended", "reinstated", "withdrawn", "lapsed")
    audited_as = "training_programme"
    subject_model = TrainingProgramme
    event_model = ProgrammeAccreditationEvent
    event_subject = "programme"

    def subject_key(self) -> InstrumentedAttribute[int]:
        return ProgrammeAccreditationEvent.programme_id

    owner = subject_key  # a programme's status is its own

    def announce(self, event: ProgrammeAccreditationEvent) -> events.ProgrammeEventRecorded:
        return events.ProgrammeEventRecorded(event)

    def before_record(self, subject: TrainingProgramme, actor: User | None, body: Organisation | None) -> None:
        check_body(subject, body)
        if body is not None:
            subject.body = body

    def period_years(self, subject: TrainingProgramme) -> int:
        return accreditation_years(subject)

    def event_extras(self, subject: TrainingProgramme, body: Organisation | None) -> dict[str, Any]:
        return {"programme_version": subject.latest_version} | ({"body": body} if body is not None else {})

    def audit_subject(self, subject: TrainingProgramme, body: Organisation | None) -> tuple[object, dict[str, Any]]:
        body_id = body.id if body is not None else None
        return subject.reference, {
            "provider_id": subject.provider_id,
            "body_id": body_id,
            "programme_version": subject.latest_version,
        }

    def owner_rows(self) -> Select[Unpack[tuple[Any, ...]]]:
        return select(
            ProgrammeAccreditationEvent.programme_id.label("owner_id"),
            ProgrammeAccreditationEvent.programme_id.label("subject_id"),
            literal(0).label("body_id"),  # a programme's status is its own, whichever body decided
            *replayed_columns(ProgrammeAccreditationEvent),
        )

    def state_rows(self) -> Select[Unpack[tuple[Any, ...]]]:
        return select(
            TrainingProgramme.id.label("owner_id"),
            TrainingProgramme.id.label("subject_id"),
            literal(0).label("body_id"),
            *state_columns(TrainingProgramme),
        )

    def public_rows(self) -> Select[Unpack[tuple[Any, ...]]]:
        return select(
            ProgrammeAccreditationEvent.sequence,
            ProgrammeAccreditationEvent.kind,
            ProgrammeAccreditationEvent.effective_on,
            Organisation.name.label("body_name"),
            ProgrammeAccreditationEvent.programme_version,
            ProgrammeAccreditationEvent.valid_until,
            ProgrammeAccreditationEvent.conditions,
            ProgrammeAccreditationEvent.public_note,
        ).outerjoin(Organisation, Organisation.id == ProgrammeAccreditationEvent.body_id)


PROGRAMME_ACCREDITATION = ProgrammeAccreditation()
