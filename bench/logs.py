"""A year of professional log entries for every mediator who holds or held an accreditation.

The demo loader gives only the demo mediator a log. At the design's scale every mediator keeps one,
so the benchmark's database needs millions of entries: this drafts a year for each mediator from the
demo mediator's own entries (``registry.demo.logs``), each kept with probability 0.9 and moved by up
to ten days, so every mediator's year differs. Deterministic (one ``random.Random``
per mediator from the seed and their registration number). About 19 entries per mediator:
1.9 million for 100,000.

Rows go straight into ``log_entries`` through the model's table: PostgreSQL's ``COPY`` there,
SQLAlchemy Core ``executemany`` on SQLite. Mediators that already have a log (the demo mediator) are
left alone. Benchmark data only: nothing in the register calls this.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from random import Random
from typing import Any, cast

from sqlalchemy import Table, insert, select

from registry.demo.logs import ENTRIES, PRACTICE, PRACTICE_TITLES, REFLECTION, REJECTION_NOTE
from registry.extensions import db
from registry.models import Accreditation, LogEntry, Mediator, RoleAssignment
from registry.models.mediators import mediator_areas

HELD = ("accredited", "suspended", "lapsed", "withdrawn", "resigned")  # ever accredited: they keep a log
KEEP = 0.9
JITTER_DAYS = 10
CHUNK = 20_000
COLUMNS = (
    "mediator_id", "kind", "category", "occurred_on", "quarter_hours", "title", "provider", "reflection",
    "annotation", "local_authority_id", "issue_type", "format", "outcome_band", "review_status", "review_note",
    "reviewed_by_id", "reviewed_at", "created_at", "updated_at", "version",
)  # fmt: skip

# (days ago, kind, category, quarter hours, title, provider, review status, practice fields or None)
Template = tuple[int, str, str, int, str, str, str, tuple[str, str, str] | None]


def _templates() -> list[Template]:
    found: list[Template] = [
        (days, kind, category, int(Decimal(hours) * 4), title, provider, status, None)
        for days, kind, category, hours, title, provider, status in ENTRIES
    ]
    found += [
        (days, "practice", "send_mediation", int(Decimal(hours) * 4), PRACTICE_TITLES[issue], "", status,
         (issue, meeting, outcome))
        for days, hours, issue, meeting, outcome, status in PRACTICE
    ]  # fmt: skip
    return found


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def _row(template: Template, mediator_id: int, rng: Random, today: date, areas: list[int], reviewer: int | None
         ) -> tuple[Any, ...]:  # fmt: skip
    days, kind, category, quarters, title, provider, status, practice = template
    days_ago = min(max(days + rng.randint(-JITTER_DAYS, JITTER_DAYS), 1), 364)
    occurred = today - timedelta(days=days_ago)
    reviewed = status != "declared" and reviewer is not None and days_ago > 14
    status = status if reviewed else "declared"
    issue, meeting, outcome = practice or (None, None, None)
    la = rng.choice(areas) if practice and areas else None
    created = _at(occurred, 18)
    reviewed_at = _at(occurred + timedelta(days=rng.randint(3, 14)), 10) if reviewed else None
    return (
        mediator_id, kind, category, occurred, quarters, title, provider, "" if practice else REFLECTION, "",
        la, issue, meeting, outcome, status, REJECTION_NOTE if status == "rejected" else "",
        reviewer if reviewed else None, reviewed_at, created, reviewed_at or created, 1,
    )  # fmt: skip


def _registrar_of_body() -> dict[int, int]:
    rows = db.session.execute(
        select(RoleAssignment.organisation_id, RoleAssignment.user_id)
        .where(RoleAssignment.role == "registrar")
        .order_by(RoleAssignment.user_id.desc())
    )
    return {organisation: user for organisation, user in rows if organisation is not None}


def _mediators() -> tuple[dict[tuple[str, int], int], dict[int, list[int]]]:
    """Each mediator who keeps a log (registration number and id), with the body of their latest
    accreditation; and every mediator's areas."""
    bodies: dict[tuple[str, int], int] = {}
    for number, mediator_id, body_id in db.session.execute(
        select(Mediator.registration_number, Accreditation.mediator_id, Accreditation.body_id)
        .join(Mediator, Mediator.id == Accreditation.mediator_id)
        .where(Accreditation.status.in_(HELD))
        .order_by(Accreditation.id)
    ):
        bodies[number, mediator_id] = body_id
    already = set(db.session.scalars(select(LogEntry.mediator_id).distinct()))
    areas: dict[int, list[int]] = {}
    rows = select(mediator_areas.c.mediator_id, mediator_areas.c.local_authority_id).order_by(
        mediator_areas.c.mediator_id, mediator_areas.c.local_authority_id
    )
    for mediator_id, la_id in db.session.execute(rows):
        areas.setdefault(mediator_id, []).append(la_id)
    return {key: body for key, body in bodies.items() if key[1] not in already}, areas


def draft_rows(seed: int, today: date) -> Iterator[tuple[Any, ...]]:
    """Every entry to write, as tuples in ``COLUMNS`` order. Reads what it needs before it yields the
    first row, so the rows can be written on the connection it read from (COPY holds it meanwhile)."""
    templates = _templates()
    registrars = _registrar_of_body()
    bodies, areas = _mediators()
    return _rows(seed, today, templates, registrars, bodies, areas)


def _rows(seed: int, today: date, templates: list[Template], registrars: dict[int, int],
          bodies: dict[tuple[str, int], int], areas: dict[int, list[int]]) -> Iterator[tuple[Any, ...]]:  # fmt: skip
    for number, mediator_id in sorted(bodies):
        rng = Random(f"{seed}:{number}")  # by number, not id: ids differ between databases
        reviewer = registrars.get(bodies[number, mediator_id])
        for template in templates:
            if rng.random() < KEEP:
                yield _row(template, mediator_id, rng, today, areas.get(mediator_id, []), reviewer)


def _chunks(rows: Iterator[tuple[Any, ...]]) -> Iterator[list[tuple[Any, ...]]]:
    chunk: list[tuple[Any, ...]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def write_year_of_logs(seed: int, today: date) -> int:
    """Write a year of log entries for every mediator who keeps a log, in the caller's transaction."""
    connection = db.session.connection()
    written = 0
    if connection.dialect.name == "postgresql":
        rows = draft_rows(seed, today)
        raw = connection.connection.driver_connection
        assert raw is not None
        with raw.cursor() as cursor, cursor.copy(f"COPY log_entries ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                written += 1
        return written
    statement = insert(cast(Table, LogEntry.__table__))  # Core, not the ORM's slower bulk path
    for chunk in _chunks(draft_rows(seed, today)):
        db.session.execute(statement, [dict(zip(COLUMNS, row, strict=True)) for row in chunk])
        written += len(chunk)
    return written
