"""Fixtures for training programmes: a provider with a trainer, a body with a registrar, mediators,
and programmes brought to a status through the real operations (the movable clock, ``frozen_clock``,
is tests/fixtures/clock.py's)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from sqlalchemy import event

from registry.domain import training
from registry.domain.training import ProgrammeContent
from registry.extensions import db
from registry.models import Mediator, Organisation, TrainingProgramme, User
from tests.fixtures.factories import Factories

SEND_SPECIALIST_CRITERIA = (
    "MS-1.1", "MS-1.2", "MS-1.3", "MS-2.1", "MS-2.2", "MS-2.4", "MS-3.1", "MS-3.4",
    "MS-4.1", "MS-5.2", "MS-5.3", "MS-6.2", "MS-7.2", "MS-7.3", "MS-8.1",
)  # fmt: skip


def content(level: str = "foundation", **changes: object) -> ProgrammeContent:
    """Content that meets the criteria for ``level`` exactly at each threshold, with ``changes``."""
    base: dict[str, object] = {
        "foundation": dict(
            title="Foundation SEND mediation",
            total_hours=Decimal(40),
            practical_hours=Decimal(20),
            delivery_mode="in_person",
            assessment_method="observed_role_play",
            criteria_covered=("MS-1.1", "MS-4.1", "MS-6.1"),
        ),
        "send_specialist": dict(
            title="SEND for family mediators",
            total_hours=Decimal(12),
            practical_hours=Decimal(3),
            delivery_mode="online",
            assessment_method="written",
            criteria_covered=SEND_SPECIALIST_CRITERIA,
        ),
        "cpd_course": dict(
            title="Preparing for adulthood: an update",
            total_hours=Decimal(3),
            practical_hours=Decimal(0),
            delivery_mode="online",
            assessment_method="attendance_only",
            criteria_covered=("MS-2.4",),
            log_hours={"send_law_policy_practice": Decimal(3)},
        ),
    }[level]
    base.update(changes)
    return ProgrammeContent(**base)  # type: ignore[arg-type]


@dataclass
class World:
    provider: Organisation
    trainer: User
    body: Organisation
    registrar: User
    mediator: Mediator


@pytest.fixture
def world(factories: type[Factories]) -> World:
    provider = factories.organisation(kind="training_provider", name="Kestrel Mediation Academy")
    body = factories.organisation(kind="accrediting_body", name="Test Mediation Body")
    return World(
        provider,
        factories.person_with_role("trainer", provider),
        body,
        factories.person_with_role("registrar", body),
        factories.mediator(),
    )


@pytest.fixture
def make_programme(world: World) -> Callable[..., TrainingProgramme]:
    """``make_programme("cpd_course", status="accredited")``: a new programme brought to that status today."""

    def make(level: str = "foundation", status: str = "accredited", **changes: object) -> TrainingProgramme:
        programme = training.submit_programme(world.provider, world.trainer, level, content(level, **changes)).programme
        if status == "submitted":
            return programme
        if status == "refused":
            training.refuse(programme, world.registrar, world.body, reason="Not enough role-play.")
            return programme
        training.accredit(programme, world.registrar, world.body)
        if status == "suspended":
            training.suspend(programme, world.registrar, world.body, reason="Complaint", public_note="Paused.")
        elif status == "withdrawn":
            training.withdraw(programme, world.registrar, world.body, reason="Misconduct")
        return programme

    return make


@dataclass
class QueryCount:
    statements: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries() -> Callable[[], object]:
    """``with count_queries() as counted: ...`` then ``counted.count``: the SQL statements run."""

    @contextmanager
    def counting() -> Iterator[QueryCount]:
        counted = QueryCount()

        def before(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
            counted.statements.append(statement)

        connection = db.session.get_bind()
        event.listen(connection, "before_cursor_execute", before)
        try:
            yield counted
        finally:
            event.remove(connection, "before_cursor_execute", before)

    return counting
