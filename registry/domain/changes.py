"""The change feed and the open-data export, which fit together without gaps.

Every accreditation event has a global ``sequence``, handed out in commit order (see
``registry.domain.sequences``). The feed lists public events after a cursor in that order; the
export states the sequence it was taken at. A client loads the export, then follows the feed
from that sequence: every event up to it is already in the export, and every later one comes
through the feed. (An export taken while the register is being changed may already show some of
the changes after its sequence; replaying them from the feed brings the copy to the same state.)

Neither carries anything private: no reasons, no actors, no applications or refusals, no private
contact details.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from registry.domain.accreditation import clock
from registry.domain.accreditation.history import MediatorStatus, statuses_on
from registry.domain.accreditation.transitions import PUBLIC_KINDS
from registry.domain.checks import on_register
from registry.domain.errors import DomainError
from registry.domain.sequences import current_value
from registry.extensions import db
from registry.models import Accreditation, AccreditationEvent, Mediator, Organisation

MAX_FEED_LIMIT = 1000
EXPORT_BATCH_SIZE = 1000


@dataclass(frozen=True)
class Change:
    """One public accreditation event, as the feed shows it."""

    sequence: int
    registration_number: str
    body_slug: str
    body_name: str
    kind: str
    status: str  # the accreditation's status after the event
    effective_on: date
    recorded_at: datetime
    valid_from: date | None
    valid_until: date | None
    conditions: str | None
    public_note: str | None


@dataclass(frozen=True)
class ChangePage:
    changes: list[Change]
    after: int
    next_after: int  # the cursor to ask for next: the last sequence returned, or ``after`` if none
    has_more: bool


def changes_after(after: int = 0, limit: int = 100) -> ChangePage:
    """Up to ``limit`` public events with a sequence above ``after``, in sequence order."""
    if after < 0:
        raise DomainError("after must be 0 or more")
    if not 1 <= limit <= MAX_FEED_LIMIT:
        raise DomainError(f"limit must be between 1 and {MAX_FEED_LIMIT}")
    rows = db.session.execute(
        select(
            AccreditationEvent.sequence,
            Mediator.registration_number,
            Organisation.slug,
            Organisation.name,
            AccreditationEvent.kind,
            AccreditationEvent.to_status,
            AccreditationEvent.effective_on,
            AccreditationEvent.recorded_at,
            AccreditationEvent.valid_from,
            AccreditationEvent.valid_until,
            AccreditationEvent.conditions,
            AccreditationEvent.public_note,
        )
        .join(Accreditation, Accreditation.id == AccreditationEvent.accreditation_id)
        .join(Mediator, Mediator.id == Accreditation.mediator_id)
        .join(Organisation, Organisation.id == Accreditation.body_id)
        .where(AccreditationEvent.sequence > after, AccreditationEvent.kind.in_(PUBLIC_KINDS))
        .order_by(AccreditationEvent.sequence)
        .limit(limit + 1)
    ).all()
    changes = [Change(*row) for row in rows[:limit]]
    next_after = changes[-1].sequence if changes else after
    return ChangePage(changes, after, next_after, len(rows) > limit)


def latest_sequence() -> int:
    """The sequence of the latest committed event: everything up to it is visible now."""
    return current_value("accreditation_events")


@dataclass(frozen=True)
class RegisterEntry:
    """One mediator on the public register, as the export shows them."""

    mediator: Mediator
    status: MediatorStatus
    body_name: str | None


@dataclass(frozen=True)
class RegisterSnapshot:
    sequence: int
    taken_on: date
    entries: Iterator[RegisterEntry]


def _entries(on: date, batch_size: int) -> Iterator[RegisterEntry]:
    bodies = {
        row.id: row.name
        for row in db.session.execute(
            select(Organisation.id, Organisation.name).where(Organisation.kind == "accrediting_body")
        )
    }
    last_id = 0
    while True:
        batch = list(
            db.session.scalars(
                select(Mediator)
                .where(Mediator.id > last_id, on_register())
                .options(
                    selectinload(Mediator.areas),
                    selectinload(Mediator.languages),
                    selectinload(Mediator.formats),
                    selectinload(Mediator.specialisms),
                    selectinload(Mediator.providers),
                )
                .order_by(Mediator.id)
                .limit(batch_size)
            )
        )
        if not batch:
            return
        statuses = statuses_on([m.id for m in batch], on)
        for mediator in batch:
            status = statuses[mediator.id]
            body = bodies.get(status.state.body_id) if status.state else None
            yield RegisterEntry(mediator, status, body)
        last_id = batch[-1].id  # the session's identity map holds finished batches weakly: memory stays flat


def register_snapshot(batch_size: int = EXPORT_BATCH_SIZE) -> RegisterSnapshot:
    """Everyone on the public register with their status today, read lazily in batches of ``batch_size``.

    ``sequence`` is read first, so every event up to it is in the entries (see the module docstring)."""
    sequence = latest_sequence()
    today = clock.today()
    return RegisterSnapshot(sequence, today, _entries(today, batch_size))
