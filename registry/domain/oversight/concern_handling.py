"""Handling a concern: triage, investigation notes, an outcome, and the status the public sees.

Who handles it: the registrars of the accrediting body the concern was routed to (a concern
about a mediator), or the oversight panel (a concern about a mediation provider, which has no
body). Oversight sees every concern. The stages:

- received: no ConcernHandling row yet;
- ``investigating``: triaged as within scope; notes may be added;
- ``not_in_scope``: triaged as outside what the body can look into (finished);
- ``closed``: an outcome was recorded (finished).

Outcomes ``conditions``, ``suspension`` and ``withdrawal`` change the mediator's accreditation
with the body through ``registry.domain.accreditation.operations`` (so the event, its audit
event and the public timeline follow exactly as for any registrar decision), in the same
transaction as the outcome; if the operation refuses, nothing is recorded. Time to outcome is
kept in UK calendar days from the day the concern was received to the day it was finished.
The person who raised it can follow it by reference at ``/concerns/<reference>`` and, if they
gave an email address, is told when it is triaged and finished.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from registry.domain import audit, clock
from registry.domain.accreditation import operations
from registry.domain.concerns import normalise_reference
from registry.domain.errors import DomainError, NotFound
from registry.domain.oversight import notices
from registry.domain.oversight.errors import Refused, clean, require_text
from registry.domain.paging import Page
from registry.extensions import db
from registry.models import Accreditation, AccreditationEvent, Concern, ConcernHandling, ConcernNote, User
from registry.models.oversight import CONCERN_OUTCOMES

STATUS_CHANGING = ("conditions", "suspension", "withdrawal")
MAX_TEXT = 5000

# What the person who raised the concern reads, in plain words: a concern about a mediator is the
# accrediting body's and ends in something about the mediator; one about a mediation provider is the
# oversight panel's and ends in something about the provider (no accreditation to change).
STAGE_WORDS = {
    "received": "Received: the accrediting body has not yet looked at your concern.",
    "investigating": "Being looked into: the accrediting body is investigating your concern.",
    "not_in_scope": "Closed: the accrediting body decided your concern is not something it can investigate.",
    "closed": "Closed: the accrediting body has finished looking into your concern.",
}
OUTCOME_WORDS = {
    "no_further_action": "No further action: the body found nothing that needs the mediator to change.",
    "advice": "Advice: the body gave the mediator advice about their practice.",
    "conditions": "Conditions: the mediator’s accreditation now has conditions, shown on their public profile.",
    "suspension": "Suspension: the mediator’s accreditation is suspended, as shown on their public profile.",
    "withdrawal": "Withdrawal: the mediator’s accreditation has been withdrawn, as shown on their public profile.",
}
PROVIDER_STAGE_WORDS = {
    "received": "Received: the oversight panel has not yet looked at your concern.",
    "investigating": "Being looked into: the oversight panel is investigating your concern about the provider.",
    "not_in_scope": "Closed: the oversight panel decided your concern is not something it can investigate.",
    "closed": "Closed: the oversight panel has finished looking into your concern about the provider.",
}
PROVIDER_OUTCOME_WORDS = {
    "no_further_action": "No further action: the oversight panel found nothing that needs the provider to change.",
    "advice": "Advice: the oversight panel gave the provider advice about how it arranges mediation.",
}


def words_for(subject: str) -> tuple[dict[str, str], dict[str, str]]:
    """(stage words, outcome words) for a concern about a ``mediator`` or a ``provider``."""
    if subject == "provider":
        return PROVIDER_STAGE_WORDS, PROVIDER_OUTCOME_WORDS
    return STAGE_WORDS, OUTCOME_WORDS


@dataclass(frozen=True)
class OutcomeDecision:
    outcome: str
    reason: str  # PRIVATE
    public_message: str = ""
    conditions: str = ""  # for ``conditions``
    public_note: str = ""  # for the register, with a change of status
    expected_version: int | None = None


@dataclass(frozen=True)
class PublicConcernStatus:
    """All that anyone holding the reference may see: no names, no description, no notes."""

    reference: str
    subject: str
    received_on: date
    stage: str
    stage_words: str
    outcome_words: str | None
    public_message: str
    finished_on: date | None


def uk_date(moment: datetime) -> date:
    return moment.astimezone(clock.UK).date()


def concern_by_reference(reference: str) -> Concern:
    concern = db.session.scalars(
        select(Concern)
        .where(Concern.reference == normalise_reference(reference))
        .options(joinedload(Concern.mediator), joinedload(Concern.body), joinedload(Concern.provider))
    ).first()
    if concern is None:
        raise NotFound(f"There is no concern with the reference {reference}")
    return concern


def handling_of(concern: Concern) -> ConcernHandling | None:
    return db.session.get(ConcernHandling, concern.id)


def stage_of(concern: Concern) -> str:
    handling = handling_of(concern)
    return handling.stage if handling else "received"


def notes_of(concern: Concern) -> list[ConcernNote]:
    query = select(ConcernNote).where(ConcernNote.concern_id == concern.id).options(joinedload(ConcernNote.author))
    return list(db.session.scalars(query.order_by(ConcernNote.created_at, ConcernNote.id)))


def _finish(handling: ConcernHandling, concern: Concern, actor: User) -> None:
    handling.decided_at, handling.decided_by_id = clock.now(), actor.id
    handling.days_to_outcome = (uk_date(handling.decided_at) - uk_date(concern.received_at)).days


def _tell_raiser(concern: Concern) -> None:
    if concern.raised_by_email:
        notices.to_email(
            concern.raised_by_email,
            "concern_update",
            f"Your concern {concern.reference} has been updated",
            f"There is news about the concern you raised on the SEND Mediation Register ({concern.reference}).\n\n"
            f"See where it has got to at {notices.public_url('/concerns/' + concern.reference)}",
            concern_id=concern.id,
        )


def triage(concern: Concern, within_scope: bool | None, note: str, public_message: str, actor: User) -> ConcernHandling:
    """Decide whether the concern is within scope; outside it, the concern is finished now."""
    if handling_of(concern) is not None:
        raise Refused("within_scope", "This concern has already been triaged")
    if within_scope is None:
        raise Refused("within_scope", "Select whether the concern is within scope")
    note = clean(note)
    if not within_scope and not note:
        raise Refused("note", "Explain why the concern is not within scope")
    handling = ConcernHandling(
        concern_id=concern.id,
        stage="investigating" if within_scope else "not_in_scope",
        within_scope=within_scope,
        triage_note=note[:MAX_TEXT],
        triaged_at=clock.now(),
        triaged_by_id=actor.id,
        public_message=clean(public_message)[:MAX_TEXT],
    )
    if not within_scope:
        _finish(handling, concern, actor)
    db.session.add(handling)
    db.session.flush()
    audit.record(
        actor, "concern.triaged", "concern", concern.id, reference=concern.reference, within_scope=within_scope
    )
    _tell_raiser(concern)
    return handling


def add_note(concern: Concern, text: str, actor: User) -> ConcernNote:
    note = ConcernNote(
        concern_id=concern.id,
        text=require_text(text, "text", "Write the note", MAX_TEXT),
        created_at=clock.now(),
        author_id=actor.id,
    )
    db.session.add(note)
    db.session.flush()
    audit.record(actor, "concern.note_added", "concern", concern.id, reference=concern.reference)
    return note


def accreditation_for(concern: Concern) -> Accreditation | None:
    """The mediator's running accreditation with the body handling the concern, if any."""
    if concern.mediator_id is None or concern.body_id is None:
        return None
    return db.session.scalars(
        select(Accreditation)
        .where(
            Accreditation.mediator_id == concern.mediator_id,
            Accreditation.body_id == concern.body_id,
            Accreditation.status.in_(("accredited", "suspended")),
        )
        .order_by(Accreditation.id.desc())
    ).first()


