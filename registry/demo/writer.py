"""Writing drafted mediators in bulk: precomputed ids, chunked executemany inserts, no ORM objects.

Ids of the rows that other rows refer to are worked out here (from the highest id in use, and on
PostgreSQL also the id sequence, which is moved past them at the end); link tables and
applications let the database number them.

Accreditation events are held back (as compact tuples) until every mediator is written, then
sorted by record time and numbered from one block reserved on the global ``accreditation_events``
counter, so the sequence follows record order across the whole load.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, insert, select, text, update

from registry.demo.applications import application_rows, declarations_for
from registry.demo.mediators import DEMO_MEDIATOR_SERIAL, MediatorDraft
from registry.domain.accreditation.transitions import MEDIATOR_ACCREDITATION
from registry.domain.lifecycle import fill_status_today
from registry.extensions import db
from registry.models import (
    Accreditation,
    AccreditationApplication,
    AccreditationEvent,
    IndependenceDeclaration,
    Mediator,
    MediatorFormat,
    MediatorLanguage,
    MediatorSpecialism,
    PanelMembership,
    SequenceCounter,
)
from registry.models.mediators import mediator_areas, mediator_providers

CHUNK = 5000
STANDARDS_VERSION = "1.0"
EVENT_SEQUENCE = "accreditation_events"
ID_TABLES = (Mediator, Accreditation, AccreditationEvent, IndependenceDeclaration)


@dataclass
class Links:
    """Database ids the drafts refer to by position."""

    body_ids: tuple[int, int]
    provider_ids: tuple[int, ...]
    registrar_ids: tuple[int, int]
    mediator_user_id: int | None  # linked to the demo mediator, if it is written in this run


@dataclass
class Written:
    mediators: int = 0
    accreditations: int = 0
    events: int = 0
    declarations: int = 0
    applications: int = 0
    pending_events: list[tuple[Any, ...]] = field(default_factory=list)


def _serial_sequence(model: Any) -> str | None:
    """PostgreSQL's sequence behind ``model.id`` (None on SQLite, which needs none)."""
    if db.session.get_bind().dialect.name != "postgresql":
        return None
    name = db.session.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": model.__tablename__})
    return str(name.scalar_one())


def _first_free_id(model: Any) -> int:
    used = int(db.session.execute(select(func.max(model.id))).scalar() or 0)
    sequence = _serial_sequence(model)
    if sequence is not None:  # ids handed out by the sequence may belong to rows not visible to us
        used = max(used, int(db.session.execute(text(f"SELECT last_value FROM {sequence}")).scalar_one()))
    return used + 1


def _insert(target: Any, rows: list[dict[str, Any]]) -> None:
    # A Core insert into the table: the ORM's bulk path would inspect every row again, and leaves
    # out None values, splitting the rows into one INSERT per distinct set of keys.
    statement = insert(getattr(target, "__table__", target))
    for start in range(0, len(rows), CHUNK):
        db.session.execute(statement, rows[start : start + CHUNK])


class _Batch:
    """The rows of one batch of mediators, one list per table."""

    def __init__(self) -> None:
        self.tables: dict[Any, list[dict[str, Any]]] = {
            target: []
            for target in (
                Mediator,
                mediator_areas,
                mediator_providers,
                PanelMembership,
                MediatorLanguage,
                MediatorFormat,
                MediatorSpecialism,
                IndependenceDeclaration,
                Accreditation,
                AccreditationApplication,
            )
        }

    def flush(self) -> None:
        for target, rows in self.tables.items():
            if rows:
                _insert(target, rows)
            rows.clear()


