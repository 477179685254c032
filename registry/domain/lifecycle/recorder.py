"""The one place lifecycle events are written, for every subject.

Every operation first decides the whole change (``Change``) and checks it with ``check``; only then
does ``record`` write: one event, the cached state on the subject (with the day its status began and
the event's sequence, which the status today reads), and one AuditEvent, all in the
caller's transaction (flushed, never committed: the request or CLI command commits). A refused change
therefore writes nothing. ``record`` then publishes the subject's domain event
(``registry.domain.events``): whatever follows a change, such as notifying the LAs that watch a
mediator, subscribes to it and runs in the same transaction, and this module imports none of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import inspect, select, update
from sqlalchemy.orm.attributes import flag_modified, set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from registry.domain import audit, clock, events
from registry.domain.errors import ConcurrentChange, DomainError
from registry.domain.lifecycle.machine import KEEP, E, Lifecycle, S, State, Transition
from registry.domain.sequences import FEED, next_value
from registry.extensions import db
from registry.models import Organisation, User

#: mediator and programme events share one gap-free order, so a change feed can merge them
SEQUENCE = FEED


@dataclass
class Change:
    """One event to record: its kind, when it took effect, the private reason and the public note,
    the conditions after it (``KEEP``: as they are) and anything more the audit event should say."""

    kind: str
    effective_on: date
    reason: str | None = None
    public_note: str | None = None
    conditions: Any = KEEP
    audit_data: dict[str, Any] = field(default_factory=dict)


def clean_text(value: str | None) -> str | None:
    """Trimmed text, or None when blank."""
    value = (value or "").strip()
    return value or None


def required_text(value: str | None, field_name: str, message: str) -> str:
    """Trimmed text, or a refusal of the answer ``field_name`` when blank."""
    text = clean_text(value)
    if text is None:
        raise DomainError(message, field=field_name)
    return text


def state_of(subject: S, status: str | None) -> State:
    return State(status, subject.valid_from, subject.valid_until, subject.conditions)


def latest_effective_on(lifecycle: Lifecycle[S, E], subject: S) -> date | None:
    if subject.id is None:
        return None
    model = lifecycle.event_model
    return db.session.scalars(
        select(model.effective_on).where(lifecycle.subject_key() == subject.id).order_by(model.sequence.desc()).limit(1)
    ).first()


def check(lifecycle: Lifecycle[S, E], subject: S, change: Change, expected_version: int | None = None) -> Transition:
    """Refuse the change (IllegalTransition, DomainError or ConcurrentChange) unless it is legal now.

    ``expected_version`` is the lock value the person's form was built from; a different current one
    means someone else changed the subject meanwhile."""
    if subject.id is not None and expected_version is not None and expected_version != lifecycle.lock_version(subject):
        raise ConcurrentChange()
    state = state_of(subject, None if subject.id is None else subject.status)  # a new subject has no status yet
    transition = lifecycle.check_transition(change.kind, state.status)
    refusal = lifecycle.date_refusal(
        state, change.kind, change.effective_on, latest_effective_on(lifecycle, subject), clock.today()
    )
    if refusal is not None:
        raise refusal
    return transition


def record(
    lifecycle: Lifecycle[S, E],
    subject: S,
    actor: User | None,
    change: Change,
    *,
    body: Organisation | None = None,
) -> E:
    """Write the (already checked) change; ``body`` is the body deciding, where the subject needs it.

    Raises ConcurrentChange if another session got there first, and whatever ``before_record``
    refuses, before writing anything."""
    # The event that opens the lifecycle starts from nothing, though the new row may be flushed by now.
    opens = lifecycle.transitions[change.kind].opens
    before = state_of(subject, None if opens else subject.status)
    transition = lifecycle.check_transition(change.kind, before.status)
    lifecycle.before_record(subject, actor, body)
    years = lifecycle.period_years(subject) if before.status in transition.starts_period_from else 1
    after = lifecycle.next_state(before, change.kind, change.effective_on, change.conditions, years)
    try:
        with db.session.no_autoflush:  # a new subject is inserted once, with its status today
            sequence = next_value(SEQUENCE)
        # The day the status began stays put while events keep the same status (a renewal, new
        # conditions), as the replay counts it: registry.domain.lifecycle.history.
        kept_since = subject.status_since if before.status == transition.to_status else None
        today: dict[str, Any] = {"status_since": kept_since or change.effective_on, "status_sequence": sequence}
        cached: tuple[tuple[str, Any], ...] = (
            ("status", transition.to_status),
            ("valid_from", after.valid_from),
            ("valid_until", after.valid_until),
            ("conditions", after.conditions),
        )
        if opens and inspect(subject).persistent:
            _keep_without_moving_the_lock(lifecycle, subject, today)
        else:
            cached += tuple(today.items())
        for name, value in cached:
            if getattr(subject, name) != value:  # an unchanged column is left alone, so the lock moves once
                setattr(subject, name, value)
        if before.status is not None:
            flag_modified(subject, "status")  # every event moves the lock on, even a no-op update
        event = lifecycle.new_event(
            subject,
            body,
            sequence=sequence,
            kind=change.kind,
            from_status=before.status,
            to_status=transition.to_status,
            effective_on=change.effective_on,
            recorded_at=clock.now(),
            actor=actor,
            valid_from=after.valid_from,
            valid_until=after.valid_until,
            conditions=after.conditions,
            reason=change.reason,
            public_note=change.public_note,
        )
        db.session.add(event)
        db.session.flush()
    except StaleDataError as error:
        raise ConcurrentChange() from error
    subject_id, subject_data = lifecycle.audit_subject(subject, body)
    # The private reason stays out of the audit data: audit readers (admins) are not the body.
    audit.record(
        actor,
        f"{lifecycle.audited_as}.{change.kind}",
        lifecycle.audited_as,
        subject_id,
        event_sequence=sequence,
        **subject_data,
        from_status=before.status,
        to_status=transition.to_status,
        effective_on=change.effective_on.isoformat(),
        valid_from=_iso(after.valid_from),
        valid_until=_iso(after.valid_until),
        conditions=after.conditions,
        public_note=change.public_note,
        reason_given=change.reason is not None,
        **change.audit_data,
    )
    events.publish(lifecycle.announce(event))
    return event


def _keep_without_moving_the_lock(lifecycle: Lifecycle[S, E], subject: S, values: dict[str, Any]) -> None:
    """Write the status today of a subject already inserted before its opening event (a programme is,
    to number its first version) without an ORM update, which would move its lock: the lock counts
    the subject's events, and this is part of the first."""
    model = lifecycle.subject_model
    db.session.execute(update(model).where(model.id == subject.id).values(**values))
    for name, value in values.items():
        set_committed_value(subject, name, value)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None
