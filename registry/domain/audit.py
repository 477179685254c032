"""The hash-chained audit trail.

Each AuditEvent stores ``previous_hash`` (the hash of the event before it in sequence) and
``hash`` = SHA-256 over its own canonical content plus ``previous_hash``. Changing, removing or
reordering any row breaks the chain from that row on, which ``verify_chain`` reports.

The chain alone cannot show that its newest events were removed together with the counter lowered
to match: signed checkpoints of its head, kept outside the table, do
(``registry.domain.audit_checkpoints``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, select

from registry.domain.sequences import current_value, next_value
from registry.extensions import db
from registry.models import AuditEvent, User
from registry.models.base import utcnow

GENESIS_HASH = "0" * 64


def _content_hash(event: AuditEvent | Row[Any], previous_hash: str) -> str:
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


_CHAINED = (
    *(AuditEvent.sequence, AuditEvent.occurred_at, AuditEvent.actor_id, AuditEvent.action),
    *(AuditEvent.subject_type, AuditEvent.subject_id, AuditEvent.data, AuditEvent.previous_hash, AuditEvent.hash),
)


def _events_in_order(after: int, batch_size: int = 5000) -> Iterator[Row[Any]]:
    """Plain rows, in batches: the caller's session (and its objects) is left as it was."""
    last = after
    while True:
        batch = db.session.execute(
            select(*_CHAINED).where(AuditEvent.sequence > last).order_by(AuditEvent.sequence).limit(batch_size)
        ).all()
        if not batch:
            return
        yield from batch
        last = batch[-1].sequence


@dataclass(frozen=True)
class ChainWalk:
    checked: int  # events whose link and hash verified
    fault: ChainFault | None  # the first fault, if any
    last: tuple[int, str]  # the sequence and hash of the last event verified (where the walk began, if none)


def walk_chain(after: int = 0, previous_hash: str = GENESIS_HASH) -> ChainWalk:
    """Walk the chain in order, from the start or from the event after ``after`` whose hash is known
    to be ``previous_hash`` (a checkpoint's head: ``registry.domain.audit_checkpoints``), checking
    only what came since. Events committed while it walks are walked too, or left for the next walk."""
    # The counter knows how many events were written, so removing the newest rows shows too (unless
    # it is lowered to match: checkpoints catch that). Read first: every event it counts is committed.
    issued = current_value("audit_events")
    last = (after, previous_hash)
    checked = 0
    for event in _events_in_order(after):
        expected = last[0] + 1
        if event.sequence != expected:
            return ChainWalk(checked, ChainFault(expected, f"audit event {expected} is missing"), last)
        if event.previous_hash != last[1]:
            return ChainWalk(checked, ChainFault(expected, "its link to the previous event does not match"), last)
        if _content_hash(event, event.previous_hash) != event.hash:
            return ChainWalk(checked, ChainFault(expected, "its content does not match its hash (altered)"), last)
        last = (expected, event.hash)
        checked += 1
    if issued > last[0]:
        return ChainWalk(checked, ChainFault(last[0] + 1, f"audit event {last[0] + 1} is missing"), last)
    return ChainWalk(checked, None, last)


def verify_chain(after: int = 0, previous_hash: str = GENESIS_HASH) -> tuple[int, ChainFault | None]:
    """Walk the chain in order (``walk_chain``); return how many events verified and the first fault, if any."""
    walk = walk_chain(after, previous_hash)
    return walk.checked, walk.fault


def head() -> tuple[int, str]:
    """The sequence and hash of the newest event: ``(0, GENESIS_HASH)`` for an empty trail."""
    row = db.session.execute(
        select(AuditEvent.sequence, AuditEvent.hash).order_by(AuditEvent.sequence.desc()).limit(1)
    ).first()
    return (int(row.sequence), str(row.hash)) if row else (0, GENESIS_HASH)


def hash_of(sequence: int) -> str | None:
    """The stored hash of event ``sequence`` (``GENESIS_HASH`` for 0), or None when there is no such event."""
    if sequence == 0:
        return GENESIS_HASH
    found = db.session.execute(select(AuditEvent.hash).where(AuditEvent.sequence == sequence)).scalar_one_or_none()
    return None if found is None else str(found)
