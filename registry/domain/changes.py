"""The change feed and the open-data export, which fit together without gaps.

Every accreditation event has a global ``sequence``, handed out in commit order (see
``registry.domain.sequences``). The feed lists public events after a cursor in that order; the
export states the sequence it was taken at.

The feed also publishes the audit trail's signed checkpoints (``registry.domain.audit_checkpoints``),
numbered from the same counter, so one cursor pages through both. They come in a list of their own
beside the events, not as a second kind of item among them: a client that reads only events sees
items of exactly the shape it always did. A page holds up to ``limit`` of the two together, in
sequence order. A client loads the export, then follows the feed
from that sequence: every event up to it is already in the export, and every later one comes
through the feed. (An export taken while the register is being changed may already show some of
the changes after its sequence; replaying them from the feed brings the copy to the same state.)

Neither carries anything private: no reasons, no actors, no applications or refusals, no private
contact details. The fields of a mediator and of an event that they copy are named through the
field registry (``registry.domain.visibility.public``), so one it does not call public stops the import.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, Select, select

from registry.domain import clock, statuses, visibility
from registry.domain.accreditation.history import MediatorStatus, statuses_on
from registry.domain.accreditation.transitions import PUBLIC_KINDS
from registry.domain.audit_checkpoints import Checkpoint
from registry.domain.checks import on_register
from registry.domain.errors import DomainError
from registry.domain.sequences import current_value
from registry.extensions import db
from registry.models import (
    Accreditation,
    AccreditationEvent,
    AuditCheckpoint,
    LocalAuthority,
    Mediator,
    MediatorFormat,
    MediatorLanguage,
    MediatorSpecialism,
    Organisation,
    RegisterChange,
)
from registry.models.changes import MEDIATOR_ENTRY, MEDIATOR_LEFT, ORGANISATION, PROGRAMME, STANDARDS_VERSION
from registry.models.mediators import mediator_areas, mediator_providers

MAX_FEED_LIMIT = 1000
EXPORT_BATCH_SIZE = 1000
FEED_EVENT_FIELDS = visibility.public(
    AccreditationEvent, "sequence", "kind", "effective_on", "recorded_at", "valid_from", "valid_until", "conditions",
    "public_note",
)  # fmt: skip
FEED_CHECKPOINT_FIELDS = visibility.public(
    AuditCheckpoint, "sequence", "events", "head_hash", "taken_at", "kid", "signature", "supersedes"
)
EXPORT_MEDIATOR_FIELDS = visibility.public(
    Mediator, "registration_number", "display_name", "public_email", "public_phone", "website"
)


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
    checkpoints: list[Checkpoint] = field(default_factory=list)  # the audit checkpoints among them
    updates: list[RegisterChange] = field(default_factory=list)  # the published changes among them


def changes_after(after: int = 0, limit: int = 100) -> ChangePage:
    """Up to ``limit`` public events and audit checkpoints with a sequence above ``after``, in sequence order."""
    if after < 0:
        raise DomainError("after must be 0 or more")
    if not 1 <= limit <= MAX_FEED_LIMIT:
        raise DomainError(f"limit must be between 1 and {MAX_FEED_LIMIT}")
    found: list[Change | Checkpoint | RegisterChange] = [
        *_events_after(after, limit + 1),
        *_checkpoints_after(after, limit + 1),
        *_updates_after(after, limit + 1),
    ]
    found.sort(key=_sequence_of)
    page = found[:limit]
    return ChangePage(
        changes=[item for item in page if isinstance(item, Change)],
        after=after,
        next_after=_sequence_of(page[-1]) if page else after,
        has_more=len(found) > limit,
        checkpoints=[item for item in page if isinstance(item, Checkpoint)],
        updates=[item for item in page if isinstance(item, RegisterChange)],
    )


def _sequence_of(item: Change | Checkpoint | RegisterChange) -> int:
    return item.sequence or 0  # a checkpoint read from the table always has its place in the feed


def _checkpoints_after(after: int, limit: int) -> list[Checkpoint]:
    rows = db.session.execute(
        select(*(getattr(AuditCheckpoint, name) for name in FEED_CHECKPOINT_FIELDS))
        .where(AuditCheckpoint.sequence > after)
        .order_by(AuditCheckpoint.sequence)
        .limit(limit)
    ).all()
    return [Checkpoint(**row._asdict()) for row in rows]


def _updates_after(after: int, limit: int) -> list[RegisterChange]:
    return list(
        db.session.scalars(
            select(RegisterChange).where(RegisterChange.sequence > after).order_by(RegisterChange.sequence).limit(limit)
        )
    )


def _events_after(after: int, limit: int) -> list[Change]:
    rows = db.session.execute(
        select(
            *(getattr(AccreditationEvent, name) for name in FEED_EVENT_FIELDS),
            AccreditationEvent.to_status.label("status"),
            Mediator.registration_number,
            Organisation.slug.label("body_slug"),
            Organisation.name.label("body_name"),
        )
        .join(Accreditation, Accreditation.id == AccreditationEvent.accreditation_id)
        .join(Mediator, Mediator.id == Accreditation.mediator_id)
        .join(Organisation, Organisation.id == Accreditation.body_id)
        .where(AccreditationEvent.sequence > after, AccreditationEvent.kind.in_(PUBLIC_KINDS))
        .order_by(AccreditationEvent.sequence)
        .limit(limit)
    ).all()
    return [Change(**row._asdict()) for row in rows]


#: Which part of a published change holds its subject's public fields, by kind (none: it left the register).
UPDATE_PARTS = {
    MEDIATOR_ENTRY: "entry",
    PROGRAMME: "programme",
    ORGANISATION: "organisation",
    MEDIATOR_LEFT: None,
    STANDARDS_VERSION: "standards",
}
UPDATE_PART_NAMES = ("entry", "programme", "organisation", "standards")


def public_update(change: RegisterChange) -> dict[str, Any]:
    """A published change as the feed's ``updates`` and the webhooks send it, ready for JSON: its
    ``sequence``, ``kind``, ``subject`` and ``recorded_at``, and the public fields after it under
    ``entry``, ``programme``, ``organisation`` or ``standards`` (the others null)."""
    part = UPDATE_PARTS[change.kind]
    return {
        "sequence": change.sequence,
        "kind": change.kind,
        "subject": change.subject,
        "recorded_at": change.recorded_at.isoformat(),
        **{name: (change.data if name == part else None) for name in UPDATE_PART_NAMES},
    }


def latest_sequence() -> int:
    """The sequence of the latest committed event: everything up to it is visible now."""
    return current_value("accreditation_events")


@dataclass(frozen=True)
class RegisterEntry:
    """One mediator on the public register, as the export shows them: public fields only."""

    registration_number: str
    display_name: str
    public_email: str | None
    public_phone: str | None
    website: str | None
    areas: tuple[str, ...]  # GSS codes, in LA name order
    languages: tuple[str, ...]
    formats: tuple[str, ...]
    specialisms: tuple[str, ...]
    providers: tuple[str, ...]  # organisation names, in name order
    status: MediatorStatus
    body_name: str | None


@dataclass(frozen=True)
class RegisterSnapshot:
    sequence: int
    taken_on: date
    entries: Iterator[RegisterEntry]


def _grouped(statement: Select[int, str]) -> dict[int, tuple[str, ...]]:
    """``(mediator_id, value)`` rows, ordered, as a tuple of values per mediator."""
    values: dict[int, list[str]] = defaultdict(list)
    for mediator_id, value in db.session.execute(statement):
        values[mediator_id].append(value)
    return {mediator_id: tuple(found) for mediator_id, found in values.items()}


def _many_valued(ids: list[int]) -> dict[str, dict[int, tuple[str, ...]]]:
    """The multi-valued public fields of a batch of mediators: one query per field, not per mediator."""
    return {
        "areas": _grouped(
            select(mediator_areas.c.mediator_id, LocalAuthority.gss_code)
            .join(LocalAuthority, LocalAuthority.id == mediator_areas.c.local_authority_id)
            .where(mediator_areas.c.mediator_id.in_(ids))
            .order_by(mediator_areas.c.mediator_id, LocalAuthority.name)
        ),
        "providers": _grouped(
            select(mediator_providers.c.mediator_id, Organisation.name)
            .join(Organisation, Organisation.id == mediator_providers.c.organisation_id)
            .where(mediator_providers.c.mediator_id.in_(ids))
            .order_by(mediator_providers.c.mediator_id, Organisation.name)
        ),
        **{
            field: _grouped(
                select(model.mediator_id, model.code)
                .where(model.mediator_id.in_(ids))
                .order_by(model.mediator_id, model.code)
            )
            for field, model in (
                ("languages", MediatorLanguage),
                ("formats", MediatorFormat),
                ("specialisms", MediatorSpecialism),
            )
        },
    }


def _bodies() -> dict[int, str]:
    return {
        row.id: row.name
        for row in db.session.execute(
            select(Organisation.id, Organisation.name).where(Organisation.kind == "accrediting_body")
        )
    }


def _entries_of(batch: Sequence[Row[Any]], on: date, bodies: dict[int, str]) -> Iterator[RegisterEntry]:
    """The entries of a batch of mediator rows (id and the export's fields): a fixed number of queries."""
    ids = [row.id for row in batch]
    statuses = statuses_on(ids, on)
    fields = _many_valued(ids)
    for row in batch:
        status = statuses[row.id]
        values: dict[str, Any] = {name: getattr(row, name) for name in EXPORT_MEDIATOR_FIELDS}
        values |= {field: found.get(row.id, ()) for field, found in fields.items()}
        yield RegisterEntry(
            **values, status=status, body_name=bodies.get(status.state.body_id) if status.state else None
        )


def _mediator_rows() -> Select[Any]:
    return select(Mediator.id, *(getattr(Mediator, name) for name in EXPORT_MEDIATOR_FIELDS)).where(on_register())


def _entries(on: date, batch_size: int) -> Iterator[RegisterEntry]:
    """Plain rows in batches by id: at 100,000 mediators, building ORM objects cost most of the time."""
    bodies = _bodies()
    last_id = 0
    while True:
        batch = db.session.execute(
            _mediator_rows().where(Mediator.id > last_id).order_by(Mediator.id).limit(batch_size)
        ).all()
        if not batch:
            return
        yield from _entries_of(batch, on, bodies)
        last_id = batch[-1].id


def entries_of(mediator_ids: Collection[int], on: date) -> dict[int, RegisterEntry]:
    """The public entries of these mediators, by id: those on the public register only."""
    bodies = _bodies()
    found: dict[int, RegisterEntry] = {}
    ordered = sorted(mediator_ids)
    for start in range(0, len(ordered), EXPORT_BATCH_SIZE):
        batch = db.session.execute(
            _mediator_rows().where(Mediator.id.in_(ordered[start : start + EXPORT_BATCH_SIZE])).order_by(Mediator.id)
        ).all()
        found |= {row.id: entry for row, entry in zip(batch, _entries_of(batch, on, bodies), strict=True)}
    return found


#: The fields of a mediator's public entry, in the export's column order (after ``register_sequence``).
ENTRY_FIELDS = (
    "registration_number",
    "name",
    "status",
    "status_label",
    "accreditation_status",
    "status_since",
    "accrediting_body",
    "valid_from",
    "valid_until",
    "conditions",
    "local_authorities",
    "languages",
    "formats",
    "specialisms",
    "providers",
    "public_email",
    "public_phone",
    "website",
)


def entry_record(entry: RegisterEntry) -> dict[str, Any]:
    """A mediator's public entry as plain data (``ENTRY_FIELDS``): the export's row and the feed's
    ``entry`` are both this. Lists for the many-valued fields, ``None`` where there is nothing."""
    status = entry.status
    state = status.state if status.state and status.state.status not in ("applied", "refused") else None

    def day(value: date | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "registration_number": entry.registration_number,
        "name": entry.display_name,
        "status": status.code,
        "status_label": statuses.MEDIATOR[status.code].label,
        "accreditation_status": state.status if state else None,
        "status_since": day(state.since) if state else None,
        "accrediting_body": entry.body_name if state else None,
        "valid_from": day(state.valid_from) if state else None,
        "valid_until": day(state.valid_until) if state else None,
        "conditions": (state.conditions or None) if state else None,
        "local_authorities": list(entry.areas),
        "languages": list(entry.languages),
        "formats": list(entry.formats),
        "specialisms": list(entry.specialisms),
        "providers": list(entry.providers),
        "public_email": entry.public_email,
        "public_phone": entry.public_phone,
        "website": entry.website,
    }


def register_snapshot(batch_size: int = EXPORT_BATCH_SIZE) -> RegisterSnapshot:
    """Everyone on the public register with their status today, read lazily in batches of ``batch_size``.

    ``sequence`` is read first, so every event up to it is in the entries (see the module docstring)."""
    sequence = latest_sequence()
    today = clock.today()
    return RegisterSnapshot(sequence, today, _entries(today, batch_size))