class MediatorWriter:
    def __init__(self, links: Links) -> None:
        self.links = links
        self.first_id = {model: _first_free_id(model) for model in ID_TABLES}
        self.next_id = dict(self.first_id)
        self.written = Written()

    def _take_id(self, model: Any) -> int:
        value = self.next_id[model]
        self.next_id[model] = value + 1
        return value

    def write(self, drafts: Iterable[MediatorDraft], batch_size: int = 2000) -> Written:
        batch = _Batch()
        for count, draft in enumerate(drafts, start=1):
            self._add(batch, draft)
            if count % batch_size == 0:
                batch.flush()
        batch.flush()
        return self.written

    def _add(self, batch: _Batch, draft: MediatorDraft) -> None:
        mediator_id = self._take_id(Mediator)
        profile = draft.profile
        recorded = [story.events[0].recorded_at for story in draft.stories]
        first_recorded = min(at for at in recorded if at is not None)  # histories.py times every event
        batch.tables[Mediator].append(
            {
                "id": mediator_id,
                "registration_number": draft.registration_number,
                "user_id": self.links.mediator_user_id if draft.serial == DEMO_MEDIATOR_SERIAL else None,
                "given_name": profile.given_name,
                "family_name": profile.family_name,
                "display_name": profile.display_name,
                "bio": profile.bio,
                "takes_cases_anywhere": profile.takes_cases_anywhere,
                "created_at": first_recorded,
                "updated_at": first_recorded,
                **profile.contact,
            }
        )
        tables = batch.tables
        tables[mediator_areas].extend({"mediator_id": mediator_id, "local_authority_id": a.id} for a in profile.areas)
        tables[mediator_providers].extend(
            {"mediator_id": mediator_id, "organisation_id": self.links.provider_ids[slot]}
            for slot in profile.provider_slots
        )
        # Each provider link with the consent that makes it public (registry.models.providers).
        tables[PanelMembership].extend(
            {
                "provider_id": self.links.provider_ids[slot],
                "mediator_id": mediator_id,
                "status": "confirmed",
                "asked_at": first_recorded,
                "answered_at": first_recorded,
            }
            for slot in profile.provider_slots
        )
        tables[MediatorLanguage].extend({"mediator_id": mediator_id, "code": code} for code in profile.languages)
        tables[MediatorFormat].extend({"mediator_id": mediator_id, "code": code} for code in profile.formats)
        tables[MediatorSpecialism].extend({"mediator_id": mediator_id, "code": code} for code in profile.specialisms)
        for declaration in draft.declarations:
            row = {key: value for key, value in declaration.items() if key != "organisation_slot"}
            slot = declaration["organisation_slot"]
            row["organisation_id"] = None if slot is None else self.links.provider_ids[slot]
            tables[IndependenceDeclaration].append(
                {"id": self._take_id(IndependenceDeclaration), "mediator_id": mediator_id, **row}
            )
            self.written.declarations += 1
        self._add_accreditations(batch, draft, mediator_id)
        self.written.mediators += 1

    def _add_accreditations(self, batch: _Batch, draft: MediatorDraft, mediator_id: int) -> None:
        mediator_user_id = self.links.mediator_user_id if draft.serial == DEMO_MEDIATOR_SERIAL else None
        health = [
            f"{d['other_body']}: {d['description']}"
            for d in draft.declarations
            if d["other_body"] and d["other_body"].startswith("NHS ")
        ]
        declarations = declarations_for(draft.serial, " ".join(health))
        for story in draft.stories:
            body = draft.body_slot ^ 1 if story.other_body else draft.body_slot
            accreditation_id = self._take_id(Accreditation)
            batch.tables[Accreditation].append(
                {
                    "id": accreditation_id,
                    "mediator_id": mediator_id,
                    "body_id": self.links.body_ids[body],
                    "standards_version": STANDARDS_VERSION,
                    "status": story.status,
                    "valid_from": story.valid_from,
                    "valid_until": story.valid_until,
                    "conditions": story.conditions,
                    "created_at": story.events[0].recorded_at,
                    "version": 1,
                }
            )
            self.written.accreditations += 1
            applications = application_rows(story, accreditation_id, mediator_user_id, declarations)
            batch.tables[AccreditationApplication].extend(applications)
            self.written.applications += len(applications)
            actors = {"registrar": self.links.registrar_ids[body], "mediator": mediator_user_id, None: None}
            self.written.pending_events.extend(
                (
                    event.recorded_at,
                    accreditation_id,
                    event.kind,
                    event.from_status,
                    event.to_status,
                    event.effective_on,
                    actors[event.actor],
                    event.valid_from,
                    event.valid_until,
                    event.conditions,
                    event.reason,
                    event.public_note,
                )
                for event in story.events
            )

    def write_events(self) -> int:
        """Number the held-back events in record order from a reserved block, and insert them."""
        pending = self.written.pending_events
        if not pending:
            return 0
        pending.sort(key=lambda row: (row[0], row[1]))
        first_sequence = reserve_sequence_block(EVENT_SEQUENCE, len(pending))
        first_id = self.next_id[AccreditationEvent]
        columns = (
            "recorded_at", "accreditation_id", "kind", "from_status", "to_status", "effective_on", "actor_id",
            "valid_from", "valid_until", "conditions", "reason", "public_note",
        )  # fmt: skip
        for start in range(0, len(pending), CHUNK):
            rows = [
                {"id": first_id + n, "sequence": first_sequence + n, **dict(zip(columns, row, strict=True))}
                for n, row in enumerate(pending[start : start + CHUNK], start=start)
            ]
            _insert(AccreditationEvent, rows)
        self.next_id[AccreditationEvent] = first_id + len(pending)
        self.written.events = len(pending)
        pending.clear()
        fill_status_today(MEDIATOR_ACCREDITATION)  # the rows' cached status: since when, latest event
        return self.written.events

    def catch_up_id_sequences(self) -> None:
        """PostgreSQL's serial sequences do not see explicit ids: move them past the ids used."""
        for model in ID_TABLES:
            sequence = _serial_sequence(model)
            if sequence is not None and self.next_id[model] > self.first_id[model]:
                db.session.execute(text("SELECT setval(:s, :v)"), {"s": sequence, "v": self.next_id[model] - 1})


def reserve_sequence_block(name: str, count: int) -> int:
    """Take ``count`` consecutive numbers from a named counter in one UPDATE; return the first."""
    statement = (
        update(SequenceCounter)
        .where(SequenceCounter.name == name)
        .values(value=SequenceCounter.value + count)
        .returning(SequenceCounter.value)
    )
    last = db.session.execute(statement).scalar_one_or_none()
    if last is None:
        db.session.execute(insert(SequenceCounter).values(name=name, value=0))
        last = db.session.execute(statement).scalar_one()
    return int(last) - count + 1