def _change_status(concern: Concern, decision: OutcomeDecision, actor: User) -> AccreditationEvent:
    accreditation = accreditation_for(concern)
    if accreditation is None:
        raise Refused(
            "outcome", "The mediator has no current accreditation with your body, so its status cannot change"
        )
    if decision.outcome == "conditions":
        conditions = require_text(decision.conditions, "conditions", "Write the conditions for the public register")
        return operations.change_conditions(
            accreditation,
            actor,
            conditions=conditions,
            public_note=clean(decision.public_note) or None,
            reason=decision.reason,
            expected_version=decision.expected_version,
        )
    if decision.outcome == "suspension":
        public_note = require_text(decision.public_note, "public_note", "Write a note for the public register")
        return operations.suspend(
            accreditation,
            actor,
            public_note=public_note,
            reason=decision.reason,
            expected_version=decision.expected_version,
        )
    return operations.withdraw(
        accreditation,
        actor,
        public_note=clean(decision.public_note) or None,
        reason=decision.reason,
        expected_version=decision.expected_version,
    )


def decide(concern: Concern, decision: OutcomeDecision, actor: User) -> ConcernHandling:
    """Record the outcome of an investigation; a status-changing outcome records the accreditation event too.

    Raises Refused, or the accreditation operation's IllegalTransition / ConcurrentChange /
    DomainError, having changed nothing.
    """
    handling = handling_of(concern)
    if handling is None or handling.stage != "investigating":
        raise Refused("outcome", "Only a concern under investigation can be given an outcome")
    if decision.outcome not in CONCERN_OUTCOMES:
        raise Refused("outcome", "Select the outcome")
    if concern.subject != "mediator" and decision.outcome in STATUS_CHANGING:
        raise Refused("outcome", "A concern about a provider can end in no further action or advice only")
    reason = require_text(decision.reason, "reason", "Give the reasons for the outcome", MAX_TEXT)
    event = None
    if decision.outcome in STATUS_CHANGING:
        try:
            event = _change_status(concern, decision, actor)
        except Refused:
            raise
        except DomainError as error:
            raise Refused("outcome", str(error)) from error
    handling.stage, handling.outcome, handling.reason = "closed", decision.outcome, reason
    handling.public_message = clean(decision.public_message)[:MAX_TEXT] or handling.public_message
    handling.accreditation_event_id = event.id if event is not None else None
    _finish(handling, concern, actor)
    db.session.flush()
    audit.record(
        actor,
        "concern.decided",
        "concern",
        concern.id,
        reference=concern.reference,
        outcome=decision.outcome,
        days_to_outcome=handling.days_to_outcome,
        accreditation_event_id=handling.accreditation_event_id,
    )
    _tell_raiser(concern)
    return handling


