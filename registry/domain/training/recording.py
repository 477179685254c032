"""The one place programme accreditation events are written — the mediator accreditation pattern, reused.

Decision (issue 6): a programme's accreditation reuses the pattern of mediator accreditation
(``registry.domain.accreditation``) rather than inventing a second one:

- the same event shape: ProgrammeAccreditationEvent has AccreditationEvent's columns (kind,
  from/to status, ``effective_on`` valid time, ``recorded_at`` record time, actor, state after the
  event, private reason, public note), plus the deciding body and the programme version;
- the same global ``sequence`` counter (``accreditation_events``), so mediator and programme
  events share one gap-free order and a change feed can merge them by sequence;
- the same ``Transition`` table type, ``Change`` description and ``clean_text``, and the same
  clock (``registry.domain.clock``) that tests move;
- the same replay for "status at a date" (``registry.domain.accreditation.history.replay``),
  which reads any event with those columns — see ``history`` here;
- the same guarantees: everything is checked first (``check``), then ``record`` writes one event,
  the cached state on the programme and one audit event in the caller's transaction; the
  programme's ``row_version`` is an optimistic lock, as ``Accreditation.version`` is;
- the same announcement: ``record`` publishes ``ProgrammeEventRecorded`` (``registry.domain.events``)
  for whatever follows a change to subscribe to.

A separate table rather than one shared table keeps foreign keys real (an event belongs to a
programme or to an accreditation, never "one of the two") and leaves the mediator tables, their
indexes and their public history queries untouched. A generic recorder parametrised by subject
would have meant rewriting ``registry.domain.accreditation.recording`` under work in flight; the
pieces that carry the rules are shared instead, and this module is the thin programme-specific
writer around them.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from registry.domain import audit, clock, events
from registry.domain.accreditation.recording import KEEP, Change
from registry.domain.accreditation.transitions import Transition
from registry.domain.errors import ConcurrentChange, DomainError, IllegalTransition, PermissionDenied
from registry.domain.sequences import next_value
from registry.domain.training.transitions import RUNNING, check_transition
from registry.extensions import db
from registry.models import Organisation, ProgrammeAccreditationEvent, TrainingProgramme, User

#: shared with mediator accreditation events: one global order
SEQUENCE = "accreditation_events"


def latest_event(programme: TrainingProgramme) -> ProgrammeAccreditationEvent | None:
    if programme.id is None:
        return None
    return db.session.scalars(
        select(ProgrammeAccreditationEvent)
        .where(ProgrammeAccreditationEvent.programme_id == programme.id)
        .order_by(ProgrammeAccreditationEvent.sequence.desc())
        .limit(1)
    ).first()


def check(programme: TrainingProgramme, change: Change, expected_version: int | None = None) -> Transition:
    """Refuse the change (IllegalTransition, DomainError or ConcurrentChange) unless it is legal now."""
    if expected_version is not None and expected_version != programme.row_version:
        raise ConcurrentChange()
    from_status = programme.status if programme.id is not None else None
    transition = check_transition(change.kind, from_status)
    if change.effective_on > clock.today():
        raise DomainError("The date it takes effect cannot be in the future.")
    previous = latest_event(programme)
    if previous is not None and change.effective_on < previous.effective_on:
        raise DomainError(
            f"The date it takes effect cannot be before {clock.long_date(previous.effective_on)}, "
            "the date of the last change to this programme."
        )
    ends = programme.valid_until
    if from_status in RUNNING and change.kind != "lapsed" and ends is not None and change.effective_on > ends:
        raise IllegalTransition(
            f"This programme's accreditation ran out on {clock.long_date(ends)}, so nothing can take effect "
            "after that date. It will lapse; the provider can then resubmit it."
        )
    return transition


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


def record(
    programme: TrainingProgramme,
    actor: User | None,
    change: Change,
    *,
    body: Organisation | None = None,
) -> ProgrammeAccreditationEvent:
    """Write the (already checked) change. Raises ConcurrentChange if another session got there first,
    and PermissionDenied, before writing anything, for a body that does not decide on the programme."""
    from_status = None if change.kind == "submitted" else programme.status
    transition = check_transition(change.kind, from_status)
    check_body(programme, body)
    try:
        sequence = next_value(SEQUENCE)
        for name in ("valid_from", "valid_until", "conditions"):
            value = getattr(change, name)
            if value is not KEEP:
                setattr(programme, name, value)
        programme.status = transition.to_status
        if body is not None:
            programme.body = body
        if from_status is not None:
            flag_modified(programme, "status")  # every event moves the lock on, even a no-op update
        event = ProgrammeAccreditationEvent(
            sequence=sequence,
            programme=programme,
            programme_version=programme.latest_version,
            body=body,
            kind=change.kind,
            from_status=from_status,
            to_status=transition.to_status,
            effective_on=change.effective_on,
            recorded_at=clock.now(),
            actor=actor,
            valid_from=programme.valid_from,
            valid_until=programme.valid_until,
            conditions=programme.conditions,
            reason=change.reason,
            public_note=change.public_note,
        )
        db.session.add(event)
        db.session.flush()
    except StaleDataError as error:
        raise ConcurrentChange() from error
    # The private reason stays out of the audit data, as for mediator accreditation.
    audit.record(
        actor,
        f"training_programme.{change.kind}",
        "training_programme",
        programme.reference,
        event_sequence=sequence,
        provider_id=programme.provider_id,
        body_id=body.id if body is not None else None,
        programme_version=programme.latest_version,
        from_status=from_status,
        to_status=transition.to_status,
        effective_on=change.effective_on.isoformat(),
        valid_from=_iso(programme.valid_from),
        valid_until=_iso(programme.valid_until),
        conditions=programme.conditions,
        public_note=change.public_note,
        reason_given=change.reason is not None,
        **change.audit_data,
    )
    events.publish(events.ProgrammeEventRecorded(event))
    return event


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None
