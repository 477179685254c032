"""The hash-chained audit trail.

Each AuditEvent stores ``previous_hash`` (the hash of the event before it in sequence) and
``hash`` = SHA-256 over its own canonical content plus ``previous_hash``. Changing, removing or
reordering any row breaks the chain from that row on, which ``verify_chain`` reports.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from registry.domain.sequences import current_value, next_value
from registry.extensions import db
from registry.models import AuditEvent, User
from registry.models.base import utcnow

GENESIS_HASH = "0" * 64


def _content_hash(event: AuditEvent, previous_hash: str) -> str:
    occurred_at: datetime = event.occurred_at
    content = {
        "sequence": event.sequence,
        "occurred_at": occurred_at.isoformat(timespec="microseconds"),
        "actor_id": event.actor_id,
        "action": event.action,
        "subject_type": event.subject_type,
        "subject_id": event.subject_id,
        "data": event.data,
        "previous_hash": previous_hash,
    }
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def record(actor: User | None, action: str, subject_type: str, subject_id: object, **data: Any) -> AuditEvent:
    """Append an audit event in the caller's transaction."""
    sequence = next_value("audit_events")
    previous = db.session.execute(
        select(AuditEvent.hash).where(AuditEvent.sequence == sequence - 1)
    ).scalar_one_or_none()
    event = AuditEvent(
        sequence=sequence,
        occurred_at=utcnow(),
        actor_id=actor.id if actor is not None else None,
        action=action,
        subject_type=subject_type,
        subject_id=str(subject_id),
        data=json.loads(json.dumps(data, default=str)),
    )
    event.previous_hash = previous or GENESIS_HASH
    event.hash = _content_hash(event, event.previous_hash)
    db.session.add(event)
    db.session.flush()
    return event


@dataclass(frozen=True)
class ChainFault:
    sequence: int
    problem: str


def _events_in_order(batch_size: int = 5000) -> Iterator[AuditEvent]:
    last = 0
    while True:
        batch = db.session.scalars(
            select(AuditEvent).where(AuditEvent.sequence > last).order_by(AuditEvent.sequence).limit(batch_size)
        ).all()
        if not batch:
            return
        yield from batch
        last = batch[-1].sequence
        db.session.expunge_all()


def verify_chain() -> tuple[int, ChainFault | None]:
    """Walk the chain in order; return how many events verified and the first fault, if any."""
    expected_previous = GENESIS_HASH
    expected_sequence = 1
    checked = 0
    for event in _events_in_order():
        if event.sequence != expected_sequence:
            return checked, ChainFault(expected_sequence, f"audit event {expected_sequence} is missing")
        if event.previous_hash != expected_previous:
            return checked, ChainFault(event.sequence, "its link to the previous event does not match")
        if _content_hash(event, event.previous_hash) != event.hash:
            return checked, ChainFault(event.sequence, "its content does not match its hash (altered)")
        expected_previous = event.hash
        expected_sequence += 1
        checked += 1
    # The counter knows how many events were written, so removing the newest rows shows too.
    issued = current_value("audit_events")
    if issued >= expected_sequence:
        return checked, ChainFault(expected_sequence, f"audit event {expected_sequence} is missing")
    return checked, None