def public_status(reference: str) -> PublicConcernStatus:
    concern = concern_by_reference(reference)
    handling = handling_of(concern)
    stage = handling.stage if handling else "received"
    stage_words, outcome_words = words_for(concern.subject)
    return PublicConcernStatus(
        reference=concern.reference,
        subject=concern.subject,
        received_on=uk_date(concern.received_at),
        stage=stage,
        stage_words=stage_words[stage],
        outcome_words=outcome_words.get(handling.outcome or "") if handling else None,
        public_message=handling.public_message if handling else "",
        finished_on=uk_date(handling.decided_at) if handling and handling.decided_at else None,
    )


@dataclass(frozen=True)
class ConcernRow:
    concern: Concern
    handling: ConcernHandling | None

    @property
    def stage(self) -> str:
        return self.handling.stage if self.handling else "received"


def concerns_about_providers(provider_ids: Collection[int]) -> list[ConcernRow]:
    """Concerns about these mediation providers, newest first: for their staff, who see where each has
    got to and its outcome, never what it says or who raised it (private to the oversight panel)."""
    query = (
        select(Concern, ConcernHandling)
        .outerjoin(ConcernHandling, ConcernHandling.concern_id == Concern.id)
        .where(Concern.provider_id.in_(list(provider_ids)))
        .options(joinedload(Concern.provider))
        .order_by(Concern.received_at.desc(), Concern.id.desc())
    )
    return [ConcernRow(c, h) for c, h in db.session.execute(query).unique().all()]


def all_concerns(page: int = 1, stage: str | None = None) -> Page[ConcernRow]:
    """Every concern with its handling, newest first (oversight)."""
    query = (
        select(Concern, ConcernHandling)
        .outerjoin(ConcernHandling, ConcernHandling.concern_id == Concern.id)
        .options(joinedload(Concern.mediator), joinedload(Concern.body), joinedload(Concern.provider))
        .order_by(Concern.received_at.desc(), Concern.id.desc())
    )
    if stage == "received":
        query = query.where(ConcernHandling.concern_id.is_(None))
    elif stage:
        query = query.where(ConcernHandling.stage == stage)
    total = db.session.scalar(select(db.func.count()).select_from(query.order_by(None).subquery())) or 0
    size = 50
    page = max(page, 1)
    rows = db.session.execute(query.limit(size).offset((page - 1) * size)).unique().all()
    return Page([ConcernRow(c, h) for c, h in rows], total, page, size)
