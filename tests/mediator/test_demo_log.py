"""The demo mediator's year of log entries: deterministic, idempotent, compliant this period."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from registry.demo.logs import write_demo_log
from registry.domain import compliance, standards
from registry.extensions import db
from registry.models import LogEntry
from tests.mediator.conftest import MediatorWorld


def _log(world: MediatorWorld) -> list[tuple]:
    entries = db.session.scalars(select(LogEntry).where(LogEntry.mediator_id == world.mediator.id))
    return sorted((e.occurred_on, e.kind, e.category, e.quarter_hours, e.title, e.review_status) for e in entries)


def test_a_year_of_entries_written_once(world: MediatorWorld, registrar) -> None:
    added = write_demo_log(world.user)
    first = _log(world)
    assert added == len(first) >= 20
    assert {kind for _, kind, *_ in first} == {"cpd", "supervision", "practice"}
    assert {status for *_, status in first} == {"declared", "verified", "rejected"}
    assert (max(day for day, *_ in first) - min(day for day, *_ in first)).days > 300
    assert write_demo_log(world.user) == 0 and _log(world) == first
    year = compliance.Period(date.today() - timedelta(days=364), date.today())
    assert compliance.assess(world.mediator.id, standards.cpd_scheme(), year).compliant
