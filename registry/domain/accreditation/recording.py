"""The one place accreditation events are written.

Every operation first decides the whole change (``Change``) and checks it with ``check``;
only then does ``record`` write: one AccreditationEvent, the cached state on the
Accreditation, and one AuditEvent, all in the caller's transaction. A refused change
therefore writes nothing. It then publishes ``AccreditationEventRecorded``
(``registry.domain.events``): whatever follows a change, such as notifying the LAs that watch the
mediator, subscribes to it and runs in the same transaction, and this module imports none of it.

Dates: ``effective_on`` (valid time) may be back-dated but never lies in the future, and never
before the accreditation's latest event, so each accreditation's events are in the same order
by sequence, by ``effective_on`` and by ``recorded_at``. While an accreditation is running
(accredited or suspended) every change except the lapse itself must take effect on or before
``valid_until``: after that day it had already lapsed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from registry.domain import audit, clock, events
from registry.domain.accreditation.transitions import RUNNING, Transition, check_transition
from registry.domain.errors import ConcurrentChange, DomainError, IllegalTransition
from registry.domain.sequences import next_value
from registry.extensions import db
from registry.models import Accreditation, AccreditationEvent, User

KEEP: Any = object()  # "leave this part of the state as it is"


@dataclass
class Change:
    kind: str
    effective_on: date
    reason: str | None = None
    public_note: str | None = None
    valid_from: Any = KEEP
    valid_until: Any = KEEP
    conditions: Any = KEEP
    audit_data: dict[str, Any] = field(default_factory=dict)


def clean_text(value: str | None) -> str | None:
    """Trimmed text, or None when blank."""
    value = (value or "").strip()
    return value or None


def latest_event(accreditation: Accreditation) -> AccreditationEvent | None:
    if accreditation.id is None:
        return None
    return db.session.scalars(
        select(AccreditationEvent)
        .where(AccreditationEvent.accreditation_id == accreditation.id)
        .order_by(AccreditationEvent.sequence.desc())
        .limit(1)
    ).first()


def check_version(accreditation: Accreditation, expected_version: int | None) -> None:
    """The form the person submitted was built from ``expected_version``; refuse if it moved on."""
    if expected_version is not None and expected_version != accreditation.version:
        raise ConcurrentChange()


def check(accreditation: Accreditation | None, change: Change, expected_version: int | None = None) -> Transition:
    """Refuse the change (IllegalTransition, DomainError or ConcurrentChange) unless it is legal now."""
    if accreditation is not None:
        check_version(accreditation, expected_version)
    from_status = accreditation.status if accreditation is not None else None
    transition = check_transition(change.kind, from_status)
    today = clock.today()
    if change.effective_on > today:
        raise DomainError("The date it takes effect cannot be in the future.")
    if accreditation is None:
        return transition
    previous = latest_event(accreditation)
    if previous is not None and change.effective_on < previous.effective_on:
        raise DomainError(
            f"The date it takes effect cannot be before {clock.long_date(previous.effective_on)}, "
            "the date of the last change to this accreditation."
        )
    ends = accreditation.valid_until
    if from_status in RUNNING and change.kind != "lapsed" and ends is not None and change.effective_on > ends:
        raise IllegalTransition(
            f"This accreditation ran out on {clock.long_date(ends)}, so nothing can take effect after that date. "
            "It will lapse; it can then be reinstated on renewal."
        )
    return transition


def record(accreditation: Accreditation, actor: User | None, change: Change) -> AccreditationEvent:
    """Write the (already checked) change. Raises ConcurrentChange if another session got there first."""
    from_status = None if change.kind == "applied" else accreditation.status
    transition = check_transition(change.kind, from_status)
    now = clock.now()
    try:
        sequence = next_value("accreditation_events")
        for name in ("valid_from", "valid_until", "conditions"):
            value = getattr(change, name)
            if value is not KEEP:
                setattr(accreditation, name, value)
        accreditation.status = transition.to_status
        if from_status is not None:
            flag_modified(accreditation, "status")  # every event moves the version on, even a no-op update
        event = AccreditationEvent(
            sequence=sequence,
            accreditation=accreditation,
            kind=change.kind,
            from_status=from_status,
            to_status=transition.to_status,
            effective_on=change.effective_on,
            recorded_at=now,
            actor=actor,
            valid_from=accreditation.valid_from,
            valid_until=accreditation.valid_until,
            conditions=accreditation.conditions,
            reason=change.reason,
            public_note=change.public_note,
        )
        db.session.add(event)
        db.session.flush()
    except StaleDataError as error:
        raise ConcurrentChange() from error
    # The private reason stays out of the audit data: audit readers (admins) are not the body.
    audit.record(
        actor,
        f"accreditation.{change.kind}",
        "accreditation",
        accreditation.id,
        event_sequence=sequence,
        mediator_id=accreditation.mediator_id,
        body_id=accreditation.body_id,
        from_status=from_status,
        to_status=transition.to_status,
        effective_on=change.effective_on.isoformat(),
        valid_from=_iso(accreditation.valid_from),
        valid_until=_iso(accreditation.valid_until),
        conditions=accreditation.conditions,
        public_note=change.public_note,
        reason_given=change.reason is not None,
        **change.audit_data,
    )
    events.publish(events.AccreditationEventRecorded(event))  # e.g. the watching LAs' notifications
    return event


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None
