"""A mediator's accreditation as a configuration of the one lifecycle (``registry.domain.lifecycle``).

The table below is DESIGN §4's: each event kind names the statuses it may start from, the status it
leads to and what it does to the 12-month validity period. Every operation checks its kind against it
before it writes anything, so an illegal transition changes nothing.
"""

from __future__ import annotations

from typing import Any, Unpack

from sqlalchemy import Select, select
from sqlalchemy.orm import InstrumentedAttribute

from registry.domain import events
from registry.domain.lifecycle import Lifecycle, Transition, replayed_columns, state_columns
from registry.models import Accreditation, AccreditationEvent, Organisation
from registry.models.accreditations import EVENT_KINDS

_DECIDE = "Only an application waiting for a decision can be decided."
_CURRENT = "Only a current accreditation can be changed this way."
_RUNNING = "Only a current or suspended accreditation can be changed this way."

TRANSITIONS: dict[str, Transition] = {
    t.kind: t
    for t in (
        Transition("applied", (None,), "applied", "mediator", "apply for", "An application has already been made."),
        Transition("accredited", ("applied",), "accredited", "registrar", "accredit", _DECIDE, ("applied",)),
        Transition("refused", ("applied",), "refused", "registrar", "refuse", _DECIDE, clears_period=True),
        Transition("renewed", ("accredited",), "accredited", "registrar", "renew", _CURRENT, extends_period=True),
        Transition(
            "conditions_changed", ("accredited",), "accredited", "registrar", "change the conditions of", _CURRENT
        ),
        Transition("suspended", ("accredited",), "suspended", "registrar", "suspend", _CURRENT),
        Transition(
            "reinstated",
            ("suspended", "lapsed"),
            "accredited",
            "registrar",
            "reinstate",
            "Only a suspended or lapsed accreditation can be reinstated.",
            starts_period_from=("lapsed",),  # on a renewal application; from suspended the period is unchanged
        ),
        Transition("withdrawn", ("accredited", "suspended"), "withdrawn", "registrar", "withdraw", _RUNNING),
        Transition("lapsed", ("accredited", "suspended"), "lapsed", "the daily job", "lapse", _RUNNING),
        Transition("resigned", ("accredited",), "resigned", "mediator or registrar", "resign", _CURRENT),
    )
}

# Kinds shown on public pages. Applications and refusals stay private between the mediator
# and their body: the register lists people who have been accredited, not every applicant.
PUBLIC_KINDS = tuple(kind for kind in EVENT_KINDS if kind not in ("applied", "refused"))


class MediatorAccreditation(Lifecycle[Accreditation, AccreditationEvent]):
    noun = "accreditation"
    its_accreditation = "This accreditation"
    after_lapse = "It will lapse; it can then be reinstated on renewal."
    applicant = "mediator"
    reason_readers = "only your body and oversight will see it"
    transitions = TRANSITIONS
    status_words = {
        None: "not yet applied for",
        "applied": "an application waiting for a decision",
        "refused": "refused",
        "accredited": "accredited",
        "suspended": "suspended",
        "lapsed": "lapsed",
        "withdrawn": "withdrawn",
        "resigned": "resigned",
    }
    public_kinds = PUBLIC_KINDS
    audited_as = "accreditation"
    subject_model = Accreditation
    event_model = AccreditationEvent
    event_subject = "accreditation"

    def subject_key(self) -> InstrumentedAttribute[int]:
        return AccreditationEvent.accreditation_id

    def owner(self) -> InstrumentedAttribute[int]:
        return Accreditation.mediator_id

    def announce(self, event: AccreditationEvent) -> events.AccreditationEventRecorded:
        return events.AccreditationEventRecorded(event)

    def audit_subject(self, subject: Accreditation, body: Organisation | None) -> tuple[object, dict[str, Any]]:
        return subject.id, {"mediator_id": subject.mediator_id, "body_id": subject.body_id}

    def owner_rows(self) -> Select[Unpack[tuple[Any, ...]]]:
        return select(
            Accreditation.mediator_id.label("owner_id"),
            AccreditationEvent.accreditation_id.label("subject_id"),
            Accreditation.body_id,
            *replayed_columns(AccreditationEvent),
        ).join(Accreditation, Accreditation.id == AccreditationEvent.accreditation_id)

    def state_rows(self) -> Select[Unpack[tuple[Any, ...]]]:
        return select(
            Accreditation.mediator_id.label("owner_id"),
            Accreditation.id.label("subject_id"),
            Accreditation.body_id,
            *state_columns(Accreditation),
        )

    def public_rows(self) -> Select[Unpack[tuple[Any, ...]]]:
        return (
            select(
                AccreditationEvent.sequence,
                AccreditationEvent.kind,
                AccreditationEvent.effective_on,
                Organisation.name.label("body_name"),
                AccreditationEvent.valid_until,
                AccreditationEvent.conditions,
                AccreditationEvent.public_note,
            )
            .join(Accreditation, Accreditation.id == AccreditationEvent.accreditation_id)
            .join(Organisation, Organisation.id == Accreditation.body_id)
        )


MEDIATOR_ACCREDITATION = MediatorAccreditation()
